/** The closed set of failure kinds a client can act on; each maps to one GraphQL `extensions.code`. */
export enum ErrorCode {
  Unauthenticated = "UNAUTHENTICATED",
  Forbidden = "FORBIDDEN",
  NotFound = "NOT_FOUND",
  BadUserInput = "BAD_USER_INPUT",
  Conflict = "CONFLICT",
}

export interface FieldError {
  field: string;
  message: string;
}

/** A failure the client caused and can fix; its message is safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string): DomainError => new DomainError(ErrorCode.NotFound, `${what} not found`);

export const forbidden = (): DomainError =>
  new DomainError(ErrorCode.Forbidden, "Your role in this practice does not allow this");

export const unauthenticated = (message = "Sign in to continue"): DomainError =>
  new DomainError(ErrorCode.Unauthenticated, message);

export const conflict = (message: string): DomainError => new DomainError(ErrorCode.Conflict, message);

/** Throws one BAD_USER_INPUT naming every invalid field, so a form can show them all at once. */
/** The BAD_USER_INPUT error for these field errors, or null when there are none. */
export function invalidInput(errors: FieldError[]): DomainError | null {
  if (errors.length === 0) return null;
  const summary = errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(", ")}`;
  return new DomainError(ErrorCode.BadUserInput, summary, errors);
}

export function assertValid(errors: FieldError[]): void {
  const error = invalidInput(errors);
  if (error) throw error;
}
