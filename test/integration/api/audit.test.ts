import { randomUUID } from "node:crypto";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

const EVENTS = `query ($entityType: String, $entityId: ID, $first: Int, $after: String) {
  auditEvents(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id at action entityType entityId changes actor { id email } } }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("audit events", () => {
  it("records each mutation with actor and before/after of changed fields, newest first", async () => {
    const owner = await signUpPractice(server);
    const payer = expectOk(
      await server.gql(`mutation { createPayer(input: { name: "P", kind: COMMERCIAL, payerCode: "P1" }) { id } }`, {}, owner.token),
    ).createPayer;
    await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { maxGroupSize: 9 }) { id } }`, { id: payer.id }, owner.token);
    await server.gql(`mutation ($id: ID!) { updatePayer(id: $id, input: { name: "Q" }) { id } }`, { id: payer.id }, owner.token);

    const events = expectOk(await server.gql(EVENTS, { entityType: "Payer", entityId: payer.id }, owner.token)).auditEvents;
    expect(events.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(["payer.update", "payer.setRules", "payer.create"]);
    const [update, setRules] = events.edges.map((e: { node: unknown }) => e.node);
    expect(update.changes).toEqual({ name: { before: "P", after: "Q" } });
    expect(update.actor).toEqual({ id: owner.userId, email: owner.email });
    expect(setRules.changes.maxGroupSize).toEqual({ before: 12, after: 9 });
    expect(setRules.changes.feeCents).toBeUndefined();
  });

  it("pages and is readable only by owners and admins", async () => {
    const owner = await signUpPractice(server);
    for (let i = 0; i < 3; i++) {
      await server.gql(`mutation ($n: String!) { createPayer(input: { name: $n, kind: OTHER, payerCode: "X1" }) { id } }`, { n: `P${i}` }, owner.token);
    }
    const page = expectOk(await server.gql(EVENTS, { first: 2 }, owner.token)).auditEvents;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = expectOk(await server.gql(EVENTS, { first: 50, after: page.pageInfo.endCursor }, owner.token)).auditEvents;
    const seen = [...page.edges, ...next.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(seen).size).toBe(page.totalCount);

    const admin = await memberWithRole(server, owner, "ADMIN");
    expect(expectOk(await server.gql(EVENTS, {}, admin.token)).auditEvents.totalCount).toBeGreaterThan(0);
    for (const role of ["BILLER", "CLINICIAN"]) {
      const member = await memberWithRole(server, owner, role);
      expect(errorCode(await server.gql(EVENTS, {}, member.token))).toBe("FORBIDDEN");
    }
  });

  it("writes nothing when the mutation fails", async () => {
    const owner = await signUpPractice(server);
    const before = expectOk(await server.gql(EVENTS, {}, owner.token)).auditEvents.totalCount;
    await server.gql(`mutation { createPayer(input: { name: "P", kind: COMMERCIAL, payerCode: "P1", rules: { minGroupSize: 1 } }) { id } }`, {}, owner.token);
    expect(expectOk(await server.gql(EVENTS, {}, owner.token)).auditEvents.totalCount).toBe(before);
  });

  it("shows one practice's events only", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const payer = expectOk(await server.gql(`mutation { createPayer(input: { name: "P", kind: OTHER, payerCode: "P1" }) { id } }`, {}, a.token)).createPayer;
    expect(expectOk(await server.gql(EVENTS, { entityId: payer.id }, a.token)).auditEvents.totalCount).toBe(1);
    expect(expectOk(await server.gql(EVENTS, { entityId: payer.id }, b.token)).auditEvents.totalCount).toBe(0);
    const bEvents = expectOk(await server.gql(EVENTS, { first: 100 }, b.token)).auditEvents.edges;
    expect(bEvents.every((e: { node: { entityId: string } }) => e.node.entityId !== payer.id)).toBe(true);
  });

  it("pages by the practice's own events: a cursor carries only its event's time and id, and ids are random", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    expectOk(await server.gql(`mutation { createPayer(input: { name: "B1", kind: OTHER, payerCode: "BB" }) { id } }`, {}, b.token));
    for (let i = 0; i < 3; i++) expectOk(await server.gql(`mutation ($n: String!) { createPayer(input: { name: $n, kind: OTHER, payerCode: "AA" }) { id } }`, { n: `A${i}` }, a.token));
    expectOk(await server.gql(`mutation { createPayer(input: { name: "B2", kind: OTHER, payerCode: "BB" }) { id } }`, {}, b.token));

    const page = expectOk(await server.gql(`{ auditEvents(first: 3) { edges { cursor node { id at } } } }`, {}, b.token)).auditEvents.edges;
    expect(page).toHaveLength(3);
    for (const { cursor, node } of page) {
      expect(node.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // Nothing global such as a sequence number: just this event's own instant (to the microsecond) and id.
      const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      expect(id).toBe(node.id);
      expect(Math.abs(Date.parse(at) - Date.parse(node.at))).toBeLessThan(1);
    }
    const rest = expectOk(await server.gql(EVENTS, { first: 10, after: page[2].cursor }, b.token)).auditEvents;
    expect(rest.edges).toEqual([]);
    expect(rest.totalCount).toBe(3);
  });

  it("refuses a cursor it did not make", async () => {
    const owner = await signUpPractice(server);
    for (const after of [Buffer.from(JSON.stringify(["12345"])).toString("base64url"), Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url")]) {
      const res = await server.gql(EVENTS, { after }, owner.token);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0].extensions!.fields).toEqual([{ field: "after", message: "Use an endCursor returned by this list" }]);
    }
  });
});

