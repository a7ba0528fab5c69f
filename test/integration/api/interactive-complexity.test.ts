/**
 * Issue 11 item 9 over real HTTP and PostgreSQL: interactive complexity (90785) flagged on attendance with its
 * reason, the payer rule that pays it (versioned, validated, previewed), the add-on line on the decision, in the
 * frozen batch, the 837P (LX 2, CLM02 the claim's total) and the CSV read back field by field, and an 835 that
 * pays both service lines posting on the claim. Roles and tenancy of the flag.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { parseCsvRecords } from "../../support/csv";
import { x835 } from "../../support/x835";

const RECORD = `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`;
const ATTENDANCE = `query ($id: ID!) { session(id: $id) { attendance { status interactiveComplexityReason client { id } } } }`;
const LINES = `query ($id: ID!) { session(id: $id) { claimDecisions { status chargeCents totalChargeCents client { id } issues { code severity message }
  addOnLines { cptCode modifiers placeOfService units chargeCents reason } } } }`;
const SET_RULES = `mutation ($id: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $id, rules: $rules) { id } }`;
const HISTORY = `query ($id: ID!) { payer(id: $id) { ruleHistory { effectiveFrom allowInteractiveComplexity interactiveComplexityFeeCents }
  rulesOn(date: "2026-02-15") { allowInteractiveComplexity interactiveComplexityFeeCents } } }`;
const PREVIEW = `query ($id: ID!, $rules: PayerRulesInput!) { previewPayerRules(payerId: $id, rules: $rules, from: "2026-03-01", to: "2026-03-31") {
  newlyBlocked newlyReady unchanged changes { client { id } before after issueCodes changedFields beforeLine { addOnCodes issueCodes } afterLine { addOnCodes issueCodes chargeCents } } } }`;
const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lineCount totalChargeCents
  lines { patientControlNumber chargeCents totalChargeCents client { id } addOnLines { cptCode modifiers placeOfService units chargeCents reason } } } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { claims { patientControlNumber outcome chargeCents paidCents billedChargeCents chargeWarning } } }`;

const FEE = 4800;
const ADD_ON_FEE = 1850;
const REASON = "Father interrupted repeatedly; used play materials to engage the member";
const PAYS = { allowInteractiveComplexity: true, interactiveComplexityFeeCents: ADD_ON_FEE };

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
  const sessionId = await readySession(server, owner, fx);
  return { owner, fx, sessionId };
}

const flag = (clientId: string, reason = REASON) => ({ clientId, status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: reason });

async function reasons(s: Setup): Promise<Record<string, string | null>> {
  const rows: { interactiveComplexityReason: string | null; client: { id: string } }[] = expectOk(await server.gql(ATTENDANCE, { id: s.sessionId }, s.owner.token)).session.attendance;
  return Object.fromEntries(rows.map((r) => [r.client.id, r.interactiveComplexityReason]));
}

interface Line {
  status: string;
  chargeCents: number;
  totalChargeCents: number;
  client: { id: string };
  issues: { code: string; severity: string; message: string }[];
  addOnLines: { cptCode: string; modifiers: string[]; placeOfService: string; units: number; chargeCents: number; reason: string | null }[];
}

async function lines(s: Setup): Promise<Record<string, Line>> {
  const all: Line[] = expectOk(await server.gql(LINES, { id: s.sessionId }, s.owner.token)).session.claimDecisions;
  return Object.fromEntries(all.map((l) => [l.client.id, l]));
}

function fieldsOf(res: GraphQLResponse): string[] {
  return (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
}

function segments(edi: string): X12Segment[] {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}
const v = (seg: X12Segment | undefined, n: number): string => seg?.valueOf(n, "") ?? "";

/** The segments of the claim with this CLM01, up to the next claim or subscriber loop. */
function claimOf(all: X12Segment[], pcn: string): X12Segment[] {
  const start = all.findIndex((s) => s.tag === "CLM" && v(s, 1) === pcn);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((s, i) => i > start && (s.tag === "CLM" || s.tag === "HL" || s.tag === "SE"));
  // The parsed transaction holds no SE: the claim that comes last (whichever member it is) runs to the end.
  return all.slice(start, end === -1 ? undefined : end);
}

