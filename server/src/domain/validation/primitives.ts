import { FieldError, charLength, fieldError, labelFor } from "./field-error.js";

/** Whether a value is one of a list's members, narrowing it to the list's type (includes() on a literal list cannot). */
export function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return values.some((member) => member === value);
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Strict calendar date. Done by hand rather than with Date.parse because
 * Date rolls "2023-02-30" over into March instead of rejecting it.
 * Year 0000 fits the pattern but not PostgreSQL's calendar, which has no year 0.
 */
export function isValidDate(s: string): boolean {
  const m = DATE_SHAPE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function validateDate(s: string, field: string): FieldError[] {
  return isValidDate(s)
    ? []
    : [fieldError(field, `${labelFor(field)} must be a real calendar date written YYYY-MM-DD (e.g. 2024-03-01)`)];
}

/**
 * For open-ended ranges such as a coverage's effectiveFrom/effectiveTo:
 * `to` may be absent; when both are valid dates, `to` must not precede
 * `from`. The error sits on `to`, which is the field that usually gets
 * adjusted. ISO dates compare correctly as strings.
 */
export function validateDateRange(
  from: string,
  to: string | null | undefined,
  fields: { from: string; to: string },
): FieldError[] {
  const errors = [...validateDate(from, fields.from)];
  if (to === null || to === undefined) return errors;
  const toErrors = validateDate(to, fields.to);
  errors.push(...toErrors);
  if (errors.length === 0 && to < from) {
    errors.push(fieldError(fields.to, `${labelFor(fields.to)} must be on or after ${labelFor(fields.from).toLowerCase()} (${from})`));
  }
  return errors;
}

export interface TextRules {
  required?: boolean;
  max: number;
}

/**
 * Judges the trimmed value, because blank text counts as empty everywhere
 * in GroupBill (DESIGN §4) and callers store the trimmed form. A missing
 * value (null/undefined) is fine unless required.
 */
export function validateText(value: string | null | undefined, field: string, rules: TextRules): FieldError[] {
  const label = labelFor(field);
  const v = (value ?? "").trim();
  if (v.length === 0) {
    return rules.required ? [fieldError(field, `${label} is required and cannot be blank`)] : [];
  }
  if (charLength(v) > rules.max) {
    return [fieldError(field, `${label} must be at most ${rules.max} characters long`)];
  }
  return [];
}

export const MAX_DURATION_MINUTES = 480;

export function isValidDurationMinutes(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_DURATION_MINUTES;
}

export function validateDurationMinutes(n: number, field = "durationMinutes"): FieldError[] {
  return isValidDurationMinutes(n)
    ? []
    : [fieldError(field, `${labelFor(field).replace(/ minutes$/, "")} must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`)];
}
