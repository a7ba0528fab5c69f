import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";

let server: TestServer;
let production: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  production = await startTestServer({ production: true });
});
afterAll(async () => {
  await server.stop();
  await production.stop();
});

async function post(target: TestServer, body: string, headers: Record<string, string> = {}) {
  return fetch(`${target.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });
});

describe("security headers", () => {
  it("forbid framing and sniffing and limit the console to its own origin", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("request limits", () => {
  it("refuses bodies over 1 MB", async () => {
    const res = await post(server, JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } }));
    expect(res.status).toBe(413);
  });

  it("reads a body over 1 MB only from a signed-in member who may import remittances (an 835 of a large payer's month)", async () => {
    const owner = await signUpPractice(server);
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id } }`;
    // Two megabytes that are not an 835: read and handed to the parser, which refuses them by name.
    const big = JSON.stringify({ query: IMPORT, variables: { input: { fileName: "big.835", text: `ISA${"*".repeat(2_000_000)}` } } });
    for (const token of [owner.token, biller.token]) {
      const res = await post(server, big, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(errorCode(body)).toBe("BAD_USER_INPUT");
      expect(body.errors[0].message).toMatch(/not imported/);
    }
    // Anyone else's body is refused before it is read: no token, an unknown token, a member who may not import.
    for (const headers of [{}, { authorization: "Bearer not-a-token" }, { authorization: `Bearer ${clinician.token}` }]) {
      expect((await post(server, big, headers)).status).toBe(413);
    }
    // Past the 835's own limit the field says so; past the larger body limit the body is refused too.
    const tooLong = await post(server, JSON.stringify({ query: IMPORT, variables: { input: { text: "x".repeat(10_000_001) } } }), { authorization: `Bearer ${owner.token}` });
    const tooLongBody = await tooLong.json();
    expect(errorCode(tooLongBody)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(tooLongBody.errors[0])).toMatch(/at most 10000000 characters/);
    const huge = JSON.stringify({ query: IMPORT, variables: { input: { text: "x".repeat(13_000_000) } } });
    expect((await post(server, huge, { authorization: `Bearer ${owner.token}` })).status).toBe(413);
  });

  it("refuses batched requests", async () => {
    const res = await post(server, JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]));
    expect(res.status).toBe(400);
  });

  it("applies CSRF prevention to simple GET requests", async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });

  it("limits aliases without revealing the limit", async () => {
    const owner = await signUpPractice(server);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: practice { id }`).join(" ");
    const tooMany = await server.gql(`{ ${aliases} }`, {}, owner.token);
    expect(errorCode(tooMany)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(tooMany.errors![0].message).not.toMatch(/\d/);
    const fifteen = Array.from({ length: 15 }, (_, i) => `a${i}: practice { id }`).join(" ");
    expect(expectOk(await server.gql(`{ ${fifteen} }`, {}, owner.token)).a14.id).toBe(owner.practiceId);

  });

  it("limits query depth without revealing the limit", async () => {
    const owner = await signUpPractice(server);
    let selection = "id";
    for (let i = 0; i < 7; i++) selection = `session { claimDecisions { ${selection} } }`;
    const tooDeep = await server.gql(`query ($id: ID!) { session(id: $id) { claimDecisions { ${selection} } } }`, { id: owner.practiceId }, owner.token);
    expect(errorCode(tooDeep)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(tooDeep.errors![0].message).not.toMatch(/\d/);
    const fine = await server.gql(`query ($id: ID!) { session(id: $id) { claimDecisions { session { claimDecisions { id } } } } }`, { id: owner.practiceId }, owner.token);
    expect(fine.errors).toBeUndefined();
  });

  it("length-limits string inputs", async () => {
    const owner = await signUpPractice(server);
    const res = await server.gql(`mutation ($n: String!) { createPayer(input: { name: $n, kind: OTHER, payerCode: "X1" }) { id } }`, { n: "x".repeat(20_001) }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const long = await server.gql(`mutation ($n: String!) { createPayer(input: { name: $n, kind: OTHER, payerCode: "X1" }) { id } }`, { n: "x".repeat(201) }, owner.token);
    expect(long.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "name" })]);
  });

  it("reports bad variables as BAD_USER_INPUT with the field", async () => {
    const owner = await signUpPractice(server);
    const res = await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "X", npi: "1", credential: "X", licensed: "yes" } }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields![0].field).toBe("input.licensed");
    const date = await server.gql(`query ($d: Date!) { payers { rulesOn(date: $d) { id } } }`, { d: "2026-02-30" }, owner.token);
    expect(errorCode(date)).toBe("BAD_USER_INPUT");
  });
});

describe("production mode", () => {
  it("turns off introspection and field suggestions", async () => {
    const intro = await production.gql(`{ __schema { types { name } } }`);
    expect(errorCode(intro)).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await production.gql(`{ practise { id } }`);
    expect(typo.errors![0].message).not.toMatch(/did you mean/i);
    const devTypo = await server.gql(`{ practise { id } }`);
    expect(devTypo.errors![0].message).toMatch(/Cannot query field/);
  });
});

describe("unexpected errors", () => {
  it("are masked with a request id and no SQL or stack", async () => {
    const owner = await signUpPractice(server);
    await server.dataSource.query(`ALTER TABLE clinicians RENAME TO clinicians_hidden`);
    try {
      const res = await post(server, JSON.stringify({ query: "{ clinicians { id } }" }), { authorization: `Bearer ${owner.token}`, "x-request-id": "req-test-42" });
      const body = await res.json();
      expect(body.errors[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "req-test-42" });
      expect(body.errors[0].message).not.toMatch(/clinicians|relation|SELECT/);
      expect(JSON.stringify(body)).not.toMatch(/relation|SELECT|stacktrace|\.ts:/);
      expect(res.headers.get("x-request-id")).toBe("req-test-42");
    } finally {
      await server.dataSource.query(`ALTER TABLE clinicians_hidden RENAME TO clinicians`);
    }
  });
});
