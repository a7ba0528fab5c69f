import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { isValidDate } from "../domain/validation/index.js";

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isValidDate(value)) {
    throw new GraphQLError("Date must be a calendar date written YYYY-MM-DD");
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

export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
