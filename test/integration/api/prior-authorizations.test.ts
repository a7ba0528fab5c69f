/**
 * Prior authorizations through the API: CRUD with validation and audit, roles, tenancy, what they do to
 * claim decisions (AUTH_REQUIRED, AUTH_EXHAUSTED, units used and left), and REF*G1 in a batch's 837P.
 */
import { X12Interchange, X12Parser, type X12Segment } from "node-x12";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { parseCsvRecords } from "../../support/csv";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { setPracticeClock } from "../../../server/src/services/practice-clock";
import { authorizationsWithUsage } from "../../../server/src/services/prior-authorization.service";

const AUTH = `id number startDate endDate units unitsUsed unitsLeft note payer { id }`;
const ADD = `mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { ${AUTH} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePriorAuthorizationInput!) { updatePriorAuthorization(id: $id, input: $input) { ${AUTH} } }`;
const REMOVE = `mutation ($id: ID!) { removePriorAuthorization(id: $id) { ${AUTH} } }`;
const CLIENT = `query ($id: ID!) { client(id: $id) { authorizations { ${AUTH} } coverages { payer { id } authorizations { number unitsUsed unitsLeft } } } }`;
const DECISIONS = `query ($from: Date!, $to: Date!) { claimDecisions(from: $from, to: $to, first: 100) {
  edges { node { status authorizationNumber client { id } session { date } issues { code message } } } } }`;
