import { X12_LIMITS, looksLikePoBox, personNameParts } from "../validation/claim-fields.js";
import { assertCents, centsToX12Amount, formatX12Quantity } from "./money.js";
import type { ClaimFrequency, FrozenBatch, FrozenClaimLine, Gender, OtherPayer, PostalAddress, Relationship } from "./types.js";
import { ProblemCollector, assertIsoDate, assertLines, fail } from "./validate.js";
import {
  COMPONENT_SEPARATOR,
  ELEMENT_SEPARATOR,
  LINE_BREAK,
  REPETITION_SEPARATOR,
  SEGMENT_TERMINATOR,
  composite,
  requiredX12Text,
  segment,
  x12Identifier,
  x12Text,
} from "./x12-text.js";

export const IMPLEMENTATION_GUIDE = "005010X222A1";
export const DEFAULT_CLAIM_FILING_CODE = "CI";

const MAX_DIAGNOSES = 12;
const MAX_POINTERS = 4;
const MAX_MODIFIERS = 4;
/** Loop 2400 repeats at most 50 times per claim. */
const MAX_SERVICE_LINES = 50;
/** CLM01 is AN 1-38, but many payers keep only 20 characters of the patient control number they echo back. */
const MAX_PATIENT_CONTROL_NUMBER = 20;
/** PAT01 individual relationship codes (code list 1069) of a patient who is not the subscriber. */
const PATIENT_RELATIONSHIP_CODE: Record<Exclude<Relationship, "SELF">, string> = { SPOUSE: "01", CHILD: "19", OTHER: "G8" };
// The TR3 caps loop 2300 at 100 repeats per 2000B; a busier member gets another 2000B.
const MAX_CLAIMS_PER_SUBSCRIBER_LOOP = 100;
const NAME = X12_LIMITS.organizationName.max;

// ---------------------------------------------------------------- validation

function digitsOnly(value: unknown, field: string, lengths: readonly number[], hint: string): string {
  const digits = typeof value === "string" ? value.trim().replace(/-/g, "") : "";
  if (!/^\d+$/.test(digits) || !lengths.includes(digits.length)) {
    fail(field, `${field} must be ${hint}, got ${JSON.stringify(value)}`);
  }
  return digits;
}

