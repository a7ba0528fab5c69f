import { Column, Entity, PrimaryColumn } from "typeorm";
import { COVERAGE_PRIORITIES, type CoveragePriority, type Sex, type SubscriberRelationship } from "../domain/engine/index.js";

export type { CoveragePriority };

@Entity({ name: "coverages" })
export class CoverageEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("text", { name: "member_id" }) memberId!: string;
  @Column({ type: "enum", enumName: "coverage_priority", enum: COVERAGE_PRIORITIES }) priority!: CoveragePriority;
  @Column("date", { name: "effective_from" }) effectiveFrom!: string;
  @Column("date", { name: "effective_to", nullable: true }) effectiveTo!: string | null;
  @Column("text") relationship!: SubscriberRelationship;
  /** The insured person, set exactly when relationship is not SELF (a check constraint holds it so). */
  @Column("text", { name: "subscriber_first_name", nullable: true }) subscriberFirstName!: string | null;
  @Column("text", { name: "subscriber_last_name", nullable: true }) subscriberLastName!: string | null;
  @Column("date", { name: "subscriber_date_of_birth", nullable: true }) subscriberDateOfBirth!: string | null;
  @Column("text", { name: "subscriber_sex", nullable: true }) subscriberSex!: Sex | null;
  @Column("text", { name: "subscriber_address_line1", nullable: true }) subscriberAddressLine1!: string | null;
  @Column("text", { name: "subscriber_address_line2", nullable: true }) subscriberAddressLine2!: string | null;
  @Column("text", { name: "subscriber_address_city", nullable: true }) subscriberAddressCity!: string | null;
  @Column("char", { name: "subscriber_address_state", length: 2, nullable: true }) subscriberAddressState!: string | null;
  @Column("text", { name: "subscriber_address_zip", nullable: true }) subscriberAddressZip!: string | null;
  /** Keeps the order the client entered coverages in. */
  @Column("integer") position!: number;
}
