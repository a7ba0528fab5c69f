import { FREE_FAILURES } from "../../../server/src/auth/login-throttle";
import { expectOk, PASSWORD, signUpPractice, startTestServer, type TestServer } from "../../support/api";

/**
 * Servers are stateless (DESIGN §2, Scale): two API processes on one database, each with its own app and its own
 * connection pool, behind a load balancer that sends each request anywhere. Under interleaved load on both, the
 * guarantees of one server hold: a line is billed once, the login throttle is one per account, a token from one
 * works on the other, and logOut on one ends the session on both.
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
const TOO_MANY = /too many/i;

/** The load balancer: request i goes to one server or the other. */
const either = (i: number) => (i % 2 === 0 ? a : b);

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
