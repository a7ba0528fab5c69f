import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";

const DECISION = `id status cptCode suggestedCptCodes modifiers placeOfService units diagnosisCodes chargeCents batchId
  issues { code severity message element } client { id } payer { id } session { id }`;
const SESSION_DECISIONS = `query ($id: ID!) { session(id: $id) { claimDecisions { ${DECISION} } } }`;
const LIST = `query ($from: Date!, $to: Date!, $payerId: ID, $status: ClaimStatus, $first: Int, $after: String) {
  claimDecisions(from: $from, to: $to, payerId: $payerId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${DECISION} } }
  }
}`;
const PREVIEW = `query ($payerId: ID!, $rules: PayerRulesInput!, $from: Date, $to: Date) {
  previewPayerRules(payerId: $payerId, rules: $rules, from: $from, to: $to) {
    decisionsEvaluated newlyBlocked newlyReady unchanged changes { before after issueCodes session { id } client { id } }
  }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function decisionsOf(owner: PracticeFixture, sessionId: string) {
  return expectOk(await server.gql(SESSION_DECISIONS, { id: sessionId }, owner.token)).session.claimDecisions as {
    id: string;
    status: string;
    modifiers: string[];
    issues: { code: string; severity: string; message: string; element: string | null }[];
    client: { id: string };
    [k: string]: unknown;
  }[];
}

describe("claim decisions of a session", () => {
  it("are READY with Medicaid's HQ, the fee and the member's diagnoses when everything is in order", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const sessionId = await readySession(server, owner, fx);
    const decisions = await decisionsOf(owner, sessionId);
    expect(decisions).toHaveLength(3);
    for (const d of decisions) {
      expect(d).toMatchObject({ status: "READY", cptCode: "90853", modifiers: ["HQ"], placeOfService: "11", units: 1, diagnosisCodes: ["F33.1"], chargeCents: 4800, issues: [], batchId: null, payer: { id: fx.payerId } });
    }
    expect((await decisionsOf(owner, sessionId)).map((d) => d.id)).toEqual(decisions.map((d) => d.id));
  });

  it("puts 95 and telehealth POS on video lines, and blocks audio the payer does not cover", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const video = await decisionsOf(owner, await readySession(server, owner, fx, { modality: "TELEHEALTH_VIDEO", startsAt: "2026-03-11T15:00:00Z" }));
    expect(video[0]).toMatchObject({ status: "READY", modifiers: ["HQ", "95"], placeOfService: "02" });
    const audio = await decisionsOf(owner, await readySession(server, owner, fx, { modality: "TELEHEALTH_AUDIO", startsAt: "2026-03-12T15:00:00Z" }));
    expect(audio[0].status).toBe("BLOCKED");
    expect(audio[0].issues.map((i) => i.code)).toEqual(["TELEHEALTH_NOT_COVERED"]);
  });

  it("follow current data: an unsigned note, a missing note, and a too-small group block with reasons", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2, payerRules: { minGroupSize: 3 } });
    const sessionId = await readySession(server, owner, fx);
    const decisions = await decisionsOf(owner, sessionId);
    expect(decisions.every((d) => d.status === "BLOCKED" && d.issues.some((i) => i.code === "GROUP_TOO_SMALL"))).toBe(true);
    expect(decisions[0].issues.find((i) => i.code === "GROUP_TOO_SMALL")!.message).toMatch(/2/);

    const other = await signUpPractice(server);
    const fx2 = await billingSetup(server, other, { members: 3 });
    const session2 = expectOk(
      await server.gql(`mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, { input: { groupId: fx2.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 30, modality: "IN_PERSON" } }, other.token),
    ).scheduleSession.id;
    await server.gql(`mutation ($id: ID!, $e: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $e) { id } }`, { id: session2, e: fx2.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) }, other.token);
    await server.gql(`mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, { input: { sessionId: session2, clientId: fx2.clientIds[0], participation: "Shared" } }, other.token);
    const lines = await decisionsOf(other, session2);
    const byClient = new Map(lines.map((d) => [d.client.id, d.issues.map((i) => `${i.code}${i.element ? `:${i.element}` : ""}`)]));
    expect(byClient.get(fx2.clientIds[0])).toEqual(["SESSION_TOO_SHORT", "MISSING_GROUP_DOCUMENTATION", "NOTE_INCOMPLETE:RESPONSE", "NOTE_UNSIGNED"]);
    expect(byClient.get(fx2.clientIds[1])).toEqual(["SESSION_TOO_SHORT", "MISSING_GROUP_DOCUMENTATION", "MISSING_MEMBER_NOTE"]);
  });

  it("flag the second session of a day beyond the daily unit limit", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const morning = await readySession(server, owner, fx, { startsAt: "2026-03-10T14:00:00Z" });
    const evening = await readySession(server, owner, fx, { startsAt: "2026-03-10T22:00:00Z" });
    expect((await decisionsOf(owner, morning)).map((d) => d.status)).toEqual(["READY", "READY"]);
    const late = await decisionsOf(owner, evening);
    expect(late.map((d) => d.issues.map((i) => i.code))).toEqual([["DAILY_UNIT_LIMIT"], ["DAILY_UNIT_LIMIT"]]);
  });

  it("use the rule version in force on the session's date", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { effectiveFrom: "2026-04-01", minGroupSize: 4 }) { id } }`, { id: fx.payerId }, owner.token);
    const march = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2026-03-31T15:00:00Z" }));
    const april = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2026-04-01T15:00:00Z" }));
    expect(march.map((d) => d.status)).toEqual(["READY", "READY", "READY"]);
    expect(april.map((d) => d.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
  });
});

