import { carcKind, describeCarc, type CarcKind } from "./carc.js";
import { describeRarc } from "./rarc.js";
import type { Adjustment, AdjustmentGroup, ProcedureCode, RemittanceClaim } from "./types.js";

export const CLAIM_OUTCOMES = ["PAID", "PARTIALLY_PAID", "DENIED", "REVERSED"] as const;
export type ClaimOutcome = (typeof CLAIM_OUTCOMES)[number];

/** CLP02 values the classification reads; the rest are "processed" in one role or another. */
export const CLAIM_STATUS_DENIED = "4";
export const CLAIM_STATUS_REVERSAL = "22";

/** An adjustment as the posting service stores it: where it was, and what its reason means. */
export interface FlatAdjustment {
  /** Claim-level CAS (loop 2100) or service-line CAS (loop 2110). */
  level: "CLAIM" | "SERVICE_LINE";
  /** Index into claim.serviceLines for SERVICE_LINE, else null. */
  serviceLineIndex: number | null;
  group: AdjustmentGroup;
  reasonCode: string;
  amountCents: number;
  quantity: number | null;
  kind: CarcKind;
  description: string;
}

export interface FlatRemark {
  level: "CLAIM" | "SERVICE_LINE";
  serviceLineIndex: number | null;
  code: string;
  description: string;
}

/** One SVC as the posting service stores it; its adjustments and remarks are those of the claim's with its index. */
export interface ServiceLineSettlement {
  /** Index into claim.serviceLines: the serviceLineIndex of its adjustments and remarks. */
  index: number;
  /** The SVC segment's place in the file. */
  position: number;
  procedure: ProcedureCode;
  originalProcedure: ProcedureCode | null;
  chargeCents: number;
  paidCents: number;
  unitsPaid: number;
  originalUnits: number | null;
  revenueCode: string | null;
  serviceDate: string | null;
  serviceEndDate: string | null;
  lineControlNumber: string | null;
  /** The line's own verdict, read through its CAS as the claim's is (a 90785 add-on can be refused while its 90853 is paid). */
  outcome: ClaimOutcome;
  /** The sum of the line's DENIAL-kind adjustments. */
  deniedCents: number;
}

export interface ClaimSettlement {
  outcome: ClaimOutcome;
  chargeCents: number;
  paidCents: number;
  /** CLP05 when the payer sent it, else the sum of the PR (patient responsibility) adjustments. */
  patientResponsibilityCents: number;
  /** The sum of DENIAL-kind adjustments: what the payer refused for a reason that can be fixed or appealed. */
  deniedCents: number;
  /** Claim level first, then each line's, in the order the file gives them. */
  adjustments: FlatAdjustment[];
  remarks: FlatRemark[];
  /** Its SVC lines in file order (none when the payer answered for the claim as a whole). */
  serviceLines: ServiceLineSettlement[];
}

/** Claim-level and service-line adjustments in file order (claim-level CAS precede the first SVC). */
export function flattenAdjustments(claim: RemittanceClaim): FlatAdjustment[] {
  const flat = (a: Adjustment, level: FlatAdjustment["level"], serviceLineIndex: number | null): FlatAdjustment => ({
    level,
    serviceLineIndex,
    group: a.group,
    reasonCode: a.reasonCode,
    amountCents: a.amountCents,
    quantity: a.quantity,
    kind: carcKind(a.reasonCode),
    description: describeCarc(a.reasonCode),
  });
  return [
    ...claim.adjustments.map((a) => flat(a, "CLAIM", null)),
    ...claim.serviceLines.flatMap((line, i) => line.adjustments.map((a) => flat(a, "SERVICE_LINE", i))),
  ];
}

function flattenRemarks(claim: RemittanceClaim): FlatRemark[] {
  return [
    ...claim.remarkCodes.map((r) => ({ level: "CLAIM" as const, serviceLineIndex: null, code: r.code, description: describeRarc(r.code) })),
    ...claim.serviceLines.flatMap((line, i) =>
      line.remarkCodes.map((r) => ({ level: "SERVICE_LINE" as const, serviceLineIndex: i, code: r.code, description: describeRarc(r.code) })),
    ),
  ];
}

