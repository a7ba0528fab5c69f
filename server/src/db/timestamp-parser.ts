import { types } from "pg";

/** PostgreSQL's type oid of `timestamp with time zone`, every timestamp column GroupBill has. */
export const TIMESTAMPTZ_OID = 1184;

const ZERO = 48;
const defaultParser: (text: string) => unknown = types.getTypeParser(TIMESTAMPTZ_OID, "text");

/** The two-digit number at text[at..at+1]; NaN unless both are digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

/**
 * A `timestamp with time zone` as PostgreSQL writes it with DateStyle ISO: "2025-03-01 14:00:00+00", with up to six
 * fraction digits and an offset of hours or hours and minutes. The same Date node-pg's own parser gives (which
 * reads it with a regular expression and was a twentieth of a sessions page's CPU: a page carries about a thousand
 * timestamps), read character by character. Anything else (BC, infinity, a year before 1000 or past 9999, an offset
 * with seconds) goes to node-pg's parser unchanged.
 */
export function parseTimestamptz(text: string): unknown {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return defaultParser(text);
  }
  const century = twoDigits(text, 0);
  const year = century * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    // Milliseconds are the first three fraction digits: a Date holds no finer, and node-pg's parser truncates too.
    let digits = 0;
    for (at += 1; at < n; at++) {
      const digit = text.charCodeAt(at) - ZERO;
      if (digit < 0 || digit > 9) break;
      if (digits < 3) ms = ms * 10 + digit;
      digits += 1;
    }
    if (digits === 0 || digits > 6) return defaultParser(text);
    for (; digits < 3; digits++) ms *= 10;
  }
  const sign = text.charCodeAt(at);
  if ((sign !== 43 && sign !== 45) || (n !== at + 3 && n !== at + 6)) return defaultParser(text);
  const offsetHours = twoDigits(text, at + 1);
  let offsetMinutes = 0;
  if (n === at + 6) {
    if (text.charCodeAt(at + 3) !== 58) return defaultParser(text);
    offsetMinutes = twoDigits(text, at + 4);
  }
  // NaN anywhere (a non-digit) fails this comparison too.
  if (!(century >= 10 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59)) {
    return defaultParser(text);
  }
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

/**
 * The type parsers of GroupBill's own connections: node-pg's, with the faster timestamp reader. Handed to the pool
 * (not set on node-pg's global registry), so other clients in the process read timestamps as they always have.
 */
export const connectionTypes = {
  getTypeParser(oid: number, format?: "text" | "binary"): unknown {
    if (oid === TIMESTAMPTZ_OID && (format === undefined || format === "text")) return parseTimestamptz;
    return format === "binary" ? types.getTypeParser(oid, "binary") : types.getTypeParser(oid, "text");
  },
};