function npi(value: unknown, field: string, label = field): string {
  if (typeof value !== "string" || !/^\d{10}$/.test(value.trim())) {
    fail(field, `${label} must be a 10-digit NPI, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/** Separators and spaces are common in how people type phones; the TR3 wants digits only. */
function phone(value: unknown, field: string): string {
  let digits = typeof value === "string" ? value.replace(/\D/g, "") : "";
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (digits.length !== 10) fail(field, `${field} must be a 10-digit US phone number, got ${JSON.stringify(value)}`);
  return digits;
}

interface CleanAddress {
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
}

/**
 * A person's address takes a 5- or 9-digit ZIP; the billing provider's must be the ZIP+4 and a street
 * address (the TR3 refuses a PO box in 2010AA), both also checked when the practice typed them in.
 */
function address(value: PostalAddress | undefined, field: string, label = field, options: { billingProvider?: boolean } = {}): CleanAddress {
  if (!value) fail(field, `${label} is required`);
  const problems = new ProblemCollector();
  const state = problems.take(() => {
    const code = typeof value.state === "string" ? value.state.trim().toUpperCase() : "";
    if (!/^[A-Z]{2}$/.test(code)) fail(`${field}.state`, `${label} state must be a 2-letter state code, got ${JSON.stringify(value.state)}`);
    return code;
  });
  const line1 = problems.take(() => {
    const text = requiredX12Text(value.line1, X12_LIMITS.addressLine.max, `${field}.line1`, `${label} street line`);
    if (options.billingProvider && looksLikePoBox(text)) fail(`${field}.line1`, `${label} must be a street address, not a PO box (2010AA N301), got ${JSON.stringify(value.line1)}`);
    return text;
  });
  const line2 = typeof value.line2 === "string" ? x12Text(value.line2, X12_LIMITS.addressLine.max) : "";
  const city = problems.take(() => {
    const text = requiredX12Text(value.city, X12_LIMITS.city.max, `${field}.city`, `${label} city`);
    if (text.length < X12_LIMITS.city.min) fail(`${field}.city`, `${label} city must be at least ${X12_LIMITS.city.min} characters, got ${JSON.stringify(value.city)}`);
    return text;
  });
  const zip = problems.take(() =>
    options.billingProvider ? digitsOnly(value.zip, `${field}.zip`, [9], "the 9-digit ZIP+4 (2010AA N403)") : digitsOnly(value.zip, `${field}.zip`, [5, 9], "a 5- or 9-digit ZIP code"),
  );
  return { ...problems.values({ line1, city, state, zip }), line2 };
}

function ccyymmdd(isoDate: string): string {
  return isoDate.replace(/-/g, "");
}

/**
 * The envelope is stamped in UTC: the frozen batch carries no practice time
 * zone, and a pure function must give the same bytes on every server.
 */
function stamp(createdAt: Date): { ccyymmdd: string; yymmdd: string; hhmm: string } {
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    fail("createdAt", "batch.createdAt must be a valid Date");
  }
  const iso = createdAt.toISOString(); // 2024-01-05T14:03:09.000Z
  const date = iso.slice(0, 10).replace(/-/g, "");
  return { ccyymmdd: date, yymmdd: date.slice(2), hhmm: iso.slice(11, 13) + iso.slice(14, 16) };
}

/** ICD-10-CM code with or without its dot; the 837 carries it without. */
function diagnosis(code: unknown, field: string, label: string): string {
  const text = typeof code === "string" ? code.trim().toUpperCase() : "";
  if (!/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/.test(text)) {
    fail(field, `${label}: ${JSON.stringify(code)} is not an ICD-10 code such as "F33.1"`);
  }
  return text.replace(".", "");
}

/** A service line after the claim's 90853 line (loop 2400 LX 2, 3, ...). */
interface CleanAddOn {
  procedure: string; // SV101 composite
  chargeAmount: string;
  units: string;
  /** SV105: written only when it differs from the claim's place of service (CLM05-1), as the TR3 asks. */
  placeOfService: string;
}

interface CleanLine {
  claimId: string;
  serviceDate: string; // CCYYMMDD
  /** The 90853 service line's charge (SV102). */
  chargeAmount: string;
  /** CLM02: the claim's total, the sum of its service lines' charges. */
  claimAmount: string;
  addOns: CleanAddOn[];
  placeOfService: string;
  procedure: string; // SV101 composite
  units: string;
  diagnoses: string[]; // without dots, deduplicated, principal first
  rendering: { last: string; first: string; npi: string; taxonomy: string };
  supervisedLeader?: { last: string; first: string; npi: string };
  priorAuthorization?: string;
  supervising?: { last: string; first: string; npi: string };
  frequency: ClaimFrequency;
  originalPayerClaimNumber?: string;
  otherPayer?: CleanOtherPayer;
}

interface CleanOtherPayer {
  payerName: string;
  payerCode: string;
  claimFilingCode: string;
  memberId: string;
  relationshipCode: string; // 2320 SBR02
  subscriberLast: string;
  subscriberFirst: string;
  paidAmount: string;
  adjudicatedOn: string; // CCYYMMDD
  /** One entry per CAS segment: the group code and its (reason, amount) pairs, at most six. */
  cas: { group: string; items: [string, string][] }[];
}

interface CleanPerson {
  lastName: string;
  firstName: string;
  dateOfBirth: string; // CCYYMMDD
  gender: Gender;
  address: CleanAddress;
}

interface CleanSubscriber {
  /** The insured (2010BA). */
  person: CleanPerson;
  /** The client when not the insured (2000C/2010CA), with PAT01. */
  patient?: CleanPerson & { relationshipCode: string };
  memberId: string;
  payerName: string;
  payerCode: string;
  claimFilingCode: string;
  /** SBR01: P when the destination payer is primary, S when secondary. */
  sequence: "P" | "S";
  lines: CleanLine[];
}

/** How a line is named to the person who must fix it: its position in the batch, the member and the date. */
function lineLabel(line: FrozenClaimLine, index: number): string {
  const who = [line?.client?.firstName, line?.client?.lastName].filter((s) => typeof s === "string" && s.trim() !== "").join(" ");
  return `Line ${index + 1} (${who || "unnamed member"}, ${String(line?.serviceDate)})`;
}

/** SV101: HC, the code, then up to 4 modifiers. */
function procedureOf(line: { cptCode: unknown; modifiers: unknown }, at: string, label: string): string {
  const cpt = typeof line.cptCode === "string" ? line.cptCode.trim().toUpperCase() : "";
  if (!/^\d{4}[0-9A-Z]$/.test(cpt)) fail(`${at}.cptCode`, `${label}: cptCode must be a 5-character CPT/HCPCS code, got ${JSON.stringify(line.cptCode)}`);
  const modifiers = (Array.isArray(line.modifiers) ? line.modifiers : []).map((m) => (typeof m === "string" ? m.trim().toUpperCase() : ""));
  if (modifiers.length > MAX_MODIFIERS) fail(`${at}.modifiers`, `${label}: at most ${MAX_MODIFIERS} modifiers fit on a claim line, got ${modifiers.length}`);
  for (const m of modifiers) {
    if (!/^[0-9A-Z]{2}$/.test(m)) fail(`${at}.modifiers`, `${label}: modifier ${JSON.stringify(m)} must be 2 letters/digits`);
  }
  return composite("HC", cpt, ...modifiers);
}

function placeOfServiceOf(line: { placeOfService: unknown }, at: string, label: string): string {
  const pos = typeof line.placeOfService === "string" ? line.placeOfService.trim() : "";
  if (!/^\d{2}$/.test(pos)) fail(`${at}.placeOfService`, `${label}: placeOfService must be a 2-digit code, got ${JSON.stringify(line.placeOfService)}`);
  return pos;
}

function unitsOf(line: { units: unknown }, at: string, label: string): string {
  if (typeof line.units !== "number" || !Number.isFinite(line.units) || line.units <= 0 || line.units > 9999) {
    fail(`${at}.units`, `${label}: units must be a positive number, got ${String(line.units)}`);
  }
  return formatX12Quantity(line.units);
}

/**
 * The claim's add-on service lines (90785 with 90853), each checked like the first line; their charges go into
 * CLM02. A claim holds at most 50 service lines, far more than any add-on list here.
 */
function cleanAddOns(line: FrozenClaimLine, claimPlaceOfService: string | undefined, at: string, label: string): { lines: CleanAddOn[]; cents: number } {
  const given = line.addOnLines ?? [];
  if (!Array.isArray(given)) fail(`${at}.addOnLines`, `${label}: addOnLines must be a list`);
  if (given.length > MAX_SERVICE_LINES - 1) fail(`${at}.addOnLines`, `${label}: a claim holds at most ${MAX_SERVICE_LINES} service lines, got ${given.length + 1}`);
  const problems = new ProblemCollector();
  let cents = 0;
  const lines = given.map((addOn, i) => {
    const where = `${at}.addOnLines[${i}]`;
    const what = `${label} add-on line ${i + 1}`;
    const procedure = problems.take(() => procedureOf(addOn, where, what));
    const placeOfService = problems.take(() => placeOfServiceOf(addOn, where, what));
    const units = problems.take(() => unitsOf(addOn, where, what));
    const charge = problems.take(() => assertCents(addOn.chargeCents, `${where}.chargeCents`, what));
    if (charge !== undefined) cents += charge;
    return {
      procedure: procedure ?? "",
      chargeAmount: charge === undefined ? "" : centsToX12Amount(charge),
      units: units ?? "",
      placeOfService: placeOfService === undefined || placeOfService === claimPlaceOfService ? "" : placeOfService,
    };
  });
  problems.throwIfAny();
  return { lines, cents };
}

function cleanLine(line: FrozenClaimLine, at: string, label: string): CleanLine {
  const problems = new ProblemCollector();
  const claimId = problems.take(() => {
    const id = typeof line.patientControlNumber === "string" ? line.patientControlNumber.trim() : "";
    if (!/^[0-9A-Za-z]+$/.test(id) || id.length > MAX_PATIENT_CONTROL_NUMBER) {
      fail(
        `${at}.patientControlNumber`,
        `${label}: the patient control number must be 1-${MAX_PATIENT_CONTROL_NUMBER} letters/digits, got ${JSON.stringify(line.patientControlNumber)}`,
      );
    }
    return id;
  });

  const procedure = problems.take(() => procedureOf(line, at, label));
  const placeOfService = problems.take(() => placeOfServiceOf(line, at, label));
  const units = problems.take(() => unitsOf(line, at, label));

  const diagnoses = problems.take(() => {
    const raw = Array.isArray(line.diagnosisCodes) ? line.diagnosisCodes : [];
    // A repeated code would waste an HI slot and some payers reject duplicates; order is kept so the first stays principal.
    const codes = [...new Set(raw.map((c, i) => diagnosis(c, `${at}.diagnosisCodes[${i}]`, `${label} diagnosis ${i + 1}`)))];
    if (codes.length === 0) fail(`${at}.diagnosisCodes`, `${label}: at least one diagnosis code is required`);
    if (codes.length > MAX_DIAGNOSES) fail(`${at}.diagnosisCodes`, `${label}: at most ${MAX_DIAGNOSES} diagnosis codes fit on a claim, got ${codes.length}`);
    return codes;
  });

  const rendering = problems.take(() => {
    const provider = line.renderingProvider;
    const field = `${at}.renderingProvider.name`;
    // Recorded legal names win; a display name is split only for lines frozen before they were recorded.
    const names = provider?.lastName
      ? { last: provider.lastName, first: provider.firstName ?? "" }
      : (({ last, first }) => ({ last, first: first ?? "" }))(personNameParts(requiredX12Text(provider?.name, 200, field, `${label}: the rendering provider's name`)));
    const last = x12Text(names.last, X12_LIMITS.lastName.max);
    if (last === "") fail(field, `${label}: the rendering provider's name has no name before its credentials, got ${JSON.stringify(provider?.name)}`);
    const taxonomy = (provider?.taxonomyCode ?? "").trim().toUpperCase();
    if (taxonomy !== "" && !/^[0-9A-Z]{9}X$/.test(taxonomy)) {
      fail(`${at}.renderingProvider.taxonomyCode`, `${label}: the rendering provider's taxonomy code must be 10 characters ending in X, got ${JSON.stringify(provider?.taxonomyCode)}`);
    }
    return {
      last,
      first: x12Text(names.first, X12_LIMITS.firstName.max),
      npi: npi(provider?.npi, `${at}.renderingProvider.npi`, `${label}: renderingProvider.npi`),
      taxonomy,
    };
  });

  const serviceDate = problems.take(() => ccyymmdd(assertIsoDate(line.serviceDate, `${at}.serviceDate`, `${label}: serviceDate`)));
  const chargeCents = problems.take(() => assertCents(line.chargeCents, `${at}.chargeCents`, label));
  const chargeAmount = chargeCents === undefined ? undefined : centsToX12Amount(chargeCents);
  const addOns = problems.take(() => cleanAddOns(line, placeOfService, at, label));
  const claimAmount = chargeCents === undefined || addOns === undefined ? undefined : centsToX12Amount(chargeCents + addOns.cents);
  // The leader of a supervised group is named in a claim note; the supervisor renders.
  const supervisedLeader = problems.take(() => {
    if (!line.supervisedLeader) return undefined;
    const field = `${at}.supervisedLeader.name`;
    const names = personNameParts(requiredX12Text(line.supervisedLeader.name, 200, field, `${label}: the supervised leader's name`));
    return {
      last: x12Text(names.last, X12_LIMITS.lastName.max),
      first: x12Text(names.first ?? "", X12_LIMITS.firstName.max),
      npi: npi(line.supervisedLeader.npi, `${at}.supervisedLeader.npi`, `${label}: supervisedLeader.npi`),
    };
  });
  const supervising = problems.take(() => {
    const provider = line.supervisingProvider;
    if (!provider) return undefined;
    return {
      last: requiredX12Text(provider.lastName, X12_LIMITS.lastName.max, `${at}.supervisingProvider.lastName`, `${label}: the supervising provider's last name`),
      first: x12Text(provider.firstName ?? "", X12_LIMITS.firstName.max),
      npi: npi(provider.npi, `${at}.supervisingProvider.npi`, `${label}: supervisingProvider.npi`),
    };
  });
  const priorAuthorization = problems.take(() => priorAuthorizationOf(line, at, label));
  const frequency = problems.take(() => {
    const code = line.frequencyCode ?? "1";
    if (code !== "1" && code !== "7" && code !== "8") fail(`${at}.frequencyCode`, `${label}: the claim frequency must be 1, 7 or 8, got ${JSON.stringify(line.frequencyCode)}`);
    return code;
  });
  const originalPayerClaimNumber = problems.take(() => {
    if (line.originalPayerClaimNumber === undefined) return undefined;
    if (line.frequencyCode !== "7" && line.frequencyCode !== "8") {
      fail(`${at}.originalPayerClaimNumber`, `${label}: only a replacement (7) or void (8) claim names the payer's original claim`);
    }
    return x12Identifier(line.originalPayerClaimNumber, `${at}.originalPayerClaimNumber`, 1, 50, `${label}: the payer's claim control number`);
  });
  const otherPayer = problems.take(() => cleanOtherPayer(line, at, label));
  return {
    ...problems.values({ claimId, serviceDate, chargeAmount, claimAmount, placeOfService, procedure, units, diagnoses, rendering, frequency }),
    addOns: addOns?.lines ?? [],
    supervisedLeader,
    supervising,
    priorAuthorization,
    originalPayerClaimNumber,
    otherPayer,
  };
}

