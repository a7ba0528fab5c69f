import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { uniqueNpi } from "../../support/npi";

/**
 * SIGTERM against the built server, as a deployment sends it: every request either gets its whole answer
 * (done, or 503 when it came after the signal) or never started, what a client saw as done is committed, what it
 * saw refused is not, and the process exits 0.
 */

jest.setTimeout(60_000);

const entry = path.resolve(__dirname, "../../../server/dist/index.js");
const databaseUrl = () => process.env.GB_TEST_DATABASE_URL!;
const WRITES = 40;

interface Booted {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function boot(graceSeconds = 20): Promise<Booted> {
  if (!fs.existsSync(entry)) throw new Error("server/dist is missing: run `npm run build` (npm test does) first");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl(), PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", DATABASE_POOL_SIZE: "10", SHUTDOWN_GRACE_SECONDS: String(graceSeconds) };
  // As under `npm start`: jest's NODE_ENV=test would hide libraries' own signal handling.
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [entry], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", () => {
      const match = /serving the API at http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

async function gql(base: string, query: string, variables: Record<string, unknown>, token?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${base}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
}

async function signUp(base: string): Promise<string> {
  const res = await gql(base, `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`, {
    input: { practiceName: `Drain ${randomUUID().slice(0, 8)}`, npi: uniqueNpi(), email: `drain-${randomUUID()}@example.test`, password: "a long enough password", name: "Owner" },
  });
  return (await res.json()).data.signUp.token;
}

type Outcome = { firstName: string; status: number; body: any } | { firstName: string; failure: string };

const CREATE = `mutation ($input: CreateClientInput!) { createClient(input: $input) { id firstName } }`;

function write(base: string, token: string, firstName: string): Promise<Outcome> {
  return gql(base, CREATE, { input: { firstName, lastName: "Drain", dateOfBirth: "1990-04-02", diagnosisCodes: ["F32.1"], coverages: [] } }, token).then(
    async (res) => ({ firstName, status: res.status, body: await res.json() }),
    (error: Error) => ({ firstName, failure: String((error as { cause?: unknown }).cause ?? error) }),
  );
}

/** Every answer complete, every 200 committed, nothing committed for a 503. */
async function expectAnsweredAndConsistent(outcomes: Outcome[], db: Client): Promise<{ done: number; refused: number }> {
  const incomplete = outcomes.filter((o) => "failure" in o || ![200, 503].includes(o.status));
  expect(incomplete).toEqual([]);
  const answered = outcomes as Extract<Outcome, { status: number }>[];
  for (const o of answered) {
    if (o.status === 200) expect(o.body.data.createClient.firstName).toBe(o.firstName);
    else expect(o.body.errors).toEqual([{ message: expect.any(String), extensions: { code: "SERVICE_UNAVAILABLE", requestId: expect.any(String) } }]);
  }
  const stored = await db.query<{ first_name: string }>(`SELECT first_name FROM clients WHERE first_name = ANY($1)`, [answered.map((o) => o.firstName)]);
  const committed = stored.rows.map((r) => r.first_name).sort();
  expect(committed).toEqual(answered.filter((o) => o.status === 200).map((o) => o.firstName).sort());
  return { done: committed.length, refused: answered.length - committed.length };
}

let db: Client;
beforeAll(async () => {
  db = new Client({ connectionString: databaseUrl() });
  await db.connect();
});
afterAll(async () => {
  await db.end();
});

describe("SIGTERM", () => {
  let server: Booted | null = null;
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    server = null;
  });

  it("finishes the writes in flight, answers newcomers 503 with Retry-After and fails /readyz, then exits 0", async () => {
    server = await boot();
    const token = await signUp(server.base);
    const run = randomUUID().slice(0, 8);
    // Holding the clients table keeps the first writes inside their transactions until the test lets go.
    const holder = new Client({ connectionString: databaseUrl() });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE clients IN EXCLUSIVE MODE");
    let released = false;
    try {
      const outcomes = Array.from({ length: WRITES }, (_, i) => write(server!.base, token, `Drain${run}n${i}`));
      await waitFor(async () => (await blockedInserts()) >= 10, "ten writes waiting inside their transactions");

      server.child.kill("SIGTERM");
      // Only once the server has the signal: a /readyz before it would queue behind the held writes for a connection.
      await waitFor(async () => server!.output().includes("SIGTERM: finishing"), "the server to take the signal");
      const ready = await fetch(`${server.base}/readyz`);
      expect(ready.status).toBe(503);
      const late = await write(server.base, token, `Drain${run}late`);
      expect(late).toMatchObject({ status: 503 });
      const lateRes = await gql(server.base, `{ __typename }`, {});
      expect(lateRes.status).toBe(503);
      expect(Number(lateRes.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(server.child.exitCode).toBeNull();

      await holder.query("COMMIT");
      released = true;
      const all = await Promise.all(outcomes);
      const { done } = await expectAnsweredAndConsistent([...all, late], db);
      // At least the ten writes that were provably inside their transactions when the signal came were finished.
      expect(done).toBeGreaterThanOrEqual(10);
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toMatch(/Shutdown took too long|Error/);
    } finally {
      if (!released) await holder.query("ROLLBACK").catch(() => undefined);
      await holder.end();
    }
  });

  it(`answers all of ${WRITES} concurrent writes in full when the signal lands among them`, async () => {
    server = await boot();
    const token = await signUp(server.base);
    const run = randomUUID().slice(0, 8);
    const outcomes = Array.from({ length: WRITES }, (_, i) => write(server!.base, token, `Race${run}n${i}`));
    // The signal lands while the writes arrive: those that got in finish, the rest are refused; none is dropped.
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill("SIGTERM");
    const { done, refused } = await expectAnsweredAndConsistent(await Promise.all(outcomes), db);
    expect(done + refused).toBe(WRITES);
    expect(await server.exited).toBe(0);
  });

  it("cuts what is still running when the grace period ends, commits none of it, and exits 1 soon after", async () => {
    server = await boot(1);
    const token = await signUp(server.base);
    const run = randomUUID().slice(0, 8);
    const holder = new Client({ connectionString: databaseUrl() });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("LOCK TABLE clients IN EXCLUSIVE MODE");
    try {
      const stuck = write(server.base, token, `Cut${run}`);
      await waitFor(async () => (await blockedInserts()) >= 1, "the write to wait inside its transaction");
      const signalled = Date.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(4000);
      expect(await stuck).toEqual({ firstName: `Cut${run}`, failure: expect.any(String) });
      expect(server.output()).toContain("1 request(s) still running after 1 s were cut");
    } finally {
      await holder.query("COMMIT");
      await holder.end();
    }
    // Its connection is gone, so its transaction can only roll back once the lock is free.
    await waitFor(async () => (await groupbillBackends()) === 0, "the cut write's backend to end");
    expect((await db.query(`SELECT 1 FROM clients WHERE first_name = $1`, [`Cut${run}`])).rowCount).toBe(0);
  });
});

async function groupbillBackends(): Promise<number> {
  const res = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'groupbill'`);
  return Number(res.rows[0].n);
}

async function blockedInserts(): Promise<number> {
  const res = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'groupbill' AND wait_event_type = 'Lock'`,
  );
  return Number(res.rows[0].n);
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
