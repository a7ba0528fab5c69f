import "reflect-metadata";
import { can, Permission, ROLES } from "../../../server/src/auth/roles";
import { expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, homeAddress, type BillingFixture } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

/**
 * The work list's filters and the dashboard's summary, over real HTTP on a practice built for it: March holds a
 * billed session, a session with two members' notes missing, and another payer's group with a member without
 * coverage; April holds one more session outside the range. Every filtered answer is checked against the full
 * list filtered here by hand, and the summary against sums of that list.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const MARCH = { from: "2026-03-01", to: "2026-03-31" };

interface Line {
  id: string;
  status: "READY" | "BLOCKED" | "BILLED";
  chargeCents: number;
  issues: { code: string; severity: string }[];
  payer: { id: string } | null;
  client: { id: string; firstName: string; lastName: string };
  renderingProvider: { id: string } | null;
  supervisedLeader: { id: string } | null;
  session: { id: string; startsAt: string; date: string; group: { id: string; name: string }; leader: { id: string } };
}

const LINE_FIELDS = `id status chargeCents issues { code severity } payer { id } client { id firstName lastName } renderingProvider { id } supervisedLeader { id }
  session { id startsAt date group { id name } leader { id } }`;

const LIST = `query ($from: Date!, $to: Date!, $status: ClaimStatus, $payerId: ID, $issueCode: ClaimIssueCode, $clinicianId: ID, $groupId: ID, $clientId: ID, $search: String, $first: Int, $after: String) {
  claimDecisions(from: $from, to: $to, status: $status, payerId: $payerId, issueCode: $issueCode, clinicianId: $clinicianId, groupId: $groupId, clientId: $clientId, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${LINE_FIELDS} } }
  }
}`;

const SUMMARY = `query ($from: Date!, $to: Date!, $payerId: ID, $issueCode: ClaimIssueCode, $clinicianId: ID, $groupId: ID, $clientId: ID, $search: String) {
  claimSummary(from: $from, to: $to, payerId: $payerId, issueCode: $issueCode, clinicianId: $clinicianId, groupId: $groupId, clientId: $clientId, search: $search) {
    from to lineCount chargeCents
    byStatus { status lineCount chargeCents }
    blockedByIssue { code lineCount chargeCents }
    blockedByPayer { lineCount chargeCents payer { id } }
    readyByPayer { lineCount chargeCents payer { id } }
    oldestUnbilled { serviceDate readyCount blockedCount session { id } }
  }
}`;

type Filter = Partial<Record<"status" | "payerId" | "issueCode" | "clinicianId" | "groupId" | "clientId" | "search", string>>;

async function listAll(token: string, filter: Filter, range = MARCH, first = 100): Promise<{ lines: Line[]; totalCounts: number[] }> {
  const lines: Line[] = [];
  const totalCounts: number[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { claimDecisions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Line }[] } } = expectOk(
      await server.gql(LIST, { ...range, ...filter, first, after }, token),
    );
    lines.push(...page.claimDecisions.edges.map((e) => e.node));
    totalCounts.push(page.claimDecisions.totalCount);
    if (!page.claimDecisions.pageInfo.hasNextPage) return { lines, totalCounts };
    after = page.claimDecisions.pageInfo.endCursor;
  }
}

/** The filters' meaning, written out independently of the server's code. */
function byHand(lines: Line[], f: Filter): Line[] {
  return lines.filter(
    (l) =>
      (!f.status || l.status === f.status) &&
      (!f.payerId || l.payer?.id === f.payerId) &&
      (!f.issueCode || l.issues.some((i) => i.code === f.issueCode && i.severity === "ERROR")) &&
      (!f.clinicianId || l.session.leader.id === f.clinicianId || l.renderingProvider?.id === f.clinicianId) &&
      (!f.groupId || l.session.group.id === f.groupId) &&
      (!f.clientId || l.client.id === f.clientId) &&
      (!f.search || `${l.client.firstName} ${l.client.lastName} ${l.session.group.name}`.toLowerCase().includes(f.search.toLowerCase())),
  );
}

const ids = (lines: Line[]) => lines.map((l) => l.id);

