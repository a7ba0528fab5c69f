import type { MiddlewareFn } from "type-graphql";
import { assertValid, type FieldError } from "../errors/domain-error.js";

/** Above any field's own limit (notes are the longest text); stops megabyte strings before any work is done. */
export const MAX_INPUT_STRING = 20_000;
const MAX_INPUT_LIST = 500;
/**
 * Arguments that carry a whole file rather than a field someone typed: an 835 remittance of a few hundred claims
 * runs to hundreds of kilobytes. The request body limit still bounds them.
 */
const FILE_ARGUMENTS: Record<string, number> = { "importRemittance:input.text": 1_000_000 };

// A half of a surrogate pair without its other half is not Unicode: PostgreSQL's jsonb (the audit log) refuses it.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What no text column can store, whatever the field: PostgreSQL would fail the whole request with a 500. */
function textProblem(value: string, max: number): string | null {
  if (value.length > max) return `Text is too long (at most ${max} characters)`;
  if (value.includes("\u0000")) return "Text may not contain a NUL character (\\u0000)";
  if (UNPAIRED_SURROGATE.test(value)) return "Text contains an unpaired surrogate, which is not valid Unicode";
  return null;
}

function collectProblems(value: unknown, path: string, out: FieldError[], fieldName = ""): void {
  if (typeof value === "string") {
    const problem = textProblem(value, FILE_ARGUMENTS[`${fieldName}:${path}`] ?? MAX_INPUT_STRING);
    if (problem) out.push({ field: path, message: problem });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_LIST) {
      out.push({ field: path, message: `Too many items (at most ${MAX_INPUT_LIST})` });
      return;
    }
    value.forEach((item, i) => collectProblems(item, `${path}[${i}]`, out, fieldName));
    return;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) collectProblems(inner, path ? `${path}.${key}` : key, out, fieldName);
  }
}

/**
 * Checks every text and list in a root field's arguments once, at the edge, before any service runs; the field
 * is the argument path (`input.coverages[0].memberId`). Nested fields' arguments are enums and dates, which
 * their types already check.
 */
export const guardInputValues: MiddlewareFn = async ({ args, info }, next) => {
  if (info.parentType.name === "Query" || info.parentType.name === "Mutation") {
    const problems: FieldError[] = [];
    collectProblems(args, "", problems, info.fieldName);
    assertValid(problems);
  }
  return next();
};
