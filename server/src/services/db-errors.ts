import { QueryFailedError } from "typeorm";

/** True when PostgreSQL rejected the write for breaking the named unique index or constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === "23505" && (constraint === undefined || driverError.constraint === constraint);
}

/** TypeORM answers a raw UPDATE/DELETE as [rows, rowCount] but a SELECT or INSERT as rows; this reads both. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[0] as T[];
  return result as T[];
}
