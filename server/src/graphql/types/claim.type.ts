import { Authorized, Field, ID, Int, ObjectType } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import type { ClaimIssueCode, IssueSeverity, NoteElement, RegistrationItem } from "../../domain/engine/index.js";
import type { ClaimStatus, LineChange } from "../../services/claim.service.js";
import { ClaimIssueCodeEnum, ClaimStatusEnum, IssueSeverityEnum, NoteElementEnum, RegistrationItemEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";

@ObjectType({ description: "A reason a payer would deny or question a line, in plain words." })
export class ClaimIssue {
  @Field(() => ClaimIssueCodeEnum, { description: "What is wrong." }) code!: ClaimIssueCode;
  @Field(() => IssueSeverityEnum, { description: "ERROR blocks the line; WARNING does not." }) severity!: IssueSeverity;
  @Field({ description: "What is wrong and how to fix it." }) message!: string;
  @Field(() => NoteElementEnum, { nullable: true, description: "For NOTE_INCOMPLETE: the missing note section." }) element!: NoteElement | null;
  @Field(() => [RegistrationItemEnum], {
    nullable: true,
    description: "For MISSING_REGISTRATION: what the claim lacks, in the order the client's record shows it (where its fix is); null for other reasons.",
  })
  missingRegistration?: RegistrationItem[] | null;
}

@ObjectType({ description: "A service line billed on the member's claim after the 90853 line, e.g. 90785 interactive complexity (837P LX 2)." })
export class ClaimAddOnLine {
  @Field({ description: "The add-on code, e.g. 90785." }) cptCode!: string;
  @Field(() => [String], { description: "Modifiers in claim order (the 90853 line's)." }) modifiers!: string[];
  @Field({ description: "Place of service (the 90853 line's)." }) placeOfService!: string;
  @Field(() => Int, { description: "Units: one per session." }) units!: number;
  @Field(() => Int, { description: "Charge in cents (the payer's fee for the add-on). Billing data: FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
  @Field(() => String, { nullable: true, description: "Why it applies, as attendance recorded it; null on lines read from a claim batch, which sends no reason." })
  reason!: string | null;
}

@ObjectType({ description: "The claim line for one present member of one session: READY, BLOCKED (with reasons) or BILLED." })
export class ClaimDecision {
  @Field(() => ID, { description: "Stable for a session and client." }) id!: string;
  @Field(() => ClaimStatusEnum, { description: "READY, BLOCKED or BILLED." }) status!: ClaimStatus;
  @Field({ description: "Always 90853 (group psychotherapy)." }) cptCode!: string;
  @Field(() => [String], { description: "Codes to use instead, when 90853 does not fit (e.g. 90834 for one member)." }) suggestedCptCodes!: string[];
  @Field(() => [String], { description: "Modifiers in claim order (at most 4 fit on a line)." }) modifiers!: string[];
  @Field({ description: "Place of service." }) placeOfService!: string;
  @Field(() => Int, { description: "Units: one per session." }) units!: number;
  @Field(() => [String], { description: "The member's diagnosis codes (at most 12)." }) diagnosisCodes!: string[];
  // Money and batches are for the roles that read claims. Clinicians reach lines through their sessions for
  // status and issues; these fields answer FORBIDDEN to them rather than a made-up 0 or a misleading null.
  @Field(() => Int, { description: "Charge in cents (the payer's fee). Billing data: FORBIDDEN for CLINICIAN, so ask for it only with ReadClaims." })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
  @Field(() => [ClaimAddOnLine], { description: "Add-on service lines billed on the same claim after this 90853 line (e.g. 90785 interactive complexity), in claim order; usually none." })
  addOnLines!: ClaimAddOnLine[];
  @Field(() => [ClaimIssue], { description: "Every problem found, errors and warnings." }) issues!: ClaimIssue[];
  @Field(() => ID, { nullable: true, description: "The claim batch that billed this line, when BILLED. Billing data: FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadClaims)
  batchId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "On a claim batch's lines: the patient control number the claim was sent with (837P CLM01, at most 20 characters, unique in the practice); remittances name the line by it. Null on lines read outside a batch. Billing data: FORBIDDEN for CLINICIAN.",
  })
  @Authorized(Permission.ReadClaims)
  patientControlNumber?: string | null;
  @Field(() => [NoteElementEnum], { description: "The note elements the line's payer requires on the member's note (empty without coverage)." })
  requiredNoteElements!: NoteElement[];
  @Field(() => String, { nullable: true, description: "The prior authorization number the line is billed under (REF*G1); null when it uses none." })
  authorizationNumber!: string | null;
  sessionId!: string;
  clientId!: string;
  payerId!: string | null;
  /** Null only for lines billed before rendering providers were recorded by id. */
  renderingClinicianId!: string | null;
  supervisedClinicianId!: string | null;
}

@ObjectType({ description: "What a line would send and why, on one side of a rules change." })
export class ClaimLineContents {
  @Field(() => ClaimStatusEnum, { description: "READY or BLOCKED (or BILLED)." }) status!: ClaimStatus;
  @Field(() => Int, { description: "Charge in cents." }) chargeCents!: number;
  @Field(() => [String], { description: "Modifiers in claim order." }) modifiers!: string[];
  @Field({ description: "Place of service." }) placeOfService!: string;
  @Field(() => [ClaimIssueCodeEnum], { description: "Issue codes, errors and warnings." }) issueCodes!: ClaimIssueCode[];
  @Field(() => [String], { description: "Codes of the add-on lines on the same claim (e.g. 90785), in claim order." }) addOnCodes!: string[];
}

@ObjectType({ description: "One line a rules change would change: its status, or what it sends (charge, modifiers, place of service), or its reasons." })
export class RulesImpactChange {
  @Field(() => ClaimStatusEnum, { description: "Status under the current rules." }) before!: ClaimStatus;
  @Field(() => ClaimStatusEnum, { description: "Status under the proposed rules." }) after!: ClaimStatus;
  @Field(() => [ClaimIssueCodeEnum], { description: "Issue codes under the proposed rules." }) issueCodes!: ClaimIssueCode[];
  @Field(() => [String], { description: "What changes: any of status, chargeCents, modifiers, placeOfService, issues, addOnLines." }) changedFields!: LineChange[];
  @Field(() => ClaimLineContents, { description: "The line under the current rules." }) beforeLine!: ClaimLineContents;
  @Field(() => ClaimLineContents, { description: "The line under the proposed rules." }) afterLine!: ClaimLineContents;
  sessionId!: string;
  clientId!: string;
}

@ObjectType({ description: "A stretch of service dates billed under one rules version once the proposal is saved." })
export class RulesTimelineSegment {
  @Field(() => DateScalar, { description: "First date of the stretch." }) from!: string;
  @Field(() => DateScalar, { description: "Last date of the stretch." }) to!: string;
  @Field(() => ID, { nullable: true, description: "The governing version; null for the proposal itself or when no rules are in force." }) ruleVersionId!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "The governing version's effectiveFrom; null when no rules are in force." }) effectiveFrom!: string | null;
  @Field({ description: "Whether the proposed rules govern these dates." }) proposed!: boolean;
}

@ObjectType({ description: "What a proposed rules change would do to the payer's existing lines; nothing is saved." })
export class RulesImpact {
  @Field(() => Int, { description: "Lines of this payer evaluated." }) decisionsEvaluated!: number;
  @Field(() => Int, { description: "Lines that would go from READY to BLOCKED." }) newlyBlocked!: number;
  @Field(() => Int, { description: "Lines that would go from BLOCKED to READY." }) newlyReady!: number;
  @Field(() => Int, { description: "Lines whose status stays but whose charge, modifiers, place of service or reasons would change." }) otherwiseChanged!: number;
  @Field(() => Int, { description: "Lines that would not change at all (billed lines are frozen and count here)." }) unchanged!: number;
  @Field(() => [RulesImpactChange], { description: "The lines that would change." }) changes!: RulesImpactChange[];
  @Field(() => [RulesTimelineSegment], { description: "Which rules version would govern each date of the range, in date order." }) timeline!: RulesTimelineSegment[];
}

@ObjectType({ description: "How far the stored claim decisions are behind the practice's data; they catch up in the background." })
export class DecisionRefresh {
  @Field(() => Int, { description: "Service dates whose lines wait to be recomputed (0 when everything is current). A read recomputes the dates it covers first." })
  staleDates!: number;
  @Field(() => DateScalar, { nullable: true, description: "The earliest service date waiting; null when none." }) oldestStaleDate!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "The latest service date waiting; null when none." }) newestStaleDate!: string | null;
}