const CREATE_BATCH = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount lines { client { id } authorizationNumber } } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;
const EVENTS = `query ($id: ID!) { auditEvents(entityType: "Client", entityId: $id, first: 20) { edges { node { action changes } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Setup {
  owner: PracticeFixture;
  fx: BillingFixture;
  sessionIds: string[];
}

/** A payer that requires prior authorization; 3 members; READY-looking sessions on 2026-03-10, 11 and 12. */
async function practiceRequiringAuthorization(sessions = 3): Promise<Setup> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3, payerRules: { requirePriorAuthorization: true } });
  const sessionIds: string[] = [];
  for (let i = 0; i < sessions; i++) sessionIds.push(await readySession(server, owner, fx, { startsAt: `2026-03-${10 + i}T15:00:00Z` }));
  return { owner, fx, sessionIds };
}

const authInput = (payerId: string, overrides: Record<string, unknown> = {}) => ({
  payerId,
  number: "PA-100",
  startDate: "2026-03-01",
  endDate: "2026-03-31",
  units: 2,
  ...overrides,
});

interface DecisionNode {
  status: string;
  authorizationNumber: string | null;
  client: { id: string };
  session: { date: string };
  issues: { code: string; message: string }[];
}

async function decisions(owner: PracticeFixture, from = "2026-03-01", to = "2026-03-31"): Promise<DecisionNode[]> {
  return expectOk(await server.gql(DECISIONS, { from, to }, owner.token)).claimDecisions.edges.map((e: { node: DecisionNode }) => e.node);
}

/** date -> [status, auth codes, authorization number] for one client. */
async function linesOf(owner: PracticeFixture, clientId: string, from?: string, to?: string): Promise<Record<string, [string, string[], string | null]>> {
  const rows = (await decisions(owner, from, to)).filter((d) => d.client.id === clientId);
  return Object.fromEntries(rows.map((d) => [d.session.date, [d.status, d.issues.map((i) => i.code).filter((c) => c.startsWith("AUTH_")), d.authorizationNumber]]));
}

async function authorizationsOf(owner: PracticeFixture, clientId: string) {
  return expectOk(await server.gql(CLIENT, { id: clientId }, owner.token)).client.authorizations;
}

function fieldsOf(res: GraphQLResponse): string[] {
  return (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
}

describe("prior authorizations and claim decisions", () => {
  it("without one, every line is AUTH_REQUIRED with the fix in plain words", async () => {
    const { owner, fx } = await practiceRequiringAuthorization(1);
    const rows = await decisions(owner);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.status).toBe("BLOCKED");
      const issue = row.issues.find((i) => i.code === "AUTH_REQUIRED")!;
      expect(issue.message).toContain("Prior authorizations");
      expect(issue.message).toContain("2026-03-10");
    }
    expect(fx.clientIds).toHaveLength(3);
  });

  it("units are used in date order, the line past them is AUTH_EXHAUSTED, and units used/left follow", async () => {
    const { owner, fx, sessionIds } = await practiceRequiringAuthorization();
    const [client] = fx.clientIds;
    const added = expectOk(await server.gql(ADD, { clientId: client, input: authInput(fx.payerId, { note: "  Approved by J. Doe  " }) }, owner.token)).addPriorAuthorization;
    expect(added).toMatchObject({ number: "PA-100", startDate: "2026-03-01", endDate: "2026-03-31", units: 2, unitsUsed: 2, unitsLeft: 0, note: "Approved by J. Doe", payer: { id: fx.payerId } });

    expect(await linesOf(owner, client)).toEqual({
      "2026-03-10": ["READY", [], "PA-100"],
      "2026-03-11": ["READY", [], "PA-100"],
      "2026-03-12": ["BLOCKED", ["AUTH_EXHAUSTED"], null],
    });
    // Asked for the last day alone, the decision still counts the authorization's earlier days.
    expect(await linesOf(owner, client, "2026-03-12", "2026-03-12")).toEqual({ "2026-03-12": ["BLOCKED", ["AUTH_EXHAUSTED"], null] });
    // So does a session's own list of lines.
    const sessionLines = expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { claimDecisions { client { id } issues { code } } } }`, { id: sessionIds[2] }, owner.token)).session.claimDecisions;
    expect(sessionLines.find((d: { client: { id: string } }) => d.client.id === client).issues.map((i: { code: string }) => i.code)).toEqual(["AUTH_EXHAUSTED"]);
    const exhausted = (await decisions(owner, "2026-03-12", "2026-03-12")).find((d) => d.client.id === client)!;
    expect(exhausted.issues.find((i) => i.code === "AUTH_EXHAUSTED")!.message).toContain("PA-100 (2026-03-01 to 2026-03-31) approved 2 units");
    // Other members are untouched by this member's authorization.
    expect(await linesOf(owner, fx.clientIds[1])).toEqual({
      "2026-03-10": ["BLOCKED", ["AUTH_REQUIRED"], null],
      "2026-03-11": ["BLOCKED", ["AUTH_REQUIRED"], null],
      "2026-03-12": ["BLOCKED", ["AUTH_REQUIRED"], null],
    });

    const client0 = expectOk(await server.gql(CLIENT, { id: client }, owner.token)).client;
    expect(client0.coverages).toEqual([{ payer: { id: fx.payerId }, authorizations: [{ number: "PA-100", unitsUsed: 2, unitsLeft: 0 }] }]);

    const raised = expectOk(await server.gql(UPDATE, { id: added.id, input: { units: 4, note: "" } }, owner.token)).updatePriorAuthorization;
    expect(raised).toMatchObject({ units: 4, unitsUsed: 3, unitsLeft: 1, note: null });
    expect((await linesOf(owner, client))["2026-03-12"]).toEqual(["READY", [], "PA-100"]);

    // Ending the authorization before the last session: that day has none in force.
    expect(expectOk(await server.gql(UPDATE, { id: added.id, input: { endDate: "2026-03-11" } }, owner.token)).updatePriorAuthorization).toMatchObject({ unitsUsed: 2, unitsLeft: 2 });
    expect((await linesOf(owner, client))["2026-03-12"]).toEqual(["BLOCKED", ["AUTH_REQUIRED"], null]);

    const removed = expectOk(await server.gql(REMOVE, { id: added.id }, owner.token)).removePriorAuthorization;
    expect(removed.id).toBe(added.id);
    expect(await authorizationsOf(owner, client)).toEqual([]);
    expect(Object.values(await linesOf(owner, client)).map(([, codes]) => codes)).toEqual([["AUTH_REQUIRED"], ["AUTH_REQUIRED"], ["AUTH_REQUIRED"]]);

    const actions = expectOk(await server.gql(EVENTS, { id: client }, owner.token)).auditEvents.edges.map((e: { node: { action: string; changes: unknown } }) => e.node);
    expect(actions.slice(0, 4).map((a: { action: string }) => a.action)).toEqual([
      "client.priorAuthorization.remove",
      "client.priorAuthorization.update",
      "client.priorAuthorization.update",
      "client.priorAuthorization.add",
    ]);
    expect(actions[1].changes).toEqual({ priorAuthorization: { id: added.id, endDate: { before: "2026-03-31", after: "2026-03-11" } } });
    expect(actions[3].changes.priorAuthorization.after).toMatchObject({ id: added.id, number: { before: null, after: "PA-100" }, units: { before: null, after: 2 } });
  });

  it("a payer that does not require authorization still puts the number on lines while units last, with no issues", async () => {
    const { owner, fx } = await practiceRequiringAuthorization();
    expectOk(await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { effectiveFrom: "2026-01-01", requirePriorAuthorization: false }) { id } }`, { id: fx.payerId }, owner.token));
    const [client] = fx.clientIds;
    expectOk(await server.gql(ADD, { clientId: client, input: authInput(fx.payerId, { units: 1 }) }, owner.token));
    expect(await linesOf(owner, client)).toEqual({
      "2026-03-10": ["READY", [], "PA-100"],
      "2026-03-11": ["READY", [], null],
      "2026-03-12": ["READY", [], null],
    });
  });

  it("previews turning the rule on as newly blocked lines, and rulesOn shows it", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    await readySession(server, owner, fx);
    expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId) }, owner.token));
    const impact = expectOk(
      await server.gql(
        `query ($id: ID!) { previewPayerRules(payerId: $id, rules: { effectiveFrom: "2026-01-01", requirePriorAuthorization: true }, from: "2026-03-01", to: "2026-03-31") {
          decisionsEvaluated newlyBlocked newlyReady unchanged changes { client { id } issueCodes } } }`,
        { id: fx.payerId },
        owner.token,
      ),
    ).previewPayerRules;
    expect(impact).toMatchObject({ decisionsEvaluated: 2, newlyBlocked: 1, newlyReady: 0, unchanged: 1 });
    expect(impact.changes).toEqual([{ client: { id: fx.clientIds[1] }, issueCodes: ["AUTH_REQUIRED"] }]);
    const payer = expectOk(
      await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { requirePriorAuthorization: true }) { rules { requirePriorAuthorization } } }`, { id: fx.payerId }, owner.token),
    ).setPayerRules;
    expect(payer.rules.requirePriorAuthorization).toBe(true);
  });
});