describe("audit event filters", () => {
  const FILTERED = `query ($actorUserId: ID, $action: String, $from: Date, $to: Date) {
    auditEvents(actorUserId: $actorUserId, action: $action, from: $from, to: $to, first: 100) { totalCount edges { node { action actor { id } } } }
  }`;

  it("filters by user, action and the practice's calendar days, and together", async () => {
    const owner = await signUpPractice(server);
    const admin = await memberWithRole(server, owner, "ADMIN");
    const adminId = expectOk(await server.gql(`{ me { user { id } } }`, {}, admin.token)).me.user.id as string;
    const base = expectOk(await server.gql(FILTERED, {}, owner.token)).auditEvents.totalCount;
    expectOk(await server.gql(`mutation { createPayer(input: { name: "O", kind: OTHER, payerCode: "O1" }) { id } }`, {}, owner.token));
    expectOk(await server.gql(`mutation { createPayer(input: { name: "A", kind: OTHER, payerCode: "A1" }) { id } }`, {}, admin.token));
    const byAdmin = expectOk(await server.gql(FILTERED, { actorUserId: adminId }, owner.token)).auditEvents;
    expect(byAdmin.edges.every((e: { node: { actor: { id: string } } }) => e.node.actor.id === adminId)).toBe(true);
    expect(byAdmin.edges.map((e: { node: { action: string } }) => e.node.action)).toContain("payer.create");

    const creates = expectOk(await server.gql(FILTERED, { action: "payer.create" }, owner.token)).auditEvents;
    expect(creates.totalCount).toBe(2);
    expect(expectOk(await server.gql(FILTERED, { action: "payer.create", actorUserId: owner.userId }, owner.token)).auditEvents.totalCount).toBe(1);

    const { timezone } = expectOk(await server.gql(`{ me { practice { timezone } } }`, {}, owner.token)).me.practice;
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    // Everything in this practice was written just now, so today holds all of it.
    expect(expectOk(await server.gql(FILTERED, { from: today, to: today }, owner.token)).auditEvents.totalCount).toBe(base + 2);
    expect(expectOk(await server.gql(FILTERED, { to: "2000-01-01" }, owner.token)).auditEvents.totalCount).toBe(0);
    expect(expectOk(await server.gql(FILTERED, { from: "2999-01-01" }, owner.token)).auditEvents.totalCount).toBe(0);
  });

  it("rejects a range that ends before it starts, and an unknown user finds nothing", async () => {
    const owner = await signUpPractice(server);
    const backwards = await server.gql(FILTERED, { from: "2026-02-01", to: "2026-01-01" }, owner.token);
    expect(errorCode(backwards)).toBe("BAD_USER_INPUT");
    expect(expectOk(await server.gql(FILTERED, { actorUserId: "not-a-uuid" }, owner.token)).auditEvents.totalCount).toBe(0);
  });

  it("another practice's user filter finds none of that practice's events", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    expectOk(await server.gql(`mutation { createPayer(input: { name: "P", kind: OTHER, payerCode: "P1" }) { id } }`, {}, a.token));
    expect(expectOk(await server.gql(FILTERED, { actorUserId: a.userId }, a.token)).auditEvents.totalCount).toBeGreaterThan(0);
    expect(expectOk(await server.gql(FILTERED, { actorUserId: a.userId }, b.token)).auditEvents.totalCount).toBe(0);
  });
});