describe("the interactive complexity flag on attendance", () => {
  it("records the reason, keeps it when an entry omits the flag, clears it with false or when the member is no longer present", async () => {
    const s = await setup();
    const [a, b] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!, `  ${REASON}  `), flag(b!)] }, s.owner.token));
    expect(await reasons(s)).toMatchObject({ [a!]: REASON, [b!]: REASON });
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: a, status: "PRESENT" }] }, s.owner.token));
    expect((await reasons(s))[a!]).toBe(REASON);
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: a, status: "PRESENT", interactiveComplexity: false }, { clientId: b, status: "ABSENT" }] }, s.owner.token));
    expect(await reasons(s)).toMatchObject({ [a!]: null, [b!]: null });
  });

  it("is audited with the reason before and after", async () => {
    const s = await setup();
    const [a] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!)] }, s.owner.token));
    const events = expectOk(
      await server.gql(`query ($id: ID!) { auditEvents(entityType: "GroupSession", entityId: $id, first: 20) { edges { node { action changes } } } }`, { id: s.sessionId }, s.owner.token),
    ).auditEvents.edges.map((e: { node: { action: string; changes: Record<string, unknown> } }) => e.node);
    const recorded = events.find((e: { action: string; changes: { attendance?: Record<string, unknown> } }) => e.action === "session.recordAttendance" && e.changes.attendance?.[a!]);
    expect(recorded.changes.attendance[a!]).toEqual({ before: "PRESENT", after: "PRESENT", interactiveComplexityReason: { before: null, after: REASON } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["flagged without a reason", { status: "PRESENT", interactiveComplexity: true }, "entries[0].interactiveComplexityReason"],
    ["flagged with a blank reason", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "   " }, "entries[0].interactiveComplexityReason"],
    ["a reason of 501 characters", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "x".repeat(501) }, "entries[0].interactiveComplexityReason"],
    ["a reason without the flag", { status: "PRESENT", interactiveComplexityReason: "why" }, "entries[0].interactiveComplexityReason"],
    ["flagged for a member marked absent", { status: "ABSENT", interactiveComplexity: true, interactiveComplexityReason: "why" }, "entries[0].interactiveComplexity"],
  ])("refuses %s, naming the field, and changes nothing", async (_name, entry, field) => {
    const s = await setup();
    const [a] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!, "Kept as it was")] }, s.owner.token));
    const res = await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: a, ...entry }] }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    const rows = expectOk(await server.gql(ATTENDANCE, { id: s.sessionId }, s.owner.token)).session.attendance;
    expect(rows.find((r: { client: { id: string } }) => r.client.id === a)).toEqual({ status: "PRESENT", interactiveComplexityReason: "Kept as it was", client: { id: a } });
  });

  it("clinicians record it; billers may not", async () => {
    const s = await setup();
    const [a] = s.fx.clientIds;
    const clinician = await memberWithRole(server, s.owner, "CLINICIAN");
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!)] }, clinician.token));
    const biller = await memberWithRole(server, s.owner, "BILLER");
    expect(errorCode(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: a, status: "PRESENT", interactiveComplexity: false }] }, biller.token))).toBe("FORBIDDEN");
    expect((await reasons(s))[a!]).toBe(REASON);
  });

  it("another practice cannot flag this practice's session or client: NOT_FOUND, nothing changed", async () => {
    const s = await setup();
    const [a] = s.fx.clientIds;
    // Positive control: the owner sees the member unflagged, and may flag them.
    expect((await reasons(s))[a!]).toBeNull();
    const other = await signUpPractice(server, "Other practice");
    const otherFx = await billingSetup(server, other, { members: 1 });
    const otherSession = await readySession(server, other, otherFx);
    expect(errorCode(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!)] }, other.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(RECORD, { id: otherSession, entries: [flag(a!)] }, other.token))).toBe("NOT_FOUND");
    expect((await reasons(s))[a!]).toBeNull();
  });
});