/** CAS amounts can be negative (a reversal's); X12 R allows a leading minus. */
function signedX12Amount(cents: number): string {
  return cents < 0 ? `-${centsToX12Amount(-cents)}` : centsToX12Amount(cents);
}

/** The TR3 allows six reason/amount/quantity triplets per CAS and five CAS segments per 2320 loop. */
const CAS_TRIPLETS = 6;
const MAX_CAS = 5;

/**
 * A secondary claim reports the primary's adjudication: each group code (CO, PR, OA, PI, CR) once, its reason
 * codes together in that one CAS in the order the primary listed them (a seventh spills into another CAS of the
 * same group); groups in the order they first appear.
 */
function cleanOtherPayer(line: FrozenClaimLine, at: string, label: string): CleanOtherPayer | undefined {
  const sequence = line.payerSequence ?? "P";
  const other: OtherPayer | undefined = line.otherPayer;
  if (sequence === "P") {
    if (other) fail(`${at}.otherPayer`, `${label}: only a secondary claim reports another payer`);
    return undefined;
  }
  if (sequence !== "S") fail(`${at}.payerSequence`, `${label}: payerSequence must be P or S, got ${JSON.stringify(line.payerSequence)}`);
  if (!other) fail(`${at}.otherPayer`, `${label}: a secondary claim needs the primary payer's adjudication`);
  const problems = new ProblemCollector();
  const payerName = problems.take(() => requiredX12Text(other.payer?.name, NAME, `${at}.otherPayer.payer.name`, `${label}: the primary payer's name`));
  const payerCode = problems.take(() => x12Identifier(other.payer?.payerCode, `${at}.otherPayer.payer.payerCode`, X12_LIMITS.identifier.min, X12_LIMITS.identifier.max, `${label}: the primary payer id`));
  const memberId = problems.take(() => x12Identifier(other.memberId, `${at}.otherPayer.memberId`, X12_LIMITS.identifier.min, X12_LIMITS.identifier.max, `${label}: the primary member ID`));
  const subscriberLast = problems.take(() => requiredX12Text(other.subscriber?.lastName, X12_LIMITS.lastName.max, `${at}.otherPayer.subscriber.lastName`, `${label}: the primary insured's last name`));
  const adjudicatedOn = problems.take(() => ccyymmdd(assertIsoDate(other.adjudicatedOn, `${at}.otherPayer.adjudicatedOn`, `${label}: the primary's adjudication date`)));
  const paidAmount = problems.take(() => {
    if (!Number.isSafeInteger(other.paidCents)) fail(`${at}.otherPayer.paidCents`, `${label}: the primary's paid amount must be whole cents, got ${String(other.paidCents)}`);
    return signedX12Amount(other.paidCents);
  });
  const claimFilingCode = problems.take(() => {
    const code = (other.payer?.claimFilingCode ?? "").trim().toUpperCase() || DEFAULT_CLAIM_FILING_CODE;
    if (!/^[0-9A-Z]{2}$/.test(code)) fail(`${at}.otherPayer.payer.claimFilingCode`, `${label}: the primary's claim filing code must be 2 characters, got ${JSON.stringify(code)}`);
    return code;
  });
  const cas = problems.take(() => {
    const byGroup = new Map<string, [string, string][]>();
    (other.adjustments ?? []).forEach((a, i) => {
      const group = typeof a.group === "string" ? a.group.trim().toUpperCase() : "";
      const reason = typeof a.reason === "string" ? a.reason.trim().toUpperCase() : "";
      if (!/^[A-Z]{2}$/.test(group)) fail(`${at}.otherPayer.adjustments[${i}].group`, `${label}: CAS group code must be 2 letters, got ${JSON.stringify(a.group)}`);
      if (!/^[0-9A-Z]{1,5}$/.test(reason)) fail(`${at}.otherPayer.adjustments[${i}].reason`, `${label}: CAS reason code must be 1-5 letters/digits, got ${JSON.stringify(a.reason)}`);
      if (!Number.isSafeInteger(a.amountCents)) fail(`${at}.otherPayer.adjustments[${i}].amountCents`, `${label}: CAS amount must be whole cents`);
      if (!byGroup.has(group)) byGroup.set(group, []);
      byGroup.get(group)!.push([reason, signedX12Amount(a.amountCents)]);
    });
    const segments: { group: string; items: [string, string][] }[] = [];
    for (const [group, items] of byGroup) {
      for (let start = 0; start < items.length; start += CAS_TRIPLETS) segments.push({ group, items: items.slice(start, start + CAS_TRIPLETS) });
    }
    if (segments.length > MAX_CAS) fail(`${at}.otherPayer.adjustments`, `${label}: the primary's adjustments need ${segments.length} CAS segments; a claim carries at most ${MAX_CAS}`);
    return segments;
  });
  const relationship = other.relationship ?? "SELF";
  return {
    ...problems.values({ payerName, payerCode, memberId, subscriberLast, adjudicatedOn, paidAmount, claimFilingCode, cas }),
    relationshipCode: relationship === "SELF" ? "18" : PATIENT_RELATIONSHIP_CODE[relationship],
    subscriberFirst: x12Text(other.subscriber?.firstName ?? "", X12_LIMITS.firstName.max),
  };
}

