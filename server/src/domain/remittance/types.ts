/**
 * What an 835 (ASC X12 005010X221A1, Health Care Claim Payment/Advice) says,
 * as plain data. Money is integer cents, as everywhere in GroupBill, so that
 * balancing sums are exact; a reversal carries negative amounts exactly as
 * the payer sent them. Dates are ISO "YYYY-MM-DD". Every segment-derived
 * record keeps `position`: the segment's 1-based place in the file (ISA = 1),
 * the number an error message and a support call can both point at.
 */

/** CAS01. CR (corrections and reversals) is retired in 5010 but older payer systems still send it. */
export const ADJUSTMENT_GROUPS = ["CO", "PR", "OA", "PI", "CR"] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

/** One reason/amount/quantity triplet of a CAS segment: a CAS carries up to six. */
export interface Adjustment {
  group: AdjustmentGroup;
  /** Claim Adjustment Reason Code (CARC), e.g. "45". */
  reasonCode: string;
  amountCents: number;
  /** Units the adjustment applies to, when the payer gives them. */
  quantity: number | null;
  /** Position of the CAS segment in the file. */
  position: number;
}

/** A remark code (RARC) from MOA/MIA (claim) or LQ*HE (service line). */
export interface RemarkCode {
  code: string;
  /** The segment and element it came from, e.g. "MOA03", "LQ02". */
  source: string;
  position: number;
}

export interface PersonName {
  /** NM103: last name, or the organization name when NM102 is 2. */
  lastName: string;
  firstName: string | null;
  middleName: string | null;
  /** NM108, e.g. "MI" (member id). */
  idQualifier: string | null;
  /** NM109. */
  id: string | null;
}

export interface ProcedureCode {
  /** "HC" (CPT/HCPCS) for 90853. */
  qualifier: string;
  code: string;
  /** In the order the payer listed them (at most 4). */
  modifiers: string[];
}

/** Loop 2110: one service line as the payer adjudicated it. */
export interface RemittanceServiceLine {
  position: number;
  /** SVC01: the procedure as adjudicated (it may differ from the one billed, see originalProcedure). */
  procedure: ProcedureCode;
  /** SVC02 */
  chargeCents: number;
  /** SVC03 */
  paymentCents: number;
  /** SVC04, institutional only. */
  revenueCode: string | null;
  /** SVC05; the guide says an absent value means 1. */
  unitsPaid: number;
  /** SVC06: the procedure billed, when the payer paid a different one. */
  originalProcedure: ProcedureCode | null;
  /** SVC07: units billed, when they differ from units paid. */
  originalUnits: number | null;
  /** DTM*472, or DTM*150 when the payer reports a period. */
  serviceDate: string | null;
  /** DTM*151, the end of a reported period. */
  serviceEndDate: string | null;
  adjustments: Adjustment[];
  /** LQ*HE remark codes. */
  remarkCodes: RemarkCode[];
  /** REF*6R: the line item control number GroupBill sent, if the payer echoed it. */
  lineControlNumber: string | null;
}

/** Loop 2100: one claim (CLP) with its service lines. */
export interface RemittanceClaim {
  position: number;
  /** CLP01: the patient control number GroupBill sent as CLM01; the key for posting. */
  patientControlNumber: string;
  /** CLP02: 1, 2, 3 processed as primary/secondary/tertiary, 4 denied, 19-21 processed and forwarded, 22 reversal, 23 not our claim, forwarded. */
  statusCode: string;
  /** CLP03 */
  totalChargeCents: number;
  /** CLP04 */
  paymentCents: number;
  /** CLP05, when present. */
  patientResponsibilityCents: number | null;
  /** CLP06, e.g. "MC" Medicaid, "MB" Medicare Part B, "12" PPO. */
  filingIndicator: string | null;
  /** CLP07: the payer's claim control number; a corrected claim refers to it. */
  payerClaimControlNumber: string | null;
  /** CLP08 (place of service / facility code) */
  facilityCode: string | null;
  /** CLP09 (claim frequency code) */
  frequencyCode: string | null;
  /** Claim-level CAS, in file order. */
  adjustments: Adjustment[];
  /** MOA/MIA remark codes, in file order. */
  remarkCodes: RemarkCode[];
  /** NM1*QC */
  patient: PersonName | null;
  /** NM1*IL, sent when the insured is not the patient. */
  insured: PersonName | null;
  /** DTM*232 */
  statementFromDate: string | null;
  /** DTM*233 */
  statementToDate: string | null;
  /** DTM*050 */
  receivedDate: string | null;
  serviceLines: RemittanceServiceLine[];
}