describe("the payer rule allowInteractiveComplexity", () => {
  it("is off by default, versioned, and previewed before saving", async () => {
    const s = await setup();
    const [a, b, c] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!)] }, s.owner.token));
    const warned = (await lines(s))[a!]!;
    expect(warned.status).toBe("READY");
    expect(warned.addOnLines).toEqual([]);
    expect(warned.issues.map((i) => [i.code, i.severity])).toEqual([["INTERACTIVE_COMPLEXITY_NOT_COVERED", "WARNING"]]);
    expect(warned.issues[0]!.message).toContain("this payer's rules do not pay it with group therapy, so the claim carries 90853 alone");

    const preview = expectOk(await server.gql(PREVIEW, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...PAYS } }, s.owner.token)).previewPayerRules;
    expect(preview).toMatchObject({ newlyBlocked: 0, newlyReady: 0, unchanged: 2 });
    expect(preview.changes).toEqual([
      {
        client: { id: a },
        before: "READY",
        after: "READY",
        issueCodes: [],
        changedFields: ["issues", "addOnLines"],
        beforeLine: { addOnCodes: [], issueCodes: ["INTERACTIVE_COMPLEXITY_NOT_COVERED"] },
        afterLine: { addOnCodes: ["90785"], issueCodes: [], chargeCents: FEE },
      },
    ]);

    expectOk(await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...PAYS } }, s.owner.token));
    const history = expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer;
    expect(history.ruleHistory.map((r: Record<string, unknown>) => [r.effectiveFrom, r.allowInteractiveComplexity, r.interactiveComplexityFeeCents])).toEqual([
      ["2026-01-01", false, 0],
      ["2026-03-01", true, ADD_ON_FEE],
    ]);
    expect(history.rulesOn).toEqual({ allowInteractiveComplexity: false, interactiveComplexityFeeCents: 0 });

    const billed = await lines(s);
    expect(billed[a!]).toMatchObject({
      status: "READY",
      chargeCents: FEE,
      totalChargeCents: FEE + ADD_ON_FEE,
      issues: [],
      addOnLines: [{ cptCode: "90785", modifiers: ["HQ"], placeOfService: "11", units: 1, chargeCents: ADD_ON_FEE, reason: REASON }],
    });
    for (const other of [b!, c!]) expect(billed[other]).toMatchObject({ totalChargeCents: FEE, addOnLines: [] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["allowed without a fee", { allowInteractiveComplexity: true }, "rules.interactiveComplexityFeeCents"],
    ["allowed at $0", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 0 }, "rules.interactiveComplexityFeeCents"],
    ["a negative fee", { interactiveComplexityFeeCents: -5 }, "rules.interactiveComplexityFeeCents"],
    ["null", { allowInteractiveComplexity: null }, "rules.allowInteractiveComplexity"],
  ])("refuses %s, naming the field, and adds no version", async (_name, rules, field) => {
    const s = await setup();
    const res = await server.gql(SET_RULES, { id: s.fx.payerId, rules: { effectiveFrom: "2026-03-01", ...rules } }, s.owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(res)).toEqual([field]);
    expect(expectOk(await server.gql(HISTORY, { id: s.fx.payerId }, s.owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("a claim with an add-on line, billed", () => {
  async function billed() {
    const s = await setup({ ...PAYS, modifierRules: [{ modifier: "HQ", when: "ALWAYS" }] });
    const [a] = s.fx.clientIds;
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [flag(a!)] }, s.owner.token));
    const batch = expectOk(await server.gql(CREATE, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" } }, s.owner.token)).createClaimBatch;
    return { s, batch, flagged: a! };
  }

  it("freezes the add-on with its claim; the batch total counts it", async () => {
    const { batch, flagged } = await billed();
    expect(batch.lineCount).toBe(3);
    expect(batch.totalChargeCents).toBe(3 * FEE + ADD_ON_FEE);
    const line = batch.lines.find((l: { client: { id: string } }) => l.client.id === flagged);
    // The reason is part of the record, not of the claim: a billed line carries none.
    expect(line).toMatchObject({ chargeCents: FEE, totalChargeCents: FEE + ADD_ON_FEE, addOnLines: [{ cptCode: "90785", modifiers: ["HQ"], placeOfService: "11", units: 1, chargeCents: ADD_ON_FEE, reason: null }] });
  });

  it("writes the 837P claim with LX 2 (SV1 HC:90785) and CLM02 the sum of its lines, read back field by field", async () => {
    const { s, batch, flagged } = await billed();
    const all = segments(expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, s.owner.token)).claimBatch.export);
    for (const line of batch.lines as { patientControlNumber: string; client: { id: string } }[]) {
      const claim = claimOf(all, line.patientControlNumber);
      const clm = claim[0]!;
      const lx = claim.filter((x) => x.tag === "LX");
      const sv1 = claim.filter((x) => x.tag === "SV1");
      const dtp = claim.filter((x) => x.tag === "DTP" && v(x, 1) === "472");
      expect(v(clm, 5)).toBe("11:B:1");
      if (line.client.id === flagged) {
        expect(v(clm, 2)).toBe("66.5");
        expect(lx.map((x) => v(x, 1))).toEqual(["1", "2"]);
        expect(sv1.map((x) => [v(x, 1), v(x, 2), v(x, 3), v(x, 4), v(x, 5), v(x, 7)])).toEqual([
          ["HC:90853:HQ", "48", "UN", "1", "", "1"],
          ["HC:90785:HQ", "18.5", "UN", "1", "", "1"],
        ]);
        expect(dtp.map((x) => v(x, 3))).toEqual(["20260310", "20260310"]);
      } else {
        expect(v(clm, 2)).toBe("48");
        expect(lx.map((x) => v(x, 1))).toEqual(["1"]);
        expect(sv1.map((x) => v(x, 1))).toEqual(["HC:90853:HQ"]);
      }
    }
  });

  it("writes a CSV row for the add-on after its claim's row, read back by column", async () => {
    const { s, batch, flagged } = await billed();
    const csv = expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, s.owner.token)).claimBatch.export;
    const records = parseCsvRecords(csv);
    const pcn = batch.lines.find((l: { client: { id: string } }) => l.client.id === flagged).patientControlNumber;
    const rows = records.filter((r) => r.patient_control_number === pcn);
    expect(rows.map((r) => [r.service_line, r.cpt, r.modifiers, r.place_of_service, r.units, r.charge, r.member_id, r.diagnosis_codes])).toEqual([
      ["1", "90853", "HQ", "11", "1", "48.00", "MCD-0", "F33.1"],
      ["2", "90785", "HQ", "11", "1", "18.50", "MCD-0", "F33.1"],
    ]);
    expect(records).toHaveLength(4);
    expect(records.reduce((sum, r) => sum + Math.round(Number(r.charge) * 100), 0)).toBe(batch.totalChargeCents);
  });

  it("posts an 835 that pays both service lines of the claim (CLP03 the claim's total)", async () => {
    const { s, batch, flagged } = await billed();
    const pcn = batch.lines.find((l: { client: { id: string } }) => l.client.id === flagged).patientControlNumber;
    const text = x835({
      claims: [
        {
          pcn,
          status: "1",
          charge: "66.5",
          paid: "60",
          cas: [],
          lines: [
            { procedure: "HC:90853:HQ", charge: "48", paid: "45", cas: [{ group: "CO", items: [["45", "3"]] }] },
            { procedure: "HC:90785:HQ", charge: "18.5", paid: "15", cas: [{ group: "CO", items: [["45", "3.5"]] }] },
          ],
        },
      ],
    });
    const posted = expectOk(await server.gql(IMPORT, { input: { text, fileName: "era.835" } }, s.owner.token)).importRemittance.claims;
    // CLP03 matches what was billed (CLM02 counted the add-on), so there is no charge warning.
    expect(posted).toEqual([{ patientControlNumber: pcn, outcome: "PAID", chargeCents: 6650, paidCents: 6000, billedChargeCents: 6650, chargeWarning: null }]);
    const totals = expectOk(await server.gql(`{ remittanceTotals { billedCents paidCents outstandingCents } }`, {}, s.owner.token)).remittanceTotals;
    // Billed counts each claim's add-on; the two unpaid claims are still outstanding in full.
    expect(totals).toEqual([{ billedCents: 3 * FEE + ADD_ON_FEE, paidCents: 6000, outstandingCents: 2 * FEE }]);
  });

  it("names a removed flag among the batch's discrepancies", async () => {
    const { s, batch, flagged } = await billed();
    expectOk(await server.gql(RECORD, { id: s.sessionId, entries: [{ clientId: flagged, status: "PRESENT", interactiveComplexity: false }] }, s.owner.token));
    const found: string[] = expectOk(await server.gql(`query ($id: ID!) { claimBatch(id: $id) { discrepancies } }`, { id: batch.id }, s.owner.token)).claimBatch.discrepancies;
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("add-on lines 90785 18.50 → none");
  });
});
