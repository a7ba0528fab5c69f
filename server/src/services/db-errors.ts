import { QueryFailedError } from "typeorm";

/** A text field of the driver's error behind a failed statement (node-pg's DatabaseError: code is the SQLSTATE). */
export function driverErrorText(error: QueryFailedError, name: "code" | "constraint"): string | undefined {
  const driverError: unknown = error.driverError;
  const value: unknown = typeof driverError === "object" && driverError !== null ? Reflect.get(driverError, name) : undefined;
  return typeof value === "string" ? value : undefined;
}

/** True when PostgreSQL rejected the write for breaking the named unique index or constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  return driverErrorText(error, "code") === "23505" && (constraint === undefined || driverErrorText(error, "constraint") === constraint);
}

/** TypeORM answers a raw UPDATE/DELETE as [rows, rowCount] but a SELECT or INSERT as rows; this reads both. */
export function returnedRows<T>(result: unknown): T[] {
  // Raw query results are untyped; the caller's SELECT/RETURNING list is what T describes.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[0] as T[];
  return result as T[];
}
