import { FieldError, fieldError, labelFor } from "./field-error.js";

/**
 * What an 837P (005010X222A1) can carry, checked where the values are typed in
 * rather than discovered when a batch is exported months later. Every service
 * that stores a value which ends up in an 837P (names, addresses, member and
 * payer ids, clearinghouse details) validates it here.
 *
 * Characters: the X12 basic character set (A-Z, 0-9, space and
 * ! " & ' ( ) + , - . / ; ? =) and the ASCII part of the extended set
 * (a-z and % @ [ ] _ { } \ | < > # $), without the four delimiters our files
 * use (* element, : component, ^ repetition, ~ segment terminator) and without
 * control characters: one stray delimiter shifts every following element and
 * the clearinghouse rejects the whole file.
 *
 * Names and addresses are people's own spelling and stay stored as typed, so
 * they may also carry what the export folds into that set in a documented way
 * (foldToX12): accented Latin letters lose their accent (Zoë -> ZOE), curly
 * apostrophes and dashes become ' and -. Identifiers are never folded: a
 * changed member id bills someone else, so they must already be in the set.
 */

/** Element maximums (and minimums) of 005010X222A1 for the values GroupBill writes. */
export const X12_LIMITS = {
  /** NM103 of an organization (submitter 1000A, receiver 1000B, billing provider 2010AA, payer 2010BB) and PER02. */
  organizationName: { min: 1, max: 60 },
  /** NM103 of a person (subscriber 2010BA, rendering provider 2310B). */
  lastName: { min: 1, max: 60 },
  /** NM104 of a person. */
  firstName: { min: 1, max: 35 },
  /** NM109: subscriber member id (2010BA, qualifier MI) and payer id (2010BB, qualifier PI). */
  identifier: { min: 2, max: 80 },
  /** N301 address line. */
  addressLine: { min: 1, max: 55 },
  /** N401 city. */
  city: { min: 2, max: 30 },
  /** REF02 of REF*G1 (2300) allows 50; payers issue far shorter numbers, and 30 keeps typos out. */
  priorAuthorizationNumber: { min: 1, max: 30 },
} as const;

export const X12_DELIMITERS = "*:^~";

// One character of the X12 basic or extended (ASCII) set, delimiters excluded.
const X12_CHARACTER = /^[A-Za-z0-9 !"&'()+,\-./;?=%@[\]_{}\\|<>#$]$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const TYPOGRAPHIC: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02bc": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u00a0": " ",
};

export function isX12Character(c: string): boolean {
  return X12_CHARACTER.test(c);
}

/**
 * How the 837P export writes a name or address: accents folded away and
 * typographic punctuation replaced by its ASCII form. Characters still outside
 * the X12 set are left for the caller to refuse (input) or drop (export).
 */
export function foldToX12(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc\u201c\u201d\u2010-\u2014\u00a0]/g, (c) => TYPOGRAPHIC[c]!)
    .normalize("NFC");
}

function describe(c: string): string {
  const code = c.codePointAt(0)!;
  if (CONTROL.test(c)) return code === 10 || code === 13 ? "a line break" : code === 9 ? "a tab" : "a control character";
  return `"${c}"`;
}

/**
 * Why a value cannot go into an 837P element, or null when it can. `fold`
 * says whether the export folds it first (names, addresses) or writes it as is
 * (identifiers).
 */
export function x12CharacterProblem(value: string, fold: boolean): string | null {
  const text = fold ? foldToX12(value) : value;
  for (const c of text) {
    if (isX12Character(c)) continue;
    if (X12_DELIMITERS.includes(c)) {
      return `cannot contain ${describe(c)}: * : ^ and ~ separate the parts of an 837P claim file`;
    }
    if (CONTROL.test(c)) return `cannot contain ${describe(c)}; keep it on one line`;
    return fold
      ? `cannot contain ${describe(c)}: claim files carry only the letters A-Z (accents are dropped), digits, spaces and common punctuation`
      : `cannot contain ${describe(c)}: claim files carry only the letters A-Z, digits, spaces and common punctuation`;
  }
  return null;
}

interface TextLimits {
  min: number;
  max: number;
}

/** Characters as the export counts them: after folding, every character is one ASCII character. */
function x12Length(value: string, fold: boolean): number {
  return [...(fold ? foldToX12(value) : value)].length;
}

function checkText(value: string | null | undefined, field: string, limits: TextLimits, fold: boolean, required: boolean): FieldError[] {
  const label = labelFor(field);
  const v = (value ?? "").trim();
  if (v.length === 0) return required ? [fieldError(field, `${label} is required and cannot be blank`)] : [];
  const problem = x12CharacterProblem(v, fold);
  if (problem) return [fieldError(field, `${label} ${problem}`)];
  const n = x12Length(v, fold);
  if (n > limits.max) return [fieldError(field, `${label} must be at most ${limits.max} characters long (the 837P limit for it)`)];
  if (n < limits.min) return [fieldError(field, `${label} must be at least ${limits.min} characters long (the 837P minimum for it)`)];
  if (fold && !/[A-Za-z0-9]/.test(foldToX12(v))) return [fieldError(field, `${label} must contain a letter or digit`)];
  return [];
}

