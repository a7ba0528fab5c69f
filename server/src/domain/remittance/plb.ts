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
  { code: "50", description: "A late charge taken from the payment." },
  { code: "51", description: "Interest penalty charged to the provider." },
  { code: "72", description: "Authorized return: a refund the provider sent back, acknowledged." },
  { code: "90", description: "An allowance for early payment." },
  { code: "AH", description: "An origination fee taken from the payment." },
  { code: "AM", description: "Applied to the borrower's account." },
  { code: "AP", description: "Acceleration of benefits: an advance payment." },
  { code: "B2", description: "A rebate paid to the provider." },
  { code: "B3", description: "A recovery allowance." },
  { code: "BD", description: "A bad debt adjustment." },
  { code: "BN", description: "A bonus paid to the provider." },
  { code: "C5", description: "A temporary allowance." },
  { code: "CR", description: "Interest on capitation payments." },
  { code: "CS", description: "Adjustment (the reference says what for, e.g. a garnishment or a void and reissue)." },
  { code: "CT", description: "A capitation payment." },
  { code: "CV", description: "A capital pass-through payment." },
  { code: "DM", description: "Direct medical education pass-through." },
  { code: "E3", description: "Money withheld from the payment." },
  { code: "FB", description: "Forwarding balance: money owed carried to or from another payment." },
  { code: "FC", description: "An allocation of funds." },
  { code: "GO", description: "Graduate medical education pass-through." },
  { code: "IP", description: "Incentive premium payment." },
  { code: "IR", description: "Internal Revenue Service withholding." },
  { code: "IS", description: "An interim settlement." },
  { code: "J1", description: "An amount that is not reimbursable." },
  { code: "L3", description: "A penalty taken from the payment." },
  { code: "L6", description: "Interest owed to the provider on a late payment." },
  { code: "LE", description: "Levy (for example an IRS tax levy)." },
  { code: "LS", description: "A lump sum payment." },
  { code: "OB", description: "Offset for affiliated providers." },
  { code: "PI", description: "A periodic interim payment." },
  { code: "PL", description: "The final payment." },
  { code: "RA", description: "A retroactive adjustment." },
  { code: "RE", description: "A return on equity." },
  { code: "SL", description: "A student loan repayment withheld." },
  { code: "TL", description: "Third party liability: another party owes this." },
  { code: "WO", description: "Overpayment recovery: money taken back for an earlier overpayment." },
  { code: "WU", description: "A recovery the payer does not specify further." },
];

const BY_CODE = new Map(PLB_CODES.map((c) => [c.code, c.description]));

export function describePlbReason(code: string): string {
  const key = code.trim().toUpperCase();
  return BY_CODE.get(key) ?? `Provider-level adjustment ${key} (not in GroupBill's list; see the payer's notice).`;
}
