import { fieldError, type FieldError } from "../validation/field-error.js";
import { isOneOf } from "../validation/primitives.js";
import { checkBalancing } from "./balance.js";
import { element, readInterchange, remittanceProblem, type Delimiters, type Segment, type Transaction } from "./segments.js";
import {
  ADJUSTMENT_GROUPS,
  type AdditionalId,
  type Adjustment,
  type AdjustmentGroup,
  type FinancialInformation,
  type Parse835Result,
  type PersonName,
  type ProcedureCode,
  type ProviderAdjustment,
  type ReassociationTrace,
  type RemarkCode,
  type Remittance835,
  type RemittanceClaim,
  type RemittanceParty,
  type RemittancePayee,
  type RemittancePayment,
  type RemittanceProblem,
  type RemittanceServiceLine,
} from "./types.js";
import { parseCents, parseDate8, parseQuantity } from "./values.js";

/** GS08 and ST03 of the only guide GroupBill reads. */
export const REMITTANCE_GUIDE = "005010X221A1";

/**
 * CLP02 codes of 005010X221A1: processed as primary (1), secondary (2), tertiary (3),
 * denied (4), processed as primary/secondary/tertiary and forwarded to another payer
 * (19/20/21), reversal of a previous payment (22), not our claim and forwarded (23),
 * predetermination only (25).
 */
export const CLAIM_STATUS_CODES = ["1", "2", "3", "4", "19", "20", "21", "22", "23", "25"] as const;

const CAS_TRIPLETS = 6;
const PLB_PAIRS = 6;
/** MOA03-MOA07 and MIA05, MIA20-MIA24 hold remark codes; the other elements are amounts and rates. */
const MOA_REMARK_ELEMENTS = [3, 4, 5, 6, 7];
const MIA_REMARK_ELEMENTS = [5, 20, 21, 22, 23];

const pad = (n: number) => String(n).padStart(2, "0");
const elementId = (seg: Segment, index: number) => `${seg.tag}${pad(index)}`;

/** Reads elements and records every problem instead of stopping at the first, so one import lists all there is to fix. */
class ElementReader {
  readonly problems: RemittanceProblem[] = [];

  constructor(readonly delimiters: Delimiters) {}

  invalid(seg: Segment, index: number | null, detail: string): void {
    this.problems.push(remittanceProblem("INVALID_ELEMENT", seg.tag, seg.position, index === null ? null : elementId(seg, index), detail));
  }

  missing(tag: string, detail: string): void {
    this.problems.push(remittanceProblem("MISSING_SEGMENT", tag, null, null, detail));
  }

  required(seg: Segment, index: number, label: string): string {
    const value = element(seg, index);
    if (value === "") this.invalid(seg, index, `${label} is required but empty`);
    return value;
  }

  optional(seg: Segment, index: number): string | null {
    const value = element(seg, index);
    return value === "" ? null : value;
  }

  cents(seg: Segment, index: number, label: string): number {
    const text = this.required(seg, index, label);
    if (text === "") return 0;
    const cents = parseCents(text);
    if (cents === null) {
      this.invalid(seg, index, `${label} must be an amount in dollars with at most 2 decimals, got ${JSON.stringify(text)}`);
      return 0;
    }
    return cents;
  }

  optionalCents(seg: Segment, index: number, label: string): number | null {
    return element(seg, index) === "" ? null : this.cents(seg, index, label);
  }

  quantity(seg: Segment, index: number, label: string): number | null {
    const text = element(seg, index);
    if (text === "") return null;
    const quantity = parseQuantity(text);
    if (quantity === null) this.invalid(seg, index, `${label} must be a number, got ${JSON.stringify(text)}`);
    return quantity;
  }

  date(seg: Segment, index: number, label: string): string {
    const text = this.required(seg, index, label);
    if (text === "") return "";
    const date = parseDate8(text);
    if (date === null) this.invalid(seg, index, `${label} must be a date written CCYYMMDD, got ${JSON.stringify(text)}`);
    return date ?? "";
  }

  components(text: string): string[] {
    return text.split(this.delimiters.component);
  }
}