/**
 * Loop 2320 (the primary as "other subscriber": SBR, its CAS, AMT*D paid, OI) then 2330A (the primary's insured)
 * and 2330B (the primary payer, DTP*573 its adjudication date). Adjustments are reported at claim level, as the
 * primary's posting keeps them: most claims have one service line, where 2430 would repeat the same amounts; a
 * claim with an add-on line (90785) still reports the primary's adjudication for the claim as a whole.
 */
function otherPayerLoops(other: CleanOtherPayer): string[] {
  return [
    segment("SBR", "P", other.relationshipCode, "", "", "", "", "", "", other.claimFilingCode),
    ...other.cas.map((c) => segment("CAS", c.group, ...c.items.flatMap(([reason, amount]) => [reason, amount, ""]))),
    segment("AMT", "D", other.paidAmount),
    // OI03 and OI06 repeat CLM08/CLM09: benefits assigned, release of information on file.
    segment("OI", "", "", "Y", "", "", "Y"),
    segment("NM1", "IL", "1", other.subscriberLast, other.subscriberFirst, "", "", "", "MI", other.memberId),
    segment("NM1", "PR", "2", other.payerName, "", "", "", "", "PI", other.payerCode),
    segment("DTP", "573", "D8", other.adjudicatedOn),
  ];
}

