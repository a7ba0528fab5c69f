import { validatePriorAuthorizationNumber } from "./claim-fields.js";
import { fieldError, type FieldError } from "./field-error.js";
import { validateDate, validateText } from "./primitives.js";

/** What a practice records from the payer's authorization letter. */
export interface PriorAuthorizationValues {
  number: string;
  /** YYYY-MM-DD, first day covered */
  startDate: string;
  /** YYYY-MM-DD, last day covered */
  endDate: string;
  /** Authorized units of 90853 over the whole range. */
  units: number;
  note: string | null;
}

export const PRIOR_AUTHORIZATION_LIMITS = {
  /** A payer approves a course of treatment; 500 sessions already means years of daily groups, so more is a typo. */
  maxUnits: 500,
  /** Payers authorize for at most a year (a leap year's 366 days); a longer range is a typo in a year. */
  maxDays: 366,
  maxNoteLength: 500,
} as const;

function daysInclusive(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** A complete authorization, as it would be stored after an add or an update is applied. */
export function validatePriorAuthorization(v: PriorAuthorizationValues): FieldError[] {
  const L = PRIOR_AUTHORIZATION_LIMITS;
  const errors: FieldError[] = [...validatePriorAuthorizationNumber(v.number, "number")];
  const startErrors = validateDate(v.startDate, "startDate");
  const endErrors = validateDate(v.endDate, "endDate");
  errors.push(...startErrors, ...endErrors);
  if (startErrors.length === 0 && endErrors.length === 0) {
    if (v.endDate < v.startDate) {
      errors.push(fieldError("endDate", `End date (${v.endDate}) cannot be before the start date (${v.startDate})`));
    } else if (daysInclusive(v.startDate, v.endDate) > L.maxDays) {
      errors.push(fieldError("endDate", `An authorization covers at most ${L.maxDays} days; record a longer approval as one authorization per year`));
    }
  }
  if (typeof v.units !== "number" || !Number.isInteger(v.units) || v.units < 1 || v.units > L.maxUnits) {
    errors.push(fieldError("units", `Units must be a whole number from 1 to ${L.maxUnits}: the 90853 units the payer approved for the whole date range`));
  }
  errors.push(...validateText(v.note, "note", { max: L.maxNoteLength }));
  return errors;
}

/** Two ranges with both ends inclusive share a day. */
export function rangesOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}
