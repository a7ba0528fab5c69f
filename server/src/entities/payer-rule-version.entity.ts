import { Column, Entity, PrimaryColumn } from "typeorm";
import type { IssueSeverity } from "../domain/engine/index.js";
import type { ModifierCondition, NoteElement } from "../domain/validation/index.js";

/** One immutable version of a payer's billing rules; a change adds a row and never edits one. */
@Entity({ name: "payer_rule_versions" })
export class PayerRuleVersionEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "payer_id" }) payerId!: string;
  @Column("date", { name: "effective_from" }) effectiveFrom!: string;
  @Column("integer", { name: "min_group_size" }) minGroupSize!: number;
  @Column("integer", { name: "max_group_size" }) maxGroupSize!: number;
  @Column("integer", { name: "min_session_minutes", nullable: true }) minSessionMinutes!: number | null;
  @Column("integer", { name: "max_session_minutes", nullable: true }) maxSessionMinutes!: number | null;
  @Column("boolean", { name: "telehealth_video_allowed" }) telehealthVideoAllowed!: boolean;
  @Column("boolean", { name: "telehealth_audio_allowed" }) telehealthAudioAllowed!: boolean;
  @Column("char", { name: "telehealth_place_of_service", length: 2 }) telehealthPlaceOfService!: string;
  @Column("jsonb", { name: "modifier_rules" }) modifierRules!: { modifier: string; when: ModifierCondition }[];
  @Column("text", { name: "required_note_elements", array: true }) requiredNoteElements!: NoteElement[];
  @Column("boolean", { name: "require_signed_note" }) requireSignedNote!: boolean;
  @Column("boolean", { name: "require_licensed_leader" }) requireLicensedLeader!: boolean;
  @Column("integer", { name: "max_units_per_day" }) maxUnitsPerDay!: number;
  @Column("integer", { name: "fee_cents" }) feeCents!: number;
  @Column("boolean", { name: "require_prior_authorization" }) requirePriorAuthorization!: boolean;
  @Column("integer", { name: "min_attended_minutes", nullable: true }) minAttendedMinutes!: number | null;
  @Column("integer", { name: "min_attended_percent", nullable: true }) minAttendedPercent!: number | null;
  @Column("boolean", { name: "warn_class_like_documentation" }) warnClassLikeDocumentation!: boolean;
  @Column("integer", { name: "sign_within_days", nullable: true }) signWithinDays!: number | null;
  @Column("boolean", { name: "telehealth_pos_by_location" }) telehealthPosByLocation!: boolean;
  @Column("boolean", { name: "allow_interactive_complexity" }) allowInteractiveComplexity!: boolean;
  @Column("integer", { name: "interactive_complexity_fee_cents" }) interactiveComplexityFeeCents!: number;
  @Column("jsonb", { name: "credential_modifiers" }) credentialModifiers!: { credential: string; modifier: string }[];
  @Column("text", { name: "late_signature_severity" }) lateSignatureSeverity!: IssueSeverity;
  @Column("integer", { name: "max_units_per_week", nullable: true }) maxUnitsPerWeek!: number | null;
  @Column("integer", { name: "max_units_per_month", nullable: true }) maxUnitsPerMonth!: number | null;
  @Column("integer", { name: "timely_filing_days", nullable: true }) timelyFilingDays!: number | null;
  @Column("timestamptz", { name: "created_at" }) createdAt!: Date;
  @Column("uuid", { name: "created_by", nullable: true }) createdBy!: string | null;
}
