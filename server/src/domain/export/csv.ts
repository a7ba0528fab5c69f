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

function rowFor(batch: FrozenBatch, line: FrozenClaimLine, index: number): string {
  const where = `line ${index + 1} (${line.lineId})`;
  const cents = assertCents(line.chargeCents, `lines[${index}].chargeCents`, where);
  if (typeof line.units !== "number" || !Number.isFinite(line.units) || line.units <= 0) {
    fail(`lines[${index}].units`, `${where}: units must be a positive number, got ${String(line.units)}`);
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
    codeCell(line.cptCode),
    codeCell(line.modifiers.join(":")),
    codeCell(line.placeOfService),
    numberCell(String(line.units)),
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
  ].join(",");
}

/**
 * One header row, then one row per claim line in batch order. Every record,
 * the last included, ends in CRLF (RFC 4180 allows the final break and most
 * tools expect it). Values are written as stored (no upper-casing or
 * trimming) so the CSV stays a faithful listing of the frozen batch.
 */
export function exportCsv(batch: FrozenBatch): string {
  const lines = assertLines(batch.lines);
  const rows = [CSV_HEADER.join(","), ...lines.map((line, i) => rowFor(batch, line, i))];
  return rows.join(CRLF) + CRLF;
}
