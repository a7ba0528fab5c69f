/**
 * The payer rules of issue 11 through the API. Minutes attended per member (item 1): recording them (entered, or from arrival and
 * departure), validation, roles, tenancy, the payer rules minAttendedMinutes / minAttendedPercent with their
 * preview and history, and what they do to claim decisions (ATTENDANCE_TOO_SHORT).
 */
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";

const RECORD = `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`;
const ATTENDANCE = `query ($id: ID!) { session(id: $id) { attendance { status minutesAttended arrivedAt departedAt client { id } } } }`;
const DECISIONS = `query ($id: ID!) { session(id: $id) { claimDecisions { status client { id } issues { code severity message } } } }`;
const SET_RULES = `mutation ($id: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $id, rules: $rules) { id } }`;
const HISTORY = `query ($id: ID!) { payer(id: $id) { ruleHistory { effectiveFrom minAttendedMinutes minAttendedPercent } rules { minAttendedMinutes minAttendedPercent } } }`;
const PREVIEW = `query ($id: ID!, $rules: PayerRulesInput!) { previewPayerRules(payerId: $id, rules: $rules, from: "2026-03-01", to: "2026-03-31") { newlyBlocked newlyReady changes { after issueCodes } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Setup {
  owner: PracticeFixture;
  fx: BillingFixture;
  sessionId: string;
}

async function setup(payerRules: Record<string, unknown> = {}): Promise<Setup> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3, payerRules });
  const sessionId = await readySession(server, owner, fx, { durationMinutes: 60 });
  return { owner, fx, sessionId };
}

interface AttendanceRow {
  status: string;
  minutesAttended: number | null;
  arrivedAt: string | null;
  departedAt: string | null;
  client: { id: string };
}

async function attendanceOf(s: Setup, clientId: string): Promise<AttendanceRow> {
  const rows: AttendanceRow[] = expectOk(await server.gql(ATTENDANCE, { id: s.sessionId }, s.owner.token)).session.attendance;
  return rows.find((r) => r.client.id === clientId)!;
}

async function issuesOf(s: Setup, clientId: string): Promise<{ status: string; issues: { code: string; severity: string; message: string }[] }> {
  const lines = expectOk(await server.gql(DECISIONS, { id: s.sessionId }, s.owner.token)).session.claimDecisions;
  return lines.find((l: { client: { id: string } }) => l.client.id === clientId);
}

function fieldsOf(res: GraphQLResponse): string[] {
  return (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
}

describe("minutes attended and ATTENDANCE_TOO_SHORT", () => {
  it("blocks only the member under the payer's minimum, at the boundary, with the fix in plain words", async () => {
    const s = await setup({ minAttendedMinutes: 45 });
    const [early, exact, whole] = s.fx.clientIds;
    expectOk(
      await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: early, status: "PRESENT", minutesAttended: 44 }, { clientId: exact, status: "PRESENT", minutesAttended: 45 }] }, s.owner.token),
    );
    const short = await issuesOf(s, early);
    expect(short.status).toBe("BLOCKED");
    expect(short.issues.map((i) => [i.code, i.severity])).toEqual([["ATTENDANCE_TOO_SHORT", "ERROR"]]);
    expect(short.issues[0].message).toContain("attended 44 minutes");
    expect(short.issues[0].message).toContain("at least 45 minutes");
    expect((await issuesOf(s, exact)).status).toBe("READY");
    expect((await issuesOf(s, whole)).status).toBe("READY");
  });

  it("works the minutes out from arrival and departure, keeps them when an entry omits them, clears them with null", async () => {
    const s = await setup({ minAttendedPercent: 75 });
    const [member] = s.fx.clientIds;
    expectOk(
      await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", arrivedAt: "2026-03-10T15:20:00Z", departedAt: "2026-03-10T16:00:00Z" }] }, s.owner.token),
    );
    expect(await attendanceOf(s, member)).toMatchObject({ minutesAttended: 40, arrivedAt: "2026-03-10T15:20:00.000Z", departedAt: "2026-03-10T16:00:00.000Z" });
    const line = await issuesOf(s, member);
    expect(line.issues.map((i) => i.code)).toEqual(["ATTENDANCE_TOO_SHORT"]);
    expect(line.issues[0].message).toContain("at least 45 minutes (75% of the 60-minute session)");

    // The status alone again (as the console's form sends it): the minutes stay.
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT" }] }, s.owner.token));
    expect((await attendanceOf(s, member)).minutesAttended).toBe(40);

    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: null }] }, s.owner.token));
    expect(await attendanceOf(s, member)).toMatchObject({ minutesAttended: null, arrivedAt: null, departedAt: null });
    expect((await issuesOf(s, member)).status).toBe("READY");
  });

  it("a member marked absent keeps no minutes", async () => {
    const s = await setup();
    const [member] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 30 }] }, s.owner.token));
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "ABSENT" }] }, s.owner.token));
    expect(await attendanceOf(s, member)).toMatchObject({ status: "ABSENT", minutesAttended: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["more minutes than the session", { minutesAttended: 61 }, "entries[0].minutesAttended"],
    ["negative minutes", { minutesAttended: -1 }, "entries[0].minutesAttended"],
    ["minutes and times together", { minutesAttended: 30, arrivedAt: "2026-03-10T15:00:00Z", departedAt: "2026-03-10T15:30:00Z" }, "entries[0].minutesAttended"],
    ["arrival without departure", { arrivedAt: "2026-03-10T15:00:00Z" }, "entries[0].departedAt"],
    ["departure before arrival", { arrivedAt: "2026-03-10T15:30:00Z", departedAt: "2026-03-10T15:00:00Z" }, "entries[0].departedAt"],
    ["arrival to departure longer than the session", { arrivedAt: "2026-03-10T14:00:00Z", departedAt: "2026-03-10T15:30:00Z" }, "entries[0].departedAt"],
    ["minutes for a member not present", { status: "EXCUSED", minutesAttended: 20 }, "entries[0].minutesAttended"],
  ])("refuses %s, naming the field, and changes nothing", async (_name, entry, field) => {
    const s = await setup();
    const [member, other] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 50 }] }, s.owner.token));
    const res = await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", ...entry }, { clientId: other, status: "ABSENT" }] }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(await attendanceOf(s, member)).toMatchObject({ status: "PRESENT", minutesAttended: 50 });
    expect((await attendanceOf(s, other)).status).toBe("PRESENT");
  });

  it("a clinician records minutes; a biller may not", async () => {
    const s = await setup();
    const [member] = s.fx.clientIds;
    const clinician = await memberWithRole(server, s.owner, "CLINICIAN");
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 30 }] }, clinician.token));
    const biller = await memberWithRole(server, s.owner, "BILLER");
    const res = await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 10 }] }, biller.token);
    expect(errorCode(res)).toBe("FORBIDDEN");
    expect((await attendanceOf(s, member)).minutesAttended).toBe(30);
  });

  it("another practice cannot record minutes on this practice's session or client: NOT_FOUND, nothing changed", async () => {
    const s = await setup();
    const [member] = s.fx.clientIds;
    const other = await signUpPractice(server, "Other practice");
    const otherFx = await billingSetup(server, other, { members: 1 });
    const otherSession = await readySession(server, other, otherFx);
    const onSession = await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 5 }] }, other.token);
    expect(errorCode(onSession)).toBe("NOT_FOUND");
    const withClient = await server.gql(RECORD, { id: otherSession, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 5 }] }, other.token);
    expect(errorCode(withClient)).toBe("NOT_FOUND");
    expect(await attendanceOf(s, member)).toMatchObject({ status: "PRESENT", minutesAttended: null });
  });
});

describe("the payer rules minAttendedMinutes and minAttendedPercent", () => {
  it("are versioned, previewed before saving, and null by default", async () => {
    const s = await setup();
    const [member] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: member, status: "PRESENT", minutesAttended: 30 }] }, s.owner.token));
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual({ minAttendedMinutes: null, minAttendedPercent: null });
    expect((await issuesOf(s, member)).status).toBe("READY");

    const proposal = { effectiveFrom: "2026-03-01", minAttendedPercent: 51 };
    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: proposal }, s.owner.token)).previewPayerRules;
    expect(preview).toMatchObject({ newlyBlocked: 1, newlyReady: 0, changes: [{ after: "BLOCKED", issueCodes: ["ATTENDANCE_TOO_SHORT"] }] });
    expect((await issuesOf(s, member)).status).toBe("READY");

    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: proposal }, s.owner.token));
    expect((await issuesOf(s, member)).issues.map((i) => i.code)).toEqual(["ATTENDANCE_TOO_SHORT"]);
    const history = expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory;
    expect(history.map((v: { effectiveFrom: string; minAttendedPercent: number | null }) => [v.effectiveFrom, v.minAttendedPercent])).toEqual([
      ["2026-01-01", null],
      ["2026-03-01", 51],
    ]);

    // A later version that leaves them out keeps them; null turns the rule off.
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-05", feeCents: 5000 } }, s.owner.token));
    expect((await issuesOf(s, member)).status).toBe("BLOCKED");
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-06", minAttendedPercent: null } }, s.owner.token));
    expect((await issuesOf(s, member)).status).toBe("READY");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["minutes 0", { minAttendedMinutes: 0 }, "rules.minAttendedMinutes"],
    ["minutes 481", { minAttendedMinutes: 481 }, "rules.minAttendedMinutes"],
    ["percent 0", { minAttendedPercent: 0 }, "rules.minAttendedPercent"],
    ["percent 101", { minAttendedPercent: 101 }, "rules.minAttendedPercent"],
  ])("refuses %s, naming the field, and saves no version", async (_name, rules, field) => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>]>([
    ["minutes 1 and percent 1", { minAttendedMinutes: 1, minAttendedPercent: 1 }],
    ["minutes 480 and percent 100", { minAttendedMinutes: 480, minAttendedPercent: 100 }],
  ])("accepts the bounds: %s", async (_name, rules) => {
    const s = await setup();
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token));
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual(rules);
  });
});

describe("the payer rule warnClassLikeDocumentation", () => {
  const UPDATE_DOCS = `mutation ($id: ID!, $topics: String, $interventions: String) { updateSession(id: $id, input: { topics: $topics, interventions: $interventions }) { id } }`;
  const RULE = `query ($id: ID!) { payer(id: $id) { rules { warnClassLikeDocumentation } ruleHistory { warnClassLikeDocumentation } } }`;

  it("is off by default; on, a session documented as a class warns on every line (still READY) and names the words", async () => {
    const s = await setup();
    expectOk(await server.gql(UPDATE_DOCS, { id: s.sessionId, topics: "Lecture on sleep", interventions: "Video and handout" }, s.owner.token));
    expect(expectOk(await server.gql(RULE, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual({ warnClassLikeDocumentation: false });
    expect((await issuesOf(s, s.fx.clientIds[0])).issues).toEqual([]);

    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", warnClassLikeDocumentation: true } }, s.owner.token)).previewPayerRules;
    expect(preview.newlyBlocked).toBe(0);
    expect(preview.changes.map((c: { after: string; issueCodes: string[] }) => [c.after, c.issueCodes])).toEqual(s.fx.clientIds.map(() => ["READY", ["DOCUMENTATION_READS_AS_CLASS"]]));

    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", warnClassLikeDocumentation: true } }, s.owner.token));
    for (const clientId of s.fx.clientIds) {
      const line = await issuesOf(s, clientId);
      expect(line.status).toBe("READY");
      expect(line.issues.map((i) => [i.code, i.severity])).toEqual([["DOCUMENTATION_READS_AS_CLASS", "WARNING"]]);
      expect(line.issues[0].message).toContain('"lecture", "video" and "handout"');
    }
    // Naming the intervention used clears it.
    expectOk(await server.gql(UPDATE_DOCS, { id: s.sessionId, interventions: "Video, then cognitive restructuring" }, s.owner.token));
    expect((await issuesOf(s, s.fx.clientIds[0])).issues).toEqual([]);
    expect(expectOk(await server.gql(RULE, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toEqual([{ warnClassLikeDocumentation: false }, { warnClassLikeDocumentation: true }]);
  });

  it("refuses null, naming the field, and saves no version", async () => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", warnClassLikeDocumentation: null } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual(["rules.warnClassLikeDocumentation"]);
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("OTHER_MEMBER_NAMED from the notes the API saves", () => {
  const SAVE_NOTE = `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`;

  it("warns on the line of the member whose note names another member present, naming who and where", async () => {
    const s = await setup();
    const [writer, named] = s.fx.clientIds;
    // billingSetup names its members Member0 TestA, Member1 TestB, ...
    const res = await server.gql(SAVE_NOTE, { input: { sessionId: s.sessionId, clientId: writer, participation: "Engaged; gave MEMBER1 testb feedback." } }, s.owner.token);
    // The note is signed: the API refuses to edit it, so the words go in an addendum instead.
    expect(errorCode(res)).toBe("CONFLICT");
    const notes = expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { notes { id client { id } } } }`, { id: s.sessionId }, s.owner.token)).session.notes;
    const noteId = notes.find((n: { client: { id: string } }) => n.client.id === writer).id;
    expectOk(await server.gql(`mutation ($noteId: ID!, $text: String!) { addNoteAddendum(noteId: $noteId, text: $text) { id } }`, { noteId, text: "Sat with Member1 TestB." }, s.owner.token));
    const line = await issuesOf(s, writer);
    expect(line.status).toBe("READY");
    expect(line.issues.map((i) => [i.code, i.severity])).toEqual([["OTHER_MEMBER_NAMED", "WARNING"]]);
    expect(line.issues[0].message).toContain("Member1 TestB (in an addendum)");
    expect((await issuesOf(s, named)).issues).toEqual([]);
  });
});

