/**
 * How a claimDecisions read reaches the stored decisions: the plans PostgreSQL makes for the statements it sends.
 * Every read asks whether a decision's recheck date has come; asked so that the planner cannot use the recheck
 * index, that question scanned the whole claim_decisions table of the practice on every read (most of the time of
 * a month's page on a large practice). The plans are checked, not the time, which a shared machine makes noisy.
 */
import type { Logger } from "typeorm";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { setPracticeClock } from "../../../server/src/services/practice-clock";
import { expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, insertDailySessions } from "../../support/billing-fixture";

class CapturingLogger implements Logger {
  sent: { query: string; parameters: unknown[] }[] = [];
  logQuery(query: string, parameters?: unknown[]) {
    this.sent.push({ query, parameters: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

const PAGE = `query ($from: Date!, $to: Date!) {
  claimDecisions(from: $from, to: $to, first: 100) { totalCount staleDates edges { node { id status issues { code } } } }
}`;

const logger = new CapturingLogger();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger });
});
afterAll(async () => {
  setPracticeClock(null);
  await server.stop();
});

/** The statements one request sent, in order. */
async function statementsOf(owner: PracticeFixture, range: { from: string; to: string }) {
  const before = logger.sent.length;
  const data = expectOk(await server.gql(PAGE, range, owner.token));
  return { page: data.claimDecisions, sent: logger.sent.slice(before) };
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The plan of a statement as the request ran it: as the runtime role, in the practice, with its parameters. */
async function planOf(owner: PracticeFixture, statement: { query: string; parameters: unknown[] }): Promise<PlanNode[]> {
  const [row] = await inScope(server.dataSource, { practiceId: owner.practiceId, userId: owner.userId }, (m) =>
    m.query(`EXPLAIN (FORMAT JSON) ${statement.query}`, statement.parameters),
  );
  return nodesOf(row["QUERY PLAN"][0].Plan);
}

const scansOf = (nodes: PlanNode[], table: string) =>
  nodes.filter((n) => n["Relation Name"] === table).map((n) => `${n["Node Type"]}${n["Index Name"] ? ` ${n["Index Name"]}` : ""}`);

describe("a claimDecisions read", () => {
  let owner: PracticeFixture;
  beforeAll(async () => {
    owner = await signUpPractice(server);
    // A filing window gives every decision a recheck date, so the recheck index holds the practice's lines.
    const fx = await billingSetup(server, owner, { members: 3, payerRules: { timelyFilingDays: 365 } });
    await insertDailySessions(server, owner, fx, 300, "2026-01-01");
    setPracticeClock(() => new Date("2026-12-01T12:00:00Z"));
    // The first read recomputes the whole range (900 lines fit a read's budget); statistics as autovacuum would leave them.
    expect((await statementsOf(owner, { from: "2026-01-01", to: "2026-12-31" })).page.staleDates).toBe(0);
    await server.dataSource.query(`ANALYZE claim_decisions, claim_decision_counts, claim_decision_stale`);
  });

  it("with nothing stale or due reads no whole table of decisions and counts no session's lines", async () => {
    for (const range of [{ from: "2026-03-01", to: "2026-03-31" }, { from: "2026-01-01", to: "2026-12-31" }]) {
      const { page, sent } = await statementsOf(owner, range);
      expect(page.staleDates).toBe(0);
      expect(page.edges).toHaveLength(Math.min(100, page.totalCount));
      const reads = sent.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.query) && /claim_decision/.test(s.query));
      // The freshness check (stale dates and due decisions), then the page with its count.
      expect(reads).toHaveLength(2);
      // Lines are counted only to share out a read's budget among two or more stale dates.
      expect(sent.filter((s) => /\battendance\b/.test(s.query))).toEqual([]);
      for (const statement of reads) {
        const nodes = await planOf(owner, statement);
        expect(scansOf(nodes, "claim_decisions").filter((scan) => scan.startsWith("Seq Scan"))).toEqual([]);
      }
      // The due check is a probe of the recheck index.
      expect(scansOf(await planOf(owner, reads[0]), "claim_decisions")).toEqual([expect.stringMatching(/claim_decisions_recheck_idx$/)]);
    }
  });

  it("with decisions due marks their dates and answers what today gives", async () => {
    // A year on, the filing window of the first months' lines has closed: the read marks them (today passed to the
    // marking as a value) and recomputes its range before answering.
    setPracticeClock(() => new Date("2027-03-15T12:00:00Z"));
    const { page, sent } = await statementsOf(owner, { from: "2026-01-01", to: "2026-01-31" });
    expect(sent.filter((s) => /UPDATE claim_decisions SET recheck_on = NULL/.test(s.query))).toHaveLength(1);
    expect(page.staleDates).toBe(0);
    expect(page.totalCount).toBe(93);
    expect(page.edges.every((e: { node: { issues: { code: string }[] } }) => e.node.issues.some((i) => i.code === "TIMELY_FILING_EXPIRED"))).toBe(true);
    // Marked once: the next read finds nothing due.
    const again = await statementsOf(owner, { from: "2026-01-01", to: "2026-01-31" });
    expect(again.sent.filter((s) => /UPDATE claim_decisions/.test(s.query))).toEqual([]);
  });
});

