import type { MiddlewareFn } from "type-graphql";
import { DomainError, ErrorCode } from "../errors/domain-error.js";

/** Above any field's own limit (notes are the longest text); stops megabyte strings before any work is done. */
export const MAX_INPUT_STRING = 20_000;
const MAX_INPUT_LIST = 500;

function findOversized(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === "string") {
    return value.length > MAX_INPUT_STRING ? { field: path, message: `Text is too long (at most ${MAX_INPUT_STRING} characters)` } : null;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_LIST) return { field: path, message: `Too many items (at most ${MAX_INPUT_LIST})` };
    for (let i = 0; i < value.length; i++) {
      const found = findOversized(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = findOversized(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Guards every root field's arguments; nested fields' arguments are small enums and dates. */
export const limitInputStrings: MiddlewareFn = async ({ args, info }, next) => {
  if (info.parentType.name === "Query" || info.parentType.name === "Mutation") {
    const found = findOversized(args, "");
    if (found) throw new DomainError(ErrorCode.BadUserInput, found.message, [found]);
  }
  return next();
};