interface Presence {
  required?: boolean;
}

/** A practice, payer or clearinghouse name (NM103, PER02). */
export function validateOrganizationName(value: string | null | undefined, field: string, options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.organizationName, true, options.required ?? true);
}

/** A client's family name (2010BA NM103). */
export function validateLastName(value: string | null | undefined, field = "lastName", options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.lastName, true, options.required ?? true);
}

/** A client's given name (2010BA NM104). */
export function validateFirstName(value: string | null | undefined, field = "firstName", options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.firstName, true, options.required ?? true);
}

/** A street address line (N301). */
export function validateAddressLine(value: string | null | undefined, field: string, options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.addressLine, true, options.required ?? true);
}

/** A city (N401). */
export function validateCity(value: string | null | undefined, field: string, options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.city, true, options.required ?? true);
}

/**
 * A member id or payer id (NM109). Written exactly as stored, so the
 * characters must already be in the X12 set.
 */
export function validateClaimIdentifier(value: string | null | undefined, field: string, options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.identifier, false, options.required ?? true);
}

/** A payer's prior authorization number (2300 REF*G1), written exactly as stored. */
export function validatePriorAuthorizationNumber(value: string | null | undefined, field = "number", options: Presence = {}): FieldError[] {
  return checkText(value, field, X12_LIMITS.priorAuthorizationNumber, false, options.required ?? true);
}

/**
 * Rendering provider names arrive as one display string ("Jane Q Doe",
 * "Jane Doe, LCSW"). Credentials after a comma are dropped because they are
 * not part of the legal name the payer has on file; the last word is the last
 * name, the rest the first name. A single word is a last name only.
 */
export function splitPersonName(display: string): { last: string; first: string } {
  const name = display.split(",")[0]!.replace(/\s+/g, " ").trim();
  const cut = name.lastIndexOf(" ");
  return cut < 0 ? { last: name, first: "" } : { last: name.slice(cut + 1), first: name.slice(0, cut) };
}

/** A clinician's display name, which the 837P splits into last (NM103) and first name (NM104). */
export function validatePersonDisplayName(value: string | null | undefined, field = "name", options: Presence = {}): FieldError[] {
  const label = labelFor(field);
  const v = (value ?? "").trim();
  if (v.length === 0) return options.required ?? true ? [fieldError(field, `${label} is required and cannot be blank`)] : [];
  const problem = x12CharacterProblem(v, true);
  if (problem) return [fieldError(field, `${label} ${problem}`)];
  const { last, first } = splitPersonName(foldToX12(v));
  if (!/[A-Za-z0-9]/.test(last)) {
    return [fieldError(field, `${label} must start with the person's name, credentials after a comma (e.g. Jane Q Doe, LCSW)`)];
  }
  if (last.length > X12_LIMITS.lastName.max) {
    return [fieldError(field, `${label}: the last name must be at most ${X12_LIMITS.lastName.max} characters long (the 837P limit for it)`)];
  }
  if (first.length > X12_LIMITS.firstName.max) {
    return [fieldError(field, `${label}: the first and middle names must be at most ${X12_LIMITS.firstName.max} characters long together (the 837P limit for them)`)];
  }
  // Credentials are not sent, but a display string without bound would still be stored and shown everywhere.
  if (v.length > 200) return [fieldError(field, `${label} must be at most 200 characters long`)];
  return [];
}

type Shape = [RegExp, string];

function checkShape(value: string | null | undefined, field: string, [pattern, message]: Shape): FieldError[] {
  return value == null || value === "" || pattern.test(value) ? [] : [fieldError(field, message)];
}

/**
 * Shapes of the practice's billing details (2010AA REF*EI, PRV03, N402, N403,
 * PER04; ISA08). Callers normalise first (trim; upper-case state and
 * taxonomy); a missing value is the export's to ask for, not an input error.
 */
export const validateTaxId = (v: string | null | undefined, field = "taxId") => checkShape(v, field, [/^\d{9}$/, "Tax id must be the 9 digits of the EIN (no dash)"]);
export const validateTaxonomyCode = (v: string | null | undefined, field = "taxonomyCode") =>
  checkShape(v, field, [/^[0-9]{3}[0-9A-Z]{6}X$/, "Taxonomy code must be 10 characters ending in X, e.g. 261QM0801X"]);
export const validatePhone = (v: string | null | undefined, field = "phone") => checkShape(v, field, [/^\d{10}$/, "Phone must be 10 digits"]);
/** ISA08 is 15 characters wide and the GS03 receiver code follows it; clearinghouses issue letters and digits. */
export const validateReceiverId = (v: string | null | undefined, field = "clearinghouseId") =>
  checkShape(v, field, [/^[A-Za-z0-9]{2,15}$/, "Clearinghouse id must be 2-15 letters or digits"]);

