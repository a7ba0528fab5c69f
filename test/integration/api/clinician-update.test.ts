import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

const CREATE = `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateClinicianInput!) {
  updateClinician(id: $id, input: $input) { id name firstName lastName npi credential licensed licenseExpiresOn taxonomyCode }
}`;
const READ = `{ clinicians { id name firstName lastName npi credential licensed licenseExpiresOn taxonomyCode } }`;
const AUDIT = `query ($id: ID!) { auditEvents(entityId: $id) { edges { node { action changes } } } }`;

function fieldsOf(r: { errors?: { extensions?: { fields?: { field: string }[] } }[] }): string[] {
  return r.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function clinicianOf(token: string) {
  const npi = uniqueNpi();
  const input = { name: "Robin Lee", npi, credential: "LCSW", licensed: false, taxonomyCode: "1041C0700X" };
  return { id: expectOk(await server.gql(CREATE, { input }, token)).createClinician.id as string, npi };
}

describe("updateClinician", () => {
  it("changes license, expiry, credential, legal names and taxonomy, keeps the NPI, and audits only what changed", async () => {
    const owner = await signUpPractice(server);
    const { id, npi } = await clinicianOf(owner.token);
    const input = { licensed: true, licenseExpiresOn: "2027-06-30", credential: "LICSW", firstName: "Robin", lastName: "Lee-Park", taxonomyCode: "101yp2500x" };
    const updated = expectOk(await server.gql(UPDATE, { id, input }, owner.token)).updateClinician;
    expect(updated).toEqual({ id, name: "Robin Lee", npi, credential: "LICSW", licensed: true, licenseExpiresOn: "2027-06-30", firstName: "Robin", lastName: "Lee-Park", taxonomyCode: "101YP2500X" });
    expect(expectOk(await server.gql(READ, {}, owner.token)).clinicians).toEqual([updated]);

    const events = expectOk(await server.gql(AUDIT, { id }, owner.token)).auditEvents.edges.map((e: { node: unknown }) => e.node);
    expect(events[0]).toEqual({
      action: "clinician.update",
      changes: {
        licensed: { before: false, after: true },
        licenseExpiresOn: { before: null, after: "2027-06-30" },
        credential: { before: "LCSW", after: "LICSW" },
        lastName: { before: "Lee", after: "Lee-Park" },
        taxonomyCode: { before: "1041C0700X", after: "101YP2500X" },
      },
    });

    // null clears what may be empty
    const cleared = expectOk(await server.gql(UPDATE, { id, input: { licenseExpiresOn: null, taxonomyCode: null } }, owner.token)).updateClinician;
    expect(cleared).toMatchObject({ licenseExpiresOn: null, taxonomyCode: null, licensed: true });
  });

  it("rejects bad values naming each field and changes nothing", async () => {
    const owner = await signUpPractice(server);
    const { id } = await clinicianOf(owner.token);
    const before = expectOk(await server.gql(READ, {}, owner.token)).clinicians;
    const bad = await server.gql(UPDATE, { id, input: { name: " ", credential: "", lastName: null, taxonomyCode: "123", licensed: null } }, owner.token);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(bad).sort()).toEqual(["credential", "lastName", "licensed", "name", "taxonomyCode"]);
    expect(expectOk(await server.gql(READ, {}, owner.token)).clinicians).toEqual(before);
  });

  it("is for owners and admins: billers and clinicians are FORBIDDEN", async () => {
    const owner = await signUpPractice(server);
    const { id } = await clinicianOf(owner.token);
    const admin = await memberWithRole(server, owner, "ADMIN");
    expect(expectOk(await server.gql(UPDATE, { id, input: { credential: "PhD" } }, admin.token)).updateClinician.credential).toBe("PhD");
    for (const role of ["BILLER", "CLINICIAN"]) {
      const member = await memberWithRole(server, owner, role);
      expect(errorCode(await server.gql(UPDATE, { id, input: { licensed: true } }, member.token))).toBe("FORBIDDEN");
    }
    expect(expectOk(await server.gql(READ, {}, owner.token)).clinicians[0]).toMatchObject({ credential: "PhD", licensed: false });
  });

  it("another practice's clinician is NOT_FOUND and stays unchanged; so is an id that is not a uuid", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const { id } = await clinicianOf(a.token);
    const before = expectOk(await server.gql(READ, {}, a.token)).clinicians;
    expect(errorCode(await server.gql(UPDATE, { id, input: { licensed: true, credential: "MD" } }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(UPDATE, { id: "nope", input: { licensed: true } }, b.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(READ, {}, a.token)).clinicians).toEqual(before);
    expect(expectOk(await server.gql(AUDIT, { id }, a.token)).auditEvents.edges).toHaveLength(1);
  });

  it("licensing an unlicensed leader turns their blocked lines READY", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { licensed: false });
    const sessionId = await readySession(server, owner, fx);
    const LINES = `query ($id: ID!) { session(id: $id) { claimDecisions { status issues { code } } } }`;
    const before = expectOk(await server.gql(LINES, { id: sessionId }, owner.token)).session.claimDecisions;
    expect(before.map((l: { issues: { code: string }[] }) => l.issues.map((i) => i.code))).toEqual([["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"]]);
    expectOk(await server.gql(UPDATE, { id: fx.clinicianId, input: { licensed: true } }, owner.token));
    const after = expectOk(await server.gql(LINES, { id: sessionId }, owner.token)).session.claimDecisions;
    expect(after.map((l: { status: string }) => l.status)).toEqual(["READY", "READY", "READY"]);
  });
});
