import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { CLAIM_OUTCOMES, type ClaimOutcome } from "../../domain/remittance/index.js";
import { domainEnum } from "../enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

export const RemittanceOutcomeEnum = domainEnum(
  CLAIM_OUTCOMES,
  "RemittanceOutcome",
  "What the payer did with a claim: PAID, PARTIALLY_PAID (some money refused for a fixable reason), DENIED, or REVERSED (an earlier payment taken back).",
  {
    PAID: "Paid as billed, apart from contractual adjustments and patient responsibility.",
    PARTIALLY_PAID: "Paid in part; some money was refused for a reason that can be fixed.",
    DENIED: "Nothing paid: the claim was denied.",
    REVERSED: "An earlier payment was taken back (CLP02 22).",
  },
);

@InputType({ description: "An 835 (005010X221A1) file to post." })
export class ImportRemittanceInput {
  @Field({ description: "The file's text exactly as received." }) text!: string;
  @Field(() => String, { nullable: true, description: "The file's name, kept for the list of imports." }) fileName?: string | null;
}

@InputType({ description: "Narrows the denial work list; every filter is optional." })
export class DenialFilterInput {
  @Field(() => ID, { nullable: true, description: "Only this payer's lines." }) payerId?: string | null;
  @Field(() => String, { nullable: true, description: "Only lines with an adjustment of this reason code (CARC)." }) reasonCode?: string | null;
  @Field(() => Int, { nullable: true, description: "Only lines served at least this many days ago." }) minAgeDays?: number | null;
  @Field(() => Int, { nullable: true, description: "Only lines with at least this open balance, in cents." }) minAmountCents?: number | null;
  @Field(() => RemittanceOutcomeEnum, { nullable: true, description: "DENIED or PARTIALLY_PAID (any other is BAD_USER_INPUT)." }) status?: ClaimOutcome | null;
  @Field(() => Boolean, { nullable: true, description: "Leave out lines already written off (default true)." }) openOnly?: boolean | null;
}

@ObjectType({ description: "An imported 835 file. Stored as received and never edited; postings derive from it." })
export class Remittance {
  @Field(() => ID, { description: "The import's id." }) id!: string;
  @Field(() => String, { nullable: true, description: "The file's name, when given." }) fileName!: string | null;
  @Field({ description: "ISA13 of the file." }) interchangeControlNumber!: string;
  @Field({ description: "The sender (ISA05:ISA06)." }) senderId!: string;
  @Field({ description: "ISA15: P production, T test." }) usageIndicator!: string;
  @Field(() => DateTimeScalar, { description: "When it was imported." }) importedAt!: Date;
  @Field({ description: "True when this import repeated payments already posted: the earlier import is answered and nothing was posted again." })
  alreadyImported!: boolean;
}

@ObjectType({ description: "A provider-level adjustment (one reason/amount pair of a PLB segment): money of the payment as a whole, tied to no claim." })
export class ProviderAdjustment {
  @Field({ description: "PLB01: the provider as the payer identifies it (usually the NPI)." }) providerId!: string;
  @Field(() => DateScalar, { description: "PLB02: the last day of the provider's fiscal period." }) fiscalPeriodDate!: string;
  @Field({ description: "PLB03-1: e.g. WO overpayment recovery, L6 interest, FB forwarding balance." }) reasonCode!: string;
  @Field({ description: "The reason in plain words (835 TR3 PLB code list)." }) description!: string;
  @Field(() => String, { nullable: true, description: "PLB03-2: the payer's reference, often the claim the money concerns." }) referenceId!: string | null;
  @Field(() => Int, { description: "In cents: positive amounts were taken out of the payment, negative ones (interest, for one) added to it." }) amountCents!: number;
  @Field(() => Int, { description: "The PLB segment's position in the file (ISA = 1)." }) segmentPosition!: number;
}

