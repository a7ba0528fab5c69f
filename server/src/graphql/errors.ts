import { unwrapResolverError } from "@apollo/server/errors";
import { types } from "node:util";
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
/** The database (or this server, while it stops) cannot serve now; the same request may succeed after Retry-After. */
export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
export const RETRY_AFTER_SECONDS = 5;

const INTERNAL_MESSAGE = "Something went wrong on our side; the request id identifies it in our logs";
const UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again in a few seconds";

/**
 * A failure this server has already masked, for a request that failed before GraphQL ran (while its context was
 * built): it carries its code, HTTP status and request id itself.
 */
export class RequestFailure extends GraphQLError {
  constructor(
    readonly code: typeof INTERNAL | typeof SERVICE_UNAVAILABLE,
    readonly requestId: string,
  ) {
    const unavailable = code === SERVICE_UNAVAILABLE;
    super(unavailable ? UNAVAILABLE_MESSAGE : INTERNAL_MESSAGE, {
      extensions: {
        code,
        requestId,
        http: {
          status: unavailable ? 503 : 500,
          headers: new Map(unavailable ? [["retry-after", String(RETRY_AFTER_SECONDS)]] : []),
        },
      },
    });
  }
}

// Socket failures on the way to PostgreSQL, and SQLSTATEs that mean the server is going away or full.
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "57P01", "57P02", "57P03", "53300"]);
const PROTOCOL_VIOLATION = "08P01";
// node-postgres reports a lost connection or a pool that cannot connect in words only.
const CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/i;

/**
 * The error itself, from any realm: Node's own errors (a refused socket) fail `instanceof Error` inside a VM
 * context such as jest's, and graphql-js then wraps them as NonErrorThrown, keeping them as `thrownValue`.
 */
function asError(value: unknown): Error | null {
  if (!(value instanceof Error) && !types.isNativeError(value)) return null;
  const thrownValue: unknown = Reflect.get(value, "thrownValue");
  return value.name === "NonErrorThrown" && thrownValue !== undefined ? (asError(thrownValue) ?? value) : value;
}

/** Whether the error (or one it wraps) says the database cannot be reached, rather than that a query was wrong. */
export function isDatabaseUnavailable(value: unknown, depth = 0): boolean {
  const error = asError(value);
  if (!error || depth > 4) return false;
  // Properties drivers and TypeORM add to Error (AggregateError's errors included) without declaring them.
  const [code, driverError, errors]: unknown[] = ["code", "driverError", "errors"].map((key) => Reflect.get(error, key));
  const { cause } = error;
  // 08P01 (protocol violation, e.g. more bind parameters than the protocol carries) is our bug, not an outage.
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || (/^08[0-9A-Z]{3}$/.test(code) && code !== PROTOCOL_VIOLATION))) return true;
  if (CONNECTION_LOST.test(error.message)) return true;
  return [cause, driverError, ...(Array.isArray(errors) ? errors : [])].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

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
  if (original instanceof RequestFailure) {
    return { message: original.message, extensions: { code: original.code, requestId: original.requestId } };
  }
  if (isDatabaseUnavailable(original)) {
    return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
  }
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
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: INTERNAL } };
}

export function isUnexpected(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || original instanceof RequestFailure) return false;
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
export function describeFailure(value: unknown): string {
  const error = asError(value);
  if (!error) return `non-error value of type ${typeof value}`;
  const facts = LOGGABLE_PROPERTIES.flatMap((key) => {
    // Driver errors add these properties to Error without declaring them.
    const fact: unknown = Reflect.get(error, key);
    return typeof fact === "string" || typeof fact === "number" ? [`${key}=${String(fact)}`] : [];
  });
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return [[error.name, ...facts].join(" "), ...frames].join("\n");
}