describe("the dashboard's filing-deadline reads", () => {
  it("find a year's few lines near or past their deadline through their own indexes, not by walking the year", async () => {
    // A practice's year of stored lines (copies of another practice's, 22,500), one in a hundred due soon and one in
    // a hundred past its deadline: enough rows that the plan is the one a real practice gets.
    const owner = await signUpPractice(server);
    const source = await signUpPractice(server);
    const fx = await billingSetup(server, source, { members: 3 });
    await insertDailySessions(server, source, fx, 300, "2026-01-01");
    expect((await statementsOf(source, { from: "2026-01-01", to: "2026-12-31" })).page.totalCount).toBe(900);
    await server.dataSource.query(
      `INSERT INTO claim_decisions (practice_id, id, session_id, client_id, session_date, session_starts_at, service_date, payer_id, status, charge_cents,
         issue_codes, error_codes, group_id, leader_id, rendering_clinician_id, decision)
       SELECT $1, gen_random_uuid(), d.session_id, d.client_id, d.session_date, d.session_starts_at, d.service_date, d.payer_id,
              CASE WHEN k.flag = 1 THEN 'BLOCKED' ELSE 'READY' END, d.charge_cents,
              CASE k.flag WHEN 0 THEN '{TIMELY_FILING_SOON}' WHEN 1 THEN '{TIMELY_FILING_EXPIRED}' ELSE '{}' END::text[],
              CASE k.flag WHEN 1 THEN '{TIMELY_FILING_EXPIRED}' ELSE '{}' END::text[],
              d.group_id, d.leader_id, d.rendering_clinician_id, d.decision
       FROM claim_decisions d CROSS JOIN generate_series(1, 25) AS n
       CROSS JOIN LATERAL (SELECT abs(hashtext(d.id::text || n)) % 100 AS flag) k
       WHERE d.practice_id = $2`,
      [owner.practiceId, source.practiceId],
    );
    await server.dataSource.query(`ANALYZE claim_decisions`);
    // The dashboard's filing panel asks this, once per code.
    const FLAGGED = `query ($from: Date!, $to: Date!, $flaggedBy: ClaimIssueCode) {
      claimDecisions(from: $from, to: $to, flaggedBy: $flaggedBy, first: 10) { totalCount edges { node { id } } }
    }`;
    for (const [filter, index] of [
      [{ flaggedBy: "TIMELY_FILING_SOON" }, "claim_decisions_filing_soon_idx"],
      [{ flaggedBy: "TIMELY_FILING_EXPIRED" }, "claim_decisions_filing_expired_idx"],
    ] as const) {
      const before = logger.sent.length;
      const data = expectOk(await server.gql(FLAGGED, { from: "2026-01-01", to: "2026-12-31", ...filter }, owner.token));
      expect(data.claimDecisions.totalCount).toBeGreaterThan(100);
      expect(data.claimDecisions.totalCount).toBeLessThan(400);
      const [read] = logger.sent.slice(before).filter((s) => /LIMIT/.test(s.query) && /FROM claim_decisions d/.test(s.query));
      const nodes = await planOf(owner, read!);
      // The count and the page each read their lines through the index (directly, or as a bitmap whose heap scan names
      // no index), and nothing walks the year.
      expect(scansOf(nodes, "claim_decisions").filter((scan) => scan !== "Bitmap Heap Scan" && !scan.endsWith(index))).toEqual([]);
      expect(nodes.filter((n) => n["Index Name"] === index)).toHaveLength(2);
    }
  });
});

describe("the sessions page", () => {
  it("reads its page of sessions through the start-order index from the range's start, not from the practice's first session", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await insertDailySessions(server, owner, fx, 300, "2026-01-01");
    await server.dataSource.query(`ANALYZE group_sessions`);
    const SESSIONS = `query ($from: Date!, $after: String) {
      sessions(from: $from, first: 50, after: $after) { totalCount pageInfo { endCursor } edges { node { id date } } }
    }`;
    const before = logger.sent.length;
    const first = expectOk(await server.gql(SESSIONS, { from: "2026-03-01" }, owner.token)).sessions;
    // One session a day from 2026-01-01: 241 of the 300 on or after 2026-03-01, the page the first 50 of them in date order.
    expect(first.totalCount).toBe(241);
    expect(first.edges.map((e: { node: { date: string } }) => e.node.date)).toEqual(Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10)));
    const next = expectOk(await server.gql(SESSIONS, { from: "2026-03-01", after: first.pageInfo.endCursor }, owner.token)).sessions;
    expect(next.edges[0].node.date).toBe("2026-04-20");
    const reads = logger.sent.slice(before).filter((s) => /FROM group_sessions s/.test(s.query) && /LIMIT/.test(s.query));
    expect(reads).toHaveLength(2);
    // The first page, from the range's start (a range of the index), not from the practice's first session on. (A
    // page after a cursor starts at the cursor; how PostgreSQL reads it from there depends on its statistics.)
    const nodes = await planOf(owner, reads[0]);
    expect(nodes.filter((n) => n["Index Name"] === "group_sessions_start_idx").map((n) => n["Index Cond"])).toEqual([expect.stringMatching(/starts_at >=/)]);
  });
});
