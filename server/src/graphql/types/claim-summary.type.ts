import { Authorized, Field, Int, ObjectType } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import type { ClaimIssueCode } from "../../domain/engine/index.js";
import type { ClaimStatus } from "../../services/claim.service.js";
import { ClaimIssueCodeEnum, ClaimStatusEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";

// Every *Cents field here is billing data: FORBIDDEN for CLINICIAN, who sees the counts only.
const CENTS = "Charges in cents. Billing data: FORBIDDEN for CLINICIAN, so ask for it only with ReadClaims.";

@ObjectType({ description: "Lines and charges in one status." })
export class ClaimStatusTotal {
  @Field(() => ClaimStatusEnum, { description: "The status." }) status!: ClaimStatus;
  @Field(() => Int, { description: "Lines in this status." }) lineCount!: number;
  @Field(() => Int, { description: CENTS })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
}

@ObjectType({ description: "Blocked lines that one reason blocks (a line with several reasons counts under each)." })
export class ClaimIssueTotal {
  @Field(() => ClaimIssueCodeEnum, { description: "The reason (an ERROR)." }) code!: ClaimIssueCode;
  @Field(() => Int, { description: "Blocked lines with this reason." }) lineCount!: number;
  @Field(() => Int, { description: CENTS })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
}

@ObjectType({ description: "Lines of one payer (or of members without coverage) in one status." })
export class ClaimPayerTotal {
  @Field(() => Int, { description: "Lines of this payer." }) lineCount!: number;
  @Field(() => Int, { description: CENTS })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
  payerId!: string | null;
}

@ObjectType({ description: "A session with lines not yet billed." })
export class UnbilledSession {
  @Field(() => DateScalar, { description: "The session's service date." }) serviceDate!: string;
  @Field(() => Int, { description: "Its READY lines." }) readyCount!: number;
  @Field(() => Int, { description: "Its BLOCKED lines." }) blockedCount!: number;
  sessionId!: string;
}

/** Shared by claimSummary and claimDecisions: how a read tells that part of its range is still being recomputed. */
export const STALE_DATES =
  "Service dates of the range whose lines were still waiting to be recomputed when this was read, after a change that touched more of them than a read recomputes itself (a back-dated rules change, a bulk import): their lines and counts are as last stored, or missing if never computed, until the background refresh reaches them (decisionRefresh shows its progress). 0 when every line is current.";

@ObjectType({ description: "Totals of the claim lines of a range: what claimDecisions lists with the same arguments." })
export class ClaimSummary {
  @Field(() => DateScalar, { description: "First service date." }) from!: string;
  @Field(() => DateScalar, { description: "Last service date." }) to!: string;
  @Field(() => Int, { description: "Lines in the range, all statuses." }) lineCount!: number;
  @Field(() => Int, { description: CENTS })
  @Authorized(Permission.ReadClaims)
  chargeCents!: number;
  @Field(() => [ClaimStatusTotal], { description: "READY, BLOCKED and BILLED, in that order (zero totals included)." }) byStatus!: ClaimStatusTotal[];
  @Field(() => [ClaimIssueTotal], { description: "Blocked lines by reason, largest charge first." }) blockedByIssue!: ClaimIssueTotal[];
  @Field(() => [ClaimPayerTotal], { description: "Blocked lines by payer, largest charge first." }) blockedByPayer!: ClaimPayerTotal[];
  @Field(() => [ClaimPayerTotal], { description: "READY lines by payer, largest charge first: what a batch of the range would send to each." })
  readyByPayer!: ClaimPayerTotal[];
  @Field(() => [UnbilledSession], { description: "The earliest sessions with READY or BLOCKED lines (at most 5), oldest first." })
  oldestUnbilled!: UnbilledSession[];
  @Field(() => Int, { description: STALE_DATES })
  staleDates!: number;
}