describe("who signs a note: users linked to clinicians", () => {
  const LINK = `mutation ($clinicianId: ID!, $userId: ID) { linkClinicianUser(clinicianId: $clinicianId, userId: $userId) { id userId } }`;
  const CLINICIANS = `{ clinicians { id userId } }`;
  const MEMBERS = `{ members { role user { id email } } }`;
  const SAVE_NOTE = `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id signedAt } }`;
  const SIGN = `mutation ($id: ID!) { signMemberNote(id: $id) { id signedAt } }`;
  const SCHEDULE = `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;

  async function userIdOf(owner: PracticeFixture, email: string): Promise<string> {
    const members = expectOk(await server.gql(MEMBERS, {}, owner.token)).members;
    return members.find((m: { user: { email: string } }) => m.user.email === email).user.id;
  }

  /** A practice, a clinician member linked to the leader, another clinician member, and an unsigned note. */
  async function linkedPractice() {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const leaderUser = await memberWithRole(server, owner, "CLINICIAN");
    const otherUser = await memberWithRole(server, owner, "CLINICIAN");
    const leaderUserId = await userIdOf(owner, leaderUser.email);
    const sessionId = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token)).scheduleSession.id;
    expectOk(await server.gql(RECORD, { id: sessionId, entries: fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) }, owner.token));
    const noteId = expectOk(await server.gql(SAVE_NOTE, { input: { sessionId, clientId: fx.clientIds[0], participation: "Engaged" } }, owner.token)).saveMemberNote.id;
    return { owner, fx, leaderUser, otherUser, leaderUserId, sessionId, noteId };
  }

  async function signedAtOf(owner: PracticeFixture, sessionId: string): Promise<(string | null)[]> {
    return expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { notes { signedAt } } }`, { id: sessionId }, owner.token)).session.notes.map((n: { signedAt: string | null }) => n.signedAt);
  }

  it("once the leader is linked, only the linked user signs; anyone else gets FORBIDDEN and the note stays unsigned", async () => {
    const p = await linkedPractice();
    expect(expectOk(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: p.leaderUserId }, p.owner.token)).linkClinicianUser).toEqual({ id: p.fx.clinicianId, userId: p.leaderUserId });
    for (const token of [p.otherUser.token, p.owner.token]) {
      const res = await server.gql(SIGN, { id: p.noteId }, token);
      expect(errorCode(res)).toBe("FORBIDDEN");
      expect(res.errors![0].message).toMatch(/Only the session's leader or supervisor signs its notes \(Robin Lee\)/);
    }
    expect(await signedAtOf(p.owner, p.sessionId)).toEqual([null]);
    expect(expectOk(await server.gql(SIGN, { id: p.noteId }, p.leaderUser.token)).signMemberNote.signedAt).not.toBeNull();
  });

  it("a linked supervisor signs too; unlinking returns to anyone who may write notes", async () => {
    const p = await linkedPractice();
    const supervisor = expectOk(
      await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Sam Super", npi: "1245319599", credential: "PhD", licensed: true } }, p.owner.token),
    ).createClinician.id;
    expectOk(await server.gql(`mutation ($id: ID!, $s: ID) { updateSession(id: $id, input: { supervisorId: $s }) { id } }`, { id: p.sessionId, s: supervisor }, p.owner.token));
    const otherUserId = await userIdOf(p.owner, p.otherUser.email);
    expectOk(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: p.leaderUserId }, p.owner.token));
    expectOk(await server.gql(LINK, { clinicianId: supervisor, userId: otherUserId }, p.owner.token));
    expect(errorCode(await server.gql(SIGN, { id: p.noteId }, p.owner.token))).toBe("FORBIDDEN");
    expectOk(await server.gql(SIGN, { id: p.noteId }, p.otherUser.token));

    const q = await linkedPractice();
    expectOk(await server.gql(LINK, { clinicianId: q.fx.clinicianId, userId: q.leaderUserId }, q.owner.token));
    expectOk(await server.gql(LINK, { clinicianId: q.fx.clinicianId, userId: null }, q.owner.token));
    expectOk(await server.gql(SIGN, { id: q.noteId }, q.otherUser.token));
  });

  it("one user per clinician: linking a user twice is a CONFLICT and changes nothing", async () => {
    const p = await linkedPractice();
    const second = expectOk(
      await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Kim Two", npi: "1245319599", credential: "LPC", licensed: true } }, p.owner.token),
    ).createClinician.id;
    expectOk(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: p.leaderUserId }, p.owner.token));
    expect(errorCode(await server.gql(LINK, { clinicianId: second, userId: p.leaderUserId }, p.owner.token))).toBe("CONFLICT");
    const links = expectOk(await server.gql(CLINICIANS, {}, p.owner.token)).clinicians;
    expect(links.find((c: { id: string }) => c.id === second).userId).toBeNull();
  });

  it("only owners and admins link users", async () => {
    const p = await linkedPractice();
    for (const role of ["BILLER", "CLINICIAN"]) {
      const member = await memberWithRole(server, p.owner, role);
      expect(errorCode(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: p.leaderUserId }, member.token))).toBe("FORBIDDEN");
    }
    const links = expectOk(await server.gql(CLINICIANS, {}, p.owner.token)).clinicians;
    expect(links.map((c: { userId: string | null }) => c.userId)).toEqual([null]);
  });

  it("another practice's clinician or user is NOT_FOUND, and nothing changes", async () => {
    const p = await linkedPractice();
    const other = await signUpPractice(server, "Other practice");
    const otherFx = await billingSetup(server, other, { members: 1 });
    // Their admin cannot link our clinician, nor our user to their clinician.
    expect(errorCode(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: null }, other.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(LINK, { clinicianId: otherFx.clinicianId, userId: p.leaderUserId }, other.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(LINK, { clinicianId: "not-an-id", userId: null }, other.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(CLINICIANS, {}, other.token)).clinicians.map((c: { userId: string | null }) => c.userId)).toEqual([null]);
    expectOk(await server.gql(LINK, { clinicianId: p.fx.clinicianId, userId: p.leaderUserId }, p.owner.token));
    // And they cannot sign our note.
    expect(errorCode(await server.gql(SIGN, { id: p.noteId }, other.token))).toBe("NOT_FOUND");
    expect(await signedAtOf(p.owner, p.sessionId)).toEqual([null]);
  });
});

