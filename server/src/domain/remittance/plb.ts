import type { CodeDescription } from "./carc.js";

/**
 * Provider-level adjustment reason codes (PLB03-1, PLB05-1, ...) a group practice meets. Unlike CARCs they belong
 * to no claim: the payer holds money back (a positive amount) or adds it (a negative amount) for the payment as a
 * whole, and BPR02 = the claims' CLP04 minus the PLB amounts.
 *
 * Source code set: the Adjustment Reason Code list of the 835 TR3 (005010X221A1, PLB03-1; X12 data element 426).
 * The descriptions are GroupBill's own plain-words paraphrases written for billers, not the published text.
 */

export const PLB_SOURCE = "ASC X12 005010X221A1, PLB03-1 Adjustment Reason Code (data element 426)";

export const PLB_CODES: readonly CodeDescription[] = [
  { code: "50", description: "Late charge." },
  { code: "51", description: "Interest penalty charged to the provider." },
  { code: "72", description: "Authorized return: a refund the provider sent back, acknowledged." },
  { code: "90", description: "Early payment allowance." },
  { code: "AH", description: "Origination fee." },
  { code: "AM", description: "Applied to the borrower's account." },
  { code: "AP", description: "Acceleration of benefits: an advance payment." },
  { code: "B2", description: "Rebate." },
  { code: "B3", description: "Recovery allowance." },
  { code: "BD", description: "Bad debt adjustment." },
  { code: "BN", description: "Bonus." },
  { code: "C5", description: "Temporary allowance." },
  { code: "CR", description: "Capitation interest." },
  { code: "CS", description: "Adjustment (the reference says what for, e.g. a garnishment or a void and reissue)." },
  { code: "CT", description: "Capitation payment." },
  { code: "CV", description: "Capital pass-through." },
  { code: "DM", description: "Direct medical education pass-through." },
  { code: "E3", description: "Withholding." },
  { code: "FB", description: "Forwarding balance: money owed carried to or from another payment." },
  { code: "FC", description: "Fund allocation." },
  { code: "GO", description: "Graduate medical education pass-through." },
  { code: "IP", description: "Incentive premium payment." },
  { code: "IR", description: "Internal Revenue Service withholding." },
  { code: "IS", description: "Interim settlement." },
  { code: "J1", description: "Nonreimbursable." },
  { code: "L3", description: "Penalty." },
  { code: "L6", description: "Interest owed to the provider on a late payment." },
  { code: "LE", description: "Levy (for example an IRS tax levy)." },
  { code: "LS", description: "Lump sum." },
  { code: "OB", description: "Offset for affiliated providers." },
  { code: "PI", description: "Periodic interim payment." },
  { code: "PL", description: "Payment final." },
  { code: "RA", description: "Retroactivity adjustment." },
  { code: "RE", description: "Return on equity." },
  { code: "SL", description: "Student loan repayment." },
  { code: "TL", description: "Third party liability." },
  { code: "WO", description: "Overpayment recovery: money taken back for an earlier overpayment." },
  { code: "WU", description: "Unspecified recovery." },
];

const BY_CODE = new Map(PLB_CODES.map((c) => [c.code, c.description]));

export function describePlbReason(code: string): string {
  return BY_CODE.get(code) ?? `Provider-level adjustment ${code} (not in GroupBill's list; see the payer's notice).`;
}
