import { GraphQLError } from "graphql";
import { QueryFailedError } from "typeorm";
import { describeFailure, isDatabaseUnavailable } from "../../../server/src/graphql/errors";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset connection", withCode("read ECONNRESET", "ECONNRESET")],
    ["the administrator ending the session (pg_terminate_backend)", withCode("terminating connection due to administrator command", "57P01")],
    ["a server that is starting or stopping", withCode("the database system is shutting down", "57P03")],
    ["too many connections", withCode("sorry, too many clients already", "53300")],
    ["a connection exception", withCode("connection failure", "08006")],
    ["a connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["a pool that cannot connect in time", new Error("timeout exceeded when trying to connect")],
    ["a pool already ended (while stopping)", new Error("Cannot use a pool after calling end on the pool")],
    ["every address refusing (AggregateError)", new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "")],
    ["TypeORM's wrapper of a lost connection", new QueryFailedError("SELECT 1", [], new Error("Connection terminated unexpectedly"))],
    ["graphql-js's wrapper of an error from another realm", Object.assign(new Error("Unexpected error value"), { name: "NonErrorThrown", thrownValue: withCode("x", "ECONNREFUSED") })],
  ])("is true for %s", (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", new QueryFailedError("INSERT", [], withCode("duplicate key value violates unique constraint", "23505"))],
    ["a check violation", withCode("new row violates check constraint", "23514")],
    ["a protocol violation (too many bind parameters is a bug, not an outage)", withCode("bind message has 70000 parameter formats but 0 parameters", "08P01")],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["a GraphQL error", new GraphQLError("Connection is a word users may type")],
    ["not an error", "ECONNREFUSED"],
  ])("is false for %s", (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("describeFailure", () => {
  it("keeps the kind, codes, schema names and stack frames, and drops message, SQL and parameters", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: "23505",
      table: "users",
      constraint: "users_email_key",
      detail: "Key (lower(email))=(jo@example.test) already exists.",
    });
    const text = describeFailure(new QueryFailedError("INSERT INTO users (email) VALUES ($1)", ["jo@example.test"], driverError));
    expect(text.split("\n")[0]).toBe("QueryFailedError code=23505 table=users constraint=users_email_key");
    expect(text).toMatch(/\n\s+at /);
    expect(text).not.toMatch(/jo@example|INSERT|duplicate|Key \(/);
  });
});