const sumCents = (adjustments: FlatAdjustment[]) => adjustments.reduce((total, a) => total + a.amountCents, 0);

/**
 * What happened to a claim, decided in this order:
 *
 * 1. REVERSED when CLP02 is 22: the payer takes back an earlier payment,
 *    whatever the amounts (they are negative copies of the original).
 * 2. DENIED when CLP02 is 4: the payer says so.
 * 3. Otherwise the adjustments decide. Cost share (deductible, coinsurance,
 *    copay), contractual reductions (fee schedule, sequestration) and a prior
 *    payer's share are how a claim is normally paid; anything else (CARC kind
 *    DENIAL, including an unlisted code) is money the payer refused.
 *    - some refused money and nothing paid -> DENIED
 *    - some refused money and something paid -> PARTIALLY_PAID
 *    - nothing refused -> PAID, even when the payment is 0: a claim that went
 *      entirely to the deductible was adjudicated as the plan says; the
 *      balance is the patient's, there is nothing to correct or appeal, and
 *      counting it as a denial would blame GroupBill's predictions for it.
 *
 * This is the arithmetic "paid < charge - patient responsibility - contractual
 * reduction" stated through the reasons, which balancing (CLP03 - CLP04 = all
 * CAS) makes equivalent, and which also tells a PR-96 (non-covered, patient
 * liable) denial from a PR-1 deductible.
 */
export function classifyClaim(claim: RemittanceClaim): ClaimOutcome {
  if (claim.statusCode === CLAIM_STATUS_REVERSAL) return "REVERSED";
  if (claim.statusCode === CLAIM_STATUS_DENIED) return "DENIED";
  return byRefusedMoney(sumCents(flattenAdjustments(claim).filter((a) => a.kind === "DENIAL")), claim.paymentCents);
}

function byRefusedMoney(deniedCents: number, paidCents: number): ClaimOutcome {
  if (deniedCents <= 0) return "PAID";
  return paidCents > 0 ? "PARTIALLY_PAID" : "DENIED";
}

/**
 * A service line's verdict by step 3 above, read on the line's own CAS and SVC03. CLP02 4 is the claim's verdict, not
 * each line's: a payer may pay one line of a claim it calls denied. A reversal takes back every line.
 */
function classifyLine(claim: RemittanceClaim, deniedCents: number, paidCents: number): ClaimOutcome {
  if (claim.statusCode === CLAIM_STATUS_REVERSAL) return "REVERSED";
  return byRefusedMoney(deniedCents, paidCents);
}

function settleServiceLines(claim: RemittanceClaim, adjustments: FlatAdjustment[]): ServiceLineSettlement[] {
  return claim.serviceLines.map((line, index) => {
    const deniedCents = sumCents(adjustments.filter((a) => a.serviceLineIndex === index && a.kind === "DENIAL"));
    return {
      index,
      position: line.position,
      procedure: line.procedure,
      originalProcedure: line.originalProcedure,
      chargeCents: line.chargeCents,
      paidCents: line.paymentCents,
      unitsPaid: line.unitsPaid,
      originalUnits: line.originalUnits,
      revenueCode: line.revenueCode,
      serviceDate: line.serviceDate,
      serviceEndDate: line.serviceEndDate,
      lineControlNumber: line.lineControlNumber,
      outcome: classifyLine(claim, deniedCents, line.paymentCents),
      deniedCents,
    };
  });
}

/** Everything the posting service writes for one claim line. */
export function settleClaim(claim: RemittanceClaim): ClaimSettlement {
  const adjustments = flattenAdjustments(claim);
  return {
    outcome: classifyClaim(claim),
    chargeCents: claim.totalChargeCents,
    paidCents: claim.paymentCents,
    patientResponsibilityCents: claim.patientResponsibilityCents ?? sumCents(adjustments.filter((a) => a.group === "PR")),
    deniedCents: sumCents(adjustments.filter((a) => a.kind === "DENIAL")),
    adjustments,
    remarks: flattenRemarks(claim),
    serviceLines: settleServiceLines(claim, adjustments),
  };
}
