/**
 * Correct and rebill from the denial work list, over real HTTP and PostgreSQL: a denied line whose cause was fixed
 * goes out as a one-line replacement claim (CLM05-3 = 7, a new CLM01, REF*F8 = the payer's CLP07) in a batch of its
 * own, the rest of its batch stays billed, and the 837P is read back segment by segment (node-x12 validates it).
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";
import { x835, type X835Claim } from "../../support/x835";

const REBILL = `mutation ($lineId: ID!, $key: String!) { correctAndRebill(lineId: $lineId, idempotencyKey: $key) { id controlNumber from to lineCount totalChargeCents voided
  lines { patientControlNumber session { id } client { id } } } }`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id claims { lineId patientControlNumber outcome } } }`;
const DENIALS = `query ($filter: DenialFilterInput) { denials(filter: $filter) { lineId openBalanceCents availableActions latest { patientControlNumber outcome }
  rebill { lineId patientControlNumber batchControlNumber } } }`;
const EXPORT = `query ($id: ID!, $voidClaims: Boolean) { claimBatch(id: $id) { export(format: X12_837P, voidClaims: $voidClaims) } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Line {
  patientControlNumber: string;
  client: { id: string };
}
interface Denied {
  owner: PracticeFixture;
  fx: BillingFixture;
  batch: { id: string; controlNumber: number; lines: Line[] };
  /** Line ids by member index: 0 denied (CARC 197), 1 partly paid (CARC 16), 2 paid. */
  lineIds: string[];
  pcns: string[];
}

/** One March session of three members, billed and sent (837P written); the payer denied the first for want of an authorization. */
async function denied(): Promise<Denied> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3 });
  await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const batch = expectOk(
    await server.gql(
      `mutation { createClaimBatch(input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" }) { id controlNumber lines { patientControlNumber client { id } } } }`,
      {},
      owner.token,
    ),
  ).createClaimBatch;
  expectOk(await server.gql(EXPORT, { id: batch.id }, owner.token));
  const pcns = fx.clientIds.map((c) => batch.lines.find((l: Line) => l.client.id === c)!.patientControlNumber);
  const claims: X835Claim[] = [
    { pcn: pcns[0]!, status: "4", charge: "48", paid: "0", payerClaimId: "ICN-197", cas: [{ group: "CO", items: [["197", "48"]] }] },
    { pcn: pcns[1]!, status: "1", charge: "48", paid: "28", payerClaimId: "ICN-16", cas: [{ group: "CO", items: [["16", "20"]] }] },
    { pcn: pcns[2]!, status: "1", charge: "48", paid: "48", payerClaimId: "ICN-OK" },
  ];
  const posted = expectOk(await server.gql(IMPORT, { input: { text: x835({ claims }) } }, owner.token)).importRemittance.claims;
  const lineIds = pcns.map((pcn) => posted.find((c: { patientControlNumber: string }) => c.patientControlNumber === pcn).lineId);
  return { owner, fx, batch, lineIds, pcns };
}

const rebill = (token: string, lineId: string, key: string) => server.gql(REBILL, { lineId, key }, token);

/** What a refused rebill must leave alone: which lines are voided, how many batches and audit events there are. */
async function snapshot(practiceId: string) {
  const q = async (sql: string) => server.dataSource.query(sql, [practiceId]);
  return {
    voided: (await q(`SELECT patient_control_number FROM claim_batch_lines WHERE practice_id = $1 AND voided ORDER BY 1`)).map((r: { patient_control_number: string }) => r.patient_control_number),
    batches: (await q(`SELECT count(*)::int AS n FROM claim_batches WHERE practice_id = $1`))[0].n,
    lines: (await q(`SELECT count(*)::int AS n FROM claim_batch_lines WHERE practice_id = $1`))[0].n,
    audit: (await q(`SELECT count(*)::int AS n FROM audit_events WHERE practice_id = $1`))[0].n,
  };
}

function parse(edi: string): X12Interchange {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange;
}
const fields = (seg: X12Segment): string[] => seg.elements.map((e) => e.value);

