import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { watchForDecisions } from "../../../server/src/db/decision-freshness";
import { addOnChargeOf } from "../../../server/src/domain/engine";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { matchesClaimFilter, type ClaimDecisionView, type ClaimFilter } from "../../../server/src/services/claim.service";
import { summarizeClaims } from "../../../server/src/services/claim-summary.service";
import { DecisionRefresher } from "../../../server/src/services/decision-refresh";
import { evaluateDates, readLineBudget, readRecompute, recomputeDates, refreshDecisions } from "../../../server/src/services/decision-store";
import { setPracticeClock } from "../../../server/src/services/practice-clock";
import { expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, insertDailySessions, readySession, type BillingFixture } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** A small seeded generator (mulberry32): the same seed replays the same sequence of changes. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const subset = <T>(list: readonly T[]): T[] => list.filter(() => next() < 0.6);
  return { next, int, pick, subset };
}

// Seed 7 is one whose sequence fails when any one of the authorization triggers or the marks' expansion to an
// authorization's later days is left out (checked by removing each); other seeds catch some of them.
const SEED = Number(process.env.DECISION_FRESHNESS_SEED ?? 7);
const ELEMENTS = ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"] as const;
const TEXTS = [null, "", "   ", "\u00a0\u3000", "Engaged", "Practiced grounding"];
const ALL_DATES = { from: "2025-01-01", to: "2027-12-31" };

const LIST = `query ($from: Date!, $to: Date!, $status: ClaimStatus, $payerId: ID, $issueCode: ClaimIssueCode, $flaggedBy: ClaimIssueCode, $clinicianId: ID, $groupId: ID,
                     $clientId: ID, $search: String, $first: Int, $after: String) {
  claimDecisions(from: $from, to: $to, status: $status, payerId: $payerId, issueCode: $issueCode, flaggedBy: $flaggedBy, clinicianId: $clinicianId, groupId: $groupId,
                 clientId: $clientId, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status cptCode suggestedCptCodes modifiers placeOfService units diagnosisCodes chargeCents totalChargeCents batchId requiredNoteElements
      addOnLines { cptCode modifiers placeOfService units chargeCents reason }
      issues { code severity message element } session { id } client { id } payer { id } renderingProvider { id } supervisedLeader { id } } }
  }
}`;

type Scope = { practiceId: string; userId: string | null };
const scoped = <T>(scope: Scope, work: (m: EntityManager) => Promise<T>) => inScope(server.dataSource, scope, work);

/** What a from-scratch evaluation of every date gives, in the engine's order. */
async function fromScratch(practiceId: string): Promise<ClaimDecisionView[]> {
  return scoped({ practiceId, userId: null }, async (m) => {
    const dates: { d: string }[] = await m.query(`SELECT DISTINCT to_char(service_date, 'YYYY-MM-DD') AS d FROM group_sessions`);
    return evaluateDates(m, practiceId, { dates: dates.map((r) => r.d) });
  });
}

interface StoredLine {
  view: ClaimDecisionView;
  columns: Record<string, unknown>;
}

async function stored(practiceId: string): Promise<StoredLine[]> {
  const rows = await scoped({ practiceId, userId: null }, (m) =>
    m.query(`SELECT d.decision, d.session_starts_at, d.id, d.session_id, d.client_id, to_char(d.service_date, 'YYYY-MM-DD') AS service_date,
                    to_char(d.session_date, 'YYYY-MM-DD') AS session_date, to_char(s.service_date, 'YYYY-MM-DD') AS actual_session_date,
                    d.payer_id, d.status, d.batch_id, d.charge_cents, d.issue_codes, d.error_codes, d.rendering_clinician_id,
                    d.supervised_clinician_id, d.group_id, d.leader_id, s.group_id AS actual_group_id, s.leader_id AS actual_leader_id, d.rule_version_id
             FROM claim_decisions d LEFT JOIN group_sessions s ON s.practice_id = d.practice_id AND s.id = d.session_id
             ORDER BY d.session_starts_at, d.session_id, d.client_id`),
  );
  return rows.map((r: Record<string, any>) => {
    const { decision, session_starts_at, ...columns } = r;
    return { view: { ...decision, sessionStartsAt: session_starts_at }, columns };
  });
}

/** The read path (recompute what is stale, nothing else) must leave exactly what a from-scratch evaluation gives. */
async function expectStoredMatchesScratch(practiceId: string, step: string): Promise<void> {
  await scoped({ practiceId, userId: null }, (m) => refreshDecisions(m, practiceId, ALL_DATES));
  const [lines, scratch] = [await stored(practiceId), await fromScratch(practiceId)];
  const comparable = (v: ClaimDecisionView) => JSON.parse(JSON.stringify(v));
  expect({ step, lines: lines.map((l) => comparable(l.view)) }).toEqual({ step, lines: scratch.map(comparable) });
  // The per-date counts behind totalCount add up to the lines stored.
  const counts = await scoped({ practiceId, userId: null }, (m) =>
    m.query(`SELECT to_char(session_date, 'YYYY-MM-DD') AS d, status, payer_id, sum(lines)::int AS n FROM claim_decision_counts GROUP BY 1, 2, 3
             EXCEPT ALL SELECT to_char(session_date, 'YYYY-MM-DD'), status, payer_id, count(*)::int FROM claim_decisions GROUP BY 1, 2, 3`),
  );
  const [{ n: countedLines }] = await scoped({ practiceId, userId: null }, (m) => m.query(`SELECT COALESCE(sum(lines), 0)::int AS n FROM claim_decision_counts`));
  expect({ step, counts, countedLines }).toEqual({ step, counts: [], countedLines: lines.length });
  // The indexed columns agree with the decision they describe.
  for (const { view, columns } of lines) {
    expect({ step, ...columns }).toEqual({
      step,
      id: view.id,
      session_id: view.sessionId,
      client_id: view.clientId,
      service_date: view.serviceDate,
      session_date: columns.actual_session_date,
      actual_session_date: columns.actual_session_date,
      payer_id: view.payerId,
      status: view.status,
      batch_id: view.batchId,
      charge_cents: view.chargeCents + addOnChargeOf(view),
      issue_codes: view.issues.map((i) => i.code),
      error_codes: [...new Set(view.issues.filter((i) => i.severity === "ERROR").map((i) => i.code))],
      rendering_clinician_id: view.renderingClinicianId,
      supervised_clinician_id: view.supervisedClinicianId,
      group_id: columns.actual_group_id,
      leader_id: columns.actual_leader_id,
      actual_group_id: columns.actual_group_id,
      actual_leader_id: columns.actual_leader_id,
      rule_version_id: view.ruleVersionId,
    });
  }
}

