import { assertCents, centsToFixed2 } from "./money.js";
import type { FrozenBatch, FrozenClaimLine } from "./types.js";
import { assertLines, fail } from "./validate.js";

export const CSV_HEADER = [
  "line_id",
  "service_date",
  "client_last_name",
  "client_first_name",
  "member_id",
  "payer_name",
  "payer_code",
  "cpt",
  "modifiers",
  "place_of_service",
  "units",
  "charge",
  "diagnosis_codes",
  "rendering_npi",
  "supervised_leader_npi",
  "prior_authorization",
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

function rowFor(line: FrozenClaimLine, index: number): string {
  const where = `line ${index + 1} (${line.lineId})`;
  const cents = assertCents(line.chargeCents, `lines[${index}].chargeCents`, where);
  if (typeof line.units !== "number" || !Number.isFinite(line.units) || line.units <= 0) {
    fail(`lines[${index}].units`, `${where}: units must be a positive number, got ${String(line.units)}`);
  }
  return [
    textCell(line.lineId),
    textCell(line.serviceDate),
    textCell(line.client.lastName),
    textCell(line.client.firstName),
    textCell(line.memberId),
    textCell(line.payer.name),
    textCell(line.payer.payerCode),
    textCell(line.cptCode),
    textCell(line.modifiers.join(":")),
    textCell(line.placeOfService),
    numberCell(String(line.units)),
    numberCell(centsToFixed2(cents)),
    textCell(line.diagnosisCodes.join(":")),
    textCell(line.renderingProvider.npi),
    textCell(line.supervisedLeader?.npi ?? ""),
    textCell(line.priorAuthorizationNumber ?? ""),
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
  const rows = [CSV_HEADER.join(","), ...lines.map(rowFor)];
  return rows.join(CRLF) + CRLF;
}
