import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { uniqueNpi } from "../../support/npi";

const CLIENT = `id firstName lastName dateOfBirth diagnosisCodes coverages { id memberId priority effectiveFrom effectiveTo payer { id name } }`;
const CREATE = `mutation ($input: CreateClientInput!) { createClient(input: $input) { ${CLIENT} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ${CLIENT} } }`;
const GET = `query ($id: ID!) { client(id: $id) { ${CLIENT} } }`;
const LIST = `query ($search: String, $first: Int, $after: String) { clients(search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id firstName lastName } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function payerOf(owner: PracticeFixture, name = "Medicaid") {
  return expectOk(await server.gql(`mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id } }`, { input: { name, kind: "MEDICAID", payerCode: "MCD" } }, owner.token)).createPayer.id as string;
}

function clientInput(payerId: string, overrides: Record<string, unknown> = {}) {
  return {
    firstName: "Dana",
    lastName: "Reyes",
    dateOfBirth: "1990-04-12",
    diagnosisCodes: ["f33.1", "F41.1"],
    coverages: [{ payerId, memberId: "M-100", priority: "PRIMARY", effectiveFrom: "2026-01-01" }],
    ...overrides,
  };
}

describe("createClient", () => {
  it("stores diagnoses normalized and coverages in order", async () => {
    const owner = await signUpPractice(server);
    const payerId = await payerOf(owner);
    const client = expectOk(await server.gql(CREATE, { input: clientInput(payerId) }, owner.token)).createClient;
    expect(client.diagnosisCodes).toEqual(["F33.1", "F41.1"]);
    expect(client.coverages).toEqual([
      expect.objectContaining({ memberId: "M-100", priority: "PRIMARY", effectiveFrom: "2026-01-01", effectiveTo: null, payer: { id: payerId, name: "Medicaid" } }),
    ]);
  });

  it.each([
    [{ diagnosisCodes: ["33.1"] }, "diagnosisCodes[0]"],
    [{ dateOfBirth: "2999-01-01" }, "dateOfBirth"],
    [{ firstName: " " }, "firstName"],
  ])("rejects %j naming %s", async (override, field) => {
    const owner = await signUpPractice(server);
    const payerId = await payerOf(owner);
    const res = await server.gql(CREATE, { input: clientInput(payerId, override) }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields!.map((f) => f.field)).toContain(field);
  });

  it("rejects overlapping primary coverages and an end before the start", async () => {
    const owner = await signUpPractice(server);
    const payerId = await payerOf(owner);
    const overlap = await server.gql(
      CREATE,
      {
        input: clientInput(payerId, {
          coverages: [
            { payerId, memberId: "A1", priority: "PRIMARY", effectiveFrom: "2026-01-01" },
            { payerId, memberId: "B1", priority: "PRIMARY", effectiveFrom: "2026-06-01", effectiveTo: "2026-12-31" },
          ],
        }),
      },
      owner.token,
    );
    expect(res(overlap)).toContain("coverages[1].priority");
    const backwards = await server.gql(
      CREATE,
      { input: clientInput(payerId, { coverages: [{ payerId, memberId: "A1", priority: "PRIMARY", effectiveFrom: "2026-05-01", effectiveTo: "2026-04-01" }] }) },
      owner.token,
    );
    expect(res(backwards)).toContain("coverages[0].effectiveTo");
    expect(expectOk(await server.gql(LIST, {}, owner.token)).clients.totalCount).toBe(0);
  });

  it("treats another practice's payer as unknown", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const aPayer = await payerOf(a);
    const res = await server.gql(CREATE, { input: clientInput(aPayer) }, b.token);
    expect(errorCode(res)).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(LIST, {}, b.token)).clients.totalCount).toBe(0);
  });
});

function res(r: { errors?: { extensions?: { fields?: { field: string }[] } }[] }): string[] {
  return r.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [];
}

describe("updateClient", () => {
  it("changes only what is sent and replaces coverages as a list", async () => {
    const owner = await signUpPractice(server);
    const payerId = await payerOf(owner);
    const other = await payerOf(owner, "Commercial");
    const client = expectOk(await server.gql(CREATE, { input: clientInput(payerId) }, owner.token)).createClient;
    const updated = expectOk(
      await server.gql(
        UPDATE,
        { id: client.id, input: { lastName: "Reyes-Ortiz", coverages: [{ payerId: other, memberId: "C-9", priority: "PRIMARY", effectiveFrom: "2026-02-01" }] } },
        owner.token,
      ),
    ).updateClient;
    expect(updated).toMatchObject({ firstName: "Dana", lastName: "Reyes-Ortiz", diagnosisCodes: ["F33.1", "F41.1"] });
    expect(updated.coverages).toEqual([expect.objectContaining({ memberId: "C-9", payer: { id: other, name: "Commercial" } })]);
  });

  it("lets a biller manage clients, lets a clinician only read them", async () => {
    const owner = await signUpPractice(server);
    const payerId = await payerOf(owner);
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const client = expectOk(await server.gql(CREATE, { input: clientInput(payerId) }, biller.token)).createClient;
    expect(expectOk(await server.gql(GET, { id: client.id }, clinician.token)).client.id).toBe(client.id);
    expect(errorCode(await server.gql(UPDATE, { id: client.id, input: { firstName: "X" } }, clinician.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(CREATE, { input: clientInput(payerId) }, clinician.token))).toBe("FORBIDDEN");
  });
});

describe("clients connection", () => {
  it("pages by name with stable cursors, searches, and caps the page size", async () => {
    const owner = await signUpPractice(server);
    const names = ["Avery", "Blake", "Casey", "Devon", "Emery"];
    for (const lastName of names) {
      expectOk(await server.gql(CREATE, { input: { firstName: "Pat", lastName, dateOfBirth: "1985-01-01", diagnosisCodes: [], coverages: [] } }, owner.token));
    }
    const first = expectOk(await server.gql(LIST, { first: 2 }, owner.token)).clients;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e: { node: { lastName: string } }) => e.node.lastName)).toEqual(["Avery", "Blake"]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = expectOk(await server.gql(LIST, { first: 10, after: first.pageInfo.endCursor }, owner.token)).clients;
    expect(rest.edges.map((e: { node: { lastName: string } }) => e.node.lastName)).toEqual(["Casey", "Devon", "Emery"]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const found = expectOk(await server.gql(LIST, { search: "dev" }, owner.token)).clients;
    expect(found.edges.map((e: { node: { lastName: string } }) => e.node.lastName)).toEqual(["Devon"]);
    expect(errorCode(await server.gql(LIST, { first: 101 }, owner.token))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(LIST, { after: "garbage" }, owner.token))).toBe("BAD_USER_INPUT");
  });
});

describe("another practice", () => {
  it("cannot read, list or update a client, exactly as if it did not exist, and the client is unchanged", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const payerId = await payerOf(a);
    const client = expectOk(await server.gql(CREATE, { input: clientInput(payerId) }, a.token)).createClient;
    const missing = "1b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f62";

    expect(expectOk(await server.gql(GET, { id: client.id }, a.token)).client.id).toBe(client.id);
    expect(expectOk(await server.gql(GET, { id: client.id }, b.token)).client).toBeNull();
    expect(expectOk(await server.gql(LIST, {}, b.token)).clients.totalCount).toBe(0);
    const updA = await server.gql(UPDATE, { id: client.id, input: { firstName: "Hacked" } }, b.token);
    const updMissing = await server.gql(UPDATE, { id: missing, input: { firstName: "Hacked" } }, b.token);
    expect(errorCode(updA)).toBe("NOT_FOUND");
    expect(updA.errors).toEqual(updMissing.errors);
    expect(expectOk(await server.gql(GET, { id: client.id }, a.token)).client).toEqual(client);
  });
});

describe("clinicians", () => {
  const CREATE_CLINICIAN = `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id name npi credential licensed licenseExpiresOn } }`;

  it("creates clinicians with valid NPIs and lists them by name, per practice", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const npi = uniqueNpi();
    const made = expectOk(
      await server.gql(CREATE_CLINICIAN, { input: { name: "Robin Lee", npi, credential: "LCSW", licensed: true, licenseExpiresOn: "2027-06-30" } }, a.token),
    ).createClinician;
    expect(made).toMatchObject({ name: "Robin Lee", npi, credential: "LCSW", licensed: true, licenseExpiresOn: "2027-06-30" });
    expect(expectOk(await server.gql(`{ clinicians { id } }`, {}, a.token)).clinicians).toEqual([{ id: made.id }]);
    expect(expectOk(await server.gql(`{ clinicians { id } }`, {}, b.token)).clinicians).toEqual([]);
    const dup = await server.gql(CREATE_CLINICIAN, { input: { name: "Other", npi, credential: "PhD", licensed: true } }, a.token);
    expect(errorCode(dup)).toBe("CONFLICT");
  });

  it("rejects a bad check digit and keeps billers from adding clinicians", async () => {
    const owner = await signUpPractice(server);
    const bad = await server.gql(CREATE_CLINICIAN, { input: { name: "X", npi: "1234567890", credential: "LCSW", licensed: true } }, owner.token);
    expect(res(bad)).toEqual(["npi"]);
    const biller = await memberWithRole(server, owner, "BILLER");
    const denied = await server.gql(CREATE_CLINICIAN, { input: { name: "X", npi: uniqueNpi(), credential: "LCSW", licensed: true } }, biller.token);
    expect(errorCode(denied)).toBe("FORBIDDEN");
  });
});
