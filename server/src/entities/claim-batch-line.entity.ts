import { Column, Entity, PrimaryColumn } from "typeorm";
import type { PayerKind } from "../domain/validation/index.js";

/** A claim line as it was billed: copied from the decision, never recomputed. */
@Entity({ name: "claim_batch_lines" })
export class ClaimBatchLineEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "batch_id" }) batchId!: string;
  @Column("uuid", { name: "decision_id" }) decisionId!: string;
  @Column("uuid", { name: "session_id" }) sessionId!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("boolean") voided!: boolean;
  @Column("integer") position!: number;
  @Column("date", { name: "service_date" }) serviceDate!: string;
  @Column("timestamptz", { name: "session_starts_at" }) sessionStartsAt!: Date;
  @Column("text", { name: "client_first_name" }) clientFirstName!: string;
  @Column("text", { name: "client_last_name" }) clientLastName!: string;
  @Column("date", { name: "client_date_of_birth" }) clientDateOfBirth!: string;
  @Column("text", { name: "member_id" }) memberId!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("text", { name: "payer_name" }) payerName!: string;
  @Column("text", { name: "payer_code" }) payerCode!: string;
  @Column({ type: "enum", enumName: "payer_kind", name: "payer_kind", enum: ["MEDICARE", "MEDICARE_ADVANTAGE", "MEDICAID", "COMMERCIAL", "TRICARE", "OTHER"] })
  payerKind!: PayerKind;
  @Column("uuid", { name: "rule_version_id" }) ruleVersionId!: string;
  @Column("text", { name: "cpt_code" }) cptCode!: string;
  @Column("text", { array: true }) modifiers!: string[];
  @Column("char", { name: "place_of_service", length: 2 }) placeOfService!: string;
  @Column("integer") units!: number;
  @Column("integer", { name: "charge_cents" }) chargeCents!: number;
  @Column("text", { name: "diagnosis_codes", array: true }) diagnosisCodes!: string[];
  @Column("text", { name: "rendering_name" }) renderingName!: string;
  @Column("char", { name: "rendering_npi", length: 10 }) renderingNpi!: string;
  /** Null only on lines billed before rendering providers were recorded by id. */
  @Column("uuid", { name: "rendering_clinician_id", nullable: true }) renderingClinicianId!: string | null;
  /** The unlicensed leader when the rendering provider is their supervisor. */
  @Column("uuid", { name: "supervised_clinician_id", nullable: true }) supervisedClinicianId!: string | null;
  @Column("text", { name: "supervised_name", nullable: true }) supervisedName!: string | null;
  @Column("char", { name: "supervised_npi", length: 10, nullable: true }) supervisedNpi!: string | null;
  /** The prior authorization this line used (REF*G1 on its claim); null when it used none. */
  @Column("uuid", { name: "authorization_id", nullable: true }) authorizationId!: string | null;
  @Column("text", { name: "authorization_number", nullable: true }) authorizationNumber!: string | null;
}