interface PersonInput {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  gender?: Gender;
  address?: PostalAddress;
}

/** A subscriber or patient as 2010BA/2010CA name them: name, address (N3/N4) and DMG, all required. */
function cleanPerson(person: PersonInput | undefined, at: string, label: string, who: string): CleanPerson {
  const problems = new ProblemCollector();
  const lastName = problems.take(() => requiredX12Text(person?.lastName, X12_LIMITS.lastName.max, `${at}.lastName`, `${label}: ${who}'s last name`));
  const dateOfBirth = problems.take(() => ccyymmdd(assertIsoDate(person?.dateOfBirth, `${at}.dateOfBirth`, `${label}: ${who}'s date of birth`)));
  const gender = problems.take(() => {
    const g = person?.gender;
    if (g !== "M" && g !== "F" && g !== "U") fail(`${at}.gender`, `${label}: ${who}'s sex is required (M, F or U), got ${JSON.stringify(g)}`);
    return g;
  });
  const personAddress = problems.take(() => address(person?.address, `${at}.address`, `${label}: ${who}'s address`));
  return {
    ...problems.values({ lastName, dateOfBirth, gender, address: personAddress }),
    firstName: x12Text(person?.firstName ?? "", X12_LIMITS.firstName.max),
  };
}

/** REF02 is AN 1-50; the number is stored X12-safe (at most 30 characters), so anything else is a caller's bug. */
function priorAuthorizationOf(line: FrozenClaimLine, at: string, label: string): string | undefined {
  if (line.priorAuthorizationNumber === undefined) return undefined;
  return x12Identifier(line.priorAuthorizationNumber, `${at}.priorAuthorizationNumber`, 1, 50, `${label}: the prior authorization number`);
}