@ObjectType({ description: "One payment (check or EFT) of a remittance: an ST/SE transaction." })
export class RemittancePayment {
  @Field(() => ID, { description: "The payment's id." }) id!: string;
  @Field({ description: "The check or EFT trace number (TRN02)." }) traceNumber!: string;
  @Field({ description: "The payer as it names itself (N1*PR)." }) payerName!: string;
  @Field(() => String, { nullable: true, description: "The payer's id (REF*2U, else N104 or TRN03)." }) payerIdentifier!: string | null;
  @Field({ description: "The payee (N1*PE)." }) payeeName!: string;
  @Field(() => String, { nullable: true, description: "The payee's NPI." }) payeeNpi!: string | null;
  @Field(() => Int, { description: "BPR02, in cents." }) paymentCents!: number;
  @Field({ description: "BPR03: C credit, D debit." }) creditDebit!: string;
  @Field({ description: "BPR04: ACH, CHK, NON..." }) paymentMethod!: string;
  @Field(() => DateScalar, { description: "BPR16: the check or EFT date." }) paymentDate!: string;
  @Field(() => [ProviderAdjustment], { description: "Its provider-level adjustments (PLB), in file order: BPR02 = the claims' CLP04 minus these amounts." })
  providerAdjustments!: ProviderAdjustment[];
}

@ObjectType({ description: "A CAS adjustment: why the payment differs from the charge." })
export class PostingAdjustment {
  @Field({ description: "CLAIM or SERVICE_LINE." }) level!: string;
  @Field(() => Int, { nullable: true, description: "Which service line, for SERVICE_LINE adjustments." }) serviceLineIndex!: number | null;
  @Field({ description: "CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction." }) group!: string;
  @Field({ description: "The Claim Adjustment Reason Code (CARC)." }) reasonCode!: string;
  @Field(() => Int, { description: "The amount, in cents." }) amountCents!: number;
  @Field(() => Float, { nullable: true, description: "Units the adjustment applies to, when given." }) quantity!: number | null;
  @Field({ description: "COST_SHARE, CONTRACTUAL, PRIOR_PAYER or DENIAL (money refused for a fixable reason)." }) kind!: string;
  @Field({ description: "The reason in plain words (X12 CARC list)." }) description!: string;
}

@ObjectType({ description: "A remittance advice remark code (RARC)." })
export class PostingRemark {
  @Field({ description: "CLAIM or SERVICE_LINE." }) level!: string;
  @Field(() => Int, { nullable: true, description: "Which service line, for SERVICE_LINE remarks." }) serviceLineIndex!: number | null;
  @Field({ description: "The code, e.g. N290." }) code!: string;
  @Field({ description: "The remark in plain words (X12 RARC list)." }) description!: string;
}

@ObjectType({ description: "A procedure as a service line (SVC) names it." })
export class RemittanceProcedure {
  @Field({ description: "The code list: HC (CPT/HCPCS) for 90853 and 90785." }) qualifier!: string;
  @Field({ description: "The procedure code, e.g. 90853." }) code!: string;
  @Field(() => [String], { description: "Its modifiers, in the payer's order (at most four)." }) modifiers!: string[];
}

@ObjectType({
  description:
    "One service line (SVC, loop 2110) of a posted claim: what the payer decided for that procedure, e.g. the 90853 paid and its 90785 add-on refused, with the line's own adjustments and remarks.",
})
export class RemittanceServiceLine {
  @Field(() => Int, { description: "Its 0-based place in the claim: the serviceLineIndex of its adjustments and remarks on the posting." }) index!: number;
  @Field(() => Int, { description: "The SVC segment's position in the file (ISA = 1)." }) segmentPosition!: number;
  @Field(() => RemittanceProcedure, { description: "SVC01: the procedure and modifiers as the payer adjudicated them." }) procedure!: RemittanceProcedure;
  @Field(() => RemittanceProcedure, { nullable: true, description: "SVC06: the procedure as billed, sent when the payer adjudicated a different one; null otherwise." })
  originalProcedure!: RemittanceProcedure | null;
  @Field(() => Int, { description: "SVC02: the line's charge, in cents (negative on a reversal)." }) chargeCents!: number;
  @Field(() => Int, { description: "SVC03: what the payer paid for the line, in cents." }) paidCents!: number;
  @Field(() => Int, { description: "The line's money refused for a fixable or appealable reason (its DENIAL-kind adjustments), in cents." }) deniedCents!: number;
  @Field(() => RemittanceOutcomeEnum, { description: "The line's own verdict, read from its adjustments and payment as a claim's is; REVERSED on every line of a reversal." })
  outcome!: ClaimOutcome;
  @Field(() => Float, { description: "SVC05: units paid (1 when the payer left it out)." }) unitsPaid!: number;
  @Field(() => Float, { nullable: true, description: "SVC07: units billed, sent when they differ from units paid." }) originalUnits!: number | null;
  @Field(() => String, { nullable: true, description: "SVC04: the revenue code (institutional claims only)." }) revenueCode!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "DTM*472 (or DTM*150): the service date the payer gives for the line." }) serviceDate!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "DTM*151: the end of a reported service period." }) serviceEndDate!: string | null;
  @Field(() => String, { nullable: true, description: "REF*6R: the line item control number GroupBill sent, when the payer echoed it." }) lineControlNumber!: string | null;
  @Field(() => [PostingAdjustment], { description: "The line's CAS adjustments (level SERVICE_LINE), in file order: chargeCents - paidCents is their sum." })
  adjustments!: PostingAdjustment[];
  @Field(() => [PostingRemark], { description: "The line's LQ*HE remark codes (RARC), in file order." }) remarks!: PostingRemark[];
}

