/**
 * X12 "R" (decimal) and "DT" values read into exact integers and ISO dates.
 * An amount is turned into cents from its digits, never through a float, so
 * that "0.29" is 29 cents and every balancing sum is exact.
 */

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/** Cents, or null when the text is not an amount or has a fraction of a cent. */
export function parseCents(text: string): number | null {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return null;
  const [, minus, whole, fraction = ""] = match;
  // "12.500" is a valid R value; "12.505" is a fraction of a cent no payment can carry.
  if (/[1-9]/.test(fraction.slice(2))) return null;
  const cents = Number(whole || "0") * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return minus && cents !== 0 ? -cents : cents;
}

/** A quantity (units); fractions are allowed. Null when not a number. */
export function parseQuantity(text: string): number | null {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return null;
  return Number(text);
}

/** CCYYMMDD -> YYYY-MM-DD; null when not a real calendar date. */
export function parseDate8(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
}

/** Signed dollars for messages: -1250 -> "-12.50". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