describe("names for the ids an event mentions", () => {
  const NAMED = `query ($action: String, $first: Int) {
    auditEvents(action: $action, first: $first) { edges { node { action entityId entityName names { id name } changes } } }
  }`;
  type Named = { action: string; entityId: string | null; entityName: string | null; names: { id: string; name: string }[]; changes: Record<string, unknown> };
  const eventsOf = async (who: PracticeFixture, action: string): Promise<Named[]> =>
    expectOk(await server.gql(NAMED, { action, first: 100 }, who.token)).auditEvents.edges.map((e: { node: Named }) => e.node);
  const nameMap = (e: Named) => Object.fromEntries(e.names.map((n) => [n.id, n.name]));

  async function billedPractice(): Promise<{ owner: PracticeFixture; fx: BillingFixture; sessionId: string; batchId: string; cover: string }> {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const sessionId = await readySession(server, owner, fx);
    const cover = expectOk(
      await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Sam Park", npi: uniqueNpi(), credential: "LICSW", licensed: true } }, owner.token),
    ).createClinician.id;
    expectOk(await server.gql(`mutation ($id: ID!, $leader: ID!) { updateSession(id: $id, input: { leaderId: $leader }) { id } }`, { id: sessionId, leader: cover }, owner.token));
    const batchId = expectOk(
      await server.gql(`mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id } }`, { input: { from: "2026-03-01", to: "2026-03-31", payerId: fx.payerId, idempotencyKey: "names" } }, owner.token),
    ).createClaimBatch.id;
    return { owner, fx, sessionId, batchId, cover };
  }

  it("names clients, groups, payers, clinicians, batches, sessions, notes and members, in the event and its changes", async () => {
    const { owner, fx, sessionId, batchId, cover } = await billedPractice();
    const clientNames = ["Member0 TestA", "Member1 TestB", "Member2 TestC"];

    const [group] = await eventsOf(owner, "group.create");
    expect(group.entityName).toBe("DBT Skills");
    expect(nameMap(group)).toEqual({ [fx.groupId]: "DBT Skills", [fx.clinicianId]: "Robin Lee", ...Object.fromEntries(fx.clientIds.map((id, i) => [id, clientNames[i]])) });

    const [scheduled] = await eventsOf(owner, "session.schedule");
    expect(scheduled.entityName).toBe("DBT Skills, Mar 10, 2026");
    expect(nameMap(scheduled)).toEqual({ [sessionId]: "DBT Skills, Mar 10, 2026", [fx.groupId]: "DBT Skills", [fx.clinicianId]: "Robin Lee" });

    const [attendance] = await eventsOf(owner, "session.recordAttendance");
    for (const [i, id] of fx.clientIds.entries()) expect(nameMap(attendance)[id]).toBe(clientNames[i]);

    const leaderChange = (await eventsOf(owner, "session.update")).find((e) => "leaderId" in e.changes)!;
    expect(nameMap(leaderChange)).toMatchObject({ [fx.clinicianId]: "Robin Lee", [cover]: "Sam Park" });

    const [batch] = await eventsOf(owner, "claimBatch.create");
    expect([batch.entityId, batch.entityName]).toEqual([batchId, "Batch #1"]);
    expect(nameMap(batch)[fx.payerId]).toBe("State Medicaid");

    const signed = await eventsOf(owner, "note.sign");
    expect(signed.map((e) => e.entityName).sort()).toEqual(clientNames.map((n) => `${n} (DBT Skills, Mar 10, 2026)`));
    expect(nameMap(signed[0])[owner.userId]).toBeDefined();

    const [client] = await eventsOf(owner, "client.create");
    expect(client.entityName).toMatch(/^Member\d Test[ABC]$/);
    expect(nameMap(client)[fx.payerId]).toBe("State Medicaid");
  });

  it("names nothing of another practice: its ids read exactly like ids that do not exist", async () => {
    const { owner: a, fx, sessionId, batchId } = await billedPractice();
    const b = await signUpPractice(server);
    await billingSetup(server, b);
    // An event in B that mentions A's things, as a switch between practices does: B's log must not learn their names.
    const foreign = [fx.clientIds[0], fx.clinicianId, fx.payerId, fx.groupId, sessionId, batchId, a.userId, a.practiceId];
    const missing = foreign.map(() => randomUUID());
    for (const [action, ids] of [["test.foreign", foreign], ["test.missing", missing]] as const) {
      await server.dataSource.query(`INSERT INTO audit_events (practice_id, id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, 'Client', $4, $5)`, [
        b.practiceId,
        randomUUID(),
        action,
        ids[0],
        JSON.stringify({ ids: { before: null, after: ids.slice(1) }, [ids[1]]: { before: ids[2], after: ids[3] } }),
      ]);
    }
    const [seenForeign] = await eventsOf(b, "test.foreign");
    const [seenMissing] = await eventsOf(b, "test.missing");
    expect([seenForeign.entityName, seenForeign.names]).toEqual([null, []]);
    expect([seenMissing.entityName, seenMissing.names]).toEqual([null, []]);
    // A still sees its own names, unchanged.
    const [batch] = await eventsOf(a, "claimBatch.create");
    expect(batch.entityName).toBe("Batch #1");
  });
});
