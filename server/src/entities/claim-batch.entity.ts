import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import type { UsageIndicator } from "../domain/export/index.js";

@Entity({ name: "claim_batches" })
export class ClaimBatchEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text", { name: "idempotency_key" }) idempotencyKey!: string;
  @Column("integer", { name: "control_number" }) controlNumber!: number;
  @Column("date", { name: "from_date" }) from!: string;
  @Column("date", { name: "to_date" }) to!: string;
  @Column("uuid", { name: "payer_id", nullable: true }) payerId!: string | null;
  @Column("integer", { name: "line_count" }) lineCount!: number;
  @Column("bigint", { name: "total_charge_cents", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) totalChargeCents!: number;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
  @Column("uuid", { name: "created_by" }) createdBy!: string;
  @Column("timestamptz", { name: "voided_at", nullable: true }) voidedAt!: Date | null;
  @Column("uuid", { name: "voided_by", nullable: true }) voidedBy!: string | null;
  /** ISA15 the batch's 837P carries, taken from the practice when the batch was made. */
  @Column("char", { name: "usage_indicator", length: 1 }) usageIndicator!: UsageIndicator;
  /** The first time its 837P was written: from then on the payer may hold its claims (the batch is "sent"). */
  @Column("timestamptz", { name: "exported_at", nullable: true }) exportedAt!: Date | null;
  /** ISA13 of the void-claims file of a voided sent batch, taken from the practice's sequence when first written. */
  @Column("integer", { name: "void_control_number", nullable: true }) voidControlNumber!: number | null;
  /** When the void-claims file was first written: later rebills of its lines are new originals. */
  @Column("timestamptz", { name: "void_exported_at", nullable: true }) voidExportedAt!: Date | null;
}
