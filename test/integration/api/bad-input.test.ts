import { uniqueNpi } from "../../support/npi";
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { buildGroupBillSchema } from "../../../server/src/graphql/schema";
import { errorCode, expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";

/**
 * Every argument value of every query and mutation, found by walking the schema, so a field added later is
 * covered too: each text, id and date leaf is set to a value PostgreSQL cannot store, and the answer must be
 * BAD_USER_INPUT naming that leaf, never INTERNAL_SERVER_ERROR.
 */

let server: TestServer;
let owner: PracticeFixture;
let schema: GraphQLSchema;
beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpPractice(server);
  schema = await buildGroupBillSchema();
});
afterAll(async () => {
  await server.stop();
});

type Leaf = { path: (string | number)[]; scalar: string };

/** A value of the right shape for every field (optional ones too, so that their leaves are reached). */
function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType)];
  if (isInputObjectType(inner)) return Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, sample(f.type)]));
  if (isEnumType(inner)) return inner.getValues()[0].value;
  switch (inner.name) {
    case "String":
      return "text";
    case "ID":
      return randomUUID();
    case "Int":
      return 1;
    case "Float":
      return 1;
    case "Boolean":
      return true;
    case "Date":
      return "2026-01-05";
    case "DateTime":
      return "2026-01-05T15:00:00.000Z";
    case "JSON":
      return {};
    default:
      throw new Error(`No sample for scalar ${inner.name}`);
  }
}

function leaves(type: GraphQLInputType, path: (string | number)[]): Leaf[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return leaves(inner.ofType, [...path, 0]);
  if (isInputObjectType(inner)) return Object.values(inner.getFields()).flatMap((f) => leaves(f.type, [...path, f.name]));
  return isScalarType(inner) ? [{ path, scalar: inner.name }] : [];
}

function printPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}

interface Case {
  operation: string;
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

function operationOf(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): { document: string; variables: Record<string, unknown> } {
  const args = field.args as readonly GraphQLArgument[];
  const declared = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? "" : " { __typename }";
  return {
    document: `${kind}${declared ? ` (${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

/** One case per leaf of the given scalars, with `bad` placed at that leaf. */
function casesFor(scalars: string[], bad: (scalar: string) => unknown): Case[] {
  const out: Case[] = [];
  for (const [kind, root] of [["query", schema.getQueryType()!], ["mutation", schema.getMutationType()!]] as const) {
    for (const field of Object.values(root.getFields())) {
      const { document, variables } = operationOf(kind, field);
      for (const arg of field.args) {
        for (const leaf of leaves(arg.type, [arg.name])) {
          if (!scalars.includes(leaf.scalar)) continue;
          out.push({ operation: field.name, field: printPath(leaf.path), document, variables: withValueAt(variables, leaf.path, bad(leaf.scalar)) as Record<string, unknown> });
        }
      }
    }
  }
  return out;
}

const withoutInput = (field: string) => field.replace(/^input\./, "");

async function expectRejectedNaming(cases: Case[]): Promise<void> {
  const wrong: string[] = [];
  for (const c of cases) {
    const res = await server.gql(c.document, c.variables, owner.token);
    // Services name their fields without the `input.` of the argument, as the console reads them.
    const fields = res.errors?.[0]?.extensions?.fields?.map((f) => withoutInput(f.field)) ?? [];
    if (errorCode(res) !== "BAD_USER_INPUT" || !fields.includes(withoutInput(c.field))) {
      wrong.push(`${c.operation} ${c.field}: ${errorCode(res) ?? "no error"} ${JSON.stringify(fields)}`);
    }
  }
  expect(wrong).toEqual([]);
}

describe("text no column can hold", () => {
  it("a NUL character in any text or id is BAD_USER_INPUT naming the field", async () => {
    const cases = casesFor(["String", "ID"], () => "before\u0000after");
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.map((c) => `${c.operation} ${c.field}`)).toEqual(
      expect.arrayContaining(["createClient input.firstName", "createClient input.coverages[0].memberId", "saveMemberNote input.risk", "addNoteAddendum text", "signUp input.password", "clients search"]),
    );
    await expectRejectedNaming(cases);
  });

  it("an unpaired surrogate (not Unicode) in any text or id is BAD_USER_INPUT naming the field", async () => {
    await expectRejectedNaming([
      ...casesFor(["String", "ID"], () => "half \ud83d of an emoji"),
      ...casesFor(["String"], () => "\udc00 a low half first"),
    ]);
  });

  it("is caught in query literals too, not only in variables", async () => {
    const res = await server.gql(`mutation { createPayer(input: { name: "Aetna\\u0000", kind: COMMERCIAL, payerCode: "60054" }) { id } }`, {}, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields).toEqual([{ field: "input.name", message: expect.stringMatching(/NUL/) }]);
  });

  it("leaves whole emoji and other text alone", async () => {
    // Group names never reach a claim file, so nothing narrows them to the X12 character set.
    const leader = expectOk(
      await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Robin Lee", npi: uniqueNpi(), credential: "LCSW", licensed: true } }, owner.token),
    ).createClinician.id;
    const created = expectOk(
      await server.gql(
        `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { name } }`,
        { input: { name: "Blue 😀 Ünïcode", kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leaderId: leader, defaultDurationMinutes: 60, memberIds: [] } },
        owner.token,
      ),
    );
    expect(created.createGroup.name).toBe("Blue 😀 Ünïcode");
  });
});

describe("dates outside the calendar PostgreSQL stores", () => {
  it("year 0000 in any Date or DateTime is BAD_USER_INPUT naming the field", async () => {
    const cases = casesFor(["Date", "DateTime"], (scalar) => (scalar === "Date" ? "0000-01-01" : "0000-01-01T12:00:00Z"));
    expect(cases.map((c) => `${c.operation} ${c.field}`)).toEqual(
      expect.arrayContaining(["createClient input.dateOfBirth", "scheduleSession input.startsAt", "claimDecisions from", "createClaimBatch input.to"]),
    );
    await expectRejectedNaming(cases);
  });

  it("still takes the first and last days of that range", async () => {
    const RANGE = `query ($from: Date!, $to: Date!) { claimDecisions(from: $from, to: $to) { totalCount } }`;
    expect(expectOk(await server.gql(RANGE, { from: "0001-01-01", to: "0001-12-31" }, owner.token)).claimDecisions.totalCount).toBe(0);
    expect(expectOk(await server.gql(RANGE, { from: "9999-01-01", to: "9999-12-31" }, owner.token)).claimDecisions.totalCount).toBe(0);
  });
});