describe("claimDecisions query", () => {
  it("filters by range, payer and status, pages with totalCount", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
    await readySession(server, owner, fx, { startsAt: "2026-03-17T15:00:00Z", modality: "TELEHEALTH_AUDIO" });
    await readySession(server, owner, fx, { startsAt: "2026-04-20T15:00:00Z" });

    const march = expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31" }, owner.token)).claimDecisions;
    expect(march.totalCount).toBe(6);
    const blocked = expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31", status: "BLOCKED" }, owner.token)).claimDecisions;
    expect(blocked.totalCount).toBe(3);
    const ready = expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-04-30", status: "READY", payerId: fx.payerId, first: 4 }, owner.token)).claimDecisions;
    expect(ready.totalCount).toBe(6);
    expect(ready.edges).toHaveLength(4);
    const rest = expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-04-30", status: "READY", payerId: fx.payerId, after: ready.pageInfo.endCursor }, owner.token)).claimDecisions;
    expect(rest.edges).toHaveLength(2);
    expect(new Set([...ready.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id)).size).toBe(6);
  });

  it("refuses a backwards or over-long range, and is for billers and admins, not clinicians", async () => {
    const owner = await signUpPractice(server);
    expect(errorCode(await server.gql(LIST, { from: "2026-03-10", to: "2026-03-01" }, owner.token))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(LIST, { from: "2024-01-01", to: "2026-01-01" }, owner.token))).toBe("BAD_USER_INPUT");
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31" }, biller.token)).claimDecisions.totalCount).toBe(0);
    expect(errorCode(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31" }, clinician.token))).toBe("FORBIDDEN");
  });
});

describe("previewPayerRules", () => {
  it("counts lines a change would block or unblock and lists them, saving nothing", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    const sessionId = await readySession(server, owner, fx);
    const impact = expectOk(await server.gql(PREVIEW, { payerId: fx.payerId, rules: { maxGroupSize: 2, effectiveFrom: "2026-03-01" } }, owner.token)).previewPayerRules;
    expect(impact).toMatchObject({ decisionsEvaluated: 3, newlyBlocked: 3, newlyReady: 0, unchanged: 0 });
    expect(impact.changes[0]).toMatchObject({ before: "READY", after: "BLOCKED", issueCodes: ["GROUP_TOO_LARGE"], session: { id: sessionId } });

    const payer = expectOk(await server.gql(`query ($id: ID!) { payer(id: $id) { ruleHistory { id } } }`, { id: fx.payerId }, owner.token)).payer;
    expect(payer.ruleHistory).toHaveLength(1);
    expect((await decisionsOf(owner, sessionId)).map((d) => d.status)).toEqual(["READY", "READY", "READY"]);

    const later = expectOk(await server.gql(PREVIEW, { payerId: fx.payerId, rules: { maxGroupSize: 2, effectiveFrom: "2026-04-01" }, from: "2026-03-01", to: "2026-03-31" }, owner.token)).previewPayerRules;
    expect(later).toMatchObject({ decisionsEvaluated: 3, newlyBlocked: 0, unchanged: 3 });
  });

  it("shows lines a loosened rule would unblock", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2, payerRules: { minGroupSize: 3 } });
    await readySession(server, owner, fx);
    const impact = expectOk(await server.gql(PREVIEW, { payerId: fx.payerId, rules: { minGroupSize: 2, effectiveFrom: "2026-01-01" } }, owner.token)).previewPayerRules;
    expect(impact).toMatchObject({ decisionsEvaluated: 2, newlyBlocked: 0, newlyReady: 2 });
    const bad = await server.gql(PREVIEW, { payerId: fx.payerId, rules: { minGroupSize: 1 } }, owner.token);
    expect(bad.errors![0].extensions!.fields![0].field).toBe("rules.minGroupSize");
  });
});

describe("another practice", () => {
  it("cannot see A's decisions or preview A's payer, exactly as if they did not exist", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const fx: BillingFixture = await billingSetup(server, a, { members: 2 });
    const sessionId = await readySession(server, a, fx);
    expect(expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31" }, a.token)).claimDecisions.totalCount).toBe(2);
    expect(expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31" }, b.token)).claimDecisions.totalCount).toBe(0);
    expect(expectOk(await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31", payerId: fx.payerId }, b.token)).claimDecisions.totalCount).toBe(0);
    expect(expectOk(await server.gql(SESSION_DECISIONS, { id: sessionId }, b.token)).session).toBeNull();
    const previewA = await server.gql(PREVIEW, { payerId: fx.payerId, rules: { maxGroupSize: 2 } }, b.token);
    const previewMissing = await server.gql(PREVIEW, { payerId: "3b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f64", rules: { maxGroupSize: 2 } }, b.token);
    expect(errorCode(previewA)).toBe("NOT_FOUND");
    expect(previewA.errors).toEqual(previewMissing.errors);
  });
});