function readAdjustments(r: ElementReader, cas: Segment): Adjustment[] {
  const group = r.required(cas, 1, "The adjustment group code");
  if (group !== "" && !isOneOf(ADJUSTMENT_GROUPS, group)) {
    r.invalid(cas, 1, `the adjustment group code must be one of ${ADJUSTMENT_GROUPS.join(", ")}, got ${JSON.stringify(group)}`);
    return [];
  }
  const adjustments: Adjustment[] = [];
  let triplets = 0;
  for (let t = 0; t < CAS_TRIPLETS; t++) {
    const reasonAt = 2 + 3 * t;
    const reason = element(cas, reasonAt);
    const amount = element(cas, reasonAt + 1);
    if (reason === "" && amount === "" && element(cas, reasonAt + 2) === "") continue;
    triplets++;
    if (reason === "") {
      r.invalid(cas, reasonAt, `an adjustment amount is given without its reason code`);
      continue;
    }
    adjustments.push({
      // One of ADJUSTMENT_GROUPS, or "" already recorded as a problem (the file is refused; parsing goes on to list the rest).
      group: group as AdjustmentGroup,
      reasonCode: reason,
      amountCents: r.cents(cas, reasonAt + 1, `The amount of adjustment reason ${reason}`),
      quantity: r.quantity(cas, reasonAt + 2, `The quantity of adjustment reason ${reason}`),
      position: cas.position,
    });
  }
  if (triplets === 0 && group !== "") r.invalid(cas, 2, "the CAS segment carries no adjustment reason");
  return adjustments;
}

function readName(r: ElementReader, nm1: Segment): PersonName {
  return {
    lastName: r.required(nm1, 3, "The last or organization name"),
    firstName: r.optional(nm1, 4),
    middleName: r.optional(nm1, 5),
    idQualifier: r.optional(nm1, 8),
    id: r.optional(nm1, 9),
  };
}

function readProcedure(r: ElementReader, seg: Segment, index: number): ProcedureCode {
  const [qualifier = "", code = "", ...rest] = r.components(element(seg, index));
  if (qualifier === "" || code === "") r.invalid(seg, index, `the procedure must be written qualifier${r.delimiters.component}code (e.g. HC${r.delimiters.component}90853), got ${JSON.stringify(element(seg, index))}`);
  return { qualifier, code, modifiers: rest.slice(0, 4).filter((m) => m !== "") };
}

function readRemarks(seg: Segment, indexes: number[]): RemarkCode[] {
  return indexes
    .filter((i) => element(seg, i) !== "")
    .map((i) => ({ code: element(seg, i), source: elementId(seg, i), position: seg.position }));
}

function readParty(r: ElementReader, n1: Segment, refs: AdditionalId[]): RemittanceParty {
  return { name: r.required(n1, 2, "The name"), idQualifier: r.optional(n1, 3), id: r.optional(n1, 4), additionalIds: refs };
}

/** Which loop REF and DTM segments belong to, until a claim starts; claim and line then tell. */
type Context = "header" | "payer" | "payee" | "claims" | "trailer";

