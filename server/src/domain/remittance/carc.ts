/**
 * Claim Adjustment Reason Codes (CARC) a behavioral-health group practice
 * meets on its 835s.
 *
 * Source code set: "Claim Adjustment Reason Codes", an X12 external code list
 * (code source 139) maintained by the Claim Adjustment Status Code Maintenance
 * Committee and published by X12. The descriptions below are GroupBill's own
 * plain-words paraphrases written for billers, not the committee's text; the
 * published list remains the authority on what a code means and on the dates
 * a code is in force.
 *
 * `kind` says what an adjustment with this reason means for the practice:
 *  - COST_SHARE: the patient's share under the plan (deductible, coinsurance,
 *    copay). The payer did its part; the practice bills the patient.
 *  - CONTRACTUAL: the contract or the law lowers what is owed (fee schedule,
 *    sequestration, capitation). Written off, nothing to fix.
 *  - PRIOR_PAYER: what another payer already did (coordination of benefits).
 *  - DENIAL: the payer refused money for a reason that can be prevented,
 *    corrected or appealed. Codes not listed here count as DENIAL too, so
 *    that an unfamiliar code reaches a person instead of being written off.
 */

export type CarcKind = "COST_SHARE" | "CONTRACTUAL" | "PRIOR_PAYER" | "DENIAL";

export interface CodeDescription {
  code: string;
  description: string;
}

export interface CarcEntry extends CodeDescription {
  kind: CarcKind;
}

export const CARC_SOURCE = "X12 external code list: Claim Adjustment Reason Codes (code source 139)";

export const CARC_CODES: readonly CarcEntry[] = [
  { code: "1", kind: "COST_SHARE", description: "Applied to the patient's deductible." },
  { code: "2", kind: "COST_SHARE", description: "The patient's coinsurance share." },
  { code: "3", kind: "COST_SHARE", description: "The patient's copay." },
  { code: "4", kind: "DENIAL", description: "A modifier on the line does not fit the procedure code, or a modifier the payer requires is missing." },
  { code: "5", kind: "DENIAL", description: "The procedure code (or bill type) does not fit the place of service billed." },
  { code: "6", kind: "DENIAL", description: "The procedure or revenue code does not fit the patient's age." },
  { code: "8", kind: "DENIAL", description: "The procedure code does not fit the rendering provider's type or specialty." },
  { code: "11", kind: "DENIAL", description: "The diagnosis does not support the procedure billed." },
  { code: "15", kind: "DENIAL", description: "The authorization number is missing or invalid, or does not cover these services or this provider." },
  { code: "16", kind: "DENIAL", description: "The claim is missing information or has a billing error the payer needs fixed before it can decide; the remark codes say what." },
  { code: "18", kind: "DENIAL", description: "Exact duplicate of a claim or service already received." },
  { code: "22", kind: "DENIAL", description: "Another payer may be responsible first under coordination of benefits." },
  { code: "23", kind: "PRIOR_PAYER", description: "Adjusted for what a prior payer already paid or adjusted." },
  { code: "24", kind: "CONTRACTUAL", description: "Covered under a capitation or managed-care agreement instead of paid per claim." },
  { code: "26", kind: "DENIAL", description: "The service was before the patient's coverage began." },
  { code: "27", kind: "DENIAL", description: "The service was after the patient's coverage ended." },
  { code: "29", kind: "DENIAL", description: "The claim arrived after the payer's filing deadline." },
  { code: "31", kind: "DENIAL", description: "The payer cannot identify the patient as its member." },
  { code: "45", kind: "CONTRACTUAL", description: "The charge is above the fee schedule or contracted amount; the difference is written off." },
  { code: "50", kind: "DENIAL", description: "The payer does not consider the service medically necessary." },
  { code: "96", kind: "DENIAL", description: "The charge is not covered." },
  { code: "97", kind: "DENIAL", description: "Paid as part of another service already decided, not separately." },
  { code: "109", kind: "DENIAL", description: "This payer does not cover the claim; send it to the right payer." },
  { code: "119", kind: "DENIAL", description: "The benefit maximum for the period or occurrence has been reached." },
  { code: "125", kind: "DENIAL", description: "The claim has submission or billing errors." },
  { code: "140", kind: "DENIAL", description: "The patient's or insured's member id and name do not match." },
  { code: "146", kind: "DENIAL", description: "The diagnosis code was not valid on the date of service." },
  { code: "150", kind: "DENIAL", description: "The documentation sent does not support the level of service billed." },
  { code: "151", kind: "DENIAL", description: "The documentation does not support this many services or this frequency." },
  { code: "167", kind: "DENIAL", description: "The diagnosis is not covered." },
  { code: "170", kind: "DENIAL", description: "Not paid when this type of provider performs or bills the service." },
  { code: "181", kind: "DENIAL", description: "The procedure code was not valid on the date of service." },
  { code: "182", kind: "DENIAL", description: "The modifier was not valid on the date of service." },
  { code: "183", kind: "DENIAL", description: "The referring provider may not refer this service." },
  { code: "185", kind: "DENIAL", description: "The rendering provider may not perform this service." },
  { code: "189", kind: "DENIAL", description: "An unlisted or 'not otherwise classified' code was billed where a specific code exists." },
  { code: "197", kind: "DENIAL", description: "Required prior authorization, precertification or notification was not obtained." },
  { code: "198", kind: "DENIAL", description: "More services were given than the authorization or precertification allows." },
  { code: "200", kind: "DENIAL", description: "The service was during a lapse in the patient's coverage." },
  { code: "204", kind: "DENIAL", description: "The patient's current benefit plan does not cover this service." },
  { code: "222", kind: "DENIAL", description: "More hours, days or units than this provider's contract allows for the period." },
  { code: "226", kind: "DENIAL", description: "Information the payer asked the provider for was not sent." },
  { code: "234", kind: "DENIAL", description: "This procedure is not paid separately." },
  { code: "242", kind: "DENIAL", description: "The service was not given by a network or primary-care provider." },
  { code: "252", kind: "DENIAL", description: "The payer needs an attachment or other documentation to decide." },
  { code: "253", kind: "CONTRACTUAL", description: "Sequestration: the federally mandated reduction of the payment." },
  { code: "256", kind: "DENIAL", description: "Not payable under the managed-care contract." },
  { code: "288", kind: "DENIAL", description: "A required referral is missing." },
];

const BY_CODE = new Map(CARC_CODES.map((entry) => [entry.code, entry]));

/** X12 writes codes without leading zeros, but people type "045". */
function normalize(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return /^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

/** The plain-words meaning of a CARC; an unlisted code is named as such rather than left blank. */
export function describeCarc(code: string): string {
  const entry = BY_CODE.get(normalize(code));
  return entry ? entry.description : `Adjustment reason code ${code.trim()} (not in GroupBill's list; see the X12 Claim Adjustment Reason Codes).`;
}

/** What an adjustment with this reason means for the practice; unlisted codes are DENIAL (see above). */
export function carcKind(code: string): CarcKind {
  return BY_CODE.get(normalize(code))?.kind ?? "DENIAL";
}

export function isKnownCarc(code: string): boolean {
  return BY_CODE.has(normalize(code));
}