describe("the payer rules signWithinDays and lateSignatureSeverity", () => {
  const RULE = `query ($id: ID!) { payer(id: $id) { rules { signWithinDays lateSignatureSeverity } } }`;

  it("flag notes signed after the deadline, as a WARNING or, when the payer says so, an ERROR", async () => {
    // The fixture's session is on 2026-03-10 and its notes are signed today, long after.
    const s = await setup();
    expect(expectOk(await server.gql(RULE, { id: s.fx.payerId }, s.owner.token)).payer.rules).toEqual({ signWithinDays: null, lateSignatureSeverity: "WARNING" });
    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", signWithinDays: 2 } }, s.owner.token)).previewPayerRules;
    expect(preview.newlyBlocked).toBe(0);
    expect(preview.changes.map((c: { issueCodes: string[] }) => c.issueCodes)).toEqual(s.fx.clientIds.map(() => ["NOTE_SIGNED_LATE"]));
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", signWithinDays: 2 } }, s.owner.token));
    const warned = await issuesOf(s, s.fx.clientIds[0]);
    expect(warned.status).toBe("READY");
    expect(warned.issues.map((i) => [i.code, i.severity])).toEqual([["NOTE_SIGNED_LATE", "WARNING"]]);
    expect(warned.issues[0].message).toMatch(/after the session on 2026-03-10; this payer requires notes signed within 2 days/);
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-02", lateSignatureSeverity: "ERROR" } }, s.owner.token));
    const blocked = await issuesOf(s, s.fx.clientIds[0]);
    expect(blocked.status).toBe("BLOCKED");
    expect(blocked.issues.map((i) => [i.code, i.severity])).toEqual([["NOTE_SIGNED_LATE", "ERROR"]]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["days -1", { signWithinDays: -1 }, "rules.signWithinDays"],
    ["days 366", { signWithinDays: 366 }, "rules.signWithinDays"],
    ["severity null", { lateSignatureSeverity: null }, "rules.lateSignatureSeverity"],
  ])("refuses %s, naming the field, and saves no version", async (_name, rules, field) => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("the payer rule credentialModifiers", () => {
  const RULE = `query ($id: ID!) { payer(id: $id) { rules { credentialModifiers { credential modifier } } ruleHistory { credentialModifiers { credential modifier } } } }`;
  const LINES = `query ($id: ID!) { session(id: $id) { claimDecisions { modifiers } } }`;
  const IMPACT = `query ($id: ID!, $rules: PayerRulesInput!) { previewPayerRules(payerId: $id, rules: $rules, from: "2026-03-01", to: "2026-03-31") { newlyBlocked otherwiseChanged changes { changedFields afterLine { modifiers } } } }`;

  it("adds the rendering clinician's credential modifier after the payer's modifiers, previewed, versioned and upper-cased", async () => {
    // The fixture's leader is an LCSW; its Medicaid payer puts HQ on every line.
    const s = await setup();
    const rules = { effectiveFrom: "2026-03-01", credentialModifiers: [{ credential: " lcsw", modifier: "aj" }, { credential: "LPC", modifier: "HO" }] };
    const preview = expectOk(await server.gql(IMPACT, { id: s.fx.payerId, rules }, s.owner.token)).previewPayerRules;
    expect(preview).toMatchObject({ newlyBlocked: 0, otherwiseChanged: 3 });
    expect(preview.changes.map((c: { changedFields: string[]; afterLine: { modifiers: string[] } }) => [c.changedFields, c.afterLine.modifiers])).toEqual(s.fx.clientIds.map(() => [["modifiers"], ["HQ", "AJ"]]));
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules }, s.owner.token));
    const lines = expectOk(await server.gql(LINES, { id: s.sessionId }, s.owner.token)).session.claimDecisions;
    expect(lines.map((l: { modifiers: string[] }) => l.modifiers)).toEqual(s.fx.clientIds.map(() => ["HQ", "AJ"]));
    const payer = expectOk(await server.gql(RULE, { id: s.fx.payerId }, s.owner.token)).payer;
    expect(payer.rules.credentialModifiers).toEqual([{ credential: "LCSW", modifier: "AJ" }, { credential: "LPC", modifier: "HO" }]);
    expect(payer.ruleHistory.map((v: { credentialModifiers: unknown[] }) => v.credentialModifiers.length)).toEqual([0, 2]);
  });

  it.each<[string, { credential: string; modifier: string }[], string]>([
    ["a telehealth modifier", [{ credential: "LCSW", modifier: "95" }], "rules.credentialModifiers[0].modifier"],
    ["a modifier of three characters", [{ credential: "LCSW", modifier: "AJX" }], "rules.credentialModifiers[0].modifier"],
    ["an empty credential", [{ credential: " ", modifier: "AJ" }], "rules.credentialModifiers[0].credential"],
    ["two credentials in one", [{ credential: "LCSW, LPC", modifier: "AJ" }], "rules.credentialModifiers[0].credential"],
    ["a pair listed twice", [{ credential: "LCSW", modifier: "AJ" }, { credential: "lcsw", modifier: "aj" }], "rules.credentialModifiers[1]"],
  ])("refuses %s, naming the field, and saves no version", async (_name, credentialModifiers, field) => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", credentialModifiers } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("telehealth place of service by the member's location", () => {
  const POS = `query ($id: ID!) { session(id: $id) { claimDecisions { placeOfService client { id } } attendance { location client { id } } } }`;

  async function telehealth(rules: Record<string, unknown> = {}) {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3, payerRules: { telehealthPlaceOfService: "02", ...rules } });
    const sessionId = await readySession(server, owner, fx, { modality: "TELEHEALTH_VIDEO" });
    return { owner, fx, sessionId };
  }

  async function byClient(s: { owner: PracticeFixture; sessionId: string }) {
    const session = expectOk(await server.gql(POS, { id: s.sessionId }, s.owner.token)).session;
    return {
      pos: Object.fromEntries(session.claimDecisions.map((d: { placeOfService: string; client: { id: string } }) => [d.client.id, d.placeOfService])),
      location: Object.fromEntries(session.attendance.map((a: { location: string | null; client: { id: string } }) => [a.client.id, a.location])),
    };
  }

  it("bills 10 for a member at home and 02 elsewhere when the payer bills by location; the fixed place of service otherwise", async () => {
    const s = await telehealth();
    const [home, other, unknown] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: home, status: "PRESENT", location: "HOME" }, { clientId: other, status: "PRESENT", location: "OTHER" }] }, s.owner.token));
    expect(await byClient(s)).toEqual({ pos: { [home]: "02", [other]: "02", [unknown]: "02" }, location: { [home]: "HOME", [other]: "OTHER", [unknown]: null } });
    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", telehealthPosByLocation: true } }, s.owner.token)).previewPayerRules;
    expect(preview.changes).toHaveLength(1);
    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", telehealthPosByLocation: true } }, s.owner.token));
    expect((await byClient(s)).pos).toEqual({ [home]: "10", [other]: "02", [unknown]: "02" });
    // Status alone keeps the location; ABSENT clears it.
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: home, status: "PRESENT" }, { clientId: other, status: "ABSENT" }] }, s.owner.token));
    expect((await byClient(s)).location).toEqual({ [home]: "HOME", [other]: null, [unknown]: null });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["an in-person session", "IN_PERSON", { status: "PRESENT", location: "HOME" }],
    ["a member not present", "TELEHEALTH_VIDEO", { status: "EXCUSED", location: "HOME" }],
  ])("refuses a location for %s, naming the field, and changes nothing", async (_name, modality, entry) => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    const sessionId = await readySession(server, owner, fx, { modality });
    const res = await server.gql(RECORD, { id: sessionId, entries: [{ clientId: fx.clientIds[0], ...entry }] }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual(["entries[0].location"]);
    expect((await byClient({ owner, sessionId })).location[fx.clientIds[0]]).toBeNull();
  });

  it("another practice cannot record a location on this practice's session: NOT_FOUND, nothing changed", async () => {
    const s = await telehealth();
    const other = await signUpPractice(server, "Other practice");
    expect(errorCode(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: s.fx.clientIds[0], status: "PRESENT", location: "HOME" }] }, other.token))).toBe("NOT_FOUND");
    expect((await byClient(s)).location[s.fx.clientIds[0]]).toBeNull();
  });

  it("refuses telehealthPosByLocation null, naming the field", async () => {
    const s = await telehealth();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", telehealthPosByLocation: null } }, s.owner.token);
    expect(fieldsOf(res)).toEqual(["rules.telehealthPosByLocation"]);
  });
});

