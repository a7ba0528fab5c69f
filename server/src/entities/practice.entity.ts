import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import type { UsageIndicator } from "../domain/export/index.js";

@Entity({ name: "practices" })
export class PracticeEntity {
  @PrimaryColumn("uuid") id!: string;
  @Column("text") name!: string;
  @Column("char", { length: 10 }) npi!: string;
  @Column("text") timezone!: string;
  @Column("char", { name: "default_place_of_service", length: 2 }) defaultPlaceOfService!: string;
  @Column("char", { name: "tax_id", length: 9, nullable: true }) taxId!: string | null;
  @Column("text", { name: "taxonomy_code", nullable: true }) taxonomyCode!: string | null;
  @Column("text", { name: "address_line1", nullable: true }) addressLine1!: string | null;
  @Column("text", { name: "address_city", nullable: true }) addressCity!: string | null;
  @Column("char", { name: "address_state", length: 2, nullable: true }) addressState!: string | null;
  @Column("text", { name: "address_zip", nullable: true }) addressZip!: string | null;
  @Column("text", { nullable: true }) phone!: string | null;
  @Column("text", { name: "clearinghouse_name", nullable: true }) clearinghouseName!: string | null;
  @Column("text", { name: "clearinghouse_id", nullable: true }) clearinghouseId!: string | null;
  /** The submitter (1000A, ISA06/GS02) as the clearinghouse enrolled the practice. */
  @Column("text", { name: "submitter_id", nullable: true }) submitterId!: string | null;
  @Column("text", { name: "submitter_name", nullable: true }) submitterName!: string | null;
  @Column("text", { name: "submitter_contact_name", nullable: true }) submitterContactName!: string | null;
  /** ISA15: T while testing with the clearinghouse, P once it accepts production files. */
  @Column("char", { name: "x12_usage_indicator", length: 1, nullable: true }) x12UsageIndicator!: UsageIndicator | null;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
