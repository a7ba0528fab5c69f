import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";

const SESSION = `id date startsAt durationMinutes modality placeOfService topics interventions version presentCount
  group { id name } leader { id }
  attendance { status client { id } }
  notes { id participation response signedAt signedBy { id } version addenda { text author { id } createdAt } client { id } }`;
const GET = `query ($id: ID!) { session(id: $id) { ${SESSION} } }`;
const SCHEDULE = `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { ${SESSION} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id version topics durationMinutes } }`;
const ATTEND = `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id presentCount attendance { status client { id } } } }`;
const SAVE_NOTE = `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id participation response version signedAt } }`;
const SIGN = `mutation ($id: ID!) { signMemberNote(id: $id) { id signedAt signedBy { id } version } }`;
const ADDENDUM = `mutation ($id: ID!, $text: String!) { addNoteAddendum(noteId: $id, text: $text) { id addenda { text author { id } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("groups", () => {
  it("creates a group with leader and members, readable by clinicians, creatable by admins only", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const group = expectOk(
      await server.gql(`query ($id: ID!) { group(id: $id) { id name kind hasPsychotherapyComponent defaultDurationMinutes leader { id } members { id } } }`, { id: fx.groupId }, clinician.token),
    ).group;
    expect(group).toMatchObject({ name: "DBT Skills", kind: "SKILLS", leader: { id: fx.clinicianId }, members: fx.clientIds.map((id) => ({ id })) });
    expect(expectOk(await server.gql(`{ groups { id } }`, {}, owner.token)).groups).toEqual([{ id: fx.groupId }]);
    const denied = await server.gql(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: "X", kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leaderId: fx.clinicianId, defaultDurationMinutes: 60, memberIds: [] } },
      clinician.token,
    );
    expect(errorCode(denied)).toBe("FORBIDDEN");
    const badDuration = await server.gql(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: "X", kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leaderId: fx.clinicianId, defaultDurationMinutes: 481, memberIds: [] } },
      owner.token,
    );
    expect(badDuration.errors![0].extensions!.fields![0].field).toBe("defaultDurationMinutes");
  });
});

describe("updateGroup", () => {
  const UPDATE_GROUP = `mutation ($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id name kind leader { id } members { id } } }`;

  it("changes only what is sent, replaces the member list, and is audited", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    const [a, b, c] = fx.clientIds;
    const updated = expectOk(await server.gql(UPDATE_GROUP, { id: fx.groupId, input: { name: "DBT Skills II", memberIds: [c, a] } }, owner.token)).updateGroup;
    expect(updated).toEqual({ id: fx.groupId, name: "DBT Skills II", kind: "SKILLS", leader: { id: fx.clinicianId }, members: [{ id: c }, { id: a }] });
    const events = expectOk(await server.gql(`query ($id: ID!) { auditEvents(entityId: $id) { edges { node { action changes } } } }`, { id: fx.groupId }, owner.token)).auditEvents.edges;
    expect(events[0].node).toEqual({ action: "group.update", changes: { name: { before: "DBT Skills", after: "DBT Skills II" }, memberIds: { before: [a, b, c], after: [c, a] } } });
    const bad = await server.gql(UPDATE_GROUP, { id: fx.groupId, input: { defaultDurationMinutes: 0, kind: null } }, owner.token);
    expect(bad.errors![0].extensions!.fields!.map((f) => f.field).sort()).toEqual(["defaultDurationMinutes", "kind"]);
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(errorCode(await server.gql(UPDATE_GROUP, { id: fx.groupId, input: { name: "X" } }, clinician.token))).toBe("FORBIDDEN");
  });

  it("treats another practice's group, leader or clients as unknown and changes nothing", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const fxA = await billingSetup(server, a, { members: 2 });
    const fxB = await billingSetup(server, b, { members: 2 });
    const missing = "6b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f67";
    const before = expectOk(await server.gql(`query ($id: ID!) { group(id: $id) { id name leader { id } members { id } } }`, { id: fxA.groupId }, a.token)).group;
    const onA = await server.gql(UPDATE_GROUP, { id: fxA.groupId, input: { name: "Taken" } }, b.token);
    const onMissing = await server.gql(UPDATE_GROUP, { id: missing, input: { name: "Taken" } }, b.token);
    expect(errorCode(onA)).toBe("NOT_FOUND");
    expect(onA.errors).toEqual(onMissing.errors);
    expect(errorCode(await server.gql(UPDATE_GROUP, { id: fxB.groupId, input: { memberIds: [fxA.clientIds[0]] } }, b.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(UPDATE_GROUP, { id: fxB.groupId, input: { leaderId: fxA.clinicianId } }, b.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(`query ($id: ID!) { group(id: $id) { id name leader { id } members { id } } }`, { id: fxA.groupId }, a.token)).group).toEqual(before);
    expect(expectOk(await server.gql(`query ($id: ID!) { group(id: $id) { members { id } } }`, { id: fxB.groupId }, b.token)).group.members).toHaveLength(2);
  });
});

describe("sessions", () => {
  it("schedules a session with the group's leader and the local service date", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    // 02:30 UTC on March 11 is still March 10 in New York.
    const session = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-11T02:30:00Z", durationMinutes: 60, modality: "TELEHEALTH_VIDEO" } }, owner.token))
      .scheduleSession;
    expect(session).toMatchObject({ date: "2026-03-10", leader: { id: fx.clinicianId }, group: { id: fx.groupId }, version: 1, presentCount: 0, placeOfService: null });
  });

  it("updates with expectedVersion and refuses a stale one, changing nothing", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const session = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token))
      .scheduleSession;
    const first = expectOk(await server.gql(UPDATE, { id: session.id, input: { topics: "Mindfulness", expectedVersion: 1 } }, owner.token)).updateSession;
    expect(first).toMatchObject({ version: 2, topics: "Mindfulness" });
    const stale = await server.gql(UPDATE, { id: session.id, input: { topics: "Overwrite", durationMinutes: 30, expectedVersion: 1 } }, owner.token);
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(expectOk(await server.gql(GET, { id: session.id }, owner.token)).session).toMatchObject({ version: 2, topics: "Mindfulness", durationMinutes: 60 });
  });

  it("lists sessions by group and date range as a connection", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    for (const day of ["2026-03-02", "2026-03-09", "2026-03-16"]) {
      expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: `${day}T15:00:00Z`, durationMinutes: 60, modality: "IN_PERSON" } }, owner.token));
    }
    const page = expectOk(
      await server.gql(`query ($g: ID) { sessions(groupId: $g, from: "2026-03-05", to: "2026-03-31", first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { date } } } }`, { g: fx.groupId }, owner.token),
    ).sessions;
    expect(page).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { date: "2026-03-09" } }] });
    const next = expectOk(
      await server.gql(`query ($a: String) { sessions(from: "2026-03-05", to: "2026-03-31", after: $a) { edges { node { date } } pageInfo { hasNextPage } } }`, { a: page.pageInfo.endCursor }, owner.token),
    ).sessions;
    expect(next).toEqual({ edges: [{ node: { date: "2026-03-16" } }], pageInfo: { hasNextPage: false } });
  });

  it("filters sessions by the payer of their lines", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const withLines = await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
    expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-11T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token));
    const other = expectOk(await server.gql(`mutation { createPayer(input: { name: "Other", kind: OTHER, payerCode: "O1" }) { id } }`, {}, owner.token)).createPayer.id;
    const q = `query ($p: ID) { sessions(payerId: $p) { totalCount edges { node { id } } } }`;
    expect(expectOk(await server.gql(q, { p: fx.payerId }, owner.token)).sessions.edges).toEqual([{ node: { id: withLines } }]);
    expect(expectOk(await server.gql(q, { p: other }, owner.token)).sessions.totalCount).toBe(0);
    expect(expectOk(await server.gql(q, { p: null }, owner.token)).sessions.totalCount).toBe(2);

    // Another practice filtering by this practice's payer finds nothing, though its own payer finds its session.
    const other2 = await signUpPractice(server);
    const fxOther = await billingSetup(server, other2, { members: 2 });
    await readySession(server, other2, fxOther);
    expect(expectOk(await server.gql(q, { p: fxOther.payerId }, other2.token)).sessions.totalCount).toBe(1);
    expect(expectOk(await server.gql(q, { p: fx.payerId }, other2.token)).sessions.totalCount).toBe(0);
  });

  it("records attendance, replacing a client's earlier entry", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const session = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, clinician.token))
      .scheduleSession;
    const [a, b] = fx.clientIds;
    expectOk(await server.gql(ATTEND, { id: session.id, entries: [{ clientId: a, status: "PRESENT" }, { clientId: b, status: "PRESENT" }] }, clinician.token));
    const after = expectOk(await server.gql(ATTEND, { id: session.id, entries: [{ clientId: b, status: "EXCUSED" }] }, clinician.token)).recordAttendance;
    expect(after.presentCount).toBe(1);
    expect(after.attendance).toHaveLength(2);
    expect(after.attendance).toContainEqual({ status: "EXCUSED", client: { id: b } });
    const biller = await memberWithRole(server, owner, "BILLER");
    expect(errorCode(await server.gql(ATTEND, { id: session.id, entries: [{ clientId: a, status: "ABSENT" }] }, biller.token))).toBe("FORBIDDEN");
  });
});

describe("member notes", () => {
  it("saves drafts with versions, signs once, then refuses changes and takes addenda", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const session = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token))
      .scheduleSession;
    const clientId = fx.clientIds[0];
    const draft = expectOk(await server.gql(SAVE_NOTE, { input: { sessionId: session.id, clientId, participation: "Quiet", expectedVersion: 0 } }, owner.token)).saveMemberNote;
    expect(draft).toMatchObject({ version: 1, participation: "Quiet", response: null, signedAt: null });
    const second = expectOk(await server.gql(SAVE_NOTE, { input: { sessionId: session.id, clientId, response: "Used skill", expectedVersion: 1 } }, owner.token)).saveMemberNote;
    expect(second).toMatchObject({ version: 2, participation: "Quiet", response: "Used skill" });
    expect(errorCode(await server.gql(SAVE_NOTE, { input: { sessionId: session.id, clientId, response: "Stale", expectedVersion: 1 } }, owner.token))).toBe("CONFLICT");

    const signed = expectOk(await server.gql(SIGN, { id: draft.id }, owner.token)).signMemberNote;
    expect(signed.signedAt).toEqual(expect.any(String));
    expect(signed.signedBy).toEqual({ id: owner.userId });
    expect(errorCode(await server.gql(SIGN, { id: draft.id }, owner.token))).toBe("CONFLICT");
    expect(errorCode(await server.gql(SAVE_NOTE, { input: { sessionId: session.id, clientId, response: "Edited" } }, owner.token))).toBe("CONFLICT");

    const amended = expectOk(await server.gql(ADDENDUM, { id: draft.id, text: "Late entry: reported better sleep." }, owner.token)).addNoteAddendum;
    expect(amended.addenda).toEqual([{ text: "Late entry: reported better sleep.", author: { id: owner.userId } }]);
    const stored = expectOk(await server.gql(GET, { id: session.id }, owner.token)).session.notes[0];
    expect(stored).toMatchObject({ participation: "Quiet", response: "Used skill" });
  });

  it("refuses an addendum on a draft and signing an empty note", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const session = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token))
      .scheduleSession;
    const empty = expectOk(await server.gql(SAVE_NOTE, { input: { sessionId: session.id, clientId: fx.clientIds[0] } }, owner.token)).saveMemberNote;
    expect(errorCode(await server.gql(SIGN, { id: empty.id }, owner.token))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(ADDENDUM, { id: empty.id, text: "x" }, owner.token))).toBe("CONFLICT");
  });

  it("is protected by the database too: a signed note cannot be updated or deleted even by the owner connection", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const sessionId = await readySession(server, owner, fx);
    const [note] = await server.dataSource.query(`SELECT id FROM member_notes WHERE session_id = $1 LIMIT 1`, [sessionId]);
    await expect(server.dataSource.query(`UPDATE member_notes SET participation = 'forged' WHERE id = $1`, [note.id])).rejects.toThrow(/signed/);
    await expect(server.dataSource.query(`DELETE FROM member_notes WHERE id = $1`, [note.id])).rejects.toThrow(/signed/);
  });
});

describe("another practice", () => {
  it("cannot read, change, attend, annotate or sign anything of A's, and A's data is unchanged", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const fxA = await billingSetup(server, a, { members: 2 });
    const fxB = await billingSetup(server, b, { members: 2 });
    const sessionA = await readySession(server, a, fxA);
    const before = expectOk(await server.gql(GET, { id: sessionA }, a.token)).session;
    const noteA = before.notes[0].id;
    const missing = "2b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f63";

    expect(before.notes).toHaveLength(2); // positive control
    expect(expectOk(await server.gql(GET, { id: sessionA }, b.token)).session).toBeNull();
    expect(expectOk(await server.gql(`query ($id: ID!) { group(id: $id) { id } }`, { id: fxA.groupId }, b.token)).group).toBeNull();
    expect(expectOk(await server.gql(`{ sessions { totalCount } }`, {}, b.token)).sessions.totalCount).toBe(0);

    const same = async (query: string, withA: Record<string, unknown>, withMissing: Record<string, unknown>) => {
      const ra = await server.gql(query, withA, b.token);
      const rm = await server.gql(query, withMissing, b.token);
      expect(errorCode(ra)).toBe("NOT_FOUND");
      expect(ra.errors).toEqual(rm.errors);
    };
    await same(UPDATE, { id: sessionA, input: { topics: "x" } }, { id: missing, input: { topics: "x" } });
    await same(ATTEND, { id: sessionA, entries: [] }, { id: missing, entries: [] });
    // B's own session, A's client: A's client does not exist for B.
    const sessionB = await readySession(server, b, fxB);
    await same(ATTEND, { id: sessionB, entries: [{ clientId: fxA.clientIds[0], status: "PRESENT" }] }, { id: sessionB, entries: [{ clientId: missing, status: "PRESENT" }] });
    await same(SAVE_NOTE, { input: { sessionId: sessionA, clientId: fxA.clientIds[0], risk: "x" } }, { input: { sessionId: missing, clientId: fxA.clientIds[0], risk: "x" } });
    await same(SIGN, { id: noteA }, { id: missing });
    await same(ADDENDUM, { id: noteA, text: "x" }, { id: missing, text: "x" });
    await same(
      SCHEDULE,
      { input: { groupId: fxA.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } },
      { input: { groupId: missing, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } },
    );

    expect(expectOk(await server.gql(GET, { id: sessionA }, a.token)).session).toEqual(before);
    expect(expectOk(await server.gql(GET, { id: sessionB }, b.token)).session.attendance).toHaveLength(2);
  });
});
