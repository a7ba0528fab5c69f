import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import type { Sex } from "../domain/engine/index.js";

@Entity({ name: "clients" })
export class ClientEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text", { name: "first_name" }) firstName!: string;
  @Column("text", { name: "last_name" }) lastName!: string;
  @Column("date", { name: "date_of_birth" }) dateOfBirth!: string;
  @Column("text", { name: "diagnosis_codes", array: true }) diagnosisCodes!: string[];
  @Column("text", { nullable: true }) sex!: Sex | null;
  /** The address is all set or all null (line2 optional), as the table's check holds it. */
  @Column("text", { name: "address_line1", nullable: true }) addressLine1!: string | null;
  @Column("text", { name: "address_line2", nullable: true }) addressLine2!: string | null;
  @Column("text", { name: "address_city", nullable: true }) addressCity!: string | null;
  @Column("char", { name: "address_state", length: 2, nullable: true }) addressState!: string | null;
  @Column("text", { name: "address_zip", nullable: true }) addressZip!: string | null;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" }) updatedAt!: Date;
}
