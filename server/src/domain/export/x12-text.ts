import { foldToX12, isX12Character, x12CharacterProblem } from "../validation/claim-fields.js";
import { fail } from "./validate.js";

export const ELEMENT_SEPARATOR = "*";
export const COMPONENT_SEPARATOR = ":";
export const REPETITION_SEPARATOR = "^";
export const SEGMENT_TERMINATOR = "~";
/**
 * Written after every terminator, IEA included. Not part of the X12 data:
 * receivers skip whitespace between segments (node-x12 detects it right after
 * the ISA), and it makes the file readable in a pager and diffable.
 */
export const LINE_BREAK = "\n";

/**
 * Free text (names, addresses) is written in the documented folded form
 * (foldToX12: "Zoë O’Brien" -> "ZOE O'BRIEN"), upper case and cut to the
 * element's maximum. Input validation refuses anything else, so what remains
 * to clean is data stored before it did: control characters become spaces and
 * any character still outside the X12 set (the four delimiters included,
 * since even one would shift every following element) is dropped.
 */
export function x12Text(value: string, maxLength: number): string {
  const folded = [...foldToX12(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")]
    .filter(isX12Character)
    .join("")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
  return folded.slice(0, maxLength).trimEnd();
}

/** x12Text for an element the TR3 requires: empty after cleaning is an error, not a blank. */
export function requiredX12Text(value: unknown, maxLength: number, field: string, label = field): string {
  const text = typeof value === "string" ? x12Text(value, maxLength) : "";
  if (text === "") fail(field, `${label} is required and must contain letters or digits an 837P can carry, got ${JSON.stringify(value)}`);
  return text;
}

/**
 * Identifiers are validated, never cleaned: silently dropping a character
 * from a member id or payer id produces a claim for someone else.
 */
export function x12Identifier(value: unknown, field: string, minLength: number, maxLength: number, label = field): string {
  const id = typeof value === "string" ? value.trim() : "";
  if (id.length < minLength || id.length > maxLength) {
    fail(field, `${label} must be ${minLength}-${maxLength} characters, got ${JSON.stringify(value)}`);
  }
  const problem = x12CharacterProblem(id, false);
  if (problem) fail(field, `${label} ${problem}, got ${JSON.stringify(value)}`);
  return id;
}

/** Builds one segment; trailing empty elements are dropped as X12 requires. */
export function segment(tag: string, ...elements: string[]): string {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === "") end--;
  return [tag, ...elements.slice(0, end)].join(ELEMENT_SEPARATOR);
}

/** Composite element; trailing empty components are dropped for the same reason. */
export function composite(...components: string[]): string {
  let end = components.length;
  while (end > 0 && components[end - 1] === "") end--;
  return components.slice(0, end).join(COMPONENT_SEPARATOR);
}
