import { Authorized, Field, ID, Int, ObjectType } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import type { ClaimIssueCode, IssueSeverity, NoteElement } from "../../domain/engine/index.js";
import type { ClaimStatus } from "../../services/claim.service.js";
import { ClaimIssueCodeEnum, ClaimStatusEnum, IssueSeverityEnum, NoteElementEnum } from "../enums.js";

@ObjectType({ description: "A reason a payer would deny or question a line, in plain words." })
export class ClaimIssue {
  @Field(() => ClaimIssueCodeEnum, { description: "What is wrong." }) code!: ClaimIssueCode;
  @Field(() => IssueSeverityEnum, { description: "ERROR blocks the line; WARNING does not." }) severity!: IssueSeverity;
  @Field({ description: "What is wrong and how to fix it." }) message!: string;
  @Field(() => NoteElementEnum, { nullable: true, description: "For NOTE_INCOMPLETE: the missing note section." }) element!: NoteElement | null;
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
  @Field(() => [ClaimIssue], { description: "Every problem found, errors and warnings." }) issues!: ClaimIssue[];
  @Field(() => ID, { nullable: true, description: "The claim batch that billed this line, when BILLED. Billing data: FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadClaims)
  batchId!: string | null;
  sessionId!: string;
  clientId!: string;
  payerId!: string | null;
}

@ObjectType({ description: "One line whose status a rules change would change." })
export class RulesImpactChange {
  @Field(() => ClaimStatusEnum, { description: "Status under the current rules." }) before!: ClaimStatus;
  @Field(() => ClaimStatusEnum, { description: "Status under the proposed rules." }) after!: ClaimStatus;
  @Field(() => [ClaimIssueCodeEnum], { description: "Issue codes under the proposed rules." }) issueCodes!: ClaimIssueCode[];
  sessionId!: string;
  clientId!: string;
}

@ObjectType({ description: "What a proposed rules change would do to the payer's existing lines; nothing is saved." })
export class RulesImpact {
  @Field(() => Int, { description: "Lines of this payer evaluated." }) decisionsEvaluated!: number;
  @Field(() => Int, { description: "Lines that would go from READY to BLOCKED." }) newlyBlocked!: number;
  @Field(() => Int, { description: "Lines that would go from BLOCKED to READY." }) newlyReady!: number;
  @Field(() => Int, { description: "Lines whose status would not change." }) unchanged!: number;
  @Field(() => [RulesImpactChange], { description: "The lines that would change." }) changes!: RulesImpactChange[];
}