/** Every page of the API's list, as a client would walk it. */
async function walk(owner: PracticeFixture, vars: Record<string, unknown>) {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const page: any = expectOk(await server.gql(LIST, { ...vars, first: 7, after }, owner.token)).claimDecisions;
    totalCount = page.totalCount;
    for (const edge of page.edges) nodes.push(edge);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

/** The API answers what the pre-stored implementation answered: the from-scratch lines filtered, sorted by (start, id), paged. */
type ListVars = { from: string; to: string } & { [K in keyof ClaimFilter]?: string };

/** The from-scratch lines of the range that the work-list filter's specification (matchesClaimFilter) keeps, in (start, id) order. */
async function expectedLines(owner: PracticeFixture, vars: ListVars): Promise<ClaimDecisionView[]> {
  const all = await fromScratch(owner.practiceId);
  const sessions: { id: string; d: string; group_id: string; group_name: string }[] = await server.dataSource.query(
    `SELECT s.id, to_char(s.service_date, 'YYYY-MM-DD') AS d, s.group_id, g.name AS group_name
     FROM group_sessions s JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id WHERE s.practice_id = $1`,
    [owner.practiceId],
  );
  const clients: { id: string; name: string }[] = await server.dataSource.query(`SELECT id, first_name || ' ' || last_name AS name FROM clients WHERE practice_id = $1`, [owner.practiceId]);
  const sessionOf = new Map(sessions.map((r) => [r.id, r]));
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const key = (v: ClaimDecisionView) => `${v.sessionStartsAt.toISOString()} ${v.id}`;
  const { from, to, ...filter } = vars;
  return all
    .filter((v) => {
      const s = sessionOf.get(v.sessionId)!;
      return s.d >= from && s.d <= to && matchesClaimFilter({ ...v, groupId: s.group_id, groupName: s.group_name, clientName: clientName.get(v.clientId)! }, filter as ClaimFilter);
    })
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const SUMMARY = `query ($from: Date!, $to: Date!, $payerId: ID, $issueCode: ClaimIssueCode, $flaggedBy: ClaimIssueCode, $clinicianId: ID, $groupId: ID, $clientId: ID, $search: String) {
  claimSummary(from: $from, to: $to, payerId: $payerId, issueCode: $issueCode, flaggedBy: $flaggedBy, clinicianId: $clinicianId, groupId: $groupId, clientId: $clientId, search: $search) {
    from to lineCount chargeCents
    byStatus { status lineCount chargeCents }
    blockedByIssue { code lineCount chargeCents }
    blockedByPayer { lineCount chargeCents payer { id } }
    readyByPayer { lineCount chargeCents payer { id } }
    oldestUnbilled { serviceDate readyCount blockedCount session { id } }
  }
}`;

/** claimSummary's SQL aggregates equal the pure specification (summarizeClaims) over the from-scratch lines the filter keeps. */
async function expectSummaryMatchesScratch(owner: PracticeFixture, vars: ListVars, step: string) {
  const { status: _status, ...summaryVars } = vars;
  const want = summarizeClaims(await expectedLines(owner, { ...summaryVars }), { from: vars.from, to: vars.to });
  const got = expectOk(await server.gql(SUMMARY, summaryVars, owner.token)).claimSummary;
  const payerTotals = (totals: { payerId: string | null; lineCount: number; chargeCents: number }[]) =>
    totals.map((t) => ({ lineCount: t.lineCount, chargeCents: t.chargeCents, payer: t.payerId ? { id: t.payerId } : null }));
  expect({ step, vars, got }).toEqual({
    step,
    vars,
    got: {
      from: want.from,
      to: want.to,
      lineCount: want.total.lineCount,
      chargeCents: want.total.chargeCents,
      byStatus: want.byStatus,
      blockedByIssue: want.blockedByIssue,
      blockedByPayer: payerTotals(want.blockedByPayer),
      readyByPayer: payerTotals(want.readyByPayer),
      oldestUnbilled: want.oldestUnbilled.map(({ sessionId, ...s }) => ({ ...s, session: { id: sessionId } })),
    },
  });
}

/** A random work-list filter over what the world holds: a reason, a clinician, the group, a member, or part of a name. */
async function randomFilter(w: World, r: ReturnType<typeof generator>): Promise<Omit<ListVars, "from" | "to">> {
  const roll = r.int(6);
  if (roll === 0) {
    // Warnings too, by flaggedBy: a filing deadline coming near does not block a line.
    return r.next() < 0.7
      ? { issueCode: r.pick(["AUTH_EXHAUSTED", "AUTH_REQUIRED", "NOTE_INCOMPLETE", "DAILY_UNIT_LIMIT", "LEADER_NOT_LICENSED", "MISSING_REGISTRATION", "FREQUENCY_LIMIT", "TIMELY_FILING_EXPIRED"]) }
      : { flaggedBy: r.pick(["TIMELY_FILING_SOON", "TIMELY_FILING_EXPIRED", "SESSION_TOO_LONG", "NOTE_INCOMPLETE"]) };
  }
  if (roll === 1) return { clinicianId: r.pick(w.clinicians) };
  if (roll === 2) return { groupId: w.fx.groupId };
  if (roll === 3) return { clientId: r.pick(w.fx.clientIds) };
  const [client] = await server.dataSource.query(`SELECT first_name, last_name FROM clients WHERE practice_id = $1 AND id = $2`, [w.owner.practiceId, r.pick(w.fx.clientIds)]);
  if (roll === 4) return { search: `  ${String(client.last_name).slice(1, 4).toUpperCase()} ` };
  return { search: r.pick([`${client.first_name} ${client.last_name}`.toLowerCase(), "nobody at all"]), payerId: w.fx.payerId };
}

async function expectListMatchesScratch(owner: PracticeFixture, vars: ListVars, step: string) {
  const expected = await expectedLines(owner, vars);
  const { nodes, totalCount } = await walk(owner, vars);
  expect({ step, totalCount }).toEqual({ step, totalCount: expected.length });
  expect({ step, lines: nodes.map((e) => e.node) }).toEqual({
    step,
    lines: expected.map((v) => ({
      id: v.id,
      status: v.status,
      cptCode: v.cptCode,
      suggestedCptCodes: v.suggestedCptCodes,
      modifiers: v.modifiers,
      placeOfService: v.placeOfService,
      units: v.units,
      diagnosisCodes: v.diagnosisCodes,
      chargeCents: v.chargeCents,
      totalChargeCents: v.chargeCents + addOnChargeOf(v),
      batchId: v.batchId,
      requiredNoteElements: v.requiredNoteElements,
      addOnLines: v.addOnLines,
      issues: v.issues.map(({ code, severity, message, element }) => ({ code, severity, message, element })),
      session: { id: v.sessionId },
      client: { id: v.clientId },
      payer: v.payerId ? { id: v.payerId } : null,
      renderingProvider: v.renderingClinicianId ? { id: v.renderingClinicianId } : null,
      supervisedLeader: v.supervisedClinicianId ? { id: v.supervisedClinicianId } : null,
    })),
  });
  const cursorOf = (v: ClaimDecisionView) => Buffer.from(JSON.stringify([v.sessionStartsAt.toISOString(), v.id]), "utf8").toString("base64url");
  expect(nodes.map((e) => e.cursor)).toEqual(expected.map(cursorOf));
}

interface World {
  owner: PracticeFixture;
  fx: BillingFixture;
  payers: string[];
  clinicians: string[];
  sessions: string[];
  batches: string[];
}

async function buildWorld(): Promise<World> {
  const owner = await signUpPractice(server, "Freshness");
  // The payer wants a prior authorization: a line's units used depend on the member's earlier lines of its range.
  const fx = await billingSetup(server, owner, {
    members: 4,
    payerRules: { effectiveFrom: "2026-01-01", maxUnitsPerDay: 1, requiredNoteElements: ["PARTICIPATION", "RESPONSE"], requirePriorAuthorization: true },
  });
  const second = expectOk(
    await server.gql(
      `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id } }`,
      { input: { name: "Acme Health", kind: "COMMERCIAL", payerCode: "ACME1", rules: { effectiveFrom: "2026-02-01", feeCents: 9100, maxUnitsPerDay: 2 } } },
      owner.token,
    ),
  ).createPayer.id;
  const unlicensed = expectOk(
    await server.gql(
      `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`,
      { input: { name: "Sam Park", npi: uniqueNpi(), credential: "LMSW", licensed: false } },
      owner.token,
    ),
  ).createClinician.id;
  // From the 9th the payer wants a plan too, which the signed notes lack until an addendum supplies it.
  expectOk(
    await server.gql(
      `mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-03-09", requiredNoteElements: [PARTICIPATION, RESPONSE, PLAN] }) { id } }`,
      { p: fx.payerId },
      owner.token,
    ),
  );
  const sessions: string[] = [];
  const starts = ["2026-03-02T14:00:00Z", "2026-03-02T19:00:00Z", "2026-03-03T15:00:00Z", "2026-03-05T02:30:00Z", "2026-03-09T15:00:00Z", "2026-03-16T15:00:00Z"];
  for (const startsAt of starts) sessions.push(await readySession(server, owner, fx, { startsAt }));
  // Two sessions whose notes are not written yet, so note edits and signing have somewhere to land.
  for (const startsAt of ["2026-03-03T20:00:00Z", "2026-03-10T15:00:00Z"]) {
    const id = expectOk(
      await server.gql(`mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, { input: { groupId: fx.groupId, startsAt, durationMinutes: 60, modality: "IN_PERSON" } }, owner.token),
    ).scheduleSession.id;
    expectOk(
      await server.gql(
        `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
        { id, entries: fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) },
        owner.token,
      ),
    );
    sessions.push(id, id);
  }
  // Few units, so lines on later days are AUTH_EXHAUSTED until an earlier line stops using one.
  for (const [i, clientId] of fx.clientIds.slice(0, 3).entries()) {
    expectOk(
      await server.gql(
        `mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { id } }`,
        { clientId, input: { payerId: fx.payerId, number: `PA-${i}`, startDate: "2026-03-01", endDate: ["2026-03-31", "2026-03-10", "2026-03-16"][i], units: [3, 2, 4][i] } },
        owner.token,
      ),
    );
  }
  return { owner, fx, payers: [fx.payerId, second], clinicians: [fx.clinicianId, unlicensed], sessions, batches: [] };
}

type Change = (w: World, r: ReturnType<typeof generator>) => Promise<string>;

/** Refusals (a signed note, an empty batch) are part of a realistic sequence, but most changes must land. */
const outcomes = { accepted: 0, refused: [] as string[] };
async function apply(query: string, variables: Record<string, unknown>, token: string) {
  const res = await server.gql(query, variables, token);
  if (res.errors) outcomes.refused.push(res.errors[0].message);
  else outcomes.accepted += 1;
  return res;
}

/** Billing and voiding, twice as likely as other changes: billed lines hold authorization units first. */
const billOrVoid: Change = async (w, r) => {
  if (w.batches.length > 0 && r.next() < 0.4) {
    const id = w.batches.splice(r.int(w.batches.length), 1)[0];
    await apply(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id }, w.owner.token);
    return `void ${id}`;
  }
  const [from, to] = r.pick([["2026-03-01", "2026-03-03"], ["2026-03-01", "2026-03-31"], ["2026-03-02", "2026-03-02"], ["2026-03-09", "2026-03-16"]]);
  const made = await apply(
    `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id } }`,
    { input: { from, to, payerId: r.next() < 0.3 ? w.fx.payerId : null, idempotencyKey: randomUUID() } },
    w.owner.token,
  );
  if (made.data) w.batches.push(made.data.createClaimBatch.id);
  return `batch ${from}..${to} ${made.data ? "made" : "refused"}`;
};