/** Walks one ST/SE body loop by loop (header, 1000A payer, 1000B payee, 2100 claims, 2110 lines, PLB). */
function readPayment(r: ElementReader, tx: Transaction): RemittancePayment | null {
  const before = r.problems.length;
  let bpr: Segment | null = null;
  let trn: Segment | null = null;
  let payerN1: Segment | null = null;
  let payeeN1: Segment | null = null;
  const payerRefs: AdditionalId[] = [];
  const payeeRefs: AdditionalId[] = [];
  let receiverId: string | null = null;
  let productionDate: string | null = null;
  const claims: RemittanceClaim[] = [];
  const providerAdjustments: ProviderAdjustment[] = [];
  let claim: RemittanceClaim | null = null;
  let line: RemittanceServiceLine | null = null;
  let context: Context = "header";

  for (const seg of tx.body) {
    const q = element(seg, 1);
    switch (seg.tag) {
      case "BPR":
        if (bpr || seg !== tx.body[0]) r.invalid(seg, null, "BPR must come once, right after ST");
        bpr = seg;
        break;
      case "TRN":
        if (context === "header" && !trn) trn = seg;
        break;
      case "N1":
        if (q === "PR") {
          payerN1 = seg;
          context = "payer";
        } else if (q === "PE") {
          payeeN1 = seg;
          context = "payee";
        }
        break;
      case "REF":
        if (context === "header" && q === "EV") receiverId = r.optional(seg, 2);
        else if (context === "payer" || context === "payee") {
          (context === "payer" ? payerRefs : payeeRefs).push({ qualifier: q, value: r.required(seg, 2, "The reference identification") });
        } else if (line && q === "6R") line.lineControlNumber = r.required(seg, 2, "The line item control number");
        break;
      case "DTM":
        if (context === "header" && q === "405") productionDate = r.date(seg, 2, "The production date");
        else if (claim && q === "232") claim.statementFromDate = r.date(seg, 2, "The claim statement period start");
        else if (claim && q === "233") claim.statementToDate = r.date(seg, 2, "The claim statement period end");
        else if (claim && q === "050") claim.receivedDate = r.date(seg, 2, "The claim received date");
        else if (line && (q === "472" || q === "150")) line.serviceDate = r.date(seg, 2, "The service date");
        else if (line && q === "151") line.serviceEndDate = r.date(seg, 2, "The service period end");
        break;
      case "LX":
        // A header number groups claims (loop 2000); it carries nothing GroupBill posts.
        line = null;
        claim = null;
        if (context !== "trailer") context = "claims";
        break;
      case "CLP":
        if (context === "trailer") {
          r.invalid(seg, null, "a claim cannot follow the provider-level adjustments (PLB)");
          break;
        }
        claim = readClaim(r, seg);
        claims.push(claim);
        line = null;
        context = "claims";
        break;
      case "CAS":
        // A CAS belongs to the loop it is in: after an SVC it adjusts that line, else the claim.
        if (line) line.adjustments.push(...readAdjustments(r, seg));
        else if (claim) claim.adjustments.push(...readAdjustments(r, seg));
        else r.invalid(seg, null, "an adjustment (CAS) must follow the CLP or SVC it adjusts");
        break;
      // The guide puts these before the claim's first SVC; a payer that sends them later still means the claim.
      case "NM1":
        if (claim && q === "QC") claim.patient = readName(r, seg);
        else if (claim && q === "IL") claim.insured = readName(r, seg);
        break;
      case "MOA":
        if (claim) claim.remarkCodes.push(...readRemarks(seg, MOA_REMARK_ELEMENTS));
        break;
      case "MIA":
        if (claim) claim.remarkCodes.push(...readRemarks(seg, MIA_REMARK_ELEMENTS));
        break;
      case "SVC":
        if (!claim) {
          r.invalid(seg, null, "a service line (SVC) must belong to a claim (CLP)");
          break;
        }
        line = readServiceLine(r, seg);
        claim.serviceLines.push(line);
        break;
      case "LQ":
        if (line && q === "HE") line.remarkCodes.push(...readRemarks(seg, [2]));
        break;
      case "PLB":
        providerAdjustments.push(...readProviderAdjustments(r, seg));
        claim = null;
        line = null;
        context = "trailer";
        break;
      default:
        // CUR, N3, N4, PER, RDM, TS3, TS2, AMT, QTY and the like describe; nothing in them is posted.
        break;
    }
  }

  if (!bpr) r.missing("BPR", `the transaction opened by ST (segment ${tx.st.position}) has no BPR (financial information)`);
  if (!trn) r.missing("TRN", `the transaction opened by ST (segment ${tx.st.position}) has no TRN (check or EFT trace number)`);
  if (!payerN1) r.missing("N1", `the transaction opened by ST (segment ${tx.st.position}) has no N1*PR (payer identification)`);
  if (!payeeN1) r.missing("N1", `the transaction opened by ST (segment ${tx.st.position}) has no N1*PE (payee identification)`);
  if (!bpr || !trn || !payerN1 || !payeeN1) return null;

  const financial = readFinancial(r, bpr);
  const trace: ReassociationTrace = {
    traceType: r.required(trn, 1, "The trace type code"),
    traceNumber: r.required(trn, 2, "The check or EFT trace number"),
    originatorId: r.required(trn, 3, "The payer's originating company identifier"),
    originatorSupplementalId: r.optional(trn, 4),
  };
  const payeeParty = readParty(r, payeeN1, payeeRefs);
  const payee: RemittancePayee = {
    ...payeeParty,
    npi: payeeParty.idQualifier === "XX" ? payeeParty.id : null,
    taxId: payeeParty.idQualifier === "FI" ? payeeParty.id : (payeeRefs.find((ref) => ref.qualifier === "TJ")?.value ?? null),
  };
  const payment: RemittancePayment = {
    transactionControlNumber: element(tx.st, 2),
    groupControlNumber: element(tx.gs, 6),
    applicationSenderCode: element(tx.gs, 2),
    applicationReceiverCode: element(tx.gs, 3),
    financial,
    trace,
    receiverId,
    productionDate,
    payer: readParty(r, payerN1, payerRefs),
    payee,
    claims,
    providerAdjustments,
  };
  return r.problems.length === before ? payment : null;
}