/** USPS codes of the states, DC, the territories and the military post offices (N402). */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY " +
    "DC PR VI GU AS MP AA AE AP"
  ).split(" "),
);

/** A US state code, checked against the real list (N402); null or empty is the caller's to require. */
export function validateUsState(value: string | null | undefined, field = "state"): FieldError[] {
  if (value == null || value === "") return [];
  return US_STATE_CODES.has(value) ? [] : [fieldError(field, `${labelFor(field)} must be a US state code such as MA (got ${JSON.stringify(value)})`)];
}

/** ZIP as typed ("02110-1234", "02110 1234") to the digits the 837P carries (N403). */
export function normalizeZip(value: string): string {
  return value.trim().replace(/[\s-]/g, "");
}

/** A ZIP after normalizeZip: 5 digits or ZIP+4; `nineDigits` where the 837P wants ZIP+4 (billing provider). */
export function validateZipCode(value: string | null | undefined, field = "zip", options: { nineDigits?: boolean } = {}): FieldError[] {
  if (value == null || value === "") return [];
  if (options.nineDigits) {
    return /^\d{9}$/.test(value) ? [] : [fieldError(field, `${labelFor(field)} must be the 9-digit ZIP+4 (e.g. 02110-1234): the 837P requires it for the billing provider`)];
  }
  return /^\d{5}(\d{4})?$/.test(value) ? [] : [fieldError(field, `${labelFor(field)} must be a 5-digit ZIP or a ZIP+4 (e.g. 02110 or 02110-1234)`)];
}

// "PO Box 12", "P.O. Box", "Post Office Box", "POB 7", "Lock Box" (the 2010AA N3 must be a street address).
const PO_BOX = /\b(p\.?\s*o\.?\s*b(ox)?|post\s+office\s+box|lock\s*box)\b/i;

/** The billing provider's street address: the TR3 refuses a post office box in 2010AA N301/N302. */
export function validateStreetAddressLine(value: string | null | undefined, field: string, options: Presence = {}): FieldError[] {
  const errors = validateAddressLine(value, field, options);
  if (errors.length === 0 && value && PO_BOX.test(value)) {
    errors.push(fieldError(field, `${labelFor(field)} must be a street address: the 837P refuses a PO box for the billing provider (a pay-to address is not sent)`));
  }
  return errors;
}

export interface AddressValues {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  zip: string;
}

/** Trimmed, state upper-cased, ZIP reduced to digits, an empty second line dropped. */
export function normalizeAddress(address: AddressValues): { line1: string; line2: string | null; city: string; state: string; zip: string } {
  const line2 = address.line2?.trim() ?? "";
  return { line1: address.line1.trim(), line2: line2 === "" ? null : line2, city: address.city.trim(), state: address.state.trim().toUpperCase(), zip: normalizeZip(address.zip) };
}

/** A person's home address (2010BA/2010CA N3/N4), already normalized; errors name `${prefix}.line1` and so on. */
export function validatePostalAddress(address: AddressValues, prefix: string): FieldError[] {
  return [
    ...validateAddressLine(address.line1, `${prefix}.line1`),
    ...validateAddressLine(address.line2, `${prefix}.line2`, { required: false }),
    ...validateCity(address.city, `${prefix}.city`),
    ...(address.state === "" ? [fieldError(`${prefix}.state`, "State is required")] : validateUsState(address.state, `${prefix}.state`)),
    ...(address.zip === "" ? [fieldError(`${prefix}.zip`, "ZIP is required")] : validateZipCode(address.zip, `${prefix}.zip`)),
  ];
}

const HONORIFIC = /^(dr|mr|mrs|ms|mx)\.?\s+/i;

/**
 * The legal first and last name inside a display name: splitPersonName without a leading honorific
 * ("Dr. Amara Obi, PhD" -> Amara / Obi). The migration that added clinicians' names did the same in SQL.
 */
export function personNameParts(display: string): { first: string | null; last: string } {
  const { last, first } = splitPersonName(display.split(",")[0]!.trim().replace(HONORIFIC, ""));
  return { last, first: first === "" ? null : first };
}

/** ISA06/GS02 and the 1000A NM109: as the clearinghouse issued it, letters and digits, at most 15 (ISA06's width). */
export const validateSubmitterId = (v: string | null | undefined, field = "submitterId") =>
  checkShape(v, field, [/^[A-Za-z0-9]{2,15}$/, "Submitter id must be 2-15 letters or digits, as the clearinghouse issued it"]);

/** The test the billing provider's street line passes at input, for values stored before it existed. */
export function looksLikePoBox(line: string): boolean {
  return PO_BOX.test(line);
}
