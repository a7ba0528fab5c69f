import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/** What the API puts in `extensions.fields` for BAD_USER_INPUT. */
export interface FieldError {
  field: string;
  message: string;
}

/** Field path -> message, with a leading `input.` dropped (bad variables name the variable, domain errors do not). */
export type FieldErrors = Record<string, string>;

type ErrorLike = { message: string } | null | undefined;

function graphQLErrors(error: unknown) {
  return CombinedGraphQLErrors.is(error) ? error.errors : [];
}

/** The first `extensions.code` of a GraphQL error (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT...). */
export function errorCode(error: unknown): string | undefined {
  const code = graphQLErrors(error)[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

export function normalizeFieldPath(field: string): string {
  return field.replace(/^input\./, "");
}

/** Every field message of a BAD_USER_INPUT, keyed by the field's path (e.g. `rules.minGroupSize`). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const e of graphQLErrors(error)) {
    if (e.extensions?.code !== "BAD_USER_INPUT") continue;
    const fields = (e.extensions.fields ?? []) as FieldError[];
    for (const f of fields) {
      const key = normalizeFieldPath(f.field);
      out[key] = out[key] ? `${out[key]} ${f.message}` : f.message;
    }
  }
  return out;
}

/** The messages for a path and anything below it (`diagnosisCodes` also collects `diagnosisCodes[1]`). */
export function errorsUnder(errors: FieldErrors, prefix: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}[`) || field.startsWith(`${prefix}.`))
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join(" ") : undefined;
}

/** A sentence a person can act on, for any error a hook or mutation returns. */
export function messageOf(error: ErrorLike | unknown): string {
  if (!error) return "";
  const code = errorCode(error);
  const gqlMessage = graphQLErrors(error)[0]?.message;
  switch (code) {
    case "FORBIDDEN":
      return "Your role in this practice does not allow this.";
    case "UNAUTHENTICATED":
      return gqlMessage ?? "Sign in to continue.";
    case "INTERNAL_SERVER_ERROR":
      return "Something went wrong on the server. Try again; if it keeps happening, tell your administrator.";
    case "GRAPHQL_VALIDATION_FAILED":
      return "The console and the server disagree about the API. Reload the page to get the latest console.";
  }
  if (gqlMessage) return gqlMessage;
  if (ServerError.is(error)) return `The server answered ${error.statusCode}. Try again in a moment.`;
  if (error instanceof TypeError) return "Cannot reach the server. Check your connection and try again.";
  return (error as { message?: string }).message ?? "Something went wrong.";
}

/** Each message of a BAD_USER_INPUT about one field, separately (a file's problems are a list, not a sentence). */
export function fieldMessagesOf(error: unknown, field: string): string[] {
  return graphQLErrors(error)
    .filter((e) => e.extensions?.code === "BAD_USER_INPUT")
    .flatMap((e) => ((e.extensions?.fields ?? []) as FieldError[]).filter((f) => normalizeFieldPath(f.field) === field).map((f) => f.message));
}