/** Loop 2300 REF*G1: the payer's prior authorization number, for lines billed under one. */
function priorAuthorizationRef(line: CleanLine): string[] {
  return line.priorAuthorization ? [segment("REF", "G1", line.priorAuthorization)] : [];
}

function cleanSubscriber(line: FrozenClaimLine, memberId: string, at: string, label: string): CleanSubscriber {
  const problems = new ProblemCollector();
  const relationship = line.relationship ?? "SELF";
  const client = problems.take(() => cleanPerson(line.client, `${at}.client`, label, "the member"));
  const insured = problems.take(() => {
    if (relationship === "SELF") return undefined;
    if (!line.subscriber) fail(`${at}.subscriber`, `${label}: the insured person is required when the member is not the insured (relationship ${relationship})`);
    return cleanPerson(line.subscriber, `${at}.subscriber`, label, "the insured person");
  });
  const filing = line.payer?.claimFilingCode?.trim().toUpperCase() || DEFAULT_CLAIM_FILING_CODE;
  problems.take(() => {
    if (!/^[0-9A-Z]{2}$/.test(filing)) fail(`${at}.payer.claimFilingCode`, `${label}: payer.claimFilingCode must be a 2-character SBR09 code, got ${JSON.stringify(filing)}`);
  });
  const payerName = problems.take(() => requiredX12Text(line.payer?.name, NAME, `${at}.payer.name`, `${label}: the payer's name`));
  const payerCode = problems.take(() => x12Identifier(line.payer?.payerCode, `${at}.payer.payerCode`, X12_LIMITS.identifier.min, X12_LIMITS.identifier.max, `${label}: the payer id`));
  const { person, payerName: name, payerCode: code } = problems.values({ person: client, payerName, payerCode });
  return {
    person: insured ?? person,
    patient: insured && relationship !== "SELF" ? { ...person, relationshipCode: PATIENT_RELATIONSHIP_CODE[relationship] } : undefined,
    payerName: name,
    payerCode: code,
    memberId,
    claimFilingCode: filing,
    sequence: line.payerSequence === "S" ? "S" : "P",
    lines: [],
  };
}

/**
 * One 2000B loop per (payer, member id, client): the same person on two
 * payers is two subscribers, and keying on client id too keeps two people
 * who share a (mistyped) member id apart. Loops appear in order of first
 * appearance so the output follows the batch order. Every line is checked
 * before anything is written, and every problem is reported together.
 */
function groupBySubscriber(lines: readonly FrozenClaimLine[]): CleanSubscriber[] {
  const byKey = new Map<string, CleanSubscriber>();
  const claimIds = new Set<string>();
  const problems = new ProblemCollector();
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const label = lineLabel(line, i);
    const clean = problems.take(() => cleanLine(line, at, label));
    // CLM01 is how the 277/835 responses point back at a line: it must be unique in the file.
    if (clean) {
      problems.take(() => {
        if (claimIds.has(clean.claimId)) fail(`${at}.patientControlNumber`, `${label}: the patient control number appears more than once in the batch`);
      });
      claimIds.add(clean.claimId);
    }

    const memberId = problems.take(() =>
      x12Identifier(line.memberId, `${at}.memberId`, X12_LIMITS.identifier.min, X12_LIMITS.identifier.max, `${label}: the member ID`),
    );
    const key = JSON.stringify([line.payer?.id, memberId, line.client?.id, line.payerSequence ?? "P"]);
    let subscriber = byKey.get(key);
    if (!subscriber) {
      // Checked even when the member id failed, so the other problems of this line are reported too.
      subscriber = problems.take(() => cleanSubscriber(line, memberId ?? "", at, label));
      if (!subscriber || memberId === undefined) return;
      byKey.set(key, subscriber);
    }
    if (clean) subscriber.lines.push(clean);
  });
  problems.throwIfAny();
  return [...byKey.values()];
}

// ---------------------------------------------------------------- generation

function padRight(value: string, width: number): string {
  return value.padEnd(width, " ");
}

/**
 * ISA is fixed-width (106 characters with its terminator) because receivers
 * locate the delimiters by position before they can parse anything else.
 */