/** Each change goes through the API (clinician licenses have no mutation yet, so that one is an UPDATE). Refusals are fine. */
const CHANGES: Change[] = [
  async (w, r) => {
    const sessionId = r.pick(w.sessions);
    const entries = w.fx.clientIds.map((clientId) => ({ clientId, status: r.pick(["PRESENT", "PRESENT", "ABSENT", "EXCUSED"]) }));
    await apply(`mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, { id: sessionId, entries }, w.owner.token);
    return `attendance ${sessionId}`;
  },
  async (w, r) => {
    const sessionId = r.pick(w.sessions);
    const clientId = r.pick(w.fx.clientIds);
    const input: Record<string, unknown> = { sessionId, clientId };
    for (const field of ["participation", "response", "interventions", "progress", "plan", "risk"]) if (r.next() < 0.5) input[field] = r.pick(TEXTS);
    const saved = await apply(`mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, { input }, w.owner.token);
    if (saved.data && r.next() < 0.4) await apply(`mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: saved.data.saveMemberNote.id }, w.owner.token);
    return `note ${sessionId}/${clientId}`;
  },
  async (w, r) => {
    // Mostly notes of the dates where the plan is required and missing, where an addendum changes the line.
    const [note] = await server.dataSource.query(
      `SELECT n.id FROM member_notes n JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
       WHERE n.practice_id = $1 AND n.signed_at IS NOT NULL AND (s.service_date >= '2026-03-09') = $3 ORDER BY n.id OFFSET $2 LIMIT 1`,
      [w.owner.practiceId, r.int(6), r.next() < 0.8],
    );
    if (!note) return "no signed note";
    await apply(
      `mutation ($noteId: ID!, $text: String!, $element: NoteElement) { addNoteAddendum(noteId: $noteId, text: $text, element: $element) { id } }`,
      { noteId: note.id, text: r.pick(["Late entry: plan to continue weekly", "Risk reviewed, none"]), element: r.next() < 0.8 ? r.pick(["PLAN", "PLAN", ...ELEMENTS]) : null },
      w.owner.token,
    );
    return `addendum ${note.id}`;
  },
  async (w, r) => {
    const sessionId = r.pick(w.sessions);
    const input: Record<string, unknown> = {};
    const roll = r.int(6);
    if (roll === 0) input.startsAt = r.pick(["2026-03-02T16:00:00Z", "2026-03-04T03:30:00Z", "2026-03-10T15:00:00Z", "2026-01-20T15:00:00Z"]);
    if (roll === 1) input.durationMinutes = r.pick([30, 60, 90, 200]);
    if (roll === 2) input.modality = r.pick(["IN_PERSON", "TELEHEALTH_VIDEO", "TELEHEALTH_AUDIO"]);
    if (roll === 3) input.topics = r.pick(["", "Coping", "  "]);
    if (roll === 4) input.leaderId = r.pick(w.clinicians);
    if (roll === 5) input.supervisorId = r.pick([...w.clinicians, null]);
    await apply(`mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`, { id: sessionId, input }, w.owner.token);
    return `session ${sessionId} ${JSON.stringify(input)}`;
  },
  async (w, r) => {
    const clientId = r.pick(w.fx.clientIds);
    const input =
      r.next() < 0.5
        ? { diagnosisCodes: r.pick([["F33.1"], [], ["F41.1", "F43.10"]]) }
        : { coverages: [{ payerId: r.pick(w.payers), memberId: `M-${r.int(99)}`, priority: "PRIMARY", effectiveFrom: r.pick(["2026-01-01", "2026-03-03"]), effectiveTo: r.pick([null, "2026-03-08"]) }] };
    await apply(`mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`, { id: clientId, input }, w.owner.token);
    return `client ${clientId} ${JSON.stringify(input)}`;
  },
  async (w, r) => {
    const payerId = r.pick(w.payers);
    const rules: Record<string, unknown> = { effectiveFrom: r.pick(["2026-01-15", "2026-03-03", "2026-03-10", "2026-04-01"]) };
    const roll = r.int(5);
    if (roll === 0) rules.minGroupSize = r.pick([2, 3, 4]);
    if (roll === 1) rules.maxUnitsPerDay = r.pick([1, 2]);
    if (roll === 2) rules.feeCents = r.pick([0, 5100]);
    if (roll === 3) rules.requiredNoteElements = r.subset(ELEMENTS);
    if (roll === 4) rules.requireLicensedLeader = r.next() < 0.5;
    if (r.next() < 0.3) rules.requirePriorAuthorization = r.next() < 0.7;
    await apply(`mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { id } }`, { payerId, rules }, w.owner.token);
    return `rules ${payerId} ${JSON.stringify(rules)}`;
  },
  async (w, r) => {
    const clinicianId = r.pick(w.clinicians);
    // Mostly licensed: with both clinicians unlicensed nothing is billable and the later steps bill nothing.
    const licensed = r.next() < 0.75;
    const expires = r.pick([null, "2026-03-04"]);
    await server.dataSource.query(`UPDATE clinicians SET licensed = $3, license_expires_on = $4 WHERE practice_id = $1 AND id = $2`, [w.owner.practiceId, clinicianId, licensed, expires]);
    return `license ${clinicianId} ${licensed} ${expires}`;
  },
  billOrVoid,
  async (w, r) => {
    // As often back to a billable group as away from it, so later steps still have READY lines to bill.
    const input = r.pick([{ kind: "FAMILY" }, { kind: "SKILLS", hasPsychotherapyComponent: true }, { hasPsychotherapyComponent: false }, { kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true }]);
    await apply(`mutation ($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id } }`, { id: w.fx.groupId, input }, w.owner.token);
    return `group ${JSON.stringify(input)}`;
  },
  billOrVoid,
  async (w, r) => {
    // Authorizations: added, moved, shrunk or grown, removed. A billed one refuses some of these; that is fine.
    const existing: { id: string; client_id: string }[] = await server.dataSource.query(
      `SELECT id, client_id FROM prior_authorizations WHERE practice_id = $1 ORDER BY id`,
      [w.owner.practiceId],
    );
    const roll = r.int(4);
    if (existing.length === 0 || roll === 0) {
      const clientId = r.pick(w.fx.clientIds);
      const input = {
        payerId: r.pick([w.fx.payerId, w.fx.payerId, w.payers[1]]),
        number: `PA-${r.int(999)}`,
        startDate: r.pick(["2026-03-01", "2026-03-03", "2026-03-09"]),
        endDate: r.pick(["2026-03-09", "2026-03-12", "2026-03-31"]),
        units: r.pick([1, 2, 3]),
      };
      await apply(`mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { id } }`, { clientId, input }, w.owner.token);
      return `add authorization ${clientId} ${JSON.stringify(input)}`;
    }
    const { id } = r.pick(existing);
    if (roll === 3) {
      await apply(`mutation ($id: ID!) { removePriorAuthorization(id: $id) { id } }`, { id }, w.owner.token);
      return `remove authorization ${id}`;
    }
    const input = r.pick([{ units: r.pick([1, 2, 5]) }, { startDate: r.pick(["2026-03-02", "2026-03-04", "2026-03-10"]) }, { endDate: r.pick(["2026-03-03", "2026-03-09", "2026-03-20"]) }]);
    await apply(`mutation ($id: ID!, $input: UpdatePriorAuthorizationInput!) { updatePriorAuthorization(id: $id, input: $input) { id } }`, { id, input }, w.owner.token);
    return `update authorization ${id} ${JSON.stringify(input)}`;
  },
  async (w, r) => {
    // Registration: a member's sex and address, or a dependent's coverage with or without the insured person.
    const clientId = r.pick(w.fx.clientIds);
    const roll = r.int(3);
    const input =
      roll === 0
        ? { sex: r.pick(["FEMALE", "MALE", "UNKNOWN"]) }
        : roll === 1
          ? { address: { line1: `${r.int(99)} Elm St`, city: "Boston", state: "MA", zip: "02110" } }
          : {
              coverages: [
                {
                  payerId: w.fx.payerId,
                  memberId: `M-${r.int(99)}`,
                  priority: "PRIMARY",
                  effectiveFrom: "2026-01-01",
                  relationship: r.pick(["SELF", "CHILD"]),
                  ...(r.next() < 0.5 ? { subscriber: { firstName: "Pat", lastName: "Doe", dateOfBirth: "1980-02-03", sex: "FEMALE", address: { line1: "1 Main St", city: "Boston", state: "MA", zip: "02110" } } } : {}),
                },
              ],
            };
    await apply(`mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`, { id: clientId, input }, w.owner.token);
    return `registration ${clientId} ${JSON.stringify(input)}`;
  },
  async (w, r) => {
    const startsAt = r.pick(["2026-03-02T21:00:00Z", "2026-03-09T20:00:00Z", "2026-03-12T15:00:00Z"]);
    w.sessions.push(await readySession(server, w.owner, w.fx, { startsAt, present: r.subset(w.fx.clientIds) }));
    return `new session ${startsAt}`;
  },
];

/**
 * Issue 11's inputs, in a sequence of their own so the one above stays the sequence its seed names: minutes
 * attended and where a telehealth member joined from, the rules that read them, documentation and notes that
 * read as a class or name another member, late signing, credentials and member names.
 */
const ISSUE_11_CHANGES: Change[] = [
  async (w, r) => {
    const sessionId = r.pick(w.sessions);
    // Where a member joined from is recorded for telehealth sessions only.
    const [{ modality }] = await server.dataSource.query(`SELECT modality FROM group_sessions WHERE practice_id = $1 AND id = $2`, [w.owner.practiceId, sessionId]);
    const entries = w.fx.clientIds.map((clientId) => {
      if (r.next() < 0.2) return { clientId, status: "ABSENT" };
      const entry: Record<string, unknown> = { clientId, status: "PRESENT" };
      if (r.next() < 0.6) entry.minutesAttended = r.pick([15, 30, 45, 60, null]);
      if (modality !== "IN_PERSON" && r.next() < 0.5) entry.location = r.pick(["HOME", "OTHER", null]);
      return entry;
    });
    await apply(`mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, { id: sessionId, entries }, w.owner.token);
    return `attendance with minutes ${sessionId}`;
  },
  async (w, r) => {
    const payerId = r.pick(w.payers);
    const rules: Record<string, unknown> = { effectiveFrom: r.pick(["2026-01-15", "2026-03-03", "2026-03-10"]) };
    // Each rule is changed in half the versions, so versions combine them.
    if (r.next() < 0.5) rules.minAttendedMinutes = r.pick([null, 30, 45]);
    if (r.next() < 0.5) rules.minAttendedPercent = r.pick([null, 50, 80]);
    if (r.next() < 0.5) Object.assign(rules, { signWithinDays: r.pick([null, 0, 3]), lateSignatureSeverity: r.pick(["WARNING", "ERROR"]) });
    if (r.next() < 0.5) rules.credentialModifiers = r.pick([[], [{ credential: "LCSW", modifier: "AJ" }], [{ credential: "LPC", modifier: "HO" }]]);
    if (r.next() < 0.5) rules.warnClassLikeDocumentation = r.next() < 0.7;
    if (r.next() < 0.5) rules.telehealthPosByLocation = r.next() < 0.7;
    await apply(`mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { id } }`, { payerId, rules }, w.owner.token);
    return `issue-11 rules ${payerId} ${JSON.stringify(rules)}`;
  },
  async (w, r) => {
    const sessionId = r.pick(w.sessions);
    const input = r.next() < 0.5
      ? { topics: r.pick(["Lecture and handout on sleep hygiene", "Coping skills", "Video presentation"]), interventions: r.pick([null, "", "Skills coaching and role play"]) }
      : { modality: r.pick(["IN_PERSON", "TELEHEALTH_VIDEO"]) };
    await apply(`mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`, { id: sessionId, input }, w.owner.token);
    return `documentation ${sessionId} ${JSON.stringify(input)}`;
  },
  async (w, r) => {
    // A note that names another member, or reads as a class; signed now, long after March, so late where a deadline is set.
    const sessionId = r.pick(w.sessions);
    const clientId = r.pick(w.fx.clientIds);
    const [other] = await server.dataSource.query(`SELECT first_name, last_name FROM clients WHERE practice_id = $1 AND id <> $2 ORDER BY id LIMIT 1 OFFSET $3`, [w.owner.practiceId, clientId, r.int(3)]);
    const text = r.pick([`Supported ${other.first_name} ${other.last_name} in the group`, "Watched the lecture video", "Engaged and practiced grounding"]);
    const [signed] = await server.dataSource.query(`SELECT id FROM member_notes WHERE practice_id = $1 AND session_id = $2 AND client_id = $3 AND signed_at IS NOT NULL`, [w.owner.practiceId, sessionId, clientId]);
    if (signed) {
      // A signed note changes only by addendum, which the checks read like the note.
      await apply(`mutation ($noteId: ID!, $text: String!) { addNoteAddendum(noteId: $noteId, text: $text) { id } }`, { noteId: signed.id, text }, w.owner.token);
      return `issue-11 addendum ${signed.id}: ${text}`;
    }
    const input = { sessionId, clientId, participation: text, response: "Engaged", plan: "Continue weekly" };
    const saved = await apply(`mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, { input }, w.owner.token);
    if (saved.data && r.next() < 0.6) await apply(`mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: saved.data.saveMemberNote.id }, w.owner.token);
    return `issue-11 note ${sessionId}/${clientId}: ${text}`;
  },
  async (w, r) => {
    if (r.next() < 0.5) {
      const clinicianId = r.pick(w.clinicians);
      const credential = r.pick(["LCSW", "LPC", "LMSW"]);
      await apply(`mutation ($id: ID!, $input: UpdateClinicianInput!) { updateClinician(id: $id, input: $input) { id } }`, { id: clinicianId, input: { credential } }, w.owner.token);
      return `credential ${clinicianId} ${credential}`;
    }
    const clientId = r.pick(w.fx.clientIds);
    const input = { firstName: r.pick(["Ana", "Member1", "Bo"]), lastName: r.pick(["TestB", "Reyes"]) };
    await apply(`mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`, { id: clientId, input }, w.owner.token);
    return `name ${clientId} ${JSON.stringify(input)}`;
  },
  billOrVoid,
];

