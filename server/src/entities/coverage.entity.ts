import { Column, Entity, PrimaryColumn } from "typeorm";

export type CoveragePriority = "PRIMARY" | "SECONDARY";

@Entity({ name: "coverages" })
export class CoverageEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("text", { name: "member_id" }) memberId!: string;
  @Column({ type: "enum", enumName: "coverage_priority", enum: ["PRIMARY", "SECONDARY"] }) priority!: CoveragePriority;
  @Column("date", { name: "effective_from" }) effectiveFrom!: string;
  @Column("date", { name: "effective_to", nullable: true }) effectiveTo!: string | null;
  /** Keeps the order the client entered coverages in. */
  @Column("integer") position!: number;
}
