import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A payer's approval of a number of 90853 units for one client over a date range (both days inclusive).
 * Keyed by client and payer rather than by coverage: coverages are replaced wholesale on every client edit.
 */
@Entity({ name: "prior_authorizations" })
export class PriorAuthorizationEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("text") number!: string;
  @Column("date", { name: "start_date" }) startDate!: string;
  @Column("date", { name: "end_date" }) endDate!: string;
  @Column("integer") units!: number;
  @Column("text", { nullable: true }) note!: string | null;
  @Column("timestamptz", { name: "created_at" }) createdAt!: Date;
}
