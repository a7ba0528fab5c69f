import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

const UPDATE = `mutation ($id: ID!, $input: UpdateSessionInput!) {
  updateSession(id: $id, input: $input) { id version startsAt date durationMinutes modality placeOfService leader { id } claimDecisions { status issues { code } } }
}`;
const READ = `query ($id: ID!) { session(id: $id) { version startsAt date durationMinutes modality placeOfService leader { id } } }`;

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

describe("editing a session's details (the fixes the console offers)", () => {
  it("changes time, length, modality, leader and place of service, and the lines are decided again at once", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { payerRules: { minSessionMinutes: 45 } });
    const id = await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z", durationMinutes: 30 });
    const before = expectOk(await server.gql(READ, { id }, owner.token)).session;
    const other = expectOk(
      await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Sam Park", npi: uniqueNpi(), credential: "LICSW", licensed: true } }, owner.token),
    ).createClinician.id;
    const blocked = expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { claimDecisions { status issues { code } } } }`, { id }, owner.token)).session;
    expect(blocked.claimDecisions.every((l: { issues: { code: string }[] }) => l.issues.some((i) => i.code === "SESSION_TOO_SHORT"))).toBe(true);

    // The service date is the practice's calendar day of the new start, whatever UTC's day is.
    const { timezone } = expectOk(await server.gql(`{ me { practice { timezone } } }`, {}, owner.token)).me.practice;
    const localDay = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date("2026-03-11T04:30:00Z"));
    const input = { startsAt: "2026-03-11T04:30:00Z", durationMinutes: 60, modality: "IN_PERSON", leaderId: other, placeOfService: "53", expectedVersion: before.version };
    const updated = expectOk(await server.gql(UPDATE, { id, input }, owner.token)).updateSession;
    expect(updated).toMatchObject({ version: before.version + 1, startsAt: "2026-03-11T04:30:00.000Z", date: localDay, durationMinutes: 60, placeOfService: "53", leader: { id: other } });
    expect(updated.claimDecisions.map((l: { status: string }) => l.status)).toEqual(["READY", "READY", "READY"]);
  });

  it("names each bad field and changes nothing", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const id = await readySession(server, owner, fx);
    const before = expectOk(await server.gql(READ, { id }, owner.token)).session;
    const bad = await server.gql(UPDATE, { id, input: { durationMinutes: 0, modality: null, leaderId: null } }, owner.token);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(bad).sort()).toEqual(["durationMinutes", "leaderId", "modality"]);
    expect(fieldsOf(await server.gql(UPDATE, { id, input: { durationMinutes: 481 } }, owner.token))).toEqual(["durationMinutes"]);
    expect(expectOk(await server.gql(READ, { id }, owner.token)).session).toEqual(before);
  });

  it("clinicians may fix their sessions, billers may not", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const id = await readySession(server, owner, fx);
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(expectOk(await server.gql(UPDATE, { id, input: { durationMinutes: 75 } }, clinician.token)).updateSession.durationMinutes).toBe(75);
    const biller = await memberWithRole(server, owner, "BILLER");
    expect(errorCode(await server.gql(UPDATE, { id, input: { durationMinutes: 90 } }, biller.token))).toBe("FORBIDDEN");
    expect(expectOk(await server.gql(READ, { id }, owner.token)).session.durationMinutes).toBe(75);
  });

  it("another practice's session, or a leader from another practice, is NOT_FOUND and nothing changes", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const fxA = await billingSetup(server, a);
    const fxB = await billingSetup(server, b);
    const id = await readySession(server, a, fxA);
    const sessionB = await readySession(server, b, fxB);
    const before = expectOk(await server.gql(READ, { id }, a.token)).session;
    expect(errorCode(await server.gql(UPDATE, { id, input: { durationMinutes: 90 } }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(UPDATE, { id, input: { leaderId: fxB.clinicianId } }, a.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(READ, { id }, a.token)).session).toEqual(before);
    expect(expectOk(await server.gql(READ, { id: sessionB }, b.token)).session.leader.id).toBe(fxB.clinicianId);
  });
});