function readFinancial(r: ElementReader, bpr: Segment): FinancialInformation {
  const creditDebit = r.required(bpr, 3, "The credit/debit flag");
  if (creditDebit !== "" && creditDebit !== "C" && creditDebit !== "D") r.invalid(bpr, 3, `the credit/debit flag must be C or D, got ${JSON.stringify(creditDebit)}`);
  const totalPaymentCents = r.cents(bpr, 2, "The total actual provider payment amount");
  // The direction is BPR03's job; a negative BPR02 would make a debit a credit again.
  if (totalPaymentCents < 0) r.invalid(bpr, 2, `the total payment must not be negative (BPR03 says credit or debit), got ${JSON.stringify(element(bpr, 2))}`);
  return {
    position: bpr.position,
    handlingCode: r.required(bpr, 1, "The transaction handling code"),
    totalPaymentCents,
    creditDebit: creditDebit === "D" ? "D" : "C",
    paymentMethod: r.required(bpr, 4, "The payment method code"),
    paymentFormat: r.optional(bpr, 5),
    paymentDate: r.date(bpr, 16, "The payment date"),
  };
}

function readClaim(r: ElementReader, clp: Segment): RemittanceClaim {
  const status = element(clp, 2);
  if (status !== "" && !isOneOf(CLAIM_STATUS_CODES, status)) {
    r.invalid(clp, 2, `the claim status code must be one of ${CLAIM_STATUS_CODES.join(", ")}, got ${JSON.stringify(status)}`);
  }
  return {
    position: clp.position,
    patientControlNumber: r.required(clp, 1, "The patient control number"),
    statusCode: r.required(clp, 2, "The claim status code"),
    totalChargeCents: r.cents(clp, 3, "The total claim charge"),
    paymentCents: r.cents(clp, 4, "The claim payment amount"),
    patientResponsibilityCents: r.optionalCents(clp, 5, "The patient responsibility amount"),
    filingIndicator: r.optional(clp, 6),
    payerClaimControlNumber: r.optional(clp, 7),
    facilityCode: r.optional(clp, 8),
    frequencyCode: r.optional(clp, 9),
    adjustments: [],
    remarkCodes: [],
    patient: null,
    insured: null,
    statementFromDate: null,
    statementToDate: null,
    receivedDate: null,
    serviceLines: [],
  };
}

function readServiceLine(r: ElementReader, svc: Segment): RemittanceServiceLine {
  return {
    position: svc.position,
    procedure: readProcedure(r, svc, 1),
    chargeCents: r.cents(svc, 2, "The line charge"),
    paymentCents: r.cents(svc, 3, "The line payment"),
    revenueCode: r.optional(svc, 4),
    unitsPaid: r.quantity(svc, 5, "The units paid") ?? 1,
    originalProcedure: element(svc, 6) === "" ? null : readProcedure(r, svc, 6),
    originalUnits: r.quantity(svc, 7, "The original units"),
    serviceDate: null,
    serviceEndDate: null,
    adjustments: [],
    remarkCodes: [],
    lineControlNumber: null,
  };
}

function readProviderAdjustments(r: ElementReader, plb: Segment): ProviderAdjustment[] {
  const providerId = r.required(plb, 1, "The provider identifier");
  const fiscalPeriodDate = r.date(plb, 2, "The fiscal period date");
  const adjustments: ProviderAdjustment[] = [];
  for (let p = 0; p < PLB_PAIRS; p++) {
    const reasonAt = 3 + 2 * p;
    if (element(plb, reasonAt) === "" && element(plb, reasonAt + 1) === "") continue;
    const [reasonCode = "", referenceId = ""] = r.components(element(plb, reasonAt));
    if (reasonCode === "") r.invalid(plb, reasonAt, "an adjustment amount is given without its reason code");
    adjustments.push({
      position: plb.position,
      providerId,
      fiscalPeriodDate,
      reasonCode,
      referenceId: referenceId === "" ? null : referenceId,
      amountCents: r.cents(plb, reasonAt + 1, `The amount of provider adjustment ${reasonCode}`),
    });
  }
  if (adjustments.length === 0) r.invalid(plb, 3, "the PLB segment carries no adjustment");
  return adjustments;
}