@ObjectType({ description: "One CLP of a remittance, posted on the billed line whose patient control number it names." })
export class RemittancePosting {
  @Field(() => ID, { description: "The posting's id." }) id!: string;
  @Field(() => ID, { description: "The remittance it came in." }) remittanceId!: string;
  @Field(() => ID, { description: "The billed line (claim batch line) it was posted on." }) lineId!: string;
  @Field({ description: "CLP01: the patient control number GroupBill sent as CLM01." }) patientControlNumber!: string;
  @Field({ description: "CLP02 as sent: 1-3 processed, 4 denied, 22 reversal..." }) statusCode!: string;
  @Field(() => RemittanceOutcomeEnum, { description: "PAID, PARTIALLY_PAID, DENIED or REVERSED." }) outcome!: ClaimOutcome;
  @Field(() => Int, { description: "CLP03: the charge, in cents (negative on a reversal)." }) chargeCents!: number;
  @Field(() => Int, { description: "CLP04: what the payer paid, in cents." }) paidCents!: number;
  @Field(() => Int, { description: "The patient's share (CLP05, else the PR adjustments), in cents." }) patientResponsibilityCents!: number;
  @Field(() => Int, { description: "Money refused for a fixable or appealable reason, in cents." }) deniedCents!: number;
  @Field(() => String, { nullable: true, description: "CLP07: the payer's claim control number; a corrected claim refers to it." }) payerClaimControlNumber!: string | null;
  @Field(() => Int, { nullable: true, description: "What GroupBill billed for the line, in cents (null on postings made before it was kept)." }) billedChargeCents!: number | null;
  @Field(() => String, { nullable: true, description: "A warning when the payer's charge (CLP03) differs from what was billed; the claim is posted as sent." }) chargeWarning!: string | null;
  @Field(() => DateTimeScalar, { description: "When it was posted." }) postedAt!: Date;
  @Field(() => [PostingAdjustment], { description: "Claim-level then service-line adjustments, in file order." }) adjustments!: PostingAdjustment[];
  @Field(() => [PostingRemark], { description: "Remark codes, in file order." }) remarks!: PostingRemark[];
  @Field(() => [RemittanceServiceLine], {
    nullable: true,
    description:
      "The claim's service lines (SVC) as the payer adjudicated each, in file order; empty when the payer answered for the claim as a whole, null on postings made before service lines were kept.",
  })
  serviceLines!: RemittanceServiceLine[] | null;
  @Field(() => DateScalar, { description: "The billed line's service date." }) serviceDate!: string;
  @Field({ description: "The member, as billed." }) clientName!: string;
  @Field(() => ID, { description: "The billed line's payer." }) payerId!: string;
  @Field({ description: "The billed line's payer name." }) payerName!: string;
}

@ObjectType({ description: "Something a biller did about a denial." })
export class DenialAction {
  @Field({ description: "WRITE_OFF or APPEAL_NOTE." }) kind!: string;
  @Field({ description: "The reason for a write-off, or the appeal note." }) note!: string;
  @Field(() => Int, { description: "What a write-off settled, in cents (0 for a note)." }) amountCents!: number;
  @Field(() => DateTimeScalar, { description: "When." }) createdAt!: Date;
}

@ObjectType({ description: "The replacement claim a denied line was corrected and rebilled as." })
export class LineRebill {
  @Field(() => ID, { description: "The replacement line (claim batch line)." }) lineId!: string;
  @Field({ description: "Its patient control number (CLM01)." }) patientControlNumber!: string;
  @Field(() => Int, { description: "Its batch's interchange control number (ISA13)." }) batchControlNumber!: number;
  @Field(() => DateTimeScalar, { description: "When it was rebilled." }) rebilledAt!: Date;
}

