/**
 * A batch locks its practice's row while the background refresh may be recomputing the same practice's decisions.
 * The refresh holds the practice's recompute lock and inserts decision rows, whose foreign key takes a KEY SHARE
 * lock on the practice row; the batch, holding the practice row, then asks for the recompute lock. With the
 * practice row locked FOR UPDATE the two waited on each other (PostgreSQL's deadlock detector aborted the batch:
 * the year batch of `npm run bench` failed this way); locked FOR NO KEY UPDATE the refresh's foreign key passes.
 * A change to a client's prior authorizations locks the client's row the same way, for the same reason, against a
 * batch's lines.
 */
import { expectOk, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount } }`;

async function waitForAdvisoryWaiter(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await server.dataSource.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
    if (row.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the batch never waited for the recompute lock");
}

it("creates a batch while the refresh holds the recompute lock and passes the practice row's foreign key", async () => {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3 });
  await readySession(server, owner, fx);
  // The lines' date is stale (nothing has read it yet), so the batch must recompute it under the recompute lock.
  const refresh = server.dataSource.createQueryRunner();
  await refresh.connect();
  try {
    await refresh.startTransaction();
    await refresh.query(`SELECT pg_advisory_xact_lock(hashtextextended('claim_decisions:' || $1::text, 0))`, [owner.practiceId]);
    const batch = server.gql(CREATE, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "while-refreshing" } }, owner.token);
    await waitForAdvisoryWaiter();
    // What inserting a decision row makes PostgreSQL do for its foreign key to the practice.
    await refresh.query(`SELECT 1 FROM practices WHERE id = $1 FOR KEY SHARE`, [owner.practiceId]);
    await refresh.commitTransaction();
    expect(expectOk(await batch).createClaimBatch.lineCount).toBe(3);
  } finally {
    if (refresh.isTransactionActive) await refresh.rollbackTransaction();
    await refresh.release();
  }
});

it("adds a prior authorization while a batch holds the recompute lock and passes the client row's foreign key", async () => {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 2 });
  await readySession(server, owner, fx);
  const [client] = fx.clientIds;
  // The add marks the session's date stale and counts units from refreshed decisions, under the recompute lock.
  const batch = server.dataSource.createQueryRunner();
  await batch.connect();
  try {
    await batch.startTransaction();
    await batch.query(`SELECT pg_advisory_xact_lock(hashtextextended('claim_decisions:' || $1::text, 0))`, [owner.practiceId]);
    const add = server.gql(
      `mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { unitsUsed } }`,
      { clientId: client, input: { payerId: fx.payerId, number: "PA-1", startDate: "2026-03-01", endDate: "2026-03-31", units: 2 } },
      owner.token,
    );
    await waitForAdvisoryWaiter();
    // What inserting a batch line makes PostgreSQL do for its foreign key to the client.
    await batch.query(`SELECT 1 FROM clients WHERE practice_id = $1 AND id = $2 FOR KEY SHARE`, [owner.practiceId, client]);
    await batch.commitTransaction();
    expect(expectOk(await add).addPriorAuthorization.unitsUsed).toBe(1);
  } finally {
    if (batch.isTransactionActive) await batch.rollbackTransaction();
    await batch.release();
  }
});