/**
 * Interactive complexity (issue 11 item 9): the attendance flag and the payer rule that pays 90785. Drawn from a
 * generator of their own between the steps of the issue-11 sequence, so that sequence stays the one its seed names.
 */
const INTERACTIVE_COMPLEXITY_CHANGES: Change[] = [
  async (w, r) => {
    // Flagged with a reason, kept, or cleared; a flag with an empty reason is refused (and changes nothing).
    const sessionId = r.pick(w.sessions);
    const entries = r.subset(w.fx.clientIds).map((clientId) => {
      const roll = r.int(4);
      if (roll === 0) return { clientId, status: "PRESENT", interactiveComplexity: false };
      if (roll === 1) return { clientId, status: "PRESENT" };
      return { clientId, status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: r.pick(["Interpreter needed", "Caregiver interfered", "Interpreter needed", ""]) };
    });
    await apply(`mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, { id: sessionId, entries }, w.owner.token);
    return `interactive complexity ${sessionId} ${JSON.stringify(entries)}`;
  },
  async (w, r) => {
    const payerId = r.pick(w.payers);
    const allow = r.next() < 0.6;
    const rules = { effectiveFrom: r.pick(["2026-01-15", "2026-03-03", "2026-03-10"]), allowInteractiveComplexity: allow, interactiveComplexityFeeCents: allow ? r.pick([1200, 1850]) : r.pick([0, 1850]) };
    await apply(`mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { id } }`, { payerId, rules }, w.owner.token);
    return `interactive complexity rules ${payerId} ${JSON.stringify(rules)}`;
  },
  // Billing right after a flag freezes add-on lines, and voiding frees them.
  billOrVoid,
];

/**
 * Issue 11 items 4 and 5: frequency caps (a line's units depend on the member's week and month) and timely
 * filing (a line's answer depends on today). Today only moves forward, as a clock does; the changes that move
 * lines between weeks, months and payers come from the first sequence.
 */
function frequencyAndFilingChanges(clock: { today: string }): Change[] {
  return [
    async (w, r) => {
      const payerId = r.pick(w.payers);
      const rules: Record<string, unknown> = { effectiveFrom: r.pick(["2026-01-15", "2026-03-04", "2026-03-10"]) };
      if (r.next() < 0.6) rules.maxUnitsPerWeek = r.pick([null, 1, 2]);
      if (r.next() < 0.5) rules.maxUnitsPerMonth = r.pick([null, 2, 3]);
      if (r.next() < 0.5) rules.timelyFilingDays = r.pick([null, 20, 30, 45]);
      await apply(`mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { id } }`, { payerId, rules }, w.owner.token);
      return `caps and filing ${payerId} ${JSON.stringify(rules)}`;
    },
    async (_w, r) => {
      const days = r.pick([1, 2, 5, 9]);
      clock.today = new Date(Date.parse(`${clock.today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const at = new Date(`${clock.today}T16:00:00Z`);
      setPracticeClock(() => at);
      return `today is ${clock.today}`;
    },
    CHANGES[0], // attendance
    CHANGES[3], // a session moved, shortened, given another leader
    CHANGES[4], // diagnoses or coverage
    CHANGES[10], // authorizations
    CHANGES[12], // a new session
    billOrVoid,
  ];
}

