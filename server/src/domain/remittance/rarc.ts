import type { CodeDescription } from "./carc.js";

/**
 * Remittance Advice Remark Codes (RARC) a behavioral-health group practice
 * meets on its 835s (MOA, MIA, LQ*HE).
 *
 * Source code set: "Remittance Advice Remark Codes", an X12 external code
 * list (code source 411) maintained by CMS. The descriptions are GroupBill's
 * own plain-words paraphrases written for billers, not the published text,
 * which remains the authority.
 */

export const RARC_SOURCE = "X12 external code list: Remittance Advice Remark Codes (code source 411)";

export const RARC_CODES: readonly CodeDescription[] = [
  { code: "M15", description: "Services billed separately were combined because the payer treats them as parts of one procedure." },
  { code: "M20", description: "The HCPCS code is missing, incomplete or invalid." },
  { code: "M51", description: "A procedure code is missing, incomplete or invalid." },
  { code: "M62", description: "The treatment authorization code is missing, incomplete or invalid." },
  { code: "M76", description: "A diagnosis or condition is missing, incomplete or invalid." },
  { code: "M77", description: "The place of service is missing, incomplete or invalid." },
  { code: "M80", description: "Not covered when given on the same date or in the same session as a service already processed for the patient." },
  { code: "M86", description: "Denied because the same or a similar procedure was already paid within the set time frame." },
  { code: "MA01", description: "If you disagree with the decision you may appeal; the notice says how and by when." },
  { code: "MA04", description: "A secondary payment needs the primary payer's identity or payment details." },
  { code: "MA13", description: "Billing the patient for amounts not reported as patient responsibility (group PR) may bring penalties." },
  { code: "MA130", description: "The claim has incomplete or invalid information and cannot be processed, so there is no appeal: send a new, corrected claim." },
  { code: "N4", description: "The prior insurer's explanation of benefits is missing, incomplete or invalid." },
  { code: "N19", description: "The procedure is incidental to the main procedure and not paid separately." },
  { code: "N20", description: "Not payable together with another service given on the same date." },
  { code: "N30", description: "The patient is not eligible for this service." },
  { code: "N54", description: "The claim does not match the services that were authorized or precertified." },
  { code: "N56", description: "The procedure code is not correct or valid for the services or the date of service billed." },
  { code: "N115", description: "The decision follows a Local Coverage Determination (LCD)." },
  { code: "N211", description: "This decision cannot be appealed." },
  { code: "N290", description: "The rendering provider's primary identifier (NPI) is missing, incomplete or invalid." },
  { code: "N362", description: "The days or units of service are more than the payer accepts." },
  { code: "N386", description: "The decision follows a National Coverage Determination (NCD)." },
  { code: "N432", description: "Adjusted as the result of a recovery audit." },
  { code: "N522", description: "Duplicate of a claim processed, or about to be, as a crossover claim." },
  { code: "N657", description: "Bill these services with the code that fits them." },
];

const BY_CODE = new Map(RARC_CODES.map((entry) => [entry.code, entry]));

/** The plain-words meaning of a RARC; an unlisted code is named as such rather than left blank. */
export function describeRarc(code: string): string {
  const entry = BY_CODE.get(code.trim().toUpperCase());
  return entry ? entry.description : `Remark code ${code.trim()} (not in GroupBill's list; see the X12 Remittance Advice Remark Codes).`;
}

export function isKnownRarc(code: string): boolean {
  return BY_CODE.has(code.trim().toUpperCase());
}
