import { FieldError, fieldError } from "./field-error.js";

const NPI_SHAPE = /^[12]\d{9}$/;

/**
 * CMS NPI standard: the check digit is a Luhn digit over the NPI prefixed
 * with "80840" (the ISO card-issuer prefix for US health identifiers).
 */
function npiLuhnSum(digits: string, doubleEven: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if ((i % 2 === 0) === doubleEven) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

export function isValidNpi(npi: string): boolean {
  if (!NPI_SHAPE.test(npi)) return false;
  return npiLuhnSum("80840" + npi, false) % 10 === 0;
}

/** The NPI whose first nine digits are `body` (fixtures and generated data need valid ones). */
export function npiWithCheckDigit(body: string): string {
  return `${body}${(10 - (npiLuhnSum("80840" + body, true) % 10)) % 10}`;
}

export function validateNpi(npi: string, field = "npi"): FieldError[] {
  return isValidNpi(npi)
    ? []
    : [fieldError(field, "NPI must be 10 digits starting with 1 or 2 with a valid check digit")];
}

// Upper case only: the stored form is canonical so codes compare with ===
// and print on claims exactly as payers expect. Callers run normalizeIcd10 first.
const ICD10_SHAPE = /^[A-Z][0-9][A-Z0-9](\.[A-Z0-9]{1,4})?$/;

export function normalizeIcd10(code: string): string {
  return code.trim().toUpperCase();
}

export function isValidIcd10(code: string): boolean {
  return ICD10_SHAPE.test(code);
}

const ICD10_MESSAGE =
  "Diagnosis code must be an ICD-10-CM code: a letter, a digit, a letter or digit, then optionally a dot and 1-4 letters or digits (e.g. F33.1, F43.10)";

export function validateIcd10(code: string, field = "diagnosisCode"): FieldError[] {
  return isValidIcd10(code) ? [] : [fieldError(field, ICD10_MESSAGE)];
}

/**
 * Validates a member's diagnosis list after normalizing each code the way it
 * will be stored, so "f33.1" and "F33.1 " count as the same code. Repeats are
 * errors rather than silently dropped because order matters on a claim
 * (the first code is the primary diagnosis) and the user should decide.
 */
export function validateDiagnosisCodes(codes: readonly string[], field = "diagnosisCodes"): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  codes.forEach((raw, i) => {
    const code = normalizeIcd10(raw);
    const f = `${field}[${i}]`;
    const invalid = validateIcd10(code, f);
    if (invalid.length > 0) {
      errors.push(...invalid);
    } else if (seen.has(code)) {
      errors.push(fieldError(f, `Diagnosis code ${code} is listed more than once; list each code once`));
    }
    seen.add(code);
  });
  return errors;
}

/** The CMS places of service for telehealth: 02 outside the patient's home, 10 in it. */
export const TELEHEALTH_PLACES_OF_SERVICE = ["02", "10"] as const;

/** CMS place-of-service codes are two digits, 01-99; "00" is not assigned. */
export function isPlaceOfService(s: string): boolean {
  return /^\d{2}$/.test(s) && s !== "00";
}

export function validatePlaceOfService(s: string, field = "placeOfService"): FieldError[] {
  return isPlaceOfService(s)
    ? []
    : [fieldError(field, "Place of service must be a two-digit CMS code from 01 to 99 (e.g. 11 for office, 02 or 10 for telehealth)")];
}
