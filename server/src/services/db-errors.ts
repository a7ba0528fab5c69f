import { QueryFailedError } from "typeorm";

/** True when PostgreSQL rejected the write for breaking the named unique index or constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === "23505" && (constraint === undefined || driverError.constraint === constraint);
}
