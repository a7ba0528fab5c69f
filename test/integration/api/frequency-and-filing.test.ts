/**
 * Issue 11 items 4 and 5 through the API: the payer rules maxUnitsPerWeek / maxUnitsPerMonth (FREQUENCY_LIMIT)
 * and timelyFilingDays (TIMELY_FILING_SOON / TIMELY_FILING_EXPIRED): validation with field errors, versions and
 * the impact preview, what they do to stored decisions as other dates change and as days pass (the practice's
 * clock is set by the test, never waited for), and that billed lines never get a filing issue.
 */
import { errorCode, expectOk, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { setPracticeClock } from "../../../server/src/services/practice-clock";
import { DecisionRefresher } from "../../../server/src/services/decision-refresh";

const DECISIONS = `query ($id: ID!) { session(id: $id) { claimDecisions { status client { id } issues { code severity message } } } }`;
const SET_RULES = `mutation ($id: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $id, rules: $rules) { id } }`;
const RULES = `query ($id: ID!) { payer(id: $id) { rules { maxUnitsPerWeek maxUnitsPerMonth timelyFilingDays } ruleHistory { effectiveFrom maxUnitsPerWeek maxUnitsPerMonth timelyFilingDays } } }`;
const PREVIEW = `query ($id: ID!, $rules: PayerRulesInput!) { previewPayerRules(payerId: $id, rules: $rules, from: "2026-03-01", to: "2026-03-31") { newlyBlocked newlyReady otherwiseChanged changes { session { id } after issueCodes } } }`;
const RECORD = `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`;
const BATCH = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount } }`;
const WORK_LIST = `query ($code: ClaimIssueCode) { claimDecisions(from: "2026-03-01", to: "2026-03-31", issueCode: $code) { totalCount } }`;
const FLAGGED = `query ($code: ClaimIssueCode) { claimDecisions(from: "2026-03-01", to: "2026-03-31", flaggedBy: $code) { totalCount } claimSummary(from: "2026-03-01", to: "2026-03-31", flaggedBy: $code) { lineCount } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  setPracticeClock(null);
  await server.stop();
});
afterEach(() => setPracticeClock(null));

/** Noon in New York on the date (the fixture practice's zone), or the exact instant given. */
function setToday(dateOrInstant: string): void {
  const at = new Date(dateOrInstant.length === 10 ? `${dateOrInstant}T16:00:00Z` : dateOrInstant);
  setPracticeClock(() => at);
}

interface Setup {
  owner: PracticeFixture;
  fx: BillingFixture;
}

async function setup(payerRules: Record<string, unknown> = {}): Promise<Setup> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3, payerRules });
  return { owner, fx };
}

type Line = { status: string; client: { id: string }; issues: { code: string; severity: string; message: string }[] };

async function linesOf(s: Setup, sessionId: string): Promise<Line[]> {
  return expectOk(await server.gql(DECISIONS, { id: sessionId }, s.owner.token)).session.claimDecisions;
}

const codes = (line: Line) => line.issues.map((i) => i.code);

