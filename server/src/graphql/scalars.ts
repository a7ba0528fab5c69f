import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { isValidDate } from "../domain/validation/index.js";

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isValidDate(value)) {
    throw new GraphQLError("Date must be a calendar date from 0001-01-01 to 9999-12-31, written YYYY-MM-DD");
  }
  return value;
}

/** A calendar date without time or zone (service dates, birth dates), always YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "A calendar date in the form YYYY-MM-DD, without time of day or time zone.",
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("Date must be a string written YYYY-MM-DD");
    return parseDate(ast.value);
  },
});

// RFC 3339 allows years 0000-9999 with any offset; PostgreSQL has no year 0, and an offset can push an instant past 9999.
const EARLIEST_INSTANT = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

function inRange(instant: unknown): Date {
  if (!(instant instanceof Date) || !(instant.getTime() >= EARLIEST_INSTANT && instant.getTime() <= LATEST_INSTANT)) {
    throw new GraphQLError("DateTime must be an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
  }
  return instant;
}

const dateTime = DateTimeResolver.toConfig();

/** graphql-scalars' RFC 3339 DateTime, limited to the instants PostgreSQL's timestamptz stores as written. */
export const DateTimeScalar = new GraphQLScalarType<Date, Date | string>({
  ...dateTime,
  parseValue: (value) => inRange(dateTime.parseValue!(value)),
  parseLiteral: (ast: ValueNode, variables) => inRange(dateTime.parseLiteral!(ast, variables)),
});

export const JSONScalar = JSONResolver;
