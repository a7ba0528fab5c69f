import { MAX_INTERACTIVE_COMPLEXITY_REASON } from "../engine/add-on-codes.js";
import { fieldError, type FieldError } from "./field-error.js";

/** Control characters other than tab and line breaks: a reason is read by people and kept in the record. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * What one attendance entry does to a member's interactive complexity flag (90785): `undefined` keeps what is
 * recorded, `null` clears it, a string flags it with that reason (trimmed). A flag needs its reason (payers
 * expect the record to say what made the session complex), and only a member marked PRESENT can have one.
 */
export function interactiveComplexityOf(
  entry: { status: string; interactiveComplexity?: boolean | null; interactiveComplexityReason?: string | null },
  at: string,
  errors: FieldError[],
): string | null | undefined {
  const flag = entry.interactiveComplexity;
  const reason = entry.interactiveComplexityReason;
  if (flag === undefined || flag === null) {
    if (reason != null) {
      errors.push(fieldError(`${at}.interactiveComplexityReason`, "A reason is recorded with the interactive complexity flag: send interactiveComplexity: true with it"));
    }
    // A member no longer present keeps no flag.
    return entry.status === "PRESENT" ? undefined : null;
  }
  if (flag === false) {
    if (reason != null && reason.trim() !== "") {
      errors.push(fieldError(`${at}.interactiveComplexityReason`, "A reason is recorded only when interactive complexity is flagged; leave it out to clear the flag"));
    }
    return null;
  }
  if (entry.status !== "PRESENT") {
    errors.push(fieldError(`${at}.interactiveComplexity`, "Interactive complexity is recorded only for a member marked PRESENT"));
    return undefined;
  }
  const trimmed = typeof reason === "string" ? reason.trim() : "";
  if (trimmed === "") {
    errors.push(
      fieldError(
        `${at}.interactiveComplexityReason`,
        "Say what made this session of interactive complexity for the member (e.g. a caregiver who interfered, or a communication device needed); it is required when the flag is set",
      ),
    );
    return undefined;
  }
  if (trimmed.length > MAX_INTERACTIVE_COMPLEXITY_REASON) {
    errors.push(fieldError(`${at}.interactiveComplexityReason`, `The reason may hold at most ${MAX_INTERACTIVE_COMPLEXITY_REASON} characters; it has ${trimmed.length}`));
    return undefined;
  }
  if (CONTROL.test(trimmed)) {
    errors.push(fieldError(`${at}.interactiveComplexityReason`, "The reason may not contain control characters"));
    return undefined;
  }
  return trimmed;
}