describe("multiple-family groups", () => {
  it("a MULTI_FAMILY group's lines suggest 90849 and are blocked with USE_FAMILY_CODE", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3, kind: "MULTI_FAMILY" });
    const sessionId = await readySession(server, owner, fx);
    const lines = expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { group { kind } claimDecisions { status suggestedCptCodes issues { code } } } }`, { id: sessionId }, owner.token)).session;
    expect(lines.group.kind).toBe("MULTI_FAMILY");
    expect(lines.claimDecisions).toEqual(fx.clientIds.map(() => ({ status: "BLOCKED", suggestedCptCodes: ["90849"], issues: [{ code: "USE_FAMILY_CODE" }] })));
  });
});

describe("note drafting", () => {
  const DRAFT = `mutation ($sessionId: ID!, $members: [DraftMemberNoteInput!]!) { draftMemberNotes(sessionId: $sessionId, members: $members) { id client { id } participation response interventions progress plan risk signedAt } }`;
  const NOTES = `query ($id: ID!) { session(id: $id) { notes { client { id } participation response interventions progress plan risk signedAt } } }`;
  const SCHEDULE = `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`;
  const SAVE_NOTE = `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`;

  /** A documented session with every member present and no notes yet. */
  async function undrafted(payerRules: Record<string, unknown> = {}) {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3, payerRules });
    const sessionId = expectOk(await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } }, owner.token)).scheduleSession.id;
    expectOk(await server.gql(`mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Distress tolerance", interventions: "DBT skills coaching, role play" }) { id } }`, { id: sessionId }, owner.token));
    expectOk(await server.gql(RECORD, { id: sessionId, entries: fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) }, owner.token));
    return { owner, fx, sessionId };
  }

  async function notesOf(owner: PracticeFixture, sessionId: string) {
    return expectOk(await server.gql(NOTES, { id: sessionId }, owner.token)).session.notes;
  }

  it("drafts every present member's note with the elements the payer requires, unsigned, keeping what a clinician wrote", async () => {
    const s = await undrafted({ requiredNoteElements: ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"] });
    const [first, second, third] = s.fx.clientIds;
    expectOk(await server.gql(SAVE_NOTE, { input: { sessionId: s.sessionId, clientId: second, response: "Written by the clinician." } }, s.owner.token));
    const drafted = expectOk(await server.gql(DRAFT, { sessionId: s.sessionId, members: [{ clientId: first, words: "named a new coping plan" }] }, s.owner.token)).draftMemberNotes;
    expect(drafted).toHaveLength(3);
    const byClient = Object.fromEntries(drafted.map((n: { client: { id: string } }) => [n.client.id, n]));
    expect(byClient[first]).toMatchObject({
      participation: "Member0 attended all 60 minutes of the skills group on Distress tolerance and took part in the discussion. Named a new coping plan.",
      response: "Member0 practiced the skills taught (DBT skills coaching, role play) and described when to use them.",
      signedAt: null,
    });
    for (const note of drafted) for (const section of ["participation", "response", "interventions", "progress", "plan", "risk"]) expect(note[section]).toBeTruthy();
    expect(byClient[second].response).toBe("Written by the clinician.");
    expect(byClient[third].participation).not.toContain("Named");
    // Complete and unsigned: the lines wait only for the signatures.
    const lines = expectOk(await server.gql(DECISIONS, { id: s.sessionId }, s.owner.token)).session.claimDecisions;
    expect(lines.map((l: { issues: { code: string }[] }) => l.issues.map((i) => i.code))).toEqual(s.fx.clientIds.map(() => ["NOTE_UNSIGNED"]));
    // A second draft finds nothing empty and changes nothing.
    expect(expectOk(await server.gql(DRAFT, { sessionId: s.sessionId, members: [] }, s.owner.token)).draftMemberNotes).toEqual([]);
  });

  it("fills participation, response, interventions and plan when the payer lists no elements, and skips signed notes", async () => {
    const s = await undrafted({ requiredNoteElements: [] });
    const [signedOne] = s.fx.clientIds;
    const id = expectOk(await server.gql(SAVE_NOTE, { input: { sessionId: s.sessionId, clientId: signedOne, participation: "Signed early." } }, s.owner.token)).saveMemberNote.id;
    expectOk(await server.gql(`mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id }, s.owner.token));
    const drafted = expectOk(await server.gql(DRAFT, { sessionId: s.sessionId, members: [] }, s.owner.token)).draftMemberNotes;
    expect(drafted.map((n: { client: { id: string } }) => n.client.id).sort()).toEqual(s.fx.clientIds.slice(1).sort());
    for (const note of drafted) expect([!!note.participation, !!note.response, !!note.interventions, !!note.progress, !!note.plan, !!note.risk]).toEqual([true, true, true, false, true, false]);
    const signed = (await notesOf(s.owner, s.sessionId)).find((n: { client: { id: string } }) => n.client.id === signedOne);
    expect(signed).toMatchObject({ participation: "Signed early.", response: null });
  });

  it.each<[string, (ids: string[]) => Record<string, unknown>[], string]>([
    ["words too long", (ids) => [{ clientId: ids[0], words: "x".repeat(501) }], "members[0].words"],
    ["a member twice", (ids) => [{ clientId: ids[0] }, { clientId: ids[0] }], "members[1].clientId"],
  ])("refuses %s, naming the field, and drafts nothing", async (_name, members, field) => {
    const s = await undrafted();
    const res = await server.gql(DRAFT, { sessionId: s.sessionId, members: members(s.fx.clientIds) }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(await notesOf(s.owner, s.sessionId)).toEqual([]);
  });

  it("refuses words for a member not present, and drafts nothing", async () => {
    const s = await undrafted();
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: s.fx.clientIds[2], status: "ABSENT" }] }, s.owner.token));
    const res = await server.gql(DRAFT, { sessionId: s.sessionId, members: [{ clientId: s.fx.clientIds[0] }, { clientId: s.fx.clientIds[2], words: "was not there" }] }, s.owner.token);
    expect(fieldsOf(res)).toEqual(["members[1].clientId"]);
    expect(await notesOf(s.owner, s.sessionId)).toEqual([]);
  });

  it("a clinician drafts; a biller may not", async () => {
    const s = await undrafted();
    const biller = await memberWithRole(server, s.owner, "BILLER");
    expect(errorCode(await server.gql(DRAFT, { sessionId: s.sessionId, members: [] }, biller.token))).toBe("FORBIDDEN");
    expect(await notesOf(s.owner, s.sessionId)).toEqual([]);
    const clinician = await memberWithRole(server, s.owner, "CLINICIAN");
    expect(expectOk(await server.gql(DRAFT, { sessionId: s.sessionId, members: [] }, clinician.token)).draftMemberNotes).toHaveLength(3);
  });

  it("another practice's session or client is NOT_FOUND (or unknown), and nothing is drafted", async () => {
    const s = await undrafted();
    const other = await undrafted();
    expect(errorCode(await server.gql(DRAFT, { sessionId: s.sessionId, members: [] }, other.owner.token))).toBe("NOT_FOUND");
    const withOurClient = await server.gql(DRAFT, { sessionId: other.sessionId, members: [{ clientId: s.fx.clientIds[0], words: "x" }] }, other.owner.token);
    expect(fieldsOf(withOurClient)).toEqual(["members[0].clientId"]);
    expect(await notesOf(s.owner, s.sessionId)).toEqual([]);
    expect(await notesOf(other.owner, other.sessionId)).toEqual([]);
  });
});