function isaSegment(senderId: string, receiverId: string, at: ReturnType<typeof stamp>, control: string, usage: "P" | "T"): string {
  const elements = [
    "00",
    padRight("", 10),
    "00",
    padRight("", 10),
    "ZZ",
    padRight(senderId, 15),
    "ZZ",
    padRight(receiverId, 15),
    at.yymmdd,
    at.hhmm,
    REPETITION_SEPARATOR,
    "00501",
    control,
    "0",
    usage,
    COMPONENT_SEPARATOR,
  ];
  const isa = ["ISA", ...elements].join(ELEMENT_SEPARATOR);
  if (isa.length + SEGMENT_TERMINATOR.length !== 106) fail("ISA", `internal: ISA is ${isa.length + 1} characters, expected 106`);
  return isa;
}

function addressAndDemographics(person: CleanPerson): string[] {
  return [
    segment("N3", person.address.line1, person.address.line2),
    segment("N4", person.address.city, person.address.state, person.address.zip),
    segment("DMG", "D8", person.dateOfBirth, person.gender),
  ];
}

/**
 * 2000B for the insured and, when the member is someone else (a child, a spouse), 2000C for the patient:
 * the claims then hang under the patient's loop. Returns the segments and the last HL number used.
 */
function subscriberLoop(sub: CleanSubscriber, lines: readonly CleanLine[], hl: number): { segments: string[]; lastHl: number } {
  const { person, patient } = sub;
  const out = [
    // HL04: 1 when a patient (2000C) loop follows; SBR02 18 ("self") only when the member is the insured.
    segment("HL", String(hl), "1", "22", patient ? "1" : "0"),
    segment("SBR", sub.sequence, patient ? "" : "18", "", "", "", "", "", "", sub.claimFilingCode),
    segment("NM1", "IL", "1", person.lastName, person.firstName, "", "", "", "MI", sub.memberId),
    ...addressAndDemographics(person),
    segment("NM1", "PR", "2", sub.payerName, "", "", "", "", "PI", sub.payerCode),
  ];
  let lastHl = hl;
  if (patient) {
    lastHl = hl + 1;
    out.push(
      segment("HL", String(lastHl), String(hl), "23", "0"),
      segment("PAT", patient.relationshipCode),
      segment("NM1", "QC", "1", patient.lastName, patient.firstName),
      ...addressAndDemographics(patient),
    );
  }
  for (const line of lines) out.push(...claimLoop(line));
  return { segments: out, lastHl };
}

function supervisedNote(leader: { last: string; first: string; npi: string }): string {
  return `GROUP LED BY ${leader.first} ${leader.last} NPI ${leader.npi} UNDER SUPERVISION`.replace(/\s+/g, " ").trim().slice(0, 80);
}

/**
 * One claim per member per session (its 90853 service line, then any add-on lines such as 90785), so a denial or
 * a correction touches exactly one member-session, which is also what
 * "never bill a member twice" is tracked against.
 */
function claimLoop(line: CleanLine): string[] {
  const hi = line.diagnoses.map((code, i) => composite(i === 0 ? "ABK" : "ABF", code));
  const pointers = line.diagnoses.slice(0, MAX_POINTERS).map((_, i) => String(i + 1));
  return [
    // CLM05: place of service, "B" = professional (place-of-service code set), frequency 1 original, 7 replacement, 8 void.
    // CLM02 is the claim's total: the 90853 line and its add-on lines.
    segment("CLM", line.claimId, line.claimAmount, "", "", composite(line.placeOfService, "B", line.frequency), "Y", "A", "Y", "Y"),
    // The TR3 orders loop 2300's REF segments after CLM/DTP and before NTE and HI: G1 (prior authorization), then F8 (payer claim control number).
    ...priorAuthorizationRef(line),
    ...(line.originalPayerClaimNumber ? [segment("REF", "F8", line.originalPayerClaimNumber)] : []),
    // The rendering provider is the licensed supervisor; the payer's reviewer is told who led the group (NTE02 holds 80).
    ...(line.supervisedLeader ? [segment("NTE", "ADD", supervisedNote(line.supervisedLeader))] : []),
    segment("HI", ...hi),
    // 2310B: the person who rendered, with their own taxonomy when recorded.
    segment("NM1", "82", "1", line.rendering.last, line.rendering.first, "", "", "", "XX", line.rendering.npi),
    ...(line.rendering.taxonomy ? [segment("PRV", "PE", "PXC", line.rendering.taxonomy)] : []),
    // 2310D: the licensed clinician who supervised the rendering one.
    ...(line.supervising ? [segment("NM1", "DQ", "1", line.supervising.last, line.supervising.first, "", "", "", "XX", line.supervising.npi)] : []),
    ...(line.otherPayer ? otherPayerLoops(line.otherPayer) : []),
    segment("LX", "1"),
    segment("SV1", line.procedure, line.chargeAmount, "UN", line.units, "", "", composite(...pointers)),
    segment("DTP", "472", "D8", line.serviceDate),
    // An add-on code (90785) is its own service line on the same claim, pointing at the same diagnoses.
    ...line.addOns.flatMap((addOn, i) => [
      segment("LX", String(i + 2)),
      segment("SV1", addOn.procedure, addOn.chargeAmount, "UN", addOn.units, addOn.placeOfService, "", composite(...pointers)),
      segment("DTP", "472", "D8", line.serviceDate),
    ]),
  ];
}

