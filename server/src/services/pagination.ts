import { DomainError, ErrorCode } from "../errors/domain-error.js";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  nodes: { cursor: string; node: T }[];
  hasNextPage: boolean;
  totalCount: number;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new DomainError(ErrorCode.BadUserInput, `first must be from 0 to ${MAX_PAGE_SIZE}`, [
      { field: "first", message: `Ask for at most ${MAX_PAGE_SIZE} items at a time` },
    ]);
  }
  return first;
}

/** Cursors are opaque to clients; inside they carry the sort key of the last row seen. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === "string" || typeof k === "number")) return key;
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

export function invalidCursor(): DomainError {
  return new DomainError(ErrorCode.BadUserInput, "The cursor is not valid; start again without `after`", [
    { field: "after", message: "Use an endCursor returned by this list" },
  ]);
}

export function toPage<T>(rows: T[], limit: number, totalCount: number, keyOf: (row: T) => readonly (string | number)[]): Page<T> {
  const visible = rows.slice(0, limit);
  return {
    nodes: visible.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    hasNextPage: rows.length > limit,
    totalCount,
  };
}