describe("prior authorization input", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an end before the start", { startDate: "2026-03-10", endDate: "2026-03-09" }, "endDate"],
    ["zero units", { units: 0 }, "units"],
    ["a fractional unit count is refused by the schema", { units: 1.5 }, "GRAPHQL"],
    ["a number with a claim-file delimiter", { number: "PA*1" }, "number"],
    ["a blank number", { number: "   " }, "number"],
    ["a number over 30 characters", { number: "A".repeat(31) }, "number"],
    // The Date scalar refuses it before the service runs, naming the argument path.
    ["an impossible date", { startDate: "2026-02-30" }, "input.startDate"],
    ["a range over 366 days", { startDate: "2026-01-01", endDate: "2027-01-02" }, "endDate"],
  ])("refuses %s, naming the field, and stores nothing", async (_name, overrides, field) => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const res = await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId, overrides) }, owner.token);
    if (field === "GRAPHQL") expect(res.errors).toBeDefined();
    else {
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(fieldsOf(res)).toEqual([field]);
    }
    expect(await authorizationsOf(owner, fx.clientIds[0])).toEqual([]);
  });

  it("refuses an overlap with the same client and payer, but not back-to-back ranges or another client", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const first = expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId) }, owner.token)).addPriorAuthorization;
    const overlap = await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId, { number: "PA-200", startDate: "2026-03-31", endDate: "2026-04-30" }) }, owner.token);
    expect(errorCode(overlap)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(overlap)).toEqual(["startDate"]);
    expect(overlap.errors![0].extensions!.fields![0].message).toContain("PA-100 (2026-03-01 to 2026-03-31)");
    const next = expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId, { number: "PA-200", startDate: "2026-04-01", endDate: "2026-04-30" }) }, owner.token));
    expectOk(await server.gql(ADD, { clientId: fx.clientIds[1], input: authInput(fx.payerId) }, owner.token));
    // Moving the second one back onto the first is an overlap too, and changes nothing.
    const moved = await server.gql(UPDATE, { id: next.addPriorAuthorization.id, input: { startDate: "2026-03-15" } }, owner.token);
    expect(fieldsOf(moved)).toEqual(["startDate"]);
    const list = await authorizationsOf(owner, fx.clientIds[0]);
    expect(list.map((a: { number: string; startDate: string }) => [a.number, a.startDate])).toEqual([
      ["PA-100", "2026-03-01"],
      ["PA-200", "2026-04-01"],
    ]);
    expect(first.number).toBe("PA-100");
  });

  it("refuses a payer the client has no coverage with, and null for a kept field on update", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 1 });
    const other = expectOk(await server.gql(`mutation { createPayer(input: { name: "Acme Health", kind: COMMERCIAL, payerCode: "ACME1" }) { id } }`, {}, owner.token)).createPayer.id;
    const res = await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(other) }, owner.token);
    expect(fieldsOf(res)).toEqual(["payerId"]);
    const added = expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId) }, owner.token)).addPriorAuthorization;
    const nulled = await server.gql(UPDATE, { id: added.id, input: { units: null } }, owner.token);
    expect(fieldsOf(nulled)).toEqual(["units"]);
    expect(await authorizationsOf(owner, fx.clientIds[0])).toEqual([added]);
  });

  it("lets billers manage authorizations and clinicians only read them", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 1 });
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const added = expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId) }, biller.token)).addPriorAuthorization;
    expect(errorCode(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId, { startDate: "2026-05-01", endDate: "2026-05-31" }) }, clinician.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(UPDATE, { id: added.id, input: { units: 9 } }, clinician.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(REMOVE, { id: added.id }, clinician.token))).toBe("FORBIDDEN");
    expect(await authorizationsOf(clinician as PracticeFixture, fx.clientIds[0])).toEqual([added]);
  });
});

