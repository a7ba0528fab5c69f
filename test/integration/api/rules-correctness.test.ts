/**
 * Lines a payer would deny must not read READY, and lines it pays must not read BLOCKED: the rule
 * timeline, daily units with billed lines, supervised leaders, fees, addenda and consistent input.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { parseCsvRecords } from "../../support/csv";
import { uniqueNpi } from "../../support/npi";

const DECISIONS = `query ($id: ID!) { session(id: $id) { claimDecisions {
  status chargeCents modifiers batchId issues { code message element } client { id }
  renderingProvider { id npi } supervisedLeader { id npi } requiredNoteElements
} } }`;
const SCHEDULE = `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id modality placeOfService supervisor { id } } }`;
const UPDATE_SESSION = `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id version modality placeOfService supervisor { id } } }`;
const SESSION = `query ($id: ID!) { session(id: $id) { id version modality placeOfService supervisor { id } } }`;
const CREATE_BATCH = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;
const SET_RULES = `mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { id } }`;
const CREATE_PAYER = `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id rules { effectiveFrom maxGroupSize feeCents } } }`;
const RULES_ON = `query ($id: ID!, $before: Date!, $inside: Date!, $after: Date!, $long: Date!) { payer(id: $id) {
  before: rulesOn(date: $before) { effectiveFrom maxGroupSize }
  inside: rulesOn(date: $inside) { effectiveFrom maxGroupSize }
  after: rulesOn(date: $after) { effectiveFrom maxGroupSize }
  longBefore: rulesOn(date: $long) { effectiveFrom maxGroupSize }
  rules { maxGroupSize }
  ruleHistory { effectiveFrom maxGroupSize }
} }`;
const PREVIEW = `query ($payerId: ID!, $rules: PayerRulesInput!, $from: Date, $to: Date) {
  previewPayerRules(payerId: $payerId, rules: $rules, from: $from, to: $to) {
    decisionsEvaluated newlyBlocked newlyReady otherwiseChanged unchanged
    changes { before after issueCodes changedFields beforeLine { chargeCents status } afterLine { chargeCents status } }
    timeline { from to ruleVersionId effectiveFrom proposed }
  }
}`;
const BILLING_DETAILS = `mutation { updatePractice(input: { taxId: "043219876", taxonomyCode: "261QM0801X", addressLine1: "1 Main St", addressCity: "Boston", addressState: "MA", addressZip: "02110-1234", phone: "6175550100", clearinghouseName: "Test House", clearinghouseId: "TESTHOUSE", submitterId: "SUBMIT01", submitterName: "Test Practice Billing", submitterContactName: "Pat Biller", x12UsageIndicator: "t" }) { id } }`;

type Decision = {
  status: string;
  chargeCents: number;
  batchId: string | null;
  issues: { code: string; message: string; element: string | null }[];
  client: { id: string };
  renderingProvider: { id: string; npi: string } | null;
  supervisedLeader: { id: string; npi: string } | null;
  requiredNoteElements: string[];
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function decisionsOf(owner: PracticeFixture, sessionId: string): Promise<Decision[]> {
  return expectOk(await server.gql(DECISIONS, { id: sessionId }, owner.token)).session.claimDecisions;
}

const codes = (d: Decision) => d.issues.map((i) => i.code);

async function clinician(owner: PracticeFixture, licensed: boolean, name = licensed ? "Dana Fox" : "Pat Peer"): Promise<{ id: string; npi: string }> {
  const npi = uniqueNpi();
  const id = expectOk(
    await server.gql(`mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`, { input: { name, npi, credential: licensed ? "PhD" : "CPRS", licensed } }, owner.token),
  ).createClinician.id;
  return { id, npi };
}

describe("daily units with billed lines", () => {
  it("a 09:00 session charted after the 14:00 one was billed is blocked, and the billed line keeps its unit", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const afternoon = await readySession(server, owner, fx, { startsAt: "2026-03-10T19:00:00Z" });
    expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-10", to: "2026-03-10", idempotencyKey: "afternoon" } }, owner.token));
    const morning = await readySession(server, owner, fx, { startsAt: "2026-03-10T14:00:00Z" });

    const late = await decisionsOf(owner, morning);
    expect(late.map((d) => d.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
    for (const d of late) {
      expect(codes(d)).toEqual(["DAILY_UNIT_LIMIT"]);
      expect(d.issues[0].message).toContain("1 already billed");
    }
    expect((await decisionsOf(owner, afternoon)).map((d) => d.status)).toEqual(["BILLED", "BILLED", "BILLED"]);
    // Nothing more to bill that day.
    const again = await server.gql(CREATE_BATCH, { input: { from: "2026-03-10", to: "2026-03-10", idempotencyKey: "morning" } }, owner.token);
    expect(errorCode(again)).toBe("BAD_USER_INPUT");
  });

  it("a morning line that is not 90853 (one client present) leaves the afternoon group billable", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const morning = await readySession(server, owner, fx, { startsAt: "2026-03-10T14:00:00Z", present: [fx.clientIds[0]] });
    const afternoon = await readySession(server, owner, fx, { startsAt: "2026-03-10T19:00:00Z" });
    const [alone] = await decisionsOf(owner, morning);
    expect(codes(alone)).toEqual(expect.arrayContaining(["USE_INDIVIDUAL_CODE"]));
    expect(codes(alone)).not.toContain("DAILY_UNIT_LIMIT");
    expect((await decisionsOf(owner, afternoon)).map((d) => d.status)).toEqual(["READY", "READY", "READY"]);
  });

  it("a morning psychoeducation class without psychotherapy blocks nothing in the afternoon", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    const classGroup = expectOk(
      await server.gql(
        `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
        { input: { name: "Coping class", kind: "PSYCHOEDUCATION", hasPsychotherapyComponent: false, leaderId: fx.clinicianId, defaultDurationMinutes: 60, memberIds: fx.clientIds } },
        owner.token,
      ),
    ).createGroup.id;
    const morning = await readySession(server, owner, { ...fx, groupId: classGroup }, { startsAt: "2026-03-10T14:00:00Z" });
    const afternoon = await readySession(server, owner, fx, { startsAt: "2026-03-10T19:00:00Z" });
    expect((await decisionsOf(owner, morning)).map(codes)).toEqual([["NOT_PSYCHOTHERAPY"], ["NOT_PSYCHOTHERAPY"], ["NOT_PSYCHOTHERAPY"]]);
    expect((await decisionsOf(owner, afternoon)).map((d) => d.status)).toEqual(["READY", "READY", "READY"]);
  });
});

describe("groups without a psychotherapy component", () => {
  it("are NOT_PSYCHOTHERAPY whatever their kind", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { kind: "PSYCHOTHERAPY" });
    expectOk(await server.gql(`mutation ($id: ID!) { updateGroup(id: $id, input: { hasPsychotherapyComponent: false }) { id } }`, { id: fx.groupId }, owner.token));
    const sessionId = await readySession(server, owner, fx);
    expect((await decisionsOf(owner, sessionId)).map(codes)).toEqual([["NOT_PSYCHOTHERAPY"], ["NOT_PSYCHOTHERAPY"], ["NOT_PSYCHOTHERAPY"]]);
  });
});

describe("who may lead", () => {
  async function peerLedForLaxPayer() {
    const owner = await signUpPractice(server);
    expectOk(await server.gql(BILLING_DETAILS, {}, owner.token));
    const fx = await billingSetup(server, owner, { licensed: false, payerRules: { requireLicensedLeader: false } });
    const sessionId = await readySession(server, owner, fx);
    return { owner, fx, sessionId };
  }

  it("a peer-led group is blocked even for a payer that does not require a licensed leader", async () => {
    const { owner, sessionId } = await peerLedForLaxPayer();
    const decisions = await decisionsOf(owner, sessionId);
    expect(decisions.map(codes)).toEqual([["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"]]);
    expect(decisions[0].issues[0].message).toContain("supervisor");
  });

  it("with a licensed supervisor recorded, the line is READY and bills the supervisor as rendering provider, in the batch and the 837P", async () => {
    const { owner, fx, sessionId } = await peerLedForLaxPayer();
    const supervisor = await clinician(owner, true, "Dana Fox");
    const updated = expectOk(await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: supervisor.id } }, owner.token)).updateSession;
    expect(updated.supervisor).toEqual({ id: supervisor.id });
    const decisions = await decisionsOf(owner, sessionId);
    for (const d of decisions) {
      expect(d.status).toBe("READY");
      expect(d.renderingProvider?.id).toBe(supervisor.id);
      expect(d.supervisedLeader?.id).toBe(fx.clinicianId);
    }

    const batch = expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "supervised" } }, owner.token)).createClaimBatch;
    expect(batch.lineCount).toBe(3);
    const edi: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token)).claimBatch.export;
    const interchange = new X12Parser(true).parse(edi) as X12Interchange;
    const segments: X12Segment[] = interchange.functionalGroups[0]!.transactions[0]!.segments;
    const rendering = segments.filter((s) => s.tag === "NM1" && s.valueOf(1) === "82");
    expect(rendering.map((s) => [s.valueOf(3), s.valueOf(4), s.valueOf(9)])).toEqual(Array(3).fill(["FOX", "DANA", supervisor.npi]));
    const leaderNpi = (await decisionsOf(owner, sessionId))[0].supervisedLeader!.npi;
    const notes = segments.filter((s) => s.tag === "NTE").map((s) => [s.valueOf(1), s.valueOf(2)]);
    expect(notes).toEqual(Array(3).fill(["ADD", `GROUP LED BY ROBIN LEE NPI ${leaderNpi} UNDER SUPERVISION`]));
    const csv: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, owner.token)).claimBatch.export;
    const rows = parseCsvRecords(csv);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.rendering_provider).toBe("Fox, Dana");
      expect(row.rendering_npi).toBe(supervisor.npi);
      expect(row.supervised_leader_npi).toBe(leaderNpi);
    }
  });

  it("an unlicensed supervisor does not help, and removing the supervisor blocks the line again", async () => {
    const { owner, sessionId } = await peerLedForLaxPayer();
    const unlicensed = await clinician(owner, false, "Lee Aide");
    expectOk(await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: unlicensed.id } }, owner.token));
    expect((await decisionsOf(owner, sessionId)).map((d) => d.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
    const licensed = await clinician(owner, true);
    expectOk(await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: licensed.id } }, owner.token));
    expect((await decisionsOf(owner, sessionId)).map((d) => d.status)).toEqual(["READY", "READY", "READY"]);
    const cleared = expectOk(await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: null } }, owner.token)).updateSession;
    expect(cleared.supervisor).toBeNull();
    expect((await decisionsOf(owner, sessionId)).map((d) => d.status)).toEqual(["BLOCKED", "BLOCKED", "BLOCKED"]);
  });

  it("a payer requiring a licensed leader is not satisfied by a supervisor", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { licensed: false });
    const supervisor = await clinician(owner, true);
    const sessionId = await readySession(server, owner, fx);
    expectOk(await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: supervisor.id } }, owner.token));
    const decisions = await decisionsOf(owner, sessionId);
    expect(decisions.map(codes)).toEqual([["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"], ["LEADER_NOT_LICENSED"]]);
    expect(decisions[0].renderingProvider?.id).toBe(fx.clinicianId);
  });

  it("schedules with a supervisor, refuses the leader as their own supervisor, and names the field", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { licensed: false });
    const supervisor = await clinician(owner, true);
    const scheduled = expectOk(
      await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON", supervisorId: supervisor.id } }, owner.token),
    ).scheduleSession;
    expect(scheduled.supervisor).toEqual({ id: supervisor.id });
    const self = await server.gql(UPDATE_SESSION, { id: scheduled.id, input: { supervisorId: fx.clinicianId } }, owner.token);
    expect(errorCode(self)).toBe("BAD_USER_INPUT");
    expect(self.errors![0].extensions!.fields).toEqual([{ field: "supervisorId", message: expect.stringContaining("different clinician") }]);
  });

  it("another practice's clinician cannot be named as supervisor: NOT_FOUND, and the session is unchanged", async () => {
    const a = await signUpPractice(server, "A");
    const fxA = await billingSetup(server, a, { licensed: false, payerRules: { requireLicensedLeader: false } });
    const sessionId = await readySession(server, a, fxA);
    const b = await signUpPractice(server, "B");
    const theirs = await clinician(b, true);
    const before = expectOk(await server.gql(SESSION, { id: sessionId }, a.token)).session;

    const update = await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: theirs.id } }, a.token);
    const missing = await server.gql(UPDATE_SESSION, { id: sessionId, input: { supervisorId: "00000000-0000-4000-8000-000000000000" } }, a.token);
    expect(errorCode(update)).toBe("NOT_FOUND");
    expect(update.errors![0].message).toBe(missing.errors![0].message);
    const schedule = await server.gql(SCHEDULE, { input: { groupId: fxA.groupId, startsAt: "2026-03-11T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON", supervisorId: theirs.id } }, a.token);
    expect(errorCode(schedule)).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(SESSION, { id: sessionId }, a.token)).session).toEqual(before);
    // Positive control: B's own sessions could use that clinician.
    const fxB = await billingSetup(server, b, { licensed: false, payerRules: { requireLicensedLeader: false } });
    const ownSession = await readySession(server, b, fxB);
    expect(errorCode(await server.gql(UPDATE_SESSION, { id: ownSession, input: { supervisorId: theirs.id } }, b.token))).toBeUndefined();
  });
});

describe("the rule timeline", () => {
  it("a payer's undated first rules hold since always; a back-dated change governs from its date on, and rulesOn agrees with the engine", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 9 });
    const payer = expectOk(
      await server.gql(CREATE_PAYER, { input: { name: "Undated Payer", kind: "COMMERCIAL", payerCode: "UND01", rules: { feeCents: 5000 } } }, owner.token),
    ).createPayer;
    expect(payer.rules).toEqual({ effectiveFrom: "0001-01-01", maxGroupSize: 12, feeCents: 5000 });
    expectOk(await server.gql(SET_RULES, { payerId: payer.id, rules: { effectiveFrom: "2026-11-01", maxGroupSize: 8 } }, owner.token));

    const read = expectOk(
      await server.gql(RULES_ON, { id: payer.id, before: "2026-10-31", inside: "2026-11-15", after: "2027-06-01", long: "2019-01-01" }, owner.token),
    ).payer;
    expect(read.before).toEqual({ effectiveFrom: "0001-01-01", maxGroupSize: 12 });
    expect(read.inside).toEqual({ effectiveFrom: "2026-11-01", maxGroupSize: 8 });
    expect(read.after).toEqual({ effectiveFrom: "2026-11-01", maxGroupSize: 8 });
    expect(read.longBefore).toEqual({ effectiveFrom: "0001-01-01", maxGroupSize: 12 });
    expect(read.rules.maxGroupSize).toBe(8);
    expect(read.ruleHistory.map((v: { maxGroupSize: number }) => v.maxGroupSize)).toEqual([12, 8]);

    // The engine bills those dates under the same versions: 9 members are too many only from November 1.
    for (const clientId of fx.clientIds) {
      expectOk(
        await server.gql(
          `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`,
          { id: clientId, input: { coverages: [{ payerId: payer.id, memberId: `U-${clientId.slice(0, 8)}`, priority: "PRIMARY", effectiveFrom: "2026-01-01" }] } },
          owner.token,
        ),
      );
    }
    const october = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2026-10-30T15:00:00Z" }));
    const november = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2026-11-02T15:00:00Z" }));
    const nextYear = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2027-06-01T15:00:00Z" }));
    expect(october.every((d) => d.status === "READY")).toBe(true);
    expect(november.every((d) => codes(d).includes("GROUP_TOO_LARGE"))).toBe(true);
    expect(nextYear.every((d) => codes(d).includes("GROUP_TOO_LARGE"))).toBe(true);
  });

  it("a first version with an explicit date starts there: rulesOn is null before it and the engine bills nothing then", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner); // the fixture's payer starts on 2026-01-01
    const read = expectOk(
      await server.gql(RULES_ON, { id: fx.payerId, before: "2025-12-31", inside: "2026-01-01", after: "2026-06-01", long: "2020-01-01" }, owner.token),
    ).payer;
    expect(read.before).toBeNull();
    expect(read.inside.effectiveFrom).toBe("2026-01-01");
    expectOk(
      await server.gql(
        `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`,
        { id: fx.clientIds[0], input: { coverages: [{ payerId: fx.payerId, memberId: "MCD-0", priority: "PRIMARY", effectiveFrom: "2025-01-01" }] } },
        owner.token,
      ),
    );
    const december = await decisionsOf(owner, await readySession(server, owner, fx, { startsAt: "2025-12-30T15:00:00Z" }));
    const member = december.find((d) => d.client.id === fx.clientIds[0])!;
    expect(codes(member)).toEqual(["NO_ACTIVE_COVERAGE"]);
    expect(member.issues[0].message).toContain("no billing rules");
  });

  it("the preview of a fee-only change counts every line as changed, with both charges and the versions that govern the range", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner);
    await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
    await readySession(server, owner, fx, { startsAt: "2026-03-20T15:00:00Z" });
    const impact = expectOk(
      await server.gql(PREVIEW, { payerId: fx.payerId, rules: { effectiveFrom: "2026-03-15", feeCents: 5200 }, from: "2026-03-01", to: "2026-03-31" }, owner.token),
    ).previewPayerRules;
    expect(impact).toMatchObject({ decisionsEvaluated: 6, newlyBlocked: 0, newlyReady: 0, otherwiseChanged: 3, unchanged: 3 });
    expect(impact.changes).toHaveLength(3);
    for (const change of impact.changes) {
      expect(change).toMatchObject({ before: "READY", after: "READY", changedFields: ["chargeCents"], beforeLine: { chargeCents: 4800 }, afterLine: { chargeCents: 5200 } });
    }
    const current = expectOk(await server.gql(`query ($id: ID!) { payer(id: $id) { rulesOn(date: "2026-03-01") { id } } }`, { id: fx.payerId }, owner.token)).payer.rulesOn.id;
    expect(impact.timeline).toEqual([
      { from: "2026-03-01", to: "2026-03-14", ruleVersionId: current, effectiveFrom: "2026-01-01", proposed: false },
      { from: "2026-03-15", to: "2026-03-31", ruleVersionId: null, effectiveFrom: "2026-03-15", proposed: true },
    ]);
  });
});

describe("fees", () => {
  it("a payer without a fee blocks its lines with MISSING_FEE and nothing is billed at $0", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { payerRules: { feeCents: 0 } });
    const sessionId = await readySession(server, owner, fx);
    const decisions = await decisionsOf(owner, sessionId);
    expect(decisions.map(codes)).toEqual([["MISSING_FEE"], ["MISSING_FEE"], ["MISSING_FEE"]]);
    expect(decisions[0].issues[0].message).toContain("Payers → this payer → Rules");
    expect(errorCode(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "zero" } }, owner.token))).toBe("BAD_USER_INPUT");
    expectOk(await server.gql(SET_RULES, { payerId: fx.payerId, rules: { feeCents: 4800, effectiveFrom: "2026-01-01" } }, owner.token));
    expect((await decisionsOf(owner, sessionId)).map((d) => d.status)).toEqual(["READY", "READY", "READY"]);
  });
});

describe("a signed but incomplete note", () => {
  it("is completed by a signed addendum naming the missing element; the note keeps both texts", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { payerRules: { requiredNoteElements: ["PARTICIPATION", "RESPONSE", "PLAN"] } });
    const sessionId = await readySession(server, owner, fx, { present: fx.clientIds.slice(0, 2) });
    const [first] = await decisionsOf(owner, sessionId);
    expect(codes(first)).toEqual(["NOTE_INCOMPLETE"]);
    expect(first.issues[0]).toMatchObject({ element: "PLAN", message: expect.stringContaining("add an addendum for plan") });
    expect(first.requiredNoteElements).toEqual(["PARTICIPATION", "RESPONSE", "PLAN"]);

    const noteId = expectOk(await server.gql(`query ($id: ID!) { session(id: $id) { notes { id client { id } } } }`, { id: sessionId }, owner.token)).session.notes.find(
      (n: { client: { id: string } }) => n.client.id === fx.clientIds[0],
    ).id;
    const ADDENDUM = `mutation ($id: ID!, $text: String!, $element: NoteElement) { addNoteAddendum(noteId: $id, text: $text, element: $element) { plan addenda { text element createdAt } } }`;
    // An addendum that names no element documents nothing the payer asked for.
    expectOk(await server.gql(ADDENDUM, { id: noteId, text: "Clarified attendance time." }, owner.token));
    expect(codes((await decisionsOf(owner, sessionId)).find((d) => d.client.id === fx.clientIds[0])!)).toEqual(["NOTE_INCOMPLETE"]);

    const note = expectOk(await server.gql(ADDENDUM, { id: noteId, text: "Plan: continue weekly group.", element: "PLAN" }, owner.token)).addNoteAddendum;
    expect(note.plan).toBeNull();
    expect(note.addenda.map((a: { text: string; element: string | null }) => [a.element, a.text])).toEqual([
      [null, "Clarified attendance time."],
      ["PLAN", "Plan: continue weekly group."],
    ]);
    const after = await decisionsOf(owner, sessionId);
    expect(after.find((d) => d.client.id === fx.clientIds[0])!.status).toBe("READY");
    expect(after.find((d) => d.client.id === fx.clientIds[1])!.status).toBe("BLOCKED");
  });
});

describe("consistency at input", () => {
  async function setup() {
    const owner = await signUpPractice(server);
    const fx: BillingFixture = await billingSetup(server, owner);
    return { owner, fx };
  }

  it("an in-person session with a telehealth place of service is refused, naming the field", async () => {
    const { owner, fx } = await setup();
    for (const placeOfService of ["02", "10"]) {
      const res = await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON", placeOfService } }, owner.token);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0].extensions!.fields).toEqual([{ field: "placeOfService", message: expect.stringContaining("telehealth") }]);
    }
    const video = expectOk(
      await server.gql(SCHEDULE, { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "TELEHEALTH_VIDEO", placeOfService: "10" } }, owner.token),
    ).scheduleSession;
    const toInPerson = await server.gql(UPDATE_SESSION, { id: video.id, input: { modality: "IN_PERSON" } }, owner.token);
    expect(toInPerson.errors![0].extensions!.fields).toEqual([{ field: "modality", message: expect.stringContaining("telehealth") }]);
    expect(expectOk(await server.gql(SESSION, { id: video.id }, owner.token)).session).toMatchObject({ modality: "TELEHEALTH_VIDEO", placeOfService: "10" });
    // Both changed together is consistent.
    expect(expectOk(await server.gql(UPDATE_SESSION, { id: video.id, input: { modality: "IN_PERSON", placeOfService: "11" } }, owner.token)).updateSession).toMatchObject({
      modality: "IN_PERSON",
      placeOfService: "11",
    });
  });

  it("telehealth modifiers on ALWAYS or IN_PERSON and more than 4 modifiers on one line are refused, naming the field", async () => {
    const { owner, fx } = await setup();
    for (const [modifier, when] of [["95", "ALWAYS"], ["GT", "IN_PERSON"], ["93", "ALWAYS"]]) {
      const res = await server.gql(SET_RULES, { payerId: fx.payerId, rules: { modifierRules: [{ modifier, when }] } }, owner.token);
      expect(errorCode(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0].extensions!.fields).toEqual([{ field: "rules.modifierRules[0].when", message: expect.stringContaining("telehealth") }]);
    }
    const five = ["HQ", "U1", "U2", "U3"].map((modifier) => ({ modifier, when: "ALWAYS" })).concat({ modifier: "95", when: "TELEHEALTH_VIDEO" });
    const tooMany = await server.gql(SET_RULES, { payerId: fx.payerId, rules: { modifierRules: five } }, owner.token);
    expect(tooMany.errors![0].extensions!.fields).toEqual([{ field: "rules.modifierRules", message: expect.stringContaining("at most 4") }]);
    const created = await server.gql(CREATE_PAYER, { input: { name: "Bad", kind: "MEDICAID", payerCode: "BAD01", rules: { modifierRules: [{ modifier: "95", when: "ALWAYS" }] } } }, owner.token);
    expect(errorCode(created)).toBe("BAD_USER_INPUT");
    expect(expectOk(await server.gql(`{ payers { name } }`, {}, owner.token)).payers.map((p: { name: string }) => p.name)).toEqual(["State Medicaid"]);
  });
});
