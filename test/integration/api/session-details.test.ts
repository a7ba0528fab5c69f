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

  it("billers correct time, length, modality, leader, supervisor and place of service, but not the documentation", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { licensed: false, payerRules: { minSessionMinutes: 45 } });
    const id = await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z", durationMinutes: 30 });
    const licensed = (name: string) =>
      server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name, npi: uniqueNpi(), credential: "LICSW", licensed: true } }, owner.token);
    const leader = expectOk(await licensed("Sam Park")).createClinician.id;
    const supervisor = expectOk(await licensed("Ada Quinn")).createClinician.id;
    const biller = await memberWithRole(server, owner, "BILLER");
    const FULL = `query ($id: ID!) { session(id: $id) { version startsAt durationMinutes modality placeOfService topics interventions leader { id } supervisor { id } } }`;
    const before = expectOk(await server.gql(FULL, { id }, owner.token)).session;

    const fixes = { startsAt: "2026-03-10T16:00:00Z", durationMinutes: 60, modality: "TELEHEALTH_VIDEO", leaderId: leader, supervisorId: supervisor, placeOfService: "02", expectedVersion: before.version };
    const fixed = expectOk(await server.gql(UPDATE, { id, input: fixes }, biller.token)).updateSession;
    expect(fixed.claimDecisions.map((l: { status: string }) => l.status)).toEqual(["READY", "READY", "READY"]);
    const after = expectOk(await server.gql(FULL, { id }, owner.token)).session;
    expect(after).toEqual({
      ...before,
      version: before.version + 1,
      startsAt: "2026-03-10T16:00:00.000Z",
      durationMinutes: 60,
      modality: "TELEHEALTH_VIDEO",
      placeOfService: "02",
      leader: { id: leader },
      supervisor: { id: supervisor },
    });

    // The group documentation is clinical: a biller's change to it is refused whole, with the details beside it.
    for (const input of [{ topics: "Rewritten" }, { interventions: null }, { durationMinutes: 75, topics: "Rewritten" }]) {
      expect(errorCode(await server.gql(UPDATE, { id, input }, biller.token))).toBe("FORBIDDEN");
    }
    expect(expectOk(await server.gql(FULL, { id }, owner.token)).session).toEqual(after);
    // The audit log names the biller as the one who corrected the session.
    const audit = expectOk(await server.gql(`{ auditEvents(first: 50) { edges { node { action actor { email } } } } }`, {}, owner.token)).auditEvents.edges.map((e: { node: unknown }) => e.node);
    expect(audit).toContainEqual({ action: "session.update", actor: { email: biller.email } });
  });

  it("clinicians fix their sessions and their documentation", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const id = await readySession(server, owner, fx);
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(expectOk(await server.gql(UPDATE, { id, input: { durationMinutes: 75 } }, clinician.token)).updateSession.durationMinutes).toBe(75);
    const documented = expectOk(await server.gql(`mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Grief", durationMinutes: 80 }) { topics durationMinutes } }`, { id }, clinician.token));
    expect(documented.updateSession).toEqual({ topics: "Grief", durationMinutes: 80 });
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