describe("prior authorizations across practices", () => {
  it("another practice's ids answer as if they did not exist, and nothing changes", async () => {
    const a = await signUpPractice(server, "A");
    const fxA = await billingSetup(server, a, { members: 1 });
    const authA = expectOk(await server.gql(ADD, { clientId: fxA.clientIds[0], input: authInput(fxA.payerId) }, a.token)).addPriorAuthorization;
    const b = await signUpPractice(server, "B");
    const fxB = await billingSetup(server, b, { members: 1 });

    expect(errorCode(await server.gql(ADD, { clientId: fxA.clientIds[0], input: authInput(fxB.payerId) }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(ADD, { clientId: fxB.clientIds[0], input: authInput(fxA.payerId) }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(UPDATE, { id: authA.id, input: { units: 99 } }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(REMOVE, { id: authA.id }, b.token))).toBe("NOT_FOUND");
    // The same answers as for ids that exist nowhere.
    expect(errorCode(await server.gql(UPDATE, { id: "00000000-0000-4000-8000-000000000000", input: { units: 99 } }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(REMOVE, { id: "not-a-uuid" }, b.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(CLIENT, { id: fxA.clientIds[0] }, b.token)).client).toBeNull();

    expect(await authorizationsOf(a, fxA.clientIds[0])).toEqual([authA]);
    expect(await authorizationsOf(b, fxB.clientIds[0])).toEqual([]);
  });
});

describe("prior authorizations on claim batches", () => {
  it("sends REF*G1 with the right number on the right claims, keeps billed units, and guards billed authorizations", async () => {
    const { owner, fx } = await practiceRequiringAuthorization();
    const [withOne, withMany, without] = fx.clientIds;
    const one = expectOk(await server.gql(ADD, { clientId: withOne, input: authInput(fx.payerId, { number: "PA-ONE", units: 1 }) }, owner.token)).addPriorAuthorization;
    expectOk(await server.gql(ADD, { clientId: withMany, input: authInput(fx.payerId, { number: "PA-MANY", units: 10 }) }, owner.token));
    const batch = expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "auth-batch" } }, owner.token)).createClaimBatch;
    expect(batch.lineCount).toBe(4);
    const numbersByClient = (lines: { client: { id: string }; authorizationNumber: string | null }[]) =>
      lines.reduce<Record<string, string[]>>((acc, l) => ({ ...acc, [l.client.id]: [...(acc[l.client.id] ?? []), l.authorizationNumber ?? "-"] }), {});
    expect(numbersByClient(batch.lines)).toEqual({ [withOne]: ["PA-ONE"], [withMany]: ["PA-MANY", "PA-MANY", "PA-MANY"] });

    const edi: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token)).claimBatch.export;
    const parser = new X12Parser(true);
    const interchange = parser.parse(edi) as X12Interchange;
    expect(parser.diagnostics).toEqual([]);
    const v = (s: X12Segment, i: number) => s.valueOf(i, "") ?? "";
    const segs = interchange.functionalGroups[0].transactions[0].segments;
    // Each claim (CLM up to the next CLM or HL) read back: its member (from its 2000B) and its REF*G1 values.
    const claims: { memberId: string; refs: string[]; refBeforeHi: boolean }[] = [];
    let memberId = "";
    segs.forEach((s, i) => {
      if (s.tag === "NM1" && v(s, 1) === "IL") memberId = v(s, 9);
      if (s.tag !== "CLM") return;
      const end = segs.findIndex((t, j) => j > i && (t.tag === "CLM" || t.tag === "HL"));
      const part = segs.slice(i, end < 0 ? undefined : end);
      const refs = part.filter((t) => t.tag === "REF" && v(t, 1) === "G1");
      claims.push({ memberId, refs: refs.map((r) => v(r, 2)), refBeforeHi: refs.every((r) => part.indexOf(r) < part.findIndex((t) => t.tag === "HI")) });
    });
    // Subscriber loops follow the batch's line order, which follows the random client ids: compare in member order.
    expect(claims.map(({ memberId: m, refs }) => [m, refs]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ["MCD-0", ["PA-ONE"]],
      ["MCD-1", ["PA-MANY"]],
      ["MCD-1", ["PA-MANY"]],
      ["MCD-1", ["PA-MANY"]],
    ]);
    expect(claims.every((c) => c.refBeforeHi)).toBe(true);
    expect(fx.clientIds).toContain(without);

    const csv: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, owner.token)).claimBatch.export;
    expect(parseCsvRecords(csv).map((r) => r.prior_authorization).sort()).toEqual(["PA-MANY", "PA-MANY", "PA-MANY", "PA-ONE"]);

    // BILLED decisions report the number their claim was sent with.
    const billed = (await decisions(owner)).filter((d) => d.status === "BILLED");
    expect(billed.map((d) => d.authorizationNumber).sort()).toEqual(["PA-MANY", "PA-MANY", "PA-MANY", "PA-ONE"]);

    // The billed unit stays used; the next line is exhausted, and the billed authorization cannot be removed.
    expect((await authorizationsOf(owner, withOne))[0]).toMatchObject({ unitsUsed: 1, unitsLeft: 0 });
    expect((await linesOf(owner, withOne))["2026-03-11"]).toEqual(["BLOCKED", ["AUTH_EXHAUSTED"], null]);
    const removal = await server.gql(REMOVE, { id: one.id }, owner.token);
    expect(errorCode(removal)).toBe("CONFLICT");
    expect(removal.errors![0].message).toContain("void the batch");
    const shrink = await server.gql(UPDATE, { id: one.id, input: { units: 1, startDate: "2026-03-02" } }, owner.token);
    expect(shrink.errors).toBeUndefined();
    expect(await authorizationsOf(owner, withOne)).toEqual([expect.objectContaining({ number: "PA-ONE", startDate: "2026-03-02", unitsUsed: 1 })]);

    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: batch.id }, owner.token));
    expect((await authorizationsOf(owner, withOne))[0]).toMatchObject({ unitsUsed: 1, unitsLeft: 0 });
    expect(expectOk(await server.gql(REMOVE, { id: one.id }, owner.token)).removePriorAuthorization.number).toBe("PA-ONE");
  });

  it("refuses units below those already billed", async () => {
    const { owner, fx } = await practiceRequiringAuthorization(2);
    const auth = expectOk(await server.gql(ADD, { clientId: fx.clientIds[0], input: authInput(fx.payerId, { units: 2 }) }, owner.token)).addPriorAuthorization;
    expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "two" } }, owner.token));
    const res = await server.gql(UPDATE, { id: auth.id, input: { units: 1 } }, owner.token);
    expect(fieldsOf(res)).toEqual(["units"]);
    expect((await authorizationsOf(owner, fx.clientIds[0]))[0]).toMatchObject({ units: 2, unitsUsed: 2, unitsLeft: 0 });
  });
});