/** PLB: one reason/amount pair of a provider-level adjustment (a PLB carries up to six). */
export interface ProviderAdjustment {
  position: number;
  /** PLB01 (usually the payee's NPI). */
  providerId: string;
  /** PLB02 */
  fiscalPeriodDate: string;
  /** First component of PLB03/05/...: e.g. "WO" overpayment recovery, "L6" interest, "FB" forwarding balance. */
  reasonCode: string;
  /** Second component: the payer's reference, often the claim the money concerns. */
  referenceId: string | null;
  /**
   * PLB04/06/...: positive amounts were taken out of this payment, negative
   * ones added to it (interest, for one).
   */
  amountCents: number;
}

export interface AdditionalId {
  /** REF01 */
  qualifier: string;
  /** REF02 */
  value: string;
}

export interface RemittanceParty {
  /** N102 */
  name: string;
  /** N103 (XV, FI, XX, ...) */
  idQualifier: string | null;
  /** N104 */
  id: string | null;
  /** REF segments of the party's loop (payer: 2U, EO, HI, NF; payee: TJ, PQ, ...). */
  additionalIds: AdditionalId[];
}

export interface RemittancePayee extends RemittanceParty {
  /** N104 when N103 is XX. */
  npi: string | null;
  /** N104 when N103 is FI, else REF*TJ. */
  taxId: string | null;
}

/** BPR: the money itself. */
export interface FinancialInformation {
  /** Position of the BPR segment. */
  position: number;
  /** BPR01: C payment with remittance, D payment only, H notification only, I remittance only, P prenotification, U split, X handling party's option. */
  handlingCode: string;
  /** BPR02: total actual provider payment. */
  totalPaymentCents: number;
  /** BPR03: C credit, D debit. */
  creditDebit: "C" | "D";
  /** BPR04: ACH, BOP, CHK, FWT, NON. */
  paymentMethod: string;
  /** BPR05: CCP, CTX, when the payment is electronic. */
  paymentFormat: string | null;
  /** BPR16: the check issue or EFT effective date. */
  paymentDate: string;
}

/** TRN: reassociates the remittance with the money. */
export interface ReassociationTrace {
  /** TRN01: "1" current transaction trace numbers. */
  traceType: string;
  /** TRN02: the check number or EFT trace number. */
  traceNumber: string;
  /** TRN03: the payer's originating company id ("1" + tax id). */
  originatorId: string;
  /** TRN04 */
  originatorSupplementalId: string | null;
}

/** One ST/SE transaction: one payment (check or EFT) and the claims it pays. */
export interface RemittancePayment {
  /** ST02 */
  transactionControlNumber: string;
  /** GS06 of the group this transaction is in. */
  groupControlNumber: string;
  /** GS02 */
  applicationSenderCode: string;
  /** GS03 */
  applicationReceiverCode: string;
  financial: FinancialInformation;
  trace: ReassociationTrace;
  /** REF*EV: receiver identification. */
  receiverId: string | null;
  /** DTM*405 */
  productionDate: string | null;
  payer: RemittanceParty;
  payee: RemittancePayee;
  claims: RemittanceClaim[];
  providerAdjustments: ProviderAdjustment[];
}

export interface Remittance835 {
  /** ISA13 exactly as sent (nine digits). */
  interchangeControlNumber: string;
  /** ISA05/ISA06, trimmed */
  senderQualifier: string;
  senderId: string;
  /** ISA07/ISA08, trimmed */
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 as YYYY-MM-DD (the guide's YYMMDD read as 20YY). */
  interchangeDate: string;
  /** ISA15: P production, T test. */
  usageIndicator: string;
  /** One per ST/SE, across every GS/GE group, in file order. */
  payments: RemittancePayment[];
}

export type RemittanceProblemCode =
  /** Not an X12 interchange at all, or its ISA cannot declare delimiters. */
  | "NOT_X12"
  /** The envelope (ISA/GS/ST ... SE/GE/IEA) is incomplete or out of order. */
  | "ENVELOPE"
  /** A trailer's count (SE01, GE01, IEA01) disagrees with what it closes. */
  | "COUNT_MISMATCH"
  /** A trailer's control number differs from its header's. */
  | "CONTROL_NUMBER_MISMATCH"
  /** A valid X12 file that is not a 005010X221A1 835. */
  | "NOT_835"
  /** A segment the guide requires is absent. */
  | "MISSING_SEGMENT"
  /** An element is absent, or not a valid amount, date or code. */
  | "INVALID_ELEMENT"
  /** Amounts that must add up do not. */
  | "UNBALANCED";

/**
 * One thing wrong with a file, in words a biller can act on. `message`
 * already names the segment and its position, so it can be shown as is.
 */
export interface RemittanceProblem {
  code: RemittanceProblemCode;
  /** The segment at fault ("CLP", "SE", ...); "?" when the text there has no readable segment id. */
  segmentId: string;
  /** Its 1-based position in the file (ISA = 1); null when the segment is missing altogether. */
  position: number | null;
  /** The element at fault, e.g. "CLP04"; null when the whole segment is. */
  element: string | null;
  message: string;
}

export type Parse835Result = { ok: true; remittance: Remittance835 } | { ok: false; problems: RemittanceProblem[] };
