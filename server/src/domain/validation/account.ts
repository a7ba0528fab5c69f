import { FieldError, charLength, fieldError, labelFor } from "./field-error.js";

export const PASSWORD_MIN_LENGTH = 12;
// Bounds hashing cost per request; no real passphrase needs more.
export const PASSWORD_MAX_LENGTH = 200;

/** Passwords are never trimmed: leading or trailing spaces are part of the secret. */
export function validatePassword(pw: string, field = "password"): FieldError[] {
  const n = charLength(pw);
  if (n < PASSWORD_MIN_LENGTH) {
    return [fieldError(field, `Password must be at least ${PASSWORD_MIN_LENGTH} characters long (at most ${PASSWORD_MAX_LENGTH})`)];
  }
  if (n > PASSWORD_MAX_LENGTH) {
    return [fieldError(field, `Password must be at most ${PASSWORD_MAX_LENGTH} characters long (at least ${PASSWORD_MIN_LENGTH})`)];
  }
  return [];
}

export const EMAIL_MAX_LENGTH = 254;

/** Emails are stored and compared in this form, so "Ann@X.org " and "ann@x.org" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Deliberately pragmatic rather than RFC 5322: the only real proof of an
 * address is delivering to it, so we catch typos (no @, two @, no dotted
 * domain, spaces) without rejecting unusual but legitimate addresses.
 * Checks the trimmed value, since callers store normalizeEmail(email).
 */
export function validateEmail(email: string, field = "email"): FieldError[] {
  const e = email.trim();
  const label = labelFor(field);
  if (e.length === 0) return [fieldError(field, `${label} is required`)];
  if (e.length > EMAIL_MAX_LENGTH) {
    return [fieldError(field, `${label} must be at most ${EMAIL_MAX_LENGTH} characters long`)];
  }
  const ok = (() => {
    if (/[\s\u0000-\u001f\u007f]/.test(e)) return false;
    const parts = e.split("@");
    if (parts.length !== 2) return false;
    const [local, domain] = parts;
    if (local.length === 0) return false;
    const labels = domain.split(".");
    return labels.length >= 2 && labels.every((l) => l.length > 0);
  })();
  return ok
    ? []
    : [fieldError(field, `${label} must be an email address like name@example.com: one @, a name before it and a dotted domain after it, no spaces`)];
}

/**
 * Any zone name Intl.DateTimeFormat accepts (IANA names, including its
 * aliases such as "UTC"). Raw offsets like "+05:00" are refused even where
 * newer runtimes accept them: they have no daylight-saving rules, so a
 * session's local date would be wrong for half the year.
 */
export function isValidTimezone(tz: string): boolean {
  if (tz.length === 0 || tz !== tz.trim() || /^[+-]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function validateTimezone(tz: string, field = "timezone"): FieldError[] {
  return isValidTimezone(tz)
    ? []
    : [fieldError(field, `${labelFor(field)} must be an IANA time zone name such as America/New_York or Europe/Berlin`)];
}
