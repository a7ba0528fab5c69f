import type { Logger } from "typeorm";
import { expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, insertDailySessions } from "../../support/billing-fixture";

/** Counts every SQL statement the server sends, so a test can tell batching from N+1. */
class CountingLogger implements Logger {
  queries: string[] = [];
  get count() {
    return this.queries.length;
  }
  logQuery(query: string) {
    this.queries.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

const EVERYTHING = `query ($first: Int!, $from: Date!) {
  sessions(first: $first, from: $from) { totalCount edges { node {
    id date presentCount
    group { name leader { name } members { id coverages { memberId } } }
    leader { name npi }
    attendance { status client { id firstName coverages { memberId payer { name rules { minGroupSize modifierRules { modifier } } } } } }
    notes { id participation signedBy { id } addenda { text author { id } } client { id } }
    claimDecisions { id status issues { code } payer { id name } client { id } session { id } }
  } } }
}`;

/** The console's sessions list: what the bench serves against a bare Apollo + pg + DataLoader server. */
export const SESSIONS_PAGE = `query ($first: Int!, $from: Date!) {
  sessions(first: $first, from: $from) { totalCount edges { node {
    id date presentCount group { name } leader { name }
    attendance { status client { id firstName lastName } }
  } } }
}`;

const DECISIONS_WITH_PARENTS = `query ($from: Date!, $to: Date!) {
  claimDecisions(from: $from, to: $to, first: 100) { totalCount edges { node { id status session { id date } client { id firstName } payer { id name } } } }
}`;

const logger = new CountingLogger();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger });
});
afterAll(async () => {
  await server.stop();
});

async function statementsOf(owner: PracticeFixture, query: string, variables: Record<string, unknown>): Promise<number> {
  const before = logger.count;
  expectOk(await server.gql(query, variables, owner.token));
  return logger.count - before;
}

async function statementsFor(owner: PracticeFixture, first: number): Promise<number> {
  const before = logger.count;
  const data = expectOk(await server.gql(EVERYTHING, { first, from: "2026-01-01" }, owner.token));
  expect(data.sessions.edges).toHaveLength(first);
  expect(data.sessions.edges[0].node.claimDecisions).toHaveLength(3);
  return logger.count - before;
}

describe("nested reads", () => {
  it("cost the same number of SQL statements for a page of 10 sessions as for 50", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await insertDailySessions(server, owner, fx, 50, "2026-02-01");
    const ten = await statementsFor(owner, 10);
    const fifty = await statementsFor(owner, 50);
    expect(fifty).toBe(ten);
    // One transaction for the request: BEGIN, scope, the token check (3), the pages, and for the dates not stored
    // yet their recompute (lock, marks, one statement per kind of fact row, prior authorizations included, and
    // five to rewrite the dates), COMMIT.
    expect(ten).toBeLessThanOrEqual(42);
    // Once stored, the same read answers without evaluating anything.
    const again = await statementsFor(owner, 50);
    expect(again).toBeLessThanOrEqual(ten - 18);
  });

  it("answer the sessions page in at most 8 statements, token check included, the same for 10 sessions as for 50", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await insertDailySessions(server, owner, fx, 50, "2026-02-01");
    const counts = [];
    for (const first of [10, 50]) {
      const before = logger.count;
      const data = expectOk(await server.gql(SESSIONS_PAGE, { first, from: "2026-01-01" }, owner.token));
      counts.push(logger.count - before);
      expect(data.sessions.edges).toHaveLength(first);
      expect(data.sessions.totalCount).toBe(50);
      const node = data.sessions.edges[first - 1].node;
      expect(node.group.name).toBeTruthy();
      expect(node.leader.name).toBeTruthy();
      expect(node.attendance).toHaveLength(3);
      expect(node.presentCount).toBe(3);
    }
    expect(counts[1]).toBe(counts[0]);
    // BEGIN, scope, the token check (one function), sessions with their count, groups and leaders, attendance with
    // its clients, COMMIT.
    expect(counts[0]).toBeLessThanOrEqual(8);
    // A later page still counts every session of the filter, not those after the cursor.
    const first = expectOk(await server.gql(`query { sessions(first: 20, from: "2026-01-01") { pageInfo { endCursor } } }`, {}, owner.token));
    const second = expectOk(
      await server.gql(`query ($after: String) { sessions(first: 20, from: "2026-01-01", after: $after) { totalCount edges { node { id } } } }`, { after: first.sessions.pageInfo.endCursor }, owner.token),
    );
    expect(second.sessions.totalCount).toBe(50);
    expect(second.sessions.edges).toHaveLength(20);
    // Past the last session there is no row to carry the count: it is still the filter's.
    const all = expectOk(await server.gql(`query { sessions(first: 50, from: "2026-01-01") { pageInfo { endCursor } } }`, {}, owner.token));
    const past = expectOk(
      await server.gql(`query ($after: String) { sessions(first: 5, from: "2026-01-01", after: $after) { totalCount edges { node { id } } } }`, { after: all.sessions.pageInfo.endCursor }, owner.token),
    );
    expect(past.sessions).toEqual({ totalCount: 50, edges: [] });
  });

  it("answer claimDecisions with their session, client and payer in one transaction", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    await insertDailySessions(server, owner, fx, 20, "2026-02-01");
    const before = logger.count;
    const data = expectOk(await server.gql(DECISIONS_WITH_PARENTS, { from: "2026-02-01", to: "2026-02-28" }, owner.token));
    const sent = logger.queries.slice(before);
    const statements = sent.length;
    expect(data.claimDecisions.totalCount).toBe(60);
    expect(data.claimDecisions.edges[0].node.session.id).toBeTruthy();
    expect(data.claimDecisions.edges[0].node.payer.name).toBeTruthy();
    expect(sent.filter((q) => q === "START TRANSACTION")).toHaveLength(1);
    expect(sent.filter((q) => q === "COMMIT")).toHaveLength(1);
    // The stale dates' recompute (lock, marks, one statement per kind of fact row, five to rewrite), then one
    // statement for the filtered page and its count, and one per kind of parent.
    expect(statements).toBeLessThanOrEqual(30);
    const again = await statementsOf(owner, DECISIONS_WITH_PARENTS, { from: "2026-02-01", to: "2026-02-28" });
    expect(again).toBeLessThanOrEqual(11);
  });
});
