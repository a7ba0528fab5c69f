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

const DELIMITERS = /[*:^~]/g;

/**
 * Free text (names, addresses) is cleaned rather than rejected: a client
 * called "Zoë O'Brien-Smith" must still be billable. Accents are folded to
 * ASCII because the X12 extended character set has no accented letters,
 * control characters become spaces, and the four delimiter characters are
 * removed outright since even one would shift every following element.
 * Result is upper case and cut to the element's maximum length.
 */
export function x12Text(value: string, maxLength: number): string {
  const folded = value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/[^\u0020-\u007e]/g, "")
    .replace(DELIMITERS, "")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
  return folded.slice(0, maxLength).trimEnd();
}

/** x12Text for an element the TR3 requires: empty after cleaning is an error, not a blank. */
export function requiredX12Text(value: unknown, maxLength: number, where: string): string {
  const text = typeof value === "string" ? x12Text(value, maxLength) : "";
  if (text === "") fail(`${where} is required and must contain printable characters`);
  return text;
}

/**
 * Identifiers are validated, never cleaned: silently dropping a character
 * from a member id or payer id produces a claim for someone else.
 */
export function x12Identifier(value: unknown, where: string, minLength: number, maxLength: number): string {
  const id = typeof value === "string" ? value.trim() : "";
  if (id.length < minLength || id.length > maxLength) {
    fail(`${where} must be ${minLength}-${maxLength} characters, got ${JSON.stringify(value)}`);
  }
  if (!/^[\u0020-\u007e]+$/.test(id) || /[*:^~]/.test(id)) {
    fail(`${where} must be printable ASCII without the X12 delimiters * : ^ ~, got ${JSON.stringify(value)}`);
  }
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
