import { ArgsType, Field, ID } from "type-graphql";
import type { ClaimIssueCode } from "../../domain/engine/index.js";
import { ClaimIssueCodeEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";

/** The range and narrowing shared by the claim line list and its summary, so both always count the same lines. */
@ArgsType()
export class ClaimLineFilterArgs {
  @Field(() => DateScalar, { description: "First service date (inclusive)." }) from!: string;
  @Field(() => DateScalar, { description: "Last service date (inclusive); at most 366 days after from." }) to!: string;
  @Field(() => ID, { nullable: true, description: "Only this payer's lines." }) payerId?: string | null;
  @Field(() => ClaimIssueCodeEnum, { nullable: true, description: "Only lines this reason blocks (an ERROR with this code)." }) issueCode?: ClaimIssueCode | null;
  @Field(() => ClaimIssueCodeEnum, { nullable: true, description: "Only lines with an issue of this code, an ERROR or a WARNING (e.g. TIMELY_FILING_SOON)." })
  flaggedBy?: ClaimIssueCode | null;
  @Field(() => ID, { nullable: true, description: "Only lines of sessions this clinician led or rendered as supervisor." }) clinicianId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only lines of this group's sessions." }) groupId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this member's lines." }) clientId?: string | null;
  @Field(() => String, { nullable: true, description: "Only lines whose member or group name contains this text (any case)." }) search?: string | null;
}
