import { fail } from "./validate.js";

/**
 * Charges travel as integer cents everywhere in GroupBill so that sums are
 * exact; these helpers are the only place they become decimal text.
 */

/** A line's charge: whole cents, and more than zero, since payers reject a $0 claim line (MISSING_FEE blocks them first). */
export function assertCents(value: unknown, field: string, label: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    fail(field, `${label}: chargeCents must be a positive integer number of cents (a $0 line is never sent), got ${String(value)}`);
  }
  return value;
}

/** "125.00" — what a spreadsheet user expects to read. */
export function centsToFixed2(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  return `${whole}.${String(frac).padStart(2, "0")}`;
}

/**
 * X12 "R" (decimal) form: no insignificant zeros and no decimal point when
 * the amount is whole ("125", "125.5", "0.05", "0"). Built from integers so
 * binary floating point never leaks into a claim amount.
 */
export function centsToX12Amount(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return String(whole);
  const digits = String(frac).padStart(2, "0").replace(/0$/, "");
  return `${whole}.${digits}`;
}

/** Units are usually 1 for 90853, but the R type allows fractions, so keep them exact-looking. */
export function formatX12Quantity(units: number): string {
  // toString never yields exponent notation for the magnitudes we accept (0 < units <= 9999).
  return String(units);
}