/** Each claim of an 837P: its CLM and every segment of its 2300/2400 loops, up to the next HL or SE. */
function claimLoops(edi: string): { isa13: string; claims: X12Segment[][] } {
  const interchange = parse(edi);
  const segments = interchange.functionalGroups[0]!.transactions[0]!.segments;
  const claims: X12Segment[][] = [];
  let current: X12Segment[] | null = null;
  for (const seg of segments) {
    if (seg.tag === "CLM") {
      current = [seg];
      claims.push(current);
    } else if (seg.tag === "HL" || seg.tag === "SE") current = null;
    else if (current) current.push(seg);
  }
  return { isa13: interchange.header.valueOf(13, "")!, claims };
}

describe("correctAndRebill", () => {
  it("refuses a line that is not READY once freed, then rebills it as a one-line replacement claim once the cause is fixed", async () => {
    const d = await denied();
    const { owner, fx } = d;
    // The cause of CARC 197: the payer wants prior authorizations.
    expectOk(await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { effectiveFrom: "2026-01-01", requirePriorAuthorization: true }) { id } }`, { id: fx.payerId }, owner.token));
    const before = await snapshot(owner.practiceId);
    const blocked = await rebill(owner.token, d.lineIds[0]!, "rebill-1");
    expect(errorCode(blocked)).toBe("BAD_USER_INPUT");
    expect(blocked.errors![0].message).toMatch(/cannot be rebilled yet, so nothing changed: its claim line is BLOCKED now .*authorization/i);
    expect(blocked.errors![0].extensions!.fields).toEqual([{ field: "lineId", message: expect.stringMatching(/authorization/i) }]);
    expect(await snapshot(owner.practiceId)).toEqual(before);
    expect(before.voided).toEqual([]);

    // Fixed: the authorization was obtained (retroactively).
    expectOk(
      await server.gql(
        `mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { id } }`,
        { clientId: fx.clientIds[0], input: { payerId: fx.payerId, number: "PA-7731", startDate: "2026-03-01", endDate: "2026-03-31", units: 4 } },
        owner.token,
      ),
    );
    const made = expectOk(await rebill(owner.token, d.lineIds[0]!, "rebill-1")).correctAndRebill;
    expect(made).toMatchObject({ from: "2026-03-10", to: "2026-03-10", lineCount: 1, totalChargeCents: 4800, voided: false });
    expect(made.controlNumber).toBe(d.batch.controlNumber + 1);
    expect(made.lines).toEqual([{ patientControlNumber: `B${made.controlNumber}L1`, session: expect.any(Object), client: { id: fx.clientIds[0] } }]);
    const newPcn = made.lines[0].patientControlNumber;
    expect(d.pcns).not.toContain(newPcn);

    // The same key answers the same batch; another line with it is refused; a second rebill of the line too.
    expect(expectOk(await rebill(owner.token, d.lineIds[0]!, "rebill-1")).correctAndRebill.id).toBe(made.id);
    const reused = await rebill(owner.token, d.lineIds[1]!, "rebill-1");
    expect(errorCode(reused)).toBe("BAD_USER_INPUT");
    expect(reused.errors![0].extensions!.fields[0].field).toBe("idempotencyKey");
    const again = await rebill(owner.token, d.lineIds[0]!, "rebill-2");
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors![0].message).toContain(`already corrected and rebilled as ${newPcn}`);

    // Only the rebilled line left its batch; the original batch is live and its other lines still billed.
    const after = await snapshot(owner.practiceId);
    expect(after.voided).toEqual([d.pcns[0]]);
    expect(after.batches).toBe(before.batches + 1);
    const original = expectOk(await server.gql(`query ($id: ID!) { claimBatch(id: $id) { voided lineCount } }`, { id: d.batch.id }, owner.token)).claimBatch;
    expect(original).toEqual({ voided: false, lineCount: 3 });

    // The 837P of the replacement, read back field by field.
    const file = expectOk(await server.gql(EXPORT, { id: made.id }, owner.token)).claimBatch.export as string;
    const replacement = claimLoops(file);
    expect(Number(replacement.isa13)).toBe(made.controlNumber);
    expect(replacement.claims).toHaveLength(1);
    const loop = replacement.claims[0]!;
    const [clm, ...rest] = loop;
    const clmFields = fields(clm!);
    expect(clmFields[0]).toBe(newPcn); // CLM01: a new patient control number
    expect(clmFields[1]).toBe("48"); // CLM02: the charge
    expect(clmFields[4]!.split(":")).toEqual(["11", "B", "7"]); // CLM05: office, professional, replacement
    const refs = rest.filter((s) => s.tag === "REF").map(fields);
    // In the TR3's 2300 order: prior authorization (G1), then the payer's claim control number (F8).
    expect(refs).toEqual([
      ["G1", "PA-7731"], // the authorization that fixes it
      ["F8", "ICN-197"], // the payer's claim control number of the denied claim (CLP07)
    ]);
    const sv1 = fields(rest.find((s) => s.tag === "SV1")!);
    expect(sv1[0]!.split(":").slice(0, 2)).toEqual(["HC", "90853"]);
    expect(sv1.slice(1, 4)).toEqual(["48", "UN", "1"]);
    expect(fields(rest.find((s) => s.tag === "DTP" && s.valueOf(1) === "472")!)).toEqual(["472", "D8", "20260310"]);
    // Everything else about the claim is what the original said: compare with its loop in the first batch's file.
    const originalLoop = claimLoops(expectOk(await server.gql(EXPORT, { id: d.batch.id }, owner.token)).claimBatch.export).claims.find((c) => c[0]!.valueOf(1) === d.pcns[0])!;
    const comparable = (segments: X12Segment[]) => segments.filter((s) => !["CLM", "REF", "LX"].includes(s.tag)).map((s) => `${s.tag}*${fields(s).join("*")}`);
    expect(comparable(loop)).toEqual(comparable(originalLoop));
    expect(fields(originalLoop[0]!)[4]!.split(":")[2]).toBe("1");

    // The work list: the line left the open items, shows as rebilled with all options filtered, and cannot be written off.
    const open = expectOk(await server.gql(DENIALS, {}, owner.token)).denials;
    expect(open.map((i: { latest: { patientControlNumber: string } }) => i.latest.patientControlNumber)).toEqual([d.pcns[1]]);
    expect(open[0].availableActions).toEqual(["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"]);
    const all = expectOk(await server.gql(DENIALS, { filter: { openOnly: false } }, owner.token)).denials;
    const rebilled = all.find((i: { lineId: string }) => i.lineId === d.lineIds[0]);
    expect(rebilled).toMatchObject({ openBalanceCents: 0, availableActions: ["APPEAL_NOTE"], rebill: { patientControlNumber: newPcn, batchControlNumber: made.controlNumber } });
    const writeOff = await server.gql(`mutation ($id: ID!) { writeOffDenial(lineId: $id, reason: "x") { lineId } }`, { id: d.lineIds[0] }, owner.token);
    expect(errorCode(writeOff)).toBe("CONFLICT");

    // Its audit trail records it.
    const audit = expectOk(await server.gql(`query ($id: ID!) { auditEvents(entityId: $id) { edges { node { action changes } } } }`, { id: d.lineIds[0] }, owner.token)).auditEvents.edges;
    expect(audit.map((e: { node: { action: string } }) => e.node.action)).toEqual(["denial.rebill"]);
    expect(audit[0].node.changes).toEqual({
      voided: { before: false, after: true },
      replacementPatientControlNumber: { before: null, after: newPcn },
      replacementBatchId: { before: null, after: made.id },
    });

    // Totals: the service is billed once (through its replacement), and its charge is expected there.
    const totals = expectOk(await server.gql(`{ remittanceTotals { billedCents paidCents outstandingCents } }`, {}, owner.token)).remittanceTotals;
    expect(totals).toEqual([{ billedCents: 3 * 4800, paidCents: 2800 + 4800, outstandingCents: 2000 + 4800 }]);

    // The payer pays the replacement: it posts on the new line by its own CLM01.
    const paidBack = expectOk(
      await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn: newPcn, status: "1", charge: "48", paid: "48", payerClaimId: "ICN-197-R" }], trace: { number: "EFT-R1", originator: "1512345678" }, interchangeControlNumber: 9100 }) } }, owner.token),
    ).importRemittance.claims;
    expect(paidBack).toEqual([{ lineId: rebilled.rebill.lineId, patientControlNumber: newPcn, outcome: "PAID" }]);

    // Voiding the original batch later leaves the replaced claim alone: its void file names the two others only.
    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: d.batch.id }, owner.token));
    const voids = claimLoops(expectOk(await server.gql(EXPORT, { id: d.batch.id, voidClaims: true }, owner.token)).claimBatch.export);
    expect(voids.claims.map((c) => [c[0]!.valueOf(1), c[0]!.valueOf(5)!.split(":")[2]]).sort()).toEqual([
      [d.pcns[1], "8"],
      [d.pcns[2], "8"],
    ].sort());
  });

  it("refuses lines never remitted, paid, written off or in a voided batch, and changes nothing", async () => {
    const d = await denied();
    const { owner, fx } = d;
    await readySession(server, owner, fx, { startsAt: "2026-03-17T15:00:00Z" });
    const unremitted = expectOk(
      await server.gql(`mutation { createClaimBatch(input: { from: "2026-03-17", to: "2026-03-17", idempotencyKey: "later" }) { id lines { patientControlNumber } } }`, {}, owner.token),
    ).createClaimBatch;
    const unremittedLineId = (await server.dataSource.query(`SELECT id FROM claim_batch_lines WHERE patient_control_number = $1 AND practice_id = $2`, [unremitted.lines[0].patientControlNumber, owner.practiceId]))[0].id;
    expectOk(await server.gql(`mutation ($id: ID!) { writeOffDenial(lineId: $id, reason: "Small balance") { lineId } }`, { id: d.lineIds[1] }, owner.token));
    const before = await snapshot(owner.practiceId);
    const refusals: [string, RegExp][] = [
      [unremittedLineId, /was never remitted/],
      [d.lineIds[2]!, /was not denied: its latest remittance says paid/],
      [d.lineIds[1]!, /written off/],
    ];
    for (const [lineId, message] of refusals) {
      const res = await rebill(owner.token, lineId, `try-${lineId}`);
      expect(errorCode(res)).toBe("CONFLICT");
      expect(res.errors![0].message).toMatch(message);
    }
    const blank = await rebill(owner.token, d.lineIds[0]!, "  ");
    expect(errorCode(blank)).toBe("BAD_USER_INPUT");
    expect(blank.errors![0].extensions!.fields[0].field).toBe("idempotencyKey");
    expect(errorCode(await rebill(owner.token, "not-a-uuid", "k"))).toBe("NOT_FOUND");
    expect(await snapshot(owner.practiceId)).toEqual(before);

    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: d.batch.id }, owner.token));
    const voided = await rebill(owner.token, d.lineIds[0]!, "after-void");
    expect(errorCode(voided)).toBe("CONFLICT");
    expect(voided.errors![0].message).toMatch(/voided batch/);
  });

  it("treats another practice's line as not there, changes nothing, and forbids clinicians", async () => {
    const d = await denied();
    const other = await signUpPractice(server, "Other");
    await billingSetup(server, other, { members: 1 });
    const clinician = await memberWithRole(server, d.owner, "CLINICIAN");
    const biller = await memberWithRole(server, d.owner, "BILLER");
    const before = await snapshot(d.owner.practiceId);
    const res = await rebill(other.token, d.lineIds[0]!, "steal");
    expect(errorCode(res)).toBe("NOT_FOUND");
    expect(res.errors![0].message).toBe((await rebill(other.token, "00000000-0000-4000-8000-000000000000", "steal")).errors![0].message);
    expect(errorCode(await rebill(clinician.token, d.lineIds[0]!, "clin"))).toBe("FORBIDDEN");
    expect(await snapshot(d.owner.practiceId)).toEqual(before);
    expect((await snapshot(other.practiceId)).batches).toBe(0);
    // Positive control: the owning practice's biller rebills it (nothing blocks it: authorizations are not required).
    expect(expectOk(await rebill(biller.token, d.lineIds[0]!, "mine")).correctAndRebill.lineCount).toBe(1);
  });
});