function fieldsOf(res: GraphQLResponse): string[] {
  return (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
}

describe("FREQUENCY_LIMIT", () => {
  it("is previewed, saved as a version, and blocks the member's lines past the weekly cap in date order", async () => {
    setToday("2026-03-20");
    const s = await setup();
    const tuesday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    const thursday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-12T14:00:00Z" });
    // The next Sunday starts another week.
    const sunday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-15T14:00:00Z" });
    const rules = { effectiveFrom: "2026-03-01", maxUnitsPerWeek: 1 };
    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules }, s.owner.token)).previewPayerRules;
    expect(preview.newlyBlocked).toBe(3);
    expect(preview.changes.map((c: { session: { id: string }; issueCodes: string[] }) => [c.session.id, c.issueCodes])).toEqual(s.fx.clientIds.map(() => [thursday, ["FREQUENCY_LIMIT"]]));
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules }, s.owner.token));
    const history = expectOk(await server.gql(RULES, { id: s.fx.payerId }, s.owner.token)).payer;
    expect(history.rules).toEqual({ maxUnitsPerWeek: 1, maxUnitsPerMonth: null, timelyFilingDays: null });
    expect(history.ruleHistory.map((v: { maxUnitsPerWeek: number | null }) => v.maxUnitsPerWeek)).toEqual([null, 1]);

    expect((await linesOf(s, tuesday)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
    expect((await linesOf(s, sunday)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
    const over = await linesOf(s, thursday);
    expect(over.map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BLOCKED", ["FREQUENCY_LIMIT"]]));
    expect(over[0].issues[0].severity).toBe("ERROR");
    expect(over[0].issues[0].message).toContain("the week of 2026-03-08 to 2026-03-14 (Sunday to Saturday) already has 1 unit (1 by earlier billable sessions)");
    expect(expectOk(await server.gql(WORK_LIST, { code: "FREQUENCY_LIMIT" }, s.owner.token)).claimDecisions.totalCount).toBe(3);

    // A change on Tuesday reaches Thursday's stored decision: the member absent on Tuesday has Thursday's unit.
    const [absent] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: tuesday, entries: [{ clientId: absent, status: "ABSENT" }] }, s.owner.token));
    const after = await linesOf(s, thursday);
    expect(after.find((l) => l.client.id === absent)!.status).toBe("READY");
    expect(after.filter((l) => l.client.id !== absent).map((l) => codes(l))).toEqual([["FREQUENCY_LIMIT"], ["FREQUENCY_LIMIT"]]);
  });

  it("gives the unit to a line billed later in the week first, and marks the earlier date when it is billed", async () => {
    setToday("2026-03-20");
    const s = await setup({ maxUnitsPerWeek: 1 });
    const tuesday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    const thursday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-12T14:00:00Z" });
    expect((await linesOf(s, tuesday)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
    expect((await linesOf(s, thursday)).map((l) => l.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
    // Tuesday's members absent: Thursday becomes billable and is billed; Tuesday then attended after all.
    expectOk(await server.gql(RECORD, { id: tuesday, entries: s.fx.clientIds.map((clientId) => ({ clientId, status: "ABSENT" })) }, s.owner.token));
    const batch = expectOk(await server.gql(BATCH, { input: { from: "2026-03-12", to: "2026-03-12", idempotencyKey: "thu" } }, s.owner.token)).createClaimBatch;
    expect(batch.lineCount).toBe(3);
    expectOk(await server.gql(RECORD, { id: tuesday, entries: s.fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) }, s.owner.token));
    const earlier = await linesOf(s, tuesday);
    expect(earlier.map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BLOCKED", ["FREQUENCY_LIMIT"]]));
    expect(earlier[0].issues[0].message).toContain("1 already billed");
    expect((await linesOf(s, thursday)).map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BILLED", []]));
  });

  it("caps units per calendar month: the 1st starts the next month", async () => {
    setToday("2026-04-05");
    const s = await setup({ maxUnitsPerMonth: 1 });
    const first = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    const second = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-31T14:00:00Z" });
    const april = await readySession(server, s.owner, s.fx, { startsAt: "2026-04-01T14:00:00Z" });
    expect((await linesOf(s, first)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
    const over = await linesOf(s, second);
    expect(over.map((l) => codes(l))).toEqual(s.fx.clientIds.map(() => ["FREQUENCY_LIMIT"]));
    expect(over[0].issues[0].message).toContain("the month of 2026-03 (2026-03-01 to 2026-03-31) already has 1 unit");
    expect((await linesOf(s, april)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
    // Removing the cap from a later version frees the end of the month only from that date on.
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-31", maxUnitsPerMonth: null } }, s.owner.token));
    expect((await linesOf(s, second)).map((l) => l.status)).toEqual(["READY", "READY", "READY"]);
  });
});

describe("timely filing", () => {
  // Session on 2026-03-10 (New York); a 30-day window makes 2026-04-09 the last day to file, warned from 2026-03-26.
  it("warns from 14 days before the deadline, blocks after it, and stored decisions follow the clock with no data change", async () => {
    setToday("2026-03-20");
    const s = await setup();
    const sessionId = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    setToday("2026-03-25");
    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", timelyFilingDays: 30 } }, s.owner.token)).previewPayerRules;
    expect(preview).toMatchObject({ newlyBlocked: 0, otherwiseChanged: 0 });
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", timelyFilingDays: 30 } }, s.owner.token));
    expect((await linesOf(s, sessionId)).map(codes)).toEqual([[], [], []]);
    const [recheck] = await server.dataSource.query(`SELECT DISTINCT to_char(recheck_on, 'YYYY-MM-DD') AS d FROM claim_decisions WHERE session_id = $1`, [sessionId]);
    expect(recheck.d).toBe("2026-03-26");

    setToday("2026-03-26");
    const soon = await linesOf(s, sessionId);
    expect(soon.map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["READY", ["TIMELY_FILING_SOON"]]));
    expect(soon[0].issues[0].severity).toBe("WARNING");
    // A warning blocks nothing, so only flaggedBy (any severity) finds these lines on the work list.
    expect(expectOk(await server.gql(WORK_LIST, { code: "TIMELY_FILING_SOON" }, s.owner.token)).claimDecisions.totalCount).toBe(0);
    expect(expectOk(await server.gql(FLAGGED, { code: "TIMELY_FILING_SOON" }, s.owner.token))).toEqual({ claimDecisions: { totalCount: 3 }, claimSummary: { lineCount: 3 } });
    const other = await signUpPractice(server);
    expect(expectOk(await server.gql(FLAGGED, { code: "TIMELY_FILING_SOON" }, other.token))).toEqual({ claimDecisions: { totalCount: 0 }, claimSummary: { lineCount: 0 } });
    expect(soon[0].issues[0].message).toContain("the last day to file this 2026-03-10 line is 2026-04-09 (that day included");

    // 23:30 on the deadline in New York is 03:30 the next day in UTC: still the deadline, the practice's day counts.
    setToday("2026-04-10T03:30:00Z");
    expect((await linesOf(s, sessionId)).map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["READY", ["TIMELY_FILING_SOON"]]));
    expect((await linesOf(s, sessionId))[0].issues[0].message).toContain("is 2026-04-09 (that day included");

    setToday("2026-04-10");
    const expired = await linesOf(s, sessionId);
    expect(expired.map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BLOCKED", ["TIMELY_FILING_EXPIRED"]]));
    expect(expired[0].issues[0].message).toContain("the last day to file this 2026-03-10 line was 2026-04-09, and it was not billed by then");
    expect(expectOk(await server.gql(WORK_LIST, { code: "TIMELY_FILING_EXPIRED" }, s.owner.token)).claimDecisions.totalCount).toBe(3);
    // Nothing expired is billed.
    const res = await server.gql(BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "late" } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
  });

  it("moves the work list and the summary with the clock when nothing else reads the session first", async () => {
    setToday("2026-03-20");
    const s = await setup({ timelyFilingDays: 30 });
    await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    expect(expectOk(await server.gql(FLAGGED, { code: "TIMELY_FILING_SOON" }, s.owner.token))).toEqual({ claimDecisions: { totalCount: 0 }, claimSummary: { lineCount: 0 } });
    // Only the work list and the summary read from here: they, not a session's own lines, must notice the day.
    setToday("2026-03-26");
    expect(expectOk(await server.gql(FLAGGED, { code: "TIMELY_FILING_SOON" }, s.owner.token))).toEqual({ claimDecisions: { totalCount: 3 }, claimSummary: { lineCount: 3 } });
    setToday("2026-04-10");
    expect(expectOk(await server.gql(WORK_LIST, { code: "TIMELY_FILING_EXPIRED" }, s.owner.token)).claimDecisions.totalCount).toBe(3);
  });

  it("never flags billed lines, before or after the deadline", async () => {
    setToday("2026-03-27");
    const s = await setup({ timelyFilingDays: 30 });
    const sessionId = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    expect((await linesOf(s, sessionId)).map(codes)).toEqual(s.fx.clientIds.map(() => ["TIMELY_FILING_SOON"]));
    expect(expectOk(await server.gql(BATCH, { input: { from: "2026-03-10", to: "2026-03-10", idempotencyKey: "in-time" } }, s.owner.token)).createClaimBatch.lineCount).toBe(3);
    expect((await linesOf(s, sessionId)).map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BILLED", []]));
    setToday("2026-06-01");
    expect((await linesOf(s, sessionId)).map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["BILLED", []]));
  });

  it("is recomputed by the background refresh when the day comes, with nobody reading", async () => {
    setToday("2026-03-20");
    const s = await setup({ timelyFilingDays: 30 });
    const sessionId = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-10T14:00:00Z" });
    expect((await linesOf(s, sessionId)).map(codes)).toEqual([[], [], []]);
    setToday("2026-04-10");
    const refresher = new DecisionRefresher(server.dataSource, 60_000, () => undefined);
    expect(await refresher.drain()).toBeGreaterThanOrEqual(1);
    const stored: { status: string; codes: string[]; recheck: string | null }[] = await server.dataSource.query(
      `SELECT status, issue_codes AS codes, recheck_on AS recheck FROM claim_decisions WHERE session_id = $1`,
      [sessionId],
    );
    expect(stored).toEqual(s.fx.clientIds.map(() => ({ status: "BLOCKED", codes: ["TIMELY_FILING_EXPIRED"], recheck: null })));
    const [{ stale }] = await server.dataSource.query(`SELECT count(*)::int AS stale FROM claim_decision_stale WHERE practice_id = $1`, [s.owner.practiceId]);
    expect(stale).toBe(0);
  });

  it("a practice's read marks only its own decisions due, never another practice's", async () => {
    setToday("2026-03-20");
    const a = await setup({ timelyFilingDays: 30 });
    const b = await setup({ timelyFilingDays: 30 });
    const sessionA = await readySession(server, a.owner, a.fx, { startsAt: "2026-03-10T14:00:00Z" });
    const sessionB = await readySession(server, b.owner, b.fx, { startsAt: "2026-03-10T14:00:00Z" });
    await linesOf(a, sessionA);
    await linesOf(b, sessionB);
    const storedB = () =>
      server.dataSource.query(`SELECT status, issue_codes AS codes, to_char(recheck_on, 'YYYY-MM-DD') AS recheck FROM claim_decisions WHERE practice_id = $1 ORDER BY id`, [b.owner.practiceId]);
    const before = await storedB();
    expect(before.map((r: { recheck: string }) => r.recheck)).toEqual(["2026-03-26", "2026-03-26", "2026-03-26"]);
    setToday("2026-04-10");
    expect((await linesOf(a, sessionA)).map(codes)).toEqual(a.fx.clientIds.map(() => ["TIMELY_FILING_EXPIRED"]));
    expect(await storedB()).toEqual(before);
    const [{ stale }] = await server.dataSource.query(`SELECT count(*)::int AS stale FROM claim_decision_stale WHERE practice_id = $1`, [b.owner.practiceId]);
    expect(stale).toBe(0);
    // B's own read then finds its decisions due.
    expect((await linesOf(b, sessionB)).map(codes)).toEqual(b.fx.clientIds.map(() => ["TIMELY_FILING_EXPIRED"]));
  });

  it("an expired line frees the member's week for a later line", async () => {
    setToday("2026-03-20");
    const s = await setup({ maxUnitsPerWeek: 1 });
    const monday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-09T14:00:00Z" });
    const wednesday = await readySession(server, s.owner, s.fx, { startsAt: "2026-03-11T14:00:00Z" });
    // Monday's window is 30 days (ends 2026-04-08); from Wednesday on the payer allows a year.
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", timelyFilingDays: 30 } }, s.owner.token));
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-10", timelyFilingDays: 365 } }, s.owner.token));
    expect((await linesOf(s, wednesday)).map(codes)).toEqual(s.fx.clientIds.map(() => ["FREQUENCY_LIMIT"]));
    setToday("2026-04-09");
    expect((await linesOf(s, monday)).map(codes)).toEqual(s.fx.clientIds.map(() => ["TIMELY_FILING_EXPIRED"]));
    expect((await linesOf(s, wednesday)).map((l) => [l.status, codes(l)])).toEqual(s.fx.clientIds.map(() => ["READY", []]));
  });
});

describe("validation", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["a weekly cap of 0", { maxUnitsPerWeek: 0 }, "rules.maxUnitsPerWeek"],
    ["a weekly cap of 169", { maxUnitsPerWeek: 169 }, "rules.maxUnitsPerWeek"],
    ["a monthly cap of 0", { maxUnitsPerMonth: 0 }, "rules.maxUnitsPerMonth"],
    ["a monthly cap of 745", { maxUnitsPerMonth: 745 }, "rules.maxUnitsPerMonth"],
    ["a filing window of 0 days", { timelyFilingDays: 0 }, "rules.timelyFilingDays"],
    ["a filing window of 3651 days", { timelyFilingDays: 3651 }, "rules.timelyFilingDays"],
  ])("refuses %s, naming the field, and saves no version", async (_name, rules, field) => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(res.errors![0].extensions!.fields![0].message).toMatch(/whole number/);
    expect(expectOk(await server.gql(RULES, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
    const preview = await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token);
    expect(fieldsOf(preview)).toEqual([field]);
  });

  it("accepts the boundaries and clears them with null", async () => {
    const s = await setup();
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", maxUnitsPerWeek: 168, maxUnitsPerMonth: 744, timelyFilingDays: 3650 } }, s.owner.token));
    expect(expectOk(await server.gql(RULES, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual({ maxUnitsPerWeek: 168, maxUnitsPerMonth: 744, timelyFilingDays: 3650 });
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-02", maxUnitsPerWeek: 1, maxUnitsPerMonth: 1, timelyFilingDays: 1 } }, s.owner.token));
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-03", maxUnitsPerWeek: null, maxUnitsPerMonth: null, timelyFilingDays: null } }, s.owner.token));
    expect(expectOk(await server.gql(RULES, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual({ maxUnitsPerWeek: null, maxUnitsPerMonth: null, timelyFilingDays: null });
  });

  it("another practice cannot set or preview these rules on a payer it does not own", async () => {
    const s = await setup();
    const other = await signUpPractice(server);
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", maxUnitsPerWeek: 1, timelyFilingDays: 30 } }, other.token);
    const missing = await server.gql(SET_RULES, { id: "00000000-0000-4000-8000-000000000000", rules: { effectiveFrom: "2026-03-01", maxUnitsPerWeek: 1 } }, other.token);
    expect(errorCode(res)).toBe(errorCode(missing));
    expect(res.errors![0].message).toBe(missing.errors![0].message);
    expect(expectOk(await server.gql(RULES, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});