/** Refuses what is not a 005010X221A1 835 before reading any of its content. */
function checkIsRemittance(interchange: ReturnType<typeof readInterchange> & { ok: true }): RemittanceProblem[] {
  const { isa, groups, transactions } = interchange.interchange;
  const problems: RemittanceProblem[] = [];
  const notRemittance = (seg: Segment, index: number, detail: string) =>
    problems.push(remittanceProblem("NOT_835", seg.tag, seg.position, elementId(seg, index), detail));
  if (element(isa, 12) !== "00501") notRemittance(isa, 12, `the interchange is version ${JSON.stringify(element(isa, 12))}; an 835 005010X221A1 is sent in version 00501`);
  for (const { gs } of groups) {
    if (element(gs, 1) !== "HP") notRemittance(gs, 1, `the functional group is ${JSON.stringify(element(gs, 1))}, not HP (health care claim payment/advice)`);
    if (element(gs, 8) !== REMITTANCE_GUIDE) notRemittance(gs, 8, `the functional group is version ${JSON.stringify(element(gs, 8))}, not ${REMITTANCE_GUIDE}`);
  }
  for (const { st } of transactions) {
    if (element(st, 1) !== "835") notRemittance(st, 1, `the transaction is a ${JSON.stringify(element(st, 1))}, not an 835 (claim payment/advice)`);
    else if (element(st, 3) !== "" && element(st, 3) !== REMITTANCE_GUIDE) notRemittance(st, 3, `the transaction is version ${JSON.stringify(element(st, 3))}, not ${REMITTANCE_GUIDE}`);
  }
  return problems;
}

/** Problems sorted by the segment they name; those about a missing segment (no position) last. Sorting is stable. */
function inFileOrder(problems: RemittanceProblem[]): RemittanceProblem[] {
  return [...problems].sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
}

/**
 * Reads an 835 and checks it: envelope, that it is an 835 of 005010X221A1,
 * every element GroupBill posts, and the guide's balancing. Either the whole
 * file is good and comes back as data, or every problem found comes back;
 * nothing in between, so a caller can never post part of a bad file.
 */
/**
 * The longest 835 accepted, in characters: a large payer's month in one file (a few hundred characters a claim,
 * some tens of thousands of claims), well above what payers send per payment.
 */
export const MAX_835_CHARACTERS = 10_000_000;

export function parse835(text: string): Parse835Result {
  if (typeof text !== "string" || text.trim() === "") {
    return { ok: false, problems: [remittanceProblem("NOT_X12", "ISA", null, null, "the file is empty")] };
  }
  const read = readInterchange(text);
  if (!read.ok) return read;
  const notRemittance = checkIsRemittance(read);
  if (notRemittance.length > 0) return { ok: false, problems: notRemittance };

  const { interchange } = read;
  const r = new ElementReader(interchange.delimiters);
  const isa = interchange.isa;
  // readPayment yields null only after recording why, so past the problem check every payment is here.
  const payments = interchange.transactions.map((tx) => readPayment(r, tx)).filter((p): p is RemittancePayment => p !== null);
  const isaDate = /^\d{6}$/.test(element(isa, 9)) ? parseDate8(`20${element(isa, 9)}`) : null;
  if (isaDate === null) r.invalid(isa, 9, `the interchange date must be YYMMDD, got ${JSON.stringify(element(isa, 9))}`);
  if (r.problems.length > 0 || isaDate === null) return { ok: false, problems: inFileOrder(r.problems) };

  const remittance: Remittance835 = {
    interchangeControlNumber: interchange.isaControlNumber,
    senderQualifier: element(isa, 5).trim(),
    senderId: element(isa, 6).trim(),
    receiverQualifier: element(isa, 7).trim(),
    receiverId: element(isa, 8).trim(),
    interchangeDate: isaDate,
    usageIndicator: element(isa, 15),
    payments,
  };
  const unbalanced = checkBalancing(remittance);
  return unbalanced.length > 0 ? { ok: false, problems: unbalanced } : { ok: true, remittance };
}

/**
 * The problems as field errors on the one input that carried the file, for a
 * BAD_USER_INPUT answer: each message already names its segment, position
 * and element, which is where a biller looks in the file.
 */
export function remittanceFieldErrors(problems: readonly RemittanceProblem[], field: string): FieldError[] {
  return problems.map((p) => fieldError(field, p.message));
}
