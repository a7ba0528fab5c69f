import { Field, ID, Int, ObjectType } from "type-graphql";
import { IssueSeverityEnum, ModifierConditionEnum, NoteElementEnum, PayerKindEnum } from "../enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";
import type { PayerKind, ModifierCondition, NoteElement, PayerRulesPatch } from "../../domain/validation/index.js";
import type { IssueSeverity, RuleVersion } from "../../domain/engine/index.js";
import type { PayerRulesInput } from "./payer.input.js";

@ObjectType({ description: "Adds a modifier to a payer's 90853 lines, always or for one modality." })
export class ModifierRule {
  @Field({ description: "Two upper-case letters or digits, e.g. HQ, 95, GT, AJ." }) modifier!: string;
  @Field(() => ModifierConditionEnum, { description: "When the modifier applies." }) when!: ModifierCondition;
}

@ObjectType({ description: "Adds a modifier to a payer's lines whose rendering clinician holds a credential." })
export class CredentialModifier {
  @Field({ description: "The credential, upper case, e.g. LCSW." }) credential!: string;
  @Field({ description: "Two upper-case letters or digits, e.g. AJ, HO." }) modifier!: string;
}

@ObjectType({ description: "One immutable version of a payer's billing rules, in force from `effectiveFrom` until a later version." })
export class PayerRules {
  @Field(() => ID, { description: "The version's id." }) id!: string;
  @Field(() => DateScalar, { description: "First service date this version applies to; 0001-01-01 for a payer's first rules set up without a date, which hold since always." }) effectiveFrom!: string;
  @Field(() => Int, { description: "Fewest members present for a billable group (at least 2)." }) minGroupSize!: number;
  @Field(() => Int, { description: "Most members present for a billable group." }) maxGroupSize!: number;
  @Field(() => Int, { nullable: true, description: "Shortest billable session in minutes; null for no minimum." }) minSessionMinutes!: number | null;
  @Field(() => Int, { nullable: true, description: "Longer sessions get a warning; null for no maximum." }) maxSessionMinutes!: number | null;
  @Field({ description: "Whether video telehealth sessions are covered." }) telehealthVideoAllowed!: boolean;
  @Field({ description: "Whether audio-only telehealth sessions are covered." }) telehealthAudioAllowed!: boolean;
  @Field({ description: "Place of service on telehealth lines: 02 (not in the home) or 10 (in the home)." }) telehealthPlaceOfService!: string;
  @Field(() => [ModifierRule], { description: "Modifiers to add, in claim order." }) modifierRules!: ModifierRule[];
  @Field(() => [CredentialModifier], { description: "Modifiers by the rendering clinician's credential, added in this order after the modifier rules' (e.g. LCSW → AJ)." })
  credentialModifiers!: CredentialModifier[];
  @Field(() => [NoteElementEnum], { description: "Sections every member's note must fill in." }) requiredNoteElements!: NoteElement[];
  @Field({ description: "Whether the member's note must be signed before billing." }) requireSignedNote!: boolean;
  @Field({ description: "Whether the session's leader must hold a current license." }) requireLicensedLeader!: boolean;
  @Field(() => Int, { description: "Most 90853 units one member may be billed per day to this payer." }) maxUnitsPerDay!: number;
  @Field(() => Int, { description: "Charge per line in cents." }) feeCents!: number;
  @Field({ description: "Whether every line needs a prior authorization for the member with this payer, in force on the date of service with units left (AUTH_REQUIRED, AUTH_EXHAUSTED)." })
  requirePriorAuthorization!: boolean;
  @Field(() => Int, { nullable: true, description: "Days after the date of service within which a member's note must be signed; null when the payer sets no deadline (NOTE_SIGNED_LATE)." })
  signWithinDays?: number | null;
  @Field(() => IssueSeverityEnum, { description: "How a note signed after signWithinDays is reported: WARNING (still billable) or ERROR (blocked)." })
  lateSignatureSeverity!: IssueSeverity;
  @Field({ description: "Whether telehealth place of service follows where the member was (10 at home, 02 elsewhere) when attendance records it; otherwise telehealthPlaceOfService for every telehealth line." })
  telehealthPosByLocation!: boolean;
  @Field({ description: "Whether lines warn when the group documentation or the member's note reads as a class: didactic words and no therapeutic intervention named (DOCUMENTATION_READS_AS_CLASS)." })
  warnClassLikeDocumentation!: boolean;
  @Field({ description: "Whether the payer pays interactive complexity (90785) as an add-on line with the 90853 line of a member flagged for it; otherwise a flagged member's line warns INTERACTIVE_COMPLEXITY_NOT_COVERED." })
  allowInteractiveComplexity!: boolean;
  @Field(() => Int, { description: "Charge of a 90785 add-on line in cents (0 while the payer does not pay it)." })
  interactiveComplexityFeeCents!: number;
  @Field(() => Int, { nullable: true, description: "Fewest minutes a member must attend for their line to be paid; null when the payer sets no minimum (ATTENDANCE_TOO_SHORT)." })
  minAttendedMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: "Least share of the session, in percent, a member must attend for their line to be paid; null when the payer sets none (ATTENDANCE_TOO_SHORT)." })
  minAttendedPercent?: number | null;
  @Field(() => Int, { nullable: true, description: "Most units per member in a week, Sunday to Saturday of the service dates in the practice's time zone, counted like daily units (billed lines first, then lines with no other error in date and start order); null when the payer sets none (FREQUENCY_LIMIT)." })
  maxUnitsPerWeek?: number | null;
  @Field(() => Int, { nullable: true, description: "Most units per member in a calendar month of the service dates, counted like maxUnitsPerWeek; null when the payer sets none (FREQUENCY_LIMIT)." })
  maxUnitsPerMonth?: number | null;
  @Field(() => Int, { nullable: true, description: "Days after the date of service the payer accepts a claim: the deadline is the date of service plus this many days, that day included. Unbilled lines warn from 14 days before the deadline through the deadline (TIMELY_FILING_SOON) and are blocked after it (TIMELY_FILING_EXPIRED); null when the payer sets no window." })
  timelyFilingDays?: number | null;
  @Field(() => DateTimeScalar, { description: "When this version was saved." }) createdAt!: Date;
}

/**
 * The rules' shape is the domain's (RuleVersion; a patch of it for the input): a rule added on one side and not the
 * other fails to compile here, so the API, the engine and the validation cannot drift apart.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : never;
const rulesMatchTheDomain: SameKeys<PayerRules, RuleVersion> = true;
const rulesInputMatchesTheDomain: SameKeys<PayerRulesInput, PayerRulesPatch> = true;
void [rulesMatchTheDomain, rulesInputMatchesTheDomain];

@ObjectType({ description: "An insurer the practice bills, with its versioned rules." })
export class Payer {
  @Field(() => ID, { description: "The payer's id." }) id!: string;
  @Field({ description: "The payer's name, unique in the practice." }) name!: string;
  @Field(() => PayerKindEnum, { description: "The kind of insurer." }) kind!: PayerKind;
  @Field({ description: "The payer id used on claims (837P 2010BB NM109)." }) payerCode!: string;
}
