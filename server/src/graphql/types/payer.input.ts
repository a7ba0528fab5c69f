import { Field, InputType, Int } from "type-graphql";
import { IssueSeverityEnum, ModifierConditionEnum, NoteElementEnum, PayerKindEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import type { PayerKind, ModifierCondition, NoteElement } from "../../domain/validation/index.js";
import type { IssueSeverity } from "../../domain/engine/index.js";

@InputType({ description: "A credential and the modifier it adds." })
export class CredentialModifierInput {
  @Field({ description: "The credential as clinicians record it, e.g. LCSW." }) credential!: string;
  @Field({ description: "Two letters or digits, e.g. AJ." }) modifier!: string;
}

@InputType({ description: "A modifier and when it applies." })
export class ModifierRuleInput {
  @Field({ description: "Two upper-case letters or digits." }) modifier!: string;
  @Field(() => ModifierConditionEnum, { description: "When it applies." }) when!: ModifierCondition;
}

@InputType({ description: "Omitted fields keep their current value (for a new payer: the default); an explicit null clears a nullable one." })
export class PayerRulesInput {
  @Field(() => DateScalar, { nullable: true, description: "First service date the new rules apply to; defaults to today in the practice's time zone." })
  effectiveFrom?: string | null;
  @Field(() => Int, { nullable: true, description: "Fewest members present (2-100)." }) minGroupSize?: number | null;
  @Field(() => Int, { nullable: true, description: "Most members present (up to 100)." }) maxGroupSize?: number | null;
  @Field(() => Int, { nullable: true, description: "Shortest billable session in minutes (1-480), null for none." }) minSessionMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: "Longest session without a warning (1-480), null for none." }) maxSessionMinutes?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether video telehealth is covered." }) telehealthVideoAllowed?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Whether audio-only telehealth is covered." }) telehealthAudioAllowed?: boolean | null;
  @Field(() => String, { nullable: true, description: "02 or 10." }) telehealthPlaceOfService?: string | null;
  @Field(() => [ModifierRuleInput], { nullable: true, description: "Replaces the modifier rules, in claim order." }) modifierRules?: ModifierRuleInput[] | null;
  @Field(() => [CredentialModifierInput], { nullable: true, description: "Replaces the credential modifiers, in claim order (credentials and modifiers are upper-cased)." })
  credentialModifiers?: CredentialModifierInput[] | null;
  @Field(() => [NoteElementEnum], { nullable: true, description: "Replaces the required note sections." }) requiredNoteElements?: NoteElement[] | null;
  @Field(() => Boolean, { nullable: true, description: "Whether notes must be signed." }) requireSignedNote?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the leader must be licensed." }) requireLicensedLeader?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Units per member per day (at least 1)." }) maxUnitsPerDay?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Whether every line needs a prior authorization in force with units left." }) requirePriorAuthorization?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Charge per line in cents (0 or more)." }) feeCents?: number | null;
  @Field(() => Int, { nullable: true, description: "Days after the session within which notes must be signed (0-365); null sets no deadline (NOTE_SIGNED_LATE)." }) signWithinDays?: number | null;
  @Field(() => IssueSeverityEnum, { nullable: true, description: "WARNING (still billable) or ERROR (blocked) for a note signed after signWithinDays." }) lateSignatureSeverity?: IssueSeverity | null;
  @Field(() => Boolean, { nullable: true, description: "Whether telehealth place of service follows where the member was (10 at home, 02 elsewhere) when attendance records it, instead of telehealthPlaceOfService." })
  telehealthPosByLocation?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Whether to warn when the group documentation or a note reads as a class (DOCUMENTATION_READS_AS_CLASS)." }) warnClassLikeDocumentation?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the payer pays interactive complexity (90785) as an add-on line with a flagged member's 90853; needs interactiveComplexityFeeCents above 0." })
  allowInteractiveComplexity?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Charge of a 90785 add-on line in cents (0 or more; more than 0 while allowInteractiveComplexity)." })
  interactiveComplexityFeeCents?: number | null;
  @Field(() => Int, { nullable: true, description: "Fewest minutes a member must attend (1-480); null sets no minimum (ATTENDANCE_TOO_SHORT)." }) minAttendedMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: "Least share of the session a member must attend, in percent (1-100); null sets no minimum (ATTENDANCE_TOO_SHORT)." }) minAttendedPercent?: number | null;
  @Field(() => Int, { nullable: true, description: "Most units per member in a Sunday-Saturday week of service dates (1-168); null sets no weekly limit (FREQUENCY_LIMIT)." }) maxUnitsPerWeek?: number | null;
  @Field(() => Int, { nullable: true, description: "Most units per member in a calendar month of service dates (1-744); null sets no monthly limit (FREQUENCY_LIMIT)." }) maxUnitsPerMonth?: number | null;
  @Field(() => Int, { nullable: true, description: "Days after the date of service the payer accepts claims, the last day included (1-3650); null sets no window (TIMELY_FILING_SOON, TIMELY_FILING_EXPIRED)." }) timelyFilingDays?: number | null;
}

@InputType({ description: "A new payer and, optionally, its first rules." })
export class CreatePayerInput {
  @Field({ description: "Unique in the practice." }) name!: string;
  @Field(() => PayerKindEnum, { description: "The kind of insurer; MEDICAID adds HQ by default." }) kind!: PayerKind;
  @Field({ description: "The payer id used on claims." }) payerCode!: string;
  @Field(() => PayerRulesInput, { nullable: true, description: "Overrides of the default rules." }) rules?: PayerRulesInput | null;
}

@InputType({ description: "Renames a payer or changes its claim id; omitted fields are kept." })
export class UpdatePayerInput {
  @Field(() => String, { nullable: true, description: "New name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "New payer id for claims." }) payerCode?: string | null;
}
