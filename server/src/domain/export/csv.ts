import { assertCents, centsToFixed2 } from "./money.js";
import type { FrozenBatch, FrozenClaimLine } from "./types.js";
import { assertLines, fail } from "./validate.js";

export const CSV_HEADER = [
  "batch_id",
  "line_id",
  "patient_control_number",
  "service_date",
  "client_last_name",
  "client_first_name",
  "client_date_of_birth",
  "client_sex",
  "member_id",
  "payer_name",
  "payer_code",
  "cpt",
  "modifiers",
  "place_of_service",
  "units",
  "charge",
  "diagnosis_codes",
  "rendering_provider",
  "rendering_npi",
  "supervised_leader_npi",
  "billing_npi",
  "billing_tax_id",
  "prior_authorization",
  "claim_frequency",
  "original_patient_control_number",
  "original_payer_claim_number",
  "service_line",
] as const;

const CRLF = "\r\n";

/**
 * Billers open these files in Excel/Sheets, where a cell starting with one of
 * these characters is evaluated as a formula (CSV injection, e.g. a client
 * named "=HYPERLINK(...)"). Tab and CR are included because some spreadsheet
 * importers strip them and then see the formula character behind them.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * Every text cell is neutralised with a leading apostrophe, which spreadsheets
 * treat as "this is text" and hide. The price is that a program re-reading
 * the CSV sees the apostrophe, so the two numeric columns we format ourselves
 * (units, charge) are exempt: they can never start with a trigger, and
 * keeping them clean keeps them summable.
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** RFC 4180: quote when the field holds a comma, quote, CR or LF; double inner quotes. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function textCell(value: string): string {
  return quoteCsvField(neutraliseFormula(value));
}

function numberCell(value: string): string {
  return quoteCsvField(value);
}

/**
 * Codes that look like numbers ("02", "0123", an NPI, an EIN) are always quoted, so an importer that
 * honours quotes as text keeps the leading zeros; they never start with a formula character once
 * neutralised, and a program reading the file sees the plain value.
 */
function codeCell(value: string): string {
  const safe = neutraliseFormula(value);
  return `"${safe.replace(/"/g, '""')}"`;
}

/** "LAST, FIRST" as billers read a provider; the display name for lines frozen before legal names were kept. */
function providerName(provider: FrozenClaimLine["renderingProvider"]): string {
  if (!provider.lastName) return provider.name;
  return provider.firstName ? `${provider.lastName}, ${provider.firstName}` : provider.lastName;
}

/** What differs between a claim's service lines: the 90853 line's, or an add-on line's (90785). */
interface ServiceLine {
  cptCode: string;
  modifiers: string[];
  placeOfService: string;
  units: number;
  chargeCents: number;
}

/** One row per service line: the claim's 90853 line (service_line 1), then each add-on line on the same claim. */
function rowsFor(batch: FrozenBatch, line: FrozenClaimLine, index: number): string[] {
  const addOns = line.addOnLines ?? [];
  return [line, ...addOns].map((service, n) => rowFor(batch, line, service, index, n));
}

function rowFor(batch: FrozenBatch, line: FrozenClaimLine, service: ServiceLine, index: number, n: number): string {
  const at = n === 0 ? `lines[${index}]` : `lines[${index}].addOnLines[${n - 1}]`;
  const where = n === 0 ? `line ${index + 1} (${line.lineId})` : `line ${index + 1} (${line.lineId}) add-on line ${n}`;
  const cents = assertCents(service.chargeCents, `${at}.chargeCents`, where);
  if (typeof service.units !== "number" || !Number.isFinite(service.units) || service.units <= 0) {
    fail(`${at}.units`, `${where}: units must be a positive number, got ${String(service.units)}`);
  }
  return [
    textCell(batch.id),
    textCell(line.lineId),
    codeCell(line.patientControlNumber),
    textCell(line.serviceDate),
    textCell(line.client.lastName),
    textCell(line.client.firstName),
    textCell(line.client.dateOfBirth),
    textCell(line.client.gender ?? ""),
    codeCell(line.memberId),
    textCell(line.payer.name),
    codeCell(line.payer.payerCode),
    codeCell(service.cptCode),
    codeCell(service.modifiers.join(":")),
    codeCell(service.placeOfService),
    numberCell(String(service.units)),
    numberCell(centsToFixed2(cents)),
    codeCell(line.diagnosisCodes.join(":")),
    textCell(providerName(line.renderingProvider)),
    codeCell(line.renderingProvider.npi),
    codeCell(line.supervisedLeader?.npi ?? ""),
    codeCell(batch.practice.npi),
    codeCell(batch.practice.taxId),
    codeCell(line.priorAuthorizationNumber ?? ""),
    codeCell(line.frequencyCode ?? "1"),
    codeCell(line.originalPatientControlNumber ?? ""),
    codeCell(line.originalPayerClaimNumber ?? ""),
    numberCell(String(n + 1)),
  ].join(",");
}

/**
 * One header row, then one row per service line in batch order: a claim's 90853 line, then its add-on lines
 * (same batch, line and patient control number; service_line 2, 3, ...), so the charge column adds up to the
 * batch's total. Every record,
 * the last included, ends in CRLF (RFC 4180 allows the final break and most
 * tools expect it). Values are written as stored (no upper-casing or
 * trimming) so the CSV stays a faithful listing of the frozen batch.
 */
export function exportCsv(batch: FrozenBatch): string {
  const lines = assertLines(batch.lines);
  const rows = [CSV_HEADER.join(","), ...lines.flatMap((line, i) => rowsFor(batch, line, i))];
  return rows.join(CRLF) + CRLF;
}