async function session(owner: PracticeFixture, groupId: string, startsAt: string, present: string[], noted: string[]): Promise<string> {
  const id = expectOk(
    await server.gql(`mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, { input: { groupId, startsAt, durationMinutes: 60, modality: "IN_PERSON" } }, owner.token),
  ).scheduleSession.id;
  expectOk(await server.gql(`mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Coping", interventions: "Skills coaching" }) { id } }`, { id }, owner.token));
  expectOk(
    await server.gql(
      `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
      { id, entries: present.map((clientId) => ({ clientId, status: "PRESENT" })) },
      owner.token,
    ),
  );
  for (const clientId of noted) {
    const note = expectOk(
      await server.gql(`mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, { input: { sessionId: id, clientId, participation: "Engaged", response: "Used the skill" } }, owner.token),
    ).saveMemberNote;
    expectOk(await server.gql(`mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: note.id }, owner.token));
  }
  return id;
}

interface World {
  owner: PracticeFixture;
  fx: BillingFixture;
  blue: { payerId: string; clinicianId: string; groupId: string; clientIds: string[] };
  all: Line[];
}

async function buildWorld(): Promise<World> {
  const owner = await signUpPractice(server, "Work list");
  const fx = await billingSetup(server, owner, { members: 4 });
  const payerId = expectOk(
    await server.gql(
      `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id } }`,
      { input: { name: "Blue Shield", kind: "COMMERCIAL", payerCode: "BSC01", rules: { effectiveFrom: "2026-01-01", feeCents: 9100 } } },
      owner.token,
    ),
  ).createPayer.id;
  const clinicianId = expectOk(
    await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name: "Sam Ortiz", npi: uniqueNpi(), credential: "LPC", licensed: true } }, owner.token),
  ).createClinician.id;
  const clientIds: string[] = [];
  for (const [firstName, lastName, covered] of [
    ["Nora", "Quinn", true],
    ["Omar", "Reyes", true],
    ["Pia", "Stone", false],
  ] as const) {
    clientIds.push(
      expectOk(
        await server.gql(
          `mutation ($input: CreateClientInput!) { createClient(input: $input) { id } }`,
          {
            input: {
              firstName,
              lastName,
              dateOfBirth: "1979-02-02",
              sex: "FEMALE",
              address: homeAddress(clientIds.length),
              diagnosisCodes: ["F41.1"],
              coverages: covered ? [{ payerId, memberId: `BS-${firstName}`, priority: "PRIMARY", effectiveFrom: "2026-01-01" }] : [],
            },
          },
          owner.token,
        ),
      ).createClient.id,
    );
  }
  const groupId = expectOk(
    await server.gql(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: "Grief Circle", kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leaderId: clinicianId, defaultDurationMinutes: 60, memberIds: clientIds } },
      owner.token,
    ),
  ).createGroup.id;

  await session(owner, fx.groupId, "2026-03-03T15:00:00Z", fx.clientIds, fx.clientIds);
  await session(owner, fx.groupId, "2026-03-10T15:00:00Z", fx.clientIds, fx.clientIds.slice(0, 2));
  await session(owner, groupId, "2026-03-17T18:00:00Z", clientIds, clientIds);
  await session(owner, fx.groupId, "2026-04-07T15:00:00Z", fx.clientIds, fx.clientIds);
  expectOk(await server.gql(`mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id } }`, { input: { from: "2026-03-01", to: "2026-03-07", idempotencyKey: "first-week" } }, owner.token));

  const { lines: all } = await listAll(owner.token, {});
  return { owner, fx, blue: { payerId, clinicianId, groupId, clientIds }, all };
}

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

describe("claimDecisions filters", () => {
  it("builds the March the tests below rely on", () => {
    const count = (status: string) => w.all.filter((l) => l.status === status).length;
    expect([w.all.length, count("BILLED"), count("READY"), count("BLOCKED")]).toEqual([11, 4, 4, 3]);
  });

  const cases: [string, (w: World) => Filter, number][] = [
    ["status", () => ({ status: "BLOCKED" }), 3],
    ["payer", (x) => ({ payerId: x.blue.payerId }), 2],
    ["reason (an ERROR)", () => ({ issueCode: "MISSING_MEMBER_NOTE" }), 2],
    ["reason without coverage", () => ({ issueCode: "NO_ACTIVE_COVERAGE" }), 1],
    ["clinician", (x) => ({ clinicianId: x.blue.clinicianId }), 3],
    ["group", (x) => ({ groupId: x.fx.groupId }), 8],
    ["member", (x) => ({ clientId: x.fx.clientIds[2]! }), 2],
    ["search by member name, any case", () => ({ search: "oMaR" }), 1],
    ["search by group name", () => ({ search: "grief" }), 3],
    ["several at once", (x) => ({ status: "READY", groupId: x.fx.groupId, search: "member" }), 2],
  ];

  it.each(cases)("%s: exactly the lines that match, with totalCount", async (_name, filterOf, expected) => {
    const filter = filterOf(w);
    const { lines, totalCounts } = await listAll(w.owner.token, filter);
    const want = byHand(w.all, filter);
    expect(want).toHaveLength(expected);
    expect(ids(lines)).toEqual(ids(want));
    expect(totalCounts).toEqual([expected]);
  });

  it("pages through filtered lines in order, each page's totalCount the filtered total", async () => {
    const filter = { groupId: w.fx.groupId };
    const { lines, totalCounts } = await listAll(w.owner.token, filter, MARCH, 3);
    expect(ids(lines)).toEqual(ids(byHand(w.all, filter)));
    expect(totalCounts).toEqual([8, 8, 8]);
  });

  it("matches nothing for an id that is not an id, and refuses nothing", async () => {
    expect((await listAll(w.owner.token, { groupId: "not-a-uuid" })).lines).toEqual([]);
    expect(expectOk(await server.gql(SUMMARY, { ...MARCH, clientId: "nope" }, w.owner.token)).claimSummary.lineCount).toBe(0);
  });
});

describe("claimSummary", () => {
  function expectedSummary(lines: Line[]) {
    const sum = (ls: Line[]) => ({ lineCount: ls.length, chargeCents: ls.reduce((s, l) => s + l.chargeCents, 0) });
    const blocked = lines.filter((l) => l.status === "BLOCKED");
    const codes = [...new Set(blocked.flatMap((l) => l.issues.filter((i) => i.severity === "ERROR").map((i) => i.code)))];
    const payers = [...new Set(blocked.map((l) => l.payer?.id ?? null))];
    const ready = lines.filter((l) => l.status === "READY");
    const unbilled = lines.filter((l) => l.status !== "BILLED");
    const sessions = [...new Map(unbilled.map((l) => [l.session.id, l.session])).values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return {
      ...sum(lines),
      byStatus: ["READY", "BLOCKED", "BILLED"].map((status) => ({ status, ...sum(lines.filter((l) => l.status === status)) })),
      blockedByIssue: codes.map((code) => ({ code, ...sum(blocked.filter((l) => l.issues.some((i) => i.code === code && i.severity === "ERROR"))) })),
      blockedByPayer: payers.map((id) => ({ payer: id ? { id } : null, ...sum(blocked.filter((l) => (l.payer?.id ?? null) === id)) })),
      readyByPayer: [...new Set(ready.map((l) => l.payer?.id ?? null))].map((id) => ({ payer: id ? { id } : null, ...sum(ready.filter((l) => (l.payer?.id ?? null) === id)) })),
      oldestUnbilled: sessions.slice(0, 5).map((s) => ({
        serviceDate: s.date,
        readyCount: unbilled.filter((l) => l.session.id === s.id && l.status === "READY").length,
        blockedCount: unbilled.filter((l) => l.session.id === s.id && l.status === "BLOCKED").length,
        session: { id: s.id },
      })),
    };
  }

  const byCharge = <T extends { chargeCents: number; lineCount: number }>(xs: T[]) => [...xs].sort((a, b) => b.chargeCents - a.chargeCents || b.lineCount - a.lineCount);

  it("adds up exactly the lines claimDecisions lists: by status, by reason, by payer, oldest unbilled", async () => {
    const got = expectOk(await server.gql(SUMMARY, MARCH, w.owner.token)).claimSummary;
    const want = expectedSummary(w.all);
    expect(got.from).toBe(MARCH.from);
    expect(got.to).toBe(MARCH.to);
    expect({ lineCount: got.lineCount, chargeCents: got.chargeCents, byStatus: got.byStatus }).toEqual({ lineCount: want.lineCount, chargeCents: want.chargeCents, byStatus: want.byStatus });
    expect(got.byStatus).toEqual([
      { status: "READY", lineCount: 4, chargeCents: 2 * 4800 + 2 * 9100 },
      { status: "BLOCKED", lineCount: 3, chargeCents: want.byStatus[1]!.chargeCents },
      { status: "BILLED", lineCount: 4, chargeCents: 4 * 4800 },
    ]);
    // Largest charge first; the contents are compared regardless of how ties are ordered.
    expect(got.blockedByIssue).toEqual(byCharge(got.blockedByIssue));
    expect(got.blockedByIssue).toHaveLength(want.blockedByIssue.length);
    expect(got.blockedByIssue).toEqual(expect.arrayContaining(want.blockedByIssue));
    expect(got.blockedByIssue.map((b: { code: string }) => b.code)).toContain("MISSING_MEMBER_NOTE");
    expect(got.blockedByPayer).toEqual(byCharge(got.blockedByPayer));
    expect(got.blockedByPayer).toHaveLength(2);
    expect(got.blockedByPayer).toEqual(expect.arrayContaining(want.blockedByPayer));
    expect(got.readyByPayer).toEqual(byCharge(want.readyByPayer));
    expect(got.readyByPayer).toEqual([
      { lineCount: 2, chargeCents: 2 * 9100, payer: { id: w.blue.payerId } },
      { lineCount: 2, chargeCents: 2 * 4800, payer: { id: w.fx.payerId } },
    ]);
    expect(got.oldestUnbilled).toEqual(want.oldestUnbilled);
    expect(got.oldestUnbilled.map((s: { serviceDate: string }) => s.serviceDate)).toEqual(["2026-03-10", "2026-03-17"]);
  });

  it("narrows like the list: the same filter gives the totals of the same lines", async () => {
    for (const filter of [{ payerId: w.blue.payerId }, { groupId: w.fx.groupId }, { search: "pia" }, { issueCode: "MISSING_MEMBER_NOTE" }]) {
      const got = expectOk(await server.gql(SUMMARY, { ...MARCH, ...filter }, w.owner.token)).claimSummary;
      const want = expectedSummary(byHand(w.all, filter));
      expect([filter, got.lineCount, got.chargeCents, got.byStatus]).toEqual([filter, want.lineCount, want.chargeCents, want.byStatus]);
    }
  });

  it("gives clinicians the counts and refuses them every charge", async () => {
    const clinician = await memberWithRole(server, w.owner, "CLINICIAN");
    const counts = expectOk(await server.gql(`query { claimSummary(from: "2026-03-01", to: "2026-03-31") { lineCount byStatus { lineCount } blockedByIssue { code lineCount } } }`, {}, clinician.token));
    expect(counts.claimSummary.lineCount).toBe(11);
    for (const path of ["chargeCents", "byStatus { chargeCents }", "blockedByIssue { chargeCents }", "blockedByPayer { chargeCents }", "readyByPayer { chargeCents }"]) {
      const res = await server.gql(`query { claimSummary(from: "2026-03-01", to: "2026-03-31") { ${path} } }`, {}, clinician.token);
      expect([path, res.errors?.length ? res.errors.every((e) => e.extensions?.code === "FORBIDDEN") : "no errors"]).toEqual([path, true]);
      expect(JSON.stringify(res.data ?? null)).not.toMatch(/4800|9100|9600/);
    }
  });
});

describe("another practice", () => {
  it("gets nothing for this practice's ids as filters, and a summary of only its own lines", async () => {
    const other = await signUpPractice(server, "Other");
    const ofOther = await billingSetup(server, other, { members: 2 });
    await session(other, ofOther.groupId, "2026-03-12T15:00:00Z", ofOther.clientIds, ofOther.clientIds);
    const filters: Filter[] = [{ payerId: w.blue.payerId }, { clinicianId: w.blue.clinicianId }, { groupId: w.fx.groupId }, { clientId: w.fx.clientIds[0]! }, { search: "Grief" }];
    for (const filter of filters) {
      // Positive control: the owner's own practice has lines for each of these.
      expect((await listAll(w.owner.token, filter)).lines.length).toBeGreaterThan(0);
      expect([filter, await listAll(other.token, filter)]).toEqual([filter, { lines: [], totalCounts: [0] }]);
      const summary = expectOk(await server.gql(SUMMARY, { ...MARCH, ...filter }, other.token)).claimSummary;
      expect([filter, summary.lineCount, summary.blockedByIssue, summary.oldestUnbilled]).toEqual([filter, 0, [], []]);
    }
    const own = expectOk(await server.gql(SUMMARY, MARCH, other.token)).claimSummary;
    expect(own.byStatus).toEqual([
      { status: "READY", lineCount: 2, chargeCents: 2 * 4800 },
      { status: "BLOCKED", lineCount: 0, chargeCents: 0 },
      { status: "BILLED", lineCount: 0, chargeCents: 0 },
    ]);
    expect(own.blockedByPayer).toEqual([]);
    // And this practice's figures are as they were.
    expect(expectOk(await server.gql(SUMMARY, MARCH, w.owner.token)).claimSummary.lineCount).toBe(11);
  });
});

describe("Viewer.permissions", () => {
  it("serves each role exactly the permissions the server enforces for it", async () => {
    const tokens: Record<string, string> = { OWNER: w.owner.token };
    for (const role of ROLES.filter((r) => r !== "OWNER")) tokens[role] = (await memberWithRole(server, w.owner, role)).token;
    for (const role of ROLES) {
      const me = expectOk(await server.gql(`{ me { role permissions } }`, {}, tokens[role])).me;
      expect(me).toEqual({ role, permissions: Object.values(Permission).filter((p) => can(role, p)) });
    }
    // The roles differ, so the comparison above cannot pass by serving one list to everyone.
    const served = await Promise.all(ROLES.map(async (r) => expectOk(await server.gql(`{ me { permissions } }`, {}, tokens[r])).me.permissions.join()));
    expect(new Set(served).size).toBe(3);
  });
});
