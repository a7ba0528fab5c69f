import { randomUUID } from "node:crypto";
import { expectOk, PASSWORD, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy";

const logged: string[] = [];
let proxy: TcpProxy;
let server: TestServer;
let owner: PracticeFixture;
beforeAll(async () => {
  const databaseUrl = process.env.GB_TEST_DATABASE_URL!;
  const target = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  server = await startTestServer({ databaseUrl: proxy.urlFor(databaseUrl), log: (message) => logged.push(message) });
  owner = await signUpPractice(server);
});
afterAll(async () => {
  await proxy.restore().catch(() => undefined);
  await server.stop();
  await proxy.close();
});

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { res, body: await res.json() };
}

const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`;

function expectUnavailable(res: Response, body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }, requestId: string): void {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(res.headers.get("x-request-id")).toBe(requestId);
  expect(body.errors!.length).toBeGreaterThan(0);
  for (const error of body.errors!) {
    expect(error.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", requestId });
    expect(error.message).not.toMatch(/ECONN|connect|terminated|127\.0\.0\.1|\d{4,}/);
  }
}

describe("while the database cannot be reached", () => {
  beforeAll(async () => {
    await proxy.cut();
  });

  it("a signed-in request (its token cannot be checked) answers 503 SERVICE_UNAVAILABLE with its request id, logged once", async () => {
    const requestId = `outage-${randomUUID()}`;
    const { res, body } = await post(`{ practice { id } }`, {}, { authorization: `Bearer ${owner.token}`, "x-request-id": requestId });
    expectUnavailable(res, body, requestId);
    expect(logged.filter((line) => line.includes(requestId))).toEqual([expect.stringMatching(/database is unavailable/)]);
  });

  it("a request without a token, failing in its resolver, answers the same, logged once", async () => {
    const requestId = `outage-${randomUUID()}`;
    const { res, body } = await post(LOG_IN, { input: { email: owner.email, password: PASSWORD } }, { "x-request-id": requestId });
    expectUnavailable(res, body, requestId);
    expect(body.errors).toEqual([expect.objectContaining({ path: ["logIn"] })]);
    expect(logged.filter((line) => line.includes(requestId))).toHaveLength(1);
  });

  it("a request without a request id gets one, the same in the body, the header and the log", async () => {
    const { res, body } = await post(`{ practice { id } }`, {}, { authorization: `Bearer ${owner.token}` });
    const requestId = res.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expectUnavailable(res, body, requestId);
    expect(logged.filter((line) => line.includes(requestId))).toHaveLength(1);
  });

  it("/readyz says so", async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });
});

describe("once the database is back", () => {
  it("the same requests succeed again", async () => {
    await proxy.restore();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(expectOk(await server.gql(`{ practice { id } }`, {}, owner.token)).practice.id).toBe(owner.practiceId);
    expect(expectOk(await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } })).logIn.token).toEqual(expect.any(String));
  });
});