@ObjectType({ description: "What remittances said about a billed line: the latest posting decides its state." })
export class LineRemittance {
  @Field(() => ID, { description: "The billed line (claim batch line)." }) lineId!: string;
  @Field(() => RemittancePosting, { description: "The latest posting." }) latest!: RemittancePosting;
  @Field(() => [RemittancePosting], { description: "Every posting, oldest first (a reversal and its correction included)." }) history!: RemittancePosting[];
  @Field(() => Int, { description: "Denied money not yet written off, in cents." }) openBalanceCents!: number;
  @Field({ description: "Whether the latest denial was written off." }) writtenOff!: boolean;
  @Field(() => [DenialAction], { description: "Write-offs and appeal notes, oldest first." }) actions!: DenialAction[];
  @Field(() => LineRebill, { nullable: true, description: "The live replacement claim, once the line was corrected and rebilled; its open balance is then 0 here." })
  rebill!: LineRebill | null;
}

@ObjectType({ description: "A denied or partially paid line on the work list." })
export class DenialWorkItem extends LineRemittance {
  @Field(() => Int, { description: "Days since the service date." }) ageDays!: number;
  @Field(() => [String], { description: "The denial reason codes (CARC) of the latest posting." }) reasonCodes!: string[];
  @Field(() => [String], {
    description: "What can be done now: CORRECT_AND_REBILL (correctAndRebill), WRITE_OFF, APPEAL_NOTE. Only an appeal note once the line was written off or rebilled.",
  })
  availableActions!: string[];
}

@ObjectType({ description: "Money by payer and month of service." })
export class RemittanceTotal {
  @Field(() => ID, { description: "The payer." }) payerId!: string;
  @Field({ description: "The payer's name as billed." }) payerName!: string;
  @Field({ description: "YYYY-MM of the service dates." }) month!: string;
  @Field(() => Int, { description: "Charges of billed lines, in cents." }) billedCents!: number;
  @Field(() => Int, { description: "Paid, net of reversals, in cents." }) paidCents!: number;
  @Field(() => Int, { description: "Denied by the latest postings, in cents." }) deniedCents!: number;
  @Field(() => Int, { description: "Still expected: unposted or reversed charges and open denied balances, in cents." }) outstandingCents!: number;
}

@ObjectType({ description: "The GroupBill rule that would have stopped a denial reason." })
export class DenialPreventionRule {
  @Field({ description: "MODIFIER_RULES, PRIOR_AUTHORIZATION, TIMELY_FILING, REGISTRATION or UNITS." }) area!: string;
  @Field(() => [String], { description: "Line issues that flag it." }) issueCodes!: readonly string[];
  @Field(() => String, { nullable: true, description: "The payer rule setting to change (send it to previewPayerRules); null when none exists yet." })
  payerRuleField!: string | null;
  @Field({ description: "What to change, in plain words." }) suggestion!: string;
}

@ObjectType({ description: "Denials of one reason at one payer, prevented or missed." })
export class DenialReportReason {
  @Field({ description: "The CARC." }) reasonCode!: string;
  @Field({ description: "The reason in plain words." }) description!: string;
  @Field({ description: "Whether GroupBill would have prevented these (a WARNING on the line, or the preventing rule off)." }) prevented!: boolean;
  @Field(() => Int, { description: "Lines denied for it." }) count!: number;
  @Field(() => Int, { description: "Denied for it, in cents." }) deniedCents!: number;
  @Field(() => DenialPreventionRule, { nullable: true, description: "The rule that prevents it, when GroupBill has one." }) prevention!: DenialPreventionRule | null;
}

@ObjectType({ description: "Predicted vs actual for one payer." })
export class DenialReportPayer {
  @Field(() => ID, { description: "The payer." }) payerId!: string;
  @Field({ description: "The payer's name as billed." }) payerName!: string;
  @Field(() => Int, { description: "Denied lines GroupBill would have prevented." }) preventedCount!: number;
  @Field(() => Int, { description: "Their denied amount, in cents." }) preventedCents!: number;
  @Field(() => Int, { description: "Denied lines GroupBill missed." }) missedCount!: number;
  @Field(() => Int, { description: "Their denied amount, in cents." }) missedCents!: number;
  @Field(() => [DenialReportReason], { description: "By reason code, largest amount first." }) reasons!: DenialReportReason[];
}
