import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import { PAYER_KINDS, type PayerKind } from "../domain/validation/index.js";

@Entity({ name: "payers" })
export class PayerEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text") name!: string;
  @Column({ type: "enum", enumName: "payer_kind", enum: PAYER_KINDS })
  kind!: PayerKind;
  @Column("text", { name: "payer_code" }) payerCode!: string;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