describe("units used agree with the stored decisions the work list shows", () => {
  afterEach(() => setPracticeClock(null));

  /** Every code of each line of the client, by date, with the number the line carries. */
  async function allCodesOf(owner: PracticeFixture, clientId: string): Promise<Record<string, [string, string[], string | null]>> {
    const rows = (await decisions(owner)).filter((d) => d.client.id === clientId);
    return Object.fromEntries(rows.map((d) => [d.session.date, [d.status, d.issues.map((i) => i.code), d.authorizationNumber]]));
  }

  /** What the work list says an authorization used: its lines, billed or READY, that carry its number. */
  async function unitsOnWorkList(owner: PracticeFixture, clientId: string, number: string): Promise<number> {
    return (await decisions(owner)).filter((d) => d.client.id === clientId && d.authorizationNumber === number).length;
  }

  it("does not count a line a weekly cap blocks because of a session before the authorization starts", async () => {
    const owner = await signUpPractice(server);
    // No authorization required: the Monday line outside the authorization is READY and takes the week's one unit.
    const fx = await billingSetup(server, owner, { members: 2, payerRules: { maxUnitsPerWeek: 1 } });
    const [client] = fx.clientIds;
    for (const startsAt of ["2026-03-09T15:00:00Z", "2026-03-11T15:00:00Z", "2026-03-18T15:00:00Z"]) await readySession(server, owner, fx, { startsAt });
    const added = expectOk(await server.gql(ADD, { clientId: client, input: authInput(fx.payerId, { startDate: "2026-03-10", units: 2 }) }, owner.token)).addPriorAuthorization;

    expect(await allCodesOf(owner, client)).toEqual({
      "2026-03-09": ["READY", [], null],
      "2026-03-11": ["BLOCKED", ["FREQUENCY_LIMIT"], null],
      "2026-03-18": ["READY", [], "PA-100"],
    });
    // The blocked Wednesday uses none of the authorization's units: one used, one left, on the mutation's answer too.
    expect(added).toMatchObject({ unitsUsed: 1, unitsLeft: 1 });
    expect(await authorizationsOf(owner, client)).toEqual([expect.objectContaining({ number: "PA-100", unitsUsed: 1, unitsLeft: 1 })]);
    expect(await unitsOnWorkList(owner, client, "PA-100")).toBe(1);

    // Billed, the line keeps its unit, and both views still agree.
    expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "capped" } }, owner.token));
    expect((await allCodesOf(owner, client))["2026-03-18"]).toEqual(["BILLED", [], "PA-100"]);
    expect(await authorizationsOf(owner, client)).toEqual([expect.objectContaining({ unitsUsed: 1, unitsLeft: 1 })]);
    expect(await unitsOnWorkList(owner, client, "PA-100")).toBe(1);
  });

  it("stops counting a line once its filing window passes, even when the client page is read first", async () => {
    setPracticeClock(() => new Date("2026-03-25T16:00:00Z"));
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2, payerRules: { requirePriorAuthorization: true, timelyFilingDays: 30 } });
    const [client] = fx.clientIds;
    for (const startsAt of ["2026-03-05T15:00:00Z", "2026-03-20T15:00:00Z"]) await readySession(server, owner, fx, { startsAt });
    expectOk(await server.gql(ADD, { clientId: client, input: authInput(fx.payerId, { units: 2 }) }, owner.token));
    expect(await authorizationsOf(owner, client)).toEqual([expect.objectContaining({ unitsUsed: 2, unitsLeft: 0 })]);
    expect(await unitsOnWorkList(owner, client, "PA-100")).toBe(2);

    // The 5th's 30 days end on 2026-04-04; nothing else reads before the client page does.
    setPracticeClock(() => new Date("2026-04-10T16:00:00Z"));
    expect(await authorizationsOf(owner, client)).toEqual([expect.objectContaining({ unitsUsed: 1, unitsLeft: 1 })]);
    expect(await allCodesOf(owner, client)).toEqual({
      "2026-03-05": ["BLOCKED", ["TIMELY_FILING_EXPIRED"], null],
      "2026-03-20": ["READY", ["TIMELY_FILING_SOON"], "PA-100"],
    });
    expect(await unitsOnWorkList(owner, client, "PA-100")).toBe(1);
  });

  it("counts a change to the sessions at once, and another practice's read neither sees nor refreshes them", async () => {
    const a = await signUpPractice(server, "A");
    const fxA = await billingSetup(server, a, { members: 2, payerRules: { requirePriorAuthorization: true } });
    const [client] = fxA.clientIds;
    await readySession(server, a, fxA, { startsAt: "2026-03-10T15:00:00Z" });
    expectOk(await server.gql(ADD, { clientId: client, input: authInput(fxA.payerId, { units: 3 }) }, a.token));
    expect(await authorizationsOf(a, client)).toEqual([expect.objectContaining({ unitsUsed: 1, unitsLeft: 2 })]);
    // A new session leaves its date stale: practice B's reads must not recompute it.
    await readySession(server, a, fxA, { startsAt: "2026-03-12T15:00:00Z" });
    const staleOfA = async () =>
      (await server.dataSource.query(`SELECT count(*)::int AS n FROM claim_decision_stale WHERE practice_id = $1`, [a.practiceId]))[0].n as number;
    const staleBefore = await staleOfA();
    expect(staleBefore).toBeGreaterThan(0);

    const b = await signUpPractice(server, "B");
    expect(expectOk(await server.gql(CLIENT, { id: client }, b.token)).client).toBeNull();
    const fromB = await inScope(server.dataSource, { practiceId: b.practiceId, userId: b.userId }, (m) => authorizationsWithUsage(m, b.practiceId, [client]));
    expect(fromB.get(client)).toEqual([]);
    expect(await staleOfA()).toBe(staleBefore);

    expect(await authorizationsOf(a, client)).toEqual([expect.objectContaining({ unitsUsed: 2, unitsLeft: 1 })]);
    expect(await unitsOnWorkList(a, client, "PA-100")).toBe(2);
  });
});
