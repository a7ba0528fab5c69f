import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError, ErrorCode } from "../errors/domain-error.js";
import { isTokenLimitError, LIMIT_MESSAGES } from "./query-limits.js";

/** Codes produced by GraphQL itself (bad query, bad variables): their messages are about the request, so safe to show. */
const PROTOCOL_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export const INTERNAL = "INTERNAL_SERVER_ERROR";

/** `Variable "$input" got invalid value ... at "input.rules.minGroupSize"` names the field; forms want it. */
function fieldsFromCoercionMessage(message: string): { field: string; message: string }[] {
  const at = /at "([^"]+)"/.exec(message);
  const variable = /Variable "\$([^"]+)"/.exec(message);
  const field = at?.[1] ?? variable?.[1];
  return field ? [{ field, message }] : [];
}

/**
 * One table from failure kind to what the client sees. Domain errors keep their code (and fields);
 * GraphQL's own request errors pass; anything else is masked and only logged.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.code === ErrorCode.BadUserInput) extensions.fields = original.fields;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" && isTokenLimitError(formatted.message)) {
    return { message: LIMIT_MESSAGES.tokens, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
  }
  const code = formatted.extensions?.code;
  const isProtocolError = typeof code === "string" && PROTOCOL_CODES.has(code) && (original === error || original instanceof GraphQLError);
  if (isProtocolError) {
    const extensions: Record<string, unknown> = { code };
    if (code === "BAD_USER_INPUT") extensions.fields = fieldsFromCoercionMessage(formatted.message);
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return { message: "Something went wrong on our side; the request id identifies it in our logs", path: formatted.path, extensions: { code: INTERNAL } };
}

export function isUnexpected(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return false;
  const code = error.extensions?.code;
  return !(typeof code === "string" && PROTOCOL_CODES.has(code) && (original === error || original instanceof GraphQLError));
}

// SQLSTATE and the names of the schema objects involved: never a row's values.
const LOGGABLE_PROPERTIES = ["code", "table", "column", "constraint", "routine"] as const;
const MAX_FRAMES = 12;

/**
 * One log entry for an unexpected failure. An error's message, SQL, parameters and PostgreSQL's detail can all
 * quote what a user sent (names, birth dates, diagnoses, note text, password hashes), so the entry holds only the
 * kind of error, its codes, the schema objects it names and the code locations from its stack.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `non-error value of type ${typeof error}`;
  const properties = error as unknown as Record<string, unknown>;
  const facts = LOGGABLE_PROPERTIES.filter((key) => typeof properties[key] === "string" || typeof properties[key] === "number").map(
    (key) => `${key}=${String(properties[key])}`,
  );
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return [[error.name, ...facts].join(" "), ...frames].join("\n");
}