describe("stored claim decisions", () => {
  afterEach(() => setPracticeClock(null));

  it("equal a from-scratch evaluation after every step of a random sequence of frequency caps, filing windows and days passing", async () => {
    const clock = { today: "2026-03-17" };
    setPracticeClock(() => new Date(`${clock.today}T16:00:00Z`));
    const w = await buildWorld();
    const changes = frequencyAndFilingChanges(clock);
    // With the default seed (7), the sequence fails when the marks' reach to a capped member's week and month, or the
    // marking of decisions whose recheck date has come, is left out (checked by removing each).
    const r = generator(SEED + 195);
    const filters = generator(SEED + 196);
    // Start with a weekly cap and a window, so both matter from the first step.
    expectOk(await server.gql(`mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-03-01", maxUnitsPerWeek: 2, timelyFilingDays: 30 }) { id } }`, { p: w.fx.payerId }, w.owner.token));
    const seen = new Set<string>();
    for (let i = 0; i < 70; i++) {
      const step = `seed ${SEED + 195} step ${i}: ${await r.pick(changes)(w, r)}`;
      if (process.env.DEBUG_STEPS) console.log(step, outcomes.refused.at(-1));
      if (i % 5 === 4) {
        await expectListMatchesScratch(w.owner, { from: "2026-03-01", to: "2026-03-31" }, step);
        const filtered = { from: "2026-03-01", to: "2026-03-31", ...(filters.next() < 0.5 ? { flaggedBy: filters.pick(["TIMELY_FILING_SOON", "TIMELY_FILING_EXPIRED"]) } : { issueCode: "FREQUENCY_LIMIT" }) };
        await expectListMatchesScratch(w.owner, filtered, step);
        await expectSummaryMatchesScratch(w.owner, filtered, step);
      }
      await expectStoredMatchesScratch(w.owner.practiceId, step);
      const rows: { code: string }[] = await server.dataSource.query(`SELECT DISTINCT unnest(issue_codes) AS code FROM claim_decisions WHERE practice_id = $1`, [w.owner.practiceId]);
      for (const { code } of rows) seen.add(code);
    }
    expect(["FREQUENCY_LIMIT", "TIMELY_FILING_SOON", "TIMELY_FILING_EXPIRED"].filter((code) => !seen.has(code))).toEqual([]);
  }, 240_000);

  it("equal a from-scratch evaluation after every step of a random sequence of changes", async () => {
    const w = await buildWorld();
    const r = generator(SEED);
    // Filters draw from their own generator, so the sequence of changes stays the one the seed names.
    const filters = generator(SEED + 1);
    let exhaustedSeen = false;
    await expectStoredMatchesScratch(w.owner.practiceId, "start");
    await expectListMatchesScratch(w.owner, { from: "2026-01-01", to: "2026-12-31" }, "start");
    for (let i = 0; i < 80; i++) {
      const step = `seed ${SEED} step ${i}: ${await r.pick(CHANGES)(w, r)}`;
      if (process.env.DEBUG_STEPS) console.log(step, outcomes.refused.at(-1));
      if (i % 5 === 4) {
        // Through the API first, on part of the range: a read recomputes only what it covers.
        await expectListMatchesScratch(w.owner, { from: "2026-03-02", to: "2026-03-09", ...(r.next() < 0.5 ? { status: r.pick(["READY", "BLOCKED", "BILLED"]) } : {}) }, step);
        // The work list's other filters and the summary, answered in SQL from the stored lines.
        const filtered = { from: "2026-03-01", to: "2026-03-31", ...(await randomFilter(w, filters)) };
        await expectListMatchesScratch(w.owner, filtered, step);
        await expectSummaryMatchesScratch(w.owner, filtered, step);
      }
      await expectStoredMatchesScratch(w.owner.practiceId, step);
      const [{ exhausted }] = await server.dataSource.query(`SELECT count(*)::int AS exhausted FROM claim_decisions WHERE practice_id = $1 AND 'AUTH_EXHAUSTED' = ANY (error_codes)`, [w.owner.practiceId]);
      if (exhausted > 0) exhaustedSeen = true;
    }
    await expectListMatchesScratch(w.owner, { from: "2026-01-01", to: "2026-12-31", payerId: w.fx.payerId }, "end");
    expect(outcomes.accepted).toBeGreaterThan(outcomes.refused.length * 2);
    // The sequence exercised billing and addenda that mattered, not only refusals.
    const [{ batches, billed, completing, billedunderauthorization }] = await server.dataSource.query(
      `SELECT (SELECT count(*)::int FROM claim_batches WHERE practice_id = $1) AS batches,
              (SELECT count(*)::int FROM claim_batch_lines WHERE practice_id = $1) AS billed,
              (SELECT count(*)::int FROM note_addenda WHERE practice_id = $1 AND element = 'PLAN') AS completing,
              (SELECT count(*)::int FROM claim_batch_lines WHERE practice_id = $1 AND authorization_id IS NOT NULL) AS billedUnderAuthorization`,
      [w.owner.practiceId],
    );
    expect({ batches: batches > 1, billed: billed > 0, completing: completing > 0 }).toEqual({ batches: true, billed: true, completing: true });
    // Authorizations mattered: some line was billed under one, and some step saw a line exhausted and later not.
    expect({ billedUnderAuthorization: billedunderauthorization > 0, exhaustedSeen }).toEqual({ billedUnderAuthorization: true, exhaustedSeen: true });
  }, 240_000);

  it("equal a from-scratch evaluation after every step of a random sequence of issue 11's inputs", async () => {
    const w = await buildWorld();
    const r = generator(SEED + 100);
    const complexity = generator(SEED + 200);
    let addOnsSeen = false;
    let billedAddOnsSeen = false;
    // The first payer starts with a minimum stay and pays 90785, so short attendance and add-on lines matter from the first step.
    expectOk(
      await server.gql(
        `mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-03-01", minAttendedPercent: 50, allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1850 }) { id } }`,
        { p: w.fx.payerId },
        w.owner.token,
      ),
    );
    // ...until the 16th, from which it does not: the member flagged that day warns INTERACTIVE_COMPLEXITY_NOT_COVERED instead.
    expectOk(await server.gql(`mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-03-16", allowInteractiveComplexity: false }) { id } }`, { p: w.fx.payerId }, w.owner.token));
    expectOk(
      await server.gql(
        `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
        { id: w.sessions[5], entries: [{ clientId: w.fx.clientIds[0], status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "Interpreter needed" }] },
        w.owner.token,
      ),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      let step = `seed ${SEED + 100} step ${i}: ${await r.pick(ISSUE_11_CHANGES)(w, r)}`;
      if (complexity.next() < 0.4) step += `; then ${await complexity.pick(INTERACTIVE_COMPLEXITY_CHANGES)(w, complexity)}`;
      if (process.env.DEBUG_STEPS) console.log(step, outcomes.refused.at(-1));
      if (i % 5 === 4) await expectListMatchesScratch(w.owner, { from: "2026-03-01", to: "2026-03-31" }, step);
      await expectStoredMatchesScratch(w.owner.practiceId, step);
      const rows: { code: string }[] = await server.dataSource.query(`SELECT DISTINCT unnest(issue_codes) AS code FROM claim_decisions WHERE practice_id = $1`, [w.owner.practiceId]);
      for (const { code } of rows) seen.add(code);
      const [{ addons, billedaddons }] = await server.dataSource.query(
        `SELECT (SELECT count(*)::int FROM claim_decisions WHERE practice_id = $1 AND jsonb_array_length(decision -> 'addOnLines') > 0) AS addons,
                (SELECT count(*)::int FROM claim_batch_lines WHERE practice_id = $1 AND add_on_charge_cents > 0) AS billedAddOns`,
        [w.owner.practiceId],
      );
      if (addons > 0) addOnsSeen = true;
      if (billedaddons > 0) billedAddOnsSeen = true;
    }
    // The sequence reached the issues these inputs raise, so the comparison above was about them.
    expect(["ATTENDANCE_TOO_SHORT", "DOCUMENTATION_READS_AS_CLASS", "OTHER_MEMBER_NAMED", "NOTE_SIGNED_LATE", "INTERACTIVE_COMPLEXITY_NOT_COVERED"].filter((code) => !seen.has(code))).toEqual([]);
    // Some step had a line carrying a 90785 add-on, and some billed line froze one.
    expect({ addOnsSeen, billedAddOnsSeen }).toEqual({ addOnsSeen: true, billedAddOnsSeen: true });
  }, 240_000);

  it("take turns recomputing when fields of one request read the same stale dates", async () => {
    const owner = await signUpPractice(server, "Aliases");
    const fx = await billingSetup(server, owner, { members: 3 });
    for (const startsAt of ["2026-03-02T15:00:00Z", "2026-03-03T15:00:00Z", "2026-03-04T15:00:00Z"]) await readySession(server, owner, fx, { startsAt });
    // Every date stale again, then three fields of one request (one transaction) read them at once.
    await server.dataSource.query(`INSERT INTO claim_decision_stale (practice_id, service_date) SELECT DISTINCT practice_id, service_date FROM group_sessions WHERE practice_id = $1`, [owner.practiceId]);
    const data = expectOk(
      await server.gql(
        `query { all: claimDecisions(from: "2026-03-01", to: "2026-03-31") { totalCount } ready: claimDecisions(from: "2026-03-01", to: "2026-03-31", status: READY) { totalCount }
                 summary: claimSummary(from: "2026-03-01", to: "2026-03-31") { lineCount } }`,
        {},
        owner.token,
      ),
    );
    expect(data).toEqual({ all: { totalCount: 9 }, ready: { totalCount: 9 }, summary: { lineCount: 9 } });
    await expectStoredMatchesScratch(owner.practiceId, "after one request's fields recomputed together");
  });

  it("refuse a cursor this list did not make, naming the field", async () => {
    const owner = await signUpPractice(server, "Cursor");
    for (const key of [["yesterday", randomUUID()], [new Date().toISOString(), "not-an-id"], ["2026-03-02T15:00:00Z", randomUUID()]]) {
      const after = Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
      const res = await server.gql(LIST, { from: "2026-03-01", to: "2026-03-31", after }, owner.token);
      expect({ code: res.errors?.[0]?.extensions?.code, fields: res.errors?.[0]?.extensions?.fields }).toEqual({
        code: "BAD_USER_INPUT",
        fields: [{ field: "after", message: "Use an endCursor returned by this list" }],
      });
    }
  });

  it("mark the dates a newly watched table's rows reach, by coverage and by payer, and later days through authorizations", async () => {
    const owner = await signUpPractice(server, "Watched");
    const fx = await billingSetup(server, owner);
    await readySession(server, owner, fx, { startsAt: "2026-03-02T15:00:00Z" });
    await readySession(server, owner, fx, { startsAt: "2026-03-05T15:00:00Z", present: fx.clientIds.slice(1) });
    const [coverage] = await server.dataSource.query(`SELECT id FROM coverages WHERE practice_id = $1 AND client_id = $2`, [owner.practiceId, fx.clientIds[0]]);
    // Temporary tables, on one connection: a later table of another feature, watched with one call each.
    const runner = server.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`CREATE TEMP TABLE watched_by_coverage (practice_id uuid NOT NULL, coverage_id uuid)`);
      await runner.query(`CREATE TEMP TABLE watched_by_payer (practice_id uuid NOT NULL, payer_id uuid)`);
      await watchForDecisions(runner, "watched_by_coverage", "coverage", "coverage_id");
      await watchForDecisions(runner, "watched_by_payer", "payer", "payer_id");
      const marked = async (write: string, params: unknown[]) => {
        await runner.query(`DELETE FROM claim_decision_stale WHERE practice_id = $1`, [owner.practiceId]);
        await runner.query(write, params);
        const rows = await runner.query(`SELECT DISTINCT to_char(service_date, 'YYYY-MM-DD') AS d FROM claim_decision_stale WHERE practice_id = $1 ORDER BY 1`, [owner.practiceId]);
        return rows.map((r: { d: string }) => r.d);
      };
      // The first client attended only on the 2nd; the payer covers everyone who attended.
      expect(await marked(`INSERT INTO watched_by_coverage VALUES ($1, $2)`, [owner.practiceId, coverage.id])).toEqual(["2026-03-02"]);
      expect(await marked(`UPDATE watched_by_coverage SET coverage_id = NULL`, [])).toEqual(["2026-03-02"]);
      expect(await marked(`INSERT INTO watched_by_payer VALUES ($1, $2)`, [owner.practiceId, fx.payerId])).toEqual(["2026-03-02", "2026-03-05"]);
      expect(await marked(`DELETE FROM watched_by_payer`, [])).toEqual(["2026-03-02", "2026-03-05"]);

      // A change on the 2nd reaches the 5th only through an authorization of a member present on both, covering both.
      const [session2] = await runner.query(`SELECT id FROM group_sessions WHERE practice_id = $1 AND service_date = '2026-03-02'`, [owner.practiceId]);
      const touch = [`UPDATE group_sessions SET topics = topics WHERE id = $1`, [session2.id]] as const;
      expect(await marked(...touch)).toEqual(["2026-03-02"]);
      const add = (endDate: string) =>
        server.gql(
          `mutation ($c: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $c, input: $input) { id } }`,
          { c: fx.clientIds[1], input: { payerId: fx.payerId, number: `PA-${endDate}`, startDate: "2026-03-01", endDate, units: 4 } },
          owner.token,
        );
      const short = expectOk(await add("2026-03-04")).addPriorAuthorization.id;
      expect(await marked(...touch)).toEqual(["2026-03-02"]);
      expectOk(await server.gql(`mutation ($id: ID!) { updatePriorAuthorization(id: $id, input: { endDate: "2026-03-05" }) { id } }`, { id: short }, owner.token));
      expect(await marked(...touch)).toEqual(["2026-03-02", "2026-03-05"]);
      // The 5th changing reaches no earlier day; an authorization changing reaches every day of its member.
      const [session5] = await runner.query(`SELECT id FROM group_sessions WHERE practice_id = $1 AND service_date = '2026-03-05'`, [owner.practiceId]);
      expect(await marked(`UPDATE group_sessions SET topics = topics WHERE id = $1`, [session5.id])).toEqual(["2026-03-05"]);
      expect(await marked(`UPDATE prior_authorizations SET units = 3 WHERE id = $1`, [short])).toEqual(["2026-03-02", "2026-03-05"]);
    } finally {
      await runner.release();
    }
  });
});

const PROGRESS = `query { decisionRefresh { staleDates oldestStaleDate newestStaleDate } }`;

describe("freshness across practices", () => {
  it("shows a practice only its own stale dates, and the background refresh drains them without a read", async () => {
    const world = await buildWorld();
    const a = world.owner;
    const b = await signUpPractice(server, "Other");
    const bx = await billingSetup(server, b);
    await readySession(server, b, bx, { startsAt: "2026-03-02T15:00:00Z" });
    // Drain both (and anything earlier tests left) so the counts below are the back-dated change's alone.
    const refresher = new DecisionRefresher(server.dataSource, 60_000, () => undefined);
    await refresher.drain();
    expect(expectOk(await server.gql(PROGRESS, {}, a.token)).decisionRefresh).toEqual({ staleDates: 0, oldestStaleDate: null, newestStaleDate: null });

    // A back-dated rule change marks every date from its start where a covered member attended, and nothing of B's.
    expectOk(await server.gql(`mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-03-03", minGroupSize: 5 }) { id } }`, { p: world.fx.payerId }, a.token));
    expect(expectOk(await server.gql(PROGRESS, {}, a.token)).decisionRefresh).toEqual({ staleDates: 5, oldestStaleDate: "2026-03-03", newestStaleDate: "2026-03-16" });
    expect(expectOk(await server.gql(PROGRESS, {}, b.token)).decisionRefresh).toEqual({ staleDates: 0, oldestStaleDate: null, newestStaleDate: null });

    // B cannot recompute A's dates or touch A's lines, even naming A's practice outright.
    const before = await stored(a.practiceId);
    // 2026-03-05T02:30Z is the evening of the 4th in New York.
    const dates = ["2026-03-03", "2026-03-04", "2026-03-09", "2026-03-10", "2026-03-16"];
    expect(await scoped({ practiceId: b.practiceId, userId: b.userId }, (m) => recomputeDates(m, a.practiceId, dates))).toBe(0);
    expect(await scoped({ practiceId: b.practiceId, userId: b.userId }, (m) => refreshDecisions(m, a.practiceId, ALL_DATES))).toBe(0);
    const seenByB = await scoped({ practiceId: b.practiceId, userId: b.userId }, (m) =>
      m.query(`SELECT (SELECT count(*)::int FROM claim_decisions WHERE practice_id = $1) AS lines, (SELECT count(*)::int FROM claim_decision_stale WHERE practice_id = $1) AS marks`, [a.practiceId]),
    );
    expect(seenByB).toEqual([{ lines: 0, marks: 0 }]);
    expect(await stored(a.practiceId)).toEqual(before);
    expect(expectOk(await server.gql(PROGRESS, {}, a.token)).decisionRefresh.staleDates).toBe(5);

    // The cross-tenant lookup answers practice ids only, and the runtime role reaches nothing else with it.
    const listed = await scoped({ practiceId: b.practiceId, userId: b.userId }, (m) => m.query(`SELECT practices_with_stale_decisions() AS id`));
    expect(listed).toContainEqual({ id: a.practiceId });

    const refreshed = await refresher.drain();
    expect(refreshed).toBeGreaterThanOrEqual(5);
    expect(expectOk(await server.gql(PROGRESS, {}, a.token)).decisionRefresh.staleDates).toBe(0);
    // Nothing left for a read to do, and what is stored is what a fresh evaluation gives.
    const lines = await stored(a.practiceId);
    // The change governs until the version the world set up for the 9th takes over.
    const governed = lines.filter((l) => l.view.serviceDate >= "2026-03-03" && l.view.serviceDate < "2026-03-09");
    expect(governed.length).toBeGreaterThan(0);
    expect(governed.every((l) => l.view.issues.some((i) => i.code === "GROUP_TOO_SMALL"))).toBe(true);
    await expectStoredMatchesScratch(a.practiceId, "after background refresh");
  }, 120_000);

  it("runs in the background until stopped, and does nothing once stopped", async () => {
    const owner = await signUpPractice(server, "Stopping");
    const fx = await billingSetup(server, owner);
    await readySession(server, owner, fx, { startsAt: "2026-03-02T15:00:00Z" });
    const staleDates = async () => expectOk(await server.gql(PROGRESS, {}, owner.token)).decisionRefresh.staleDates as number;
    expect(await staleDates()).toBe(1);
    const refresher = new DecisionRefresher(server.dataSource, 20, () => undefined);
    refresher.start();
    for (let waited = 0; (await staleDates()) > 0 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await staleDates()).toBe(0);
    await refresher.stop();
    expectOk(await server.gql(`mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-02-01", feeCents: 5000 }) { id } }`, { p: fx.payerId }, owner.token));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await staleDates()).toBe(1);
  }, 60_000);

  it("is for the roles that read claims", async () => {
    const owner = await signUpPractice(server, "Roles");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const res = await server.gql(PROGRESS, {}, clinician.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a read over more stale lines than it recomputes itself", () => {
  const READ = `query ($from: Date!, $to: Date!) {
    claimDecisions(from: $from, to: $to, first: 3) { totalCount staleDates edges { node { id status } } }
    claimSummary(from: $from, to: $to) { lineCount staleDates }
  }`;

  it("recomputes the earliest dates within its budget, answers at once saying how many dates still wait, and the background refresh completes them", async () => {
    const owner = await signUpPractice(server, "Budget");
    const fx = await billingSetup(server, owner, { members: 3 });
    // Ten days of sessions written straight into the tables, as a bulk import would: every date is stale.
    await server.dataSource.query(
      `INSERT INTO group_sessions (practice_id, id, group_id, starts_at, service_date, duration_minutes, modality, leader_id, topics, interventions)
       SELECT $1, gen_random_uuid(), $2, (date '2026-04-01' + n) + time '15:00' AT TIME ZONE 'America/New_York', date '2026-04-01' + n, 60, 'IN_PERSON', $3, 'Topic', 'Intervention'
       FROM generate_series(0, 9) AS n`,
      [owner.practiceId, fx.groupId, fx.clinicianId],
    );
    await server.dataSource.query(
      `INSERT INTO attendance (practice_id, id, session_id, client_id, status)
       SELECT s.practice_id, gen_random_uuid(), s.id, c, 'PRESENT' FROM group_sessions s CROSS JOIN unnest($2::uuid[]) AS c WHERE s.practice_id = $1`,
      [owner.practiceId, fx.clientIds],
    );
    await server.dataSource.query(
      `INSERT INTO member_notes (practice_id, id, session_id, client_id, participation, response, plan, signed_at, signed_by)
       SELECT practice_id, gen_random_uuid(), session_id, client_id, 'Engaged', 'Responded', 'Continue', now(), $2 FROM attendance WHERE practice_id = $1`,
      [owner.practiceId, owner.userId],
    );
    const range = { from: "2026-04-01", to: "2026-04-30" };
    // In the list's order: one session a day, so by date, then line id.
    const scratch = (await fromScratch(owner.practiceId))
      .map((v) => ({ id: v.id, status: v.status, date: v.serviceDate }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    expect(scratch).toHaveLength(30);
    const saved = readRecompute.lineBudget;
    readRecompute.lineBudget = 3; // one date of three members per read
    try {
      const first = expectOk(await server.gql(READ, range, owner.token));
      expect(first.claimDecisions.staleDates).toBe(9);
      expect(first.claimSummary.staleDates).toBe(8);
      // The page starts at the range's start, which is what was recomputed first: its lines are exact.
      expect(first.claimDecisions.edges.map((e: any) => e.node)).toEqual(scratch.slice(0, 3).map(({ id, status }) => ({ id, status })));
      // Counts hold only what is stored so far, and say so.
      expect(first.claimDecisions.totalCount).toBe(3);
      expect(first.claimSummary.lineCount).toBe(6);

      // A batch bills from current lines only: it recomputes the whole range whatever the read budget.
      const batch = expectOk(
        await server.gql(`mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount } }`, { input: { ...range, idempotencyKey: randomUUID() } }, owner.token),
      );
      expect(batch.createClaimBatch.lineCount).toBe(scratch.filter((l) => l.status === "READY").length);
      expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: batch.createClaimBatch.id }, owner.token));

      // A back-dated rules change marks the month again; the background refresh drains it with no read.
      expectOk(await server.gql(`mutation ($p: ID!) { setPayerRules(payerId: $p, rules: { effectiveFrom: "2026-04-01", minGroupSize: 4 }) { id } }`, { p: fx.payerId }, owner.token));
      const marked = expectOk(await server.gql(READ, range, owner.token));
      expect(marked.claimDecisions.staleDates).toBe(9);
      expect(marked.claimDecisions.edges.map((e: any) => e.node.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
      await new DecisionRefresher(server.dataSource, 60_000, () => undefined).drain();
      const drained = expectOk(await server.gql(READ, range, owner.token));
      expect(drained.claimDecisions).toMatchObject({ staleDates: 0, totalCount: 30 });
      expect(drained.claimSummary).toEqual({ lineCount: 30, staleDates: 0 });
    } finally {
      readRecompute.lineBudget = saved;
    }
    await expectStoredMatchesScratch(owner.practiceId, "after a budgeted read and the background refresh");
  }, 120_000);

  it("takes fewer lines on a server that recomputes slowly: its budget is time at the rate it last recomputed", async () => {
    const saved = { ...readRecompute };
    try {
      // A recompute of enough lines teaches the server its rate.
      readRecompute.msPerLine = null;
      const owner = await signUpPractice(server, "Slow server");
      const fx = await billingSetup(server, owner, { members: 10 });
      await insertDailySessions(server, owner, fx, 60, "2026-04-01");
      await inScope(server.dataSource, { practiceId: owner.practiceId, userId: null }, (m) => refreshDecisions(m, owner.practiceId, { from: "2026-04-01", to: "2026-05-30" }));
      expect(readRecompute.msPerLine).toBeGreaterThan(0);
      expect(readLineBudget()).toBe(Math.min(readRecompute.lineBudget, Math.max(readRecompute.minLines, Math.floor(readRecompute.timeBudgetMs / readRecompute.msPerLine!))));
      readRecompute.msPerLine = 10;
      expect(readLineBudget()).toBe(readRecompute.minLines);

      // With no floor, a server as slow as a third of the time budget a line takes three lines per read: a date of three members.
      const small = await signUpPractice(server, "Slow server's reader");
      const smallFx = await billingSetup(server, small, { members: 3 });
      await insertDailySessions(server, small, smallFx, 10, "2026-04-01");
      readRecompute.lineBudget = 6_000;
      readRecompute.minLines = 1;
      readRecompute.msPerLine = readRecompute.timeBudgetMs / 3;
      const first = expectOk(await server.gql(READ, { from: "2026-04-01", to: "2026-04-30" }, small.token));
      expect(first.claimDecisions.staleDates).toBe(9);
      expect(first.claimDecisions.totalCount).toBe(3);
      // A read's own few lines say nothing of the rate: it is what the large recompute taught.
      expect(readRecompute.msPerLine).toBe(readRecompute.timeBudgetMs / 3);
    } finally {
      Object.assign(readRecompute, saved);
    }
  }, 120_000);
});
