import { Column, Entity, PrimaryColumn } from "typeorm";
import type { OtherPayer } from "../domain/export/types.js";
import type { AddOnLine, ClaimIssue, PostalAddressFacts, Sex, SubscriberFacts, SubscriberRelationship } from "../domain/engine/index.js";
import { PAYER_KINDS, type PayerKind } from "../domain/validation/index.js";

/** A claim line as it was billed: copied from the decision, never recomputed. */
@Entity({ name: "claim_batch_lines" })
export class ClaimBatchLineEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "batch_id" }) batchId!: string;
  @Column("uuid", { name: "decision_id" }) decisionId!: string;
  /** CLM01: at most 20 characters, unique in the practice; remittances (835 CLP01) point back with it. */
  @Column("text", { name: "patient_control_number" }) patientControlNumber!: string;
  @Column("uuid", { name: "session_id" }) sessionId!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("boolean") voided!: boolean;
  @Column("integer") position!: number;
  @Column("date", { name: "service_date" }) serviceDate!: string;
  @Column("timestamptz", { name: "session_starts_at" }) sessionStartsAt!: Date;
  @Column("text", { name: "client_first_name" }) clientFirstName!: string;
  @Column("text", { name: "client_last_name" }) clientLastName!: string;
  @Column("date", { name: "client_date_of_birth" }) clientDateOfBirth!: string;
  /** Null only on lines billed before sex and address were recorded. */
  @Column("text", { name: "client_sex", nullable: true }) clientSex!: Sex | null;
  @Column("jsonb", { name: "client_address", nullable: true }) clientAddress!: PostalAddressFacts | null;
  @Column("text", { name: "subscriber_relationship" }) subscriberRelationship!: SubscriberRelationship;
  /** The insured person as billed; null exactly when the client is the insured (SELF). */
  @Column("jsonb", { nullable: true }) subscriber!: SubscriberFacts | null;
  @Column("text", { name: "member_id" }) memberId!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("text", { name: "payer_name" }) payerName!: string;
  @Column("text", { name: "payer_code" }) payerCode!: string;
  @Column({ type: "enum", enumName: "payer_kind", name: "payer_kind", enum: PAYER_KINDS })
  payerKind!: PayerKind;
  @Column("uuid", { name: "rule_version_id" }) ruleVersionId!: string;
  @Column("text", { name: "cpt_code" }) cptCode!: string;
  @Column("text", { array: true }) modifiers!: string[];
  @Column("char", { name: "place_of_service", length: 2 }) placeOfService!: string;
  @Column("integer") units!: number;
  /** The 90853 line's charge; the claim's total (CLM02) adds addOnChargeCents. */
  @Column("integer", { name: "charge_cents" }) chargeCents!: number;
  /** Service lines billed after the 90853 line on the same claim (e.g. 90785), in claim order. */
  @Column("jsonb", { name: "add_on_lines" }) addOnLines!: AddOnLine[];
  /** The sum of addOnLines' charges. */
  @Column("integer", { name: "add_on_charge_cents" }) addOnChargeCents!: number;
  @Column("text", { name: "diagnosis_codes", array: true }) diagnosisCodes!: string[];
  @Column("text", { name: "rendering_name" }) renderingName!: string;
  @Column("char", { name: "rendering_npi", length: 10 }) renderingNpi!: string;
  @Column("text", { name: "rendering_first_name", nullable: true }) renderingFirstName!: string | null;
  @Column("text", { name: "rendering_last_name" }) renderingLastName!: string;
  @Column("text", { name: "rendering_taxonomy_code", nullable: true }) renderingTaxonomyCode!: string | null;
  /** The session's supervisor when someone else renders (837P 2310D); null otherwise. */
  @Column("uuid", { name: "supervisor_clinician_id", nullable: true }) supervisorClinicianId!: string | null;
  @Column("text", { name: "supervisor_first_name", nullable: true }) supervisorFirstName!: string | null;
  @Column("text", { name: "supervisor_last_name", nullable: true }) supervisorLastName!: string | null;
  @Column("char", { name: "supervisor_npi", length: 10, nullable: true }) supervisorNpi!: string | null;
  /** Null only on lines billed before rendering providers were recorded by id. */
  @Column("uuid", { name: "rendering_clinician_id", nullable: true }) renderingClinicianId!: string | null;
  /** The unlicensed leader when the rendering provider is their supervisor. */
  @Column("uuid", { name: "supervised_clinician_id", nullable: true }) supervisedClinicianId!: string | null;
  @Column("text", { name: "supervised_name", nullable: true }) supervisedName!: string | null;
  @Column("char", { name: "supervised_npi", length: 10, nullable: true }) supervisedNpi!: string | null;
  /** The prior authorization this line used (REF*G1 on its claim); null when it used none. */
  @Column("uuid", { name: "authorization_id", nullable: true }) authorizationId!: string | null;
  @Column("text", { name: "authorization_number", nullable: true }) authorizationNumber!: string | null;
  /** The line's issues (warnings: a READY line has no errors) when it was billed; what predicted-vs-actual compares a denial with. */
  @Column("jsonb") issues!: ClaimIssue[];
  /** CLM05-3: "1" an original claim, "7" the replacement of replacesLineId (a line of a voided batch that was sent). */
  @Column("char", { name: "frequency_code", length: 1 }) frequencyCode!: "1" | "7";
  @Column("uuid", { name: "replaces_line_id", nullable: true }) replacesLineId!: string | null;
  /** "P" billed to the member's primary payer; "S" to the secondary, after the primary line primaryLineId was adjudicated. */
  @Column("char", { name: "payer_sequence", length: 1 }) payerSequence!: "P" | "S";
  @Column("uuid", { name: "primary_line_id", nullable: true }) primaryLineId!: string | null;
  /** The primary's adjudication as it stood when the secondary line was made (loops 2320/2330 of its claim). */
  @Column("jsonb", { name: "other_payer", nullable: true }) otherPayer!: OtherPayer | null;
}
