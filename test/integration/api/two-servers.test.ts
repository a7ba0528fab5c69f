import { DEFAULT_LOGIN_THROTTLE } from "../../../server/src/auth/login-throttle";

const FREE_FAILURES = DEFAULT_LOGIN_THROTTLE.freeAttempts;
import { errorCode, expectOk, PASSWORD, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";

/**
 * Servers are stateless (DESIGN §2, Scale): two API processes on one database, each with its own app and its own
 * connection pool, behind a load balancer that sends each request anywhere. Under interleaved load on both, the
 * guarantees of one server hold: a line is billed once, the login throttle is one per account, a token from one
 * works on the other, and logOut on one ends the session on both.
 *
 * The two apps share this test's process, but nothing the guarantees rest on is process state: createApp builds
 * its own services and loaders, and each TestServer has its own DataSource (pool), so every request of one server
 * reaches the other's effects only through PostgreSQL, as between two machines.
 */

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = [await startTestServer(), await startTestServer()];
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`;
const ME = `{ me { user { email } practice { id } } }`;
const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount } }`;
const BILLING_DETAILS = `mutation { updatePractice(input: { taxId: "043219876", taxonomyCode: "261QM0801X", addressLine1: "1 Main St", addressCity: "Boston", addressState: "MA", addressZip: "02110-1234", phone: "6175550100", clearinghouseName: "Test House", clearinghouseId: "TESTHOUSE", submitterId: "SUBMIT01", submitterName: "Test Practice Billing", submitterContactName: "Pat Biller", x12UsageIndicator: "t" }) { id } }`;
const TOO_MANY = /too many/i;

/** The load balancer: request i goes to one server or the other. */
const either = (i: number) => (i % 2 === 0 ? a : b);

async function practiceWithLines(server: TestServer): Promise<PracticeFixture> {
  const owner = await signUpPractice(server);
  expectOk(await server.gql(BILLING_DETAILS, {}, owner.token));
  const fx = await billingSetup(server, owner, { members: 3 });
  await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  await readySession(server, owner, fx, { startsAt: "2026-03-11T15:00:00Z" });
  return owner;
}

const march = (idempotencyKey: string) => ({ input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey } });

async function liveLines(practiceId: string): Promise<{ n: number; distinct: number; batches: number }> {
  const [row] = await a.dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT (session_id, client_id))::int AS distinct, count(DISTINCT batch_id)::int AS batches
       FROM claim_batch_lines WHERE practice_id = $1 AND NOT voided`,
    [practiceId],
  );
  return row;
}

it("keeps every guarantee under interleaved load on both servers", async () => {
  const billing = await practiceWithLines(a);
  const sameKey = await practiceWithLines(b);
  const victim = await signUpPractice(b);
  const member = await signUpPractice(a);

  const [races, repeats, guesses, logins, reads] = await Promise.all([
    // Both servers bill the same range at once, each request with its own key.
    Promise.all(Array.from({ length: 8 }, (_, i) => either(i).gql(CREATE, march(`race-${i}`), billing.token))),
    // A client retrying one request through both servers.
    Promise.all(Array.from({ length: 6 }, (_, i) => either(i).gql(CREATE, march("same-key"), sameKey.token))),
    // Password guessing spread over both servers.
    Promise.all(Array.from({ length: 12 }, (_, i) => either(i).gql(LOG_IN, { input: { email: victim.email, password: `wrong-password-${i}` } }))),
    // Ordinary sign-ins meanwhile.
    Promise.all(Array.from({ length: 4 }, (_, i) => either(i).gql(LOG_IN, { input: { email: member.email, password: PASSWORD } }))),
    // Ordinary reads, with a token issued by the other server.
    Promise.all(Array.from({ length: 6 }, (_, i) => either(i).gql(ME, {}, i % 2 === 0 ? victim.token : billing.token))),
  ]);

  // No double billing: exactly one batch took the six lines; every other request was told why it did not.
  const made = races.filter((r) => r.data?.createClaimBatch);
  expect(made).toHaveLength(1);
  expect(made[0]!.data.createClaimBatch.lineCount).toBe(6);
  for (const r of races.filter((r) => !r.data?.createClaimBatch)) {
    expect(["CONFLICT", "BAD_USER_INPUT"]).toContain(errorCode(r));
  }
  expect(await liveLines(billing.practiceId)).toEqual({ n: 6, distinct: 6, batches: 1 });
  for (const server of [a, b]) {
    expect(expectOk(await server.gql(`{ claimBatches { id } }`, {}, billing.token)).claimBatches).toEqual([{ id: made[0]!.data.createClaimBatch.id }]);
  }

  // One key, one batch, whichever server answered.
  expect(new Set(repeats.map((r) => expectOk(r).createClaimBatch.id)).size).toBe(1);
  expect(await liveLines(sameKey.practiceId)).toEqual({ n: 6, distinct: 6, batches: 1 });

  // The throttle counts guesses on both servers against one account.
  const messages = guesses.map((r: GraphQLResponse) => {
    expect(errorCode(r)).toBe("UNAUTHENTICATED");
    return r.errors![0].message;
  });
  expect(messages.filter((m) => !TOO_MANY.test(m))).toHaveLength(FREE_FAILURES);
  for (const server of [a, b]) {
    const right = await server.gql(LOG_IN, { input: { email: victim.email, password: PASSWORD } });
    expect(right.errors![0].message).toMatch(TOO_MANY);
  }

  // Tokens are valid on either server.
  for (const r of reads) expect(r.errors).toBeUndefined();
  const tokens = logins.map((r) => expectOk(r).logIn.token as string);
  for (const [i, token] of tokens.entries()) {
    expect(expectOk(await either(i + 1).gql(ME, {}, token)).me.user.email).toBe(member.email);
  }

  // logOut on one server ends that session on the other, and only that session.
  expect(expectOk(await a.gql(`mutation { logOut }`, {}, tokens[0])).logOut).toBe(true);
  expect(errorCode(await b.gql(ME, {}, tokens[0]))).toBe("UNAUTHENTICATED");
  expect(errorCode(await a.gql(ME, {}, tokens[0]))).toBe("UNAUTHENTICATED");
  expect(expectOk(await b.gql(ME, {}, tokens[1])).me.user.email).toBe(member.email);
});

it("answers concurrent guesses beyond the allowance with the lockout, without checking their passwords", async () => {
  const victim = await signUpPractice(a);
  const other = await signUpPractice(b);
  const guesses = await Promise.all(Array.from({ length: 3 * FREE_FAILURES }, (_, i) => either(i).gql(LOG_IN, { input: { email: victim.email, password: `wrong-password-${i}` } })));
  const checked = guesses.filter((r) => !TOO_MANY.test(r.errors![0].message));
  expect(checked).toHaveLength(FREE_FAILURES);
  const [{ failures }] = await a.dataSource.query(`SELECT failures FROM login_throttle WHERE email = $1`, [victim.email]);
  expect(failures).toBe(FREE_FAILURES);
  // Another account on the same servers is not affected.
  expect(expectOk(await a.gql(LOG_IN, { input: { email: other.email, password: PASSWORD } })).logIn.token).toEqual(expect.any(String));
});