/**
 * Builds one interchange holding one functional group holding one 837P
 * transaction for the whole batch. The batch control number drives every
 * control field (ISA13 zero-padded to 9, GS06 plain, ST02 zero-padded to at
 * least 4 as AN 4-9 requires, BHT03), so an acknowledgement at any level
 * (TA1, 999 AK1/AK2) names the batch it answers.
 */
export function exportX12_837P(batch: FrozenBatch): string {
  const lines = assertLines(batch.lines);
  const control = batch.controlNumber;
  if (!Number.isSafeInteger(control) || control < 1 || control > 999_999_999) {
    fail("controlNumber", `batch.controlNumber must be an integer from 1 to 999999999, got ${String(control)}`);
  }
  const at = stamp(batch.createdAt);
  if (batch.usageIndicator !== "P" && batch.usageIndicator !== "T") {
    fail("usageIndicator", `batch.usageIndicator must be "P" or "T", got ${JSON.stringify(batch.usageIndicator)}`);
  }

  const practice = batch.practice;
  if (!practice) fail("practice", "batch.practice is required");
  const submitter = batch.submitter;
  if (!submitter) fail("submitter", "batch.submitter is required");
  const receiver = batch.receiver;
  if (!receiver) fail("receiver", "batch.receiver is required");

  const problems = new ProblemCollector();
  const { practiceName, practiceNpi, taxId, taxonomy, practiceAddress, submitterId, submitterName, contactName, contactPhone, receiverId, receiverName, subscribers } =
    problems.values({
      practiceName: problems.take(() => requiredX12Text(practice.name, NAME, "practice.name", "The practice name")),
      practiceNpi: problems.take(() => npi(practice.npi, "practice.npi")),
      taxId: problems.take(() => digitsOnly(practice.taxId, "practice.taxId", [9], "a 9-digit EIN")),
      taxonomy: problems.take(() => {
        const code = typeof practice.taxonomyCode === "string" ? practice.taxonomyCode.trim().toUpperCase() : "";
        if (!/^[0-9A-Z]{9}X$/.test(code)) {
          fail("practice.taxonomyCode", `practice.taxonomyCode must be a 10-character taxonomy code such as 261QM0801X, got ${JSON.stringify(practice.taxonomyCode)}`);
        }
        return code;
      }),
      practiceAddress: problems.take(() => address(practice.address, "practice.address", "The practice address", { billingProvider: true })),
      submitterId: problems.take(() => x12Identifier(submitter.id, "submitter.id", 2, 15)),
      submitterName: problems.take(() => requiredX12Text(submitter.name, NAME, "submitter.name", "The submitter name")),
      contactName: problems.take(() => requiredX12Text(submitter.contactName, NAME, "submitter.contactName", "The billing contact name")),
      contactPhone: problems.take(() => phone(submitter.contactPhone, "submitter.contactPhone")),
      receiverId: problems.take(() => x12Identifier(receiver.id, "receiver.id", 2, 15, "The clearinghouse id")),
      receiverName: problems.take(() => requiredX12Text(receiver.name, NAME, "receiver.name", "The clearinghouse name")),
      subscribers: problems.take(() => groupBySubscriber(lines)),
    });

  const isa13 = String(control).padStart(9, "0");
  const gs06 = String(control);
  const st02 = String(control).padStart(4, "0");

  const transaction: string[] = [
    segment("ST", "837", st02, IMPLEMENTATION_GUIDE),
    // BHT02 "00" original, BHT06 "CH" chargeable (fee-for-service, not encounter reporting).
    segment("BHT", "0019", "00", String(control), at.ccyymmdd, at.hhmm, "CH"),
    segment("NM1", "41", "2", submitterName, "", "", "", "", "46", submitterId),
    segment("PER", "IC", contactName, "TE", contactPhone),
    segment("NM1", "40", "2", receiverName, "", "", "", "", "46", receiverId),
    segment("HL", "1", "", "20", "1"),
    segment("PRV", "BI", "PXC", taxonomy),
    segment("NM1", "85", "2", practiceName, "", "", "", "", "XX", practiceNpi),
    segment("N3", practiceAddress.line1, practiceAddress.line2),
    segment("N4", practiceAddress.city, practiceAddress.state, practiceAddress.zip),
    segment("REF", "EI", taxId),
  ];
  let hl = 1;
  for (const sub of subscribers) {
    for (let start = 0; start < sub.lines.length; start += MAX_CLAIMS_PER_SUBSCRIBER_LOOP) {
      const loop = subscriberLoop(sub, sub.lines.slice(start, start + MAX_CLAIMS_PER_SUBSCRIBER_LOOP), hl + 1);
      transaction.push(...loop.segments);
      hl = loop.lastHl;
    }
  }
  transaction.push(segment("SE", String(transaction.length + 1), st02));

  const all = [
    isaSegment(submitterId, receiverId, at, isa13, batch.usageIndicator),
    segment("GS", "HC", submitterId, receiverId, at.ccyymmdd, at.hhmm, gs06, "X", IMPLEMENTATION_GUIDE),
    ...transaction,
    segment("GE", "1", gs06),
    segment("IEA", "1", isa13),
  ];
  return all.map((s) => s + SEGMENT_TERMINATOR + LINE_BREAK).join("");
}
