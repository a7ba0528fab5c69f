import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { readFileSync } from "node:fs";
import path from "node:path";
import { x835, type X835Claim, type X835Spec } from "../../support/x835";

/** A hand-built file from test/fixtures/835, its patient control numbers replaced by this practice's. */
function fixture(name: string, pcns: Record<string, string>): string {
  let text = readFileSync(path.join(__dirname, "../../fixtures/835", name), "utf8");
  for (const [from, to] of Object.entries(pcns)) text = text.split(`CLP*${from}*`).join(`CLP*${to}*`);
  return text;
}

/** One interchange holding the payments (ST/SE) of two files, as a payer batching its output would send. */
function twoPayments(first: string, second: string): string {
  const segments = (text: string) => text.split("~").map((s) => s.trim()).filter(Boolean);
  const a = segments(first);
  const b = segments(second);
  const transaction = (all: string[]) => all.slice(all.findIndex((s) => s.startsWith("ST*")), all.findIndex((s) => s.startsWith("SE*")) + 1);
  const renumbered = transaction(b).map((s) => (s.startsWith("ST*") ? s.replace(/^ST\*835\*\d+/, "ST*835*0002") : s.startsWith("SE*") ? s.replace(/\*\d+$/, "*0002") : s));
  const ge = a.find((s) => s.startsWith("GE*"))!.replace(/^GE\*1\*/, "GE*2*");
  return [...a.slice(0, a.findIndex((s) => s.startsWith("GE*"))), ...renumbered, ge, a.find((s) => s.startsWith("IEA*"))!].join("~\n") + "~\n";
}


const POSTING = `id lineId patientControlNumber statusCode outcome chargeCents paidCents patientResponsibilityCents deniedCents payerClaimControlNumber
  adjustments { level group reasonCode amountCents quantity kind description } remarks { code description } payerName serviceDate`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id fileName alreadyImported payments { traceNumber paymentCents payerName } claims { ${POSTING} } } }`;
const STORY = `lineId openBalanceCents writtenOff latest { outcome paidCents deniedCents } history { outcome paidCents } actions { kind note amountCents }`;
const DENIALS = `query ($filter: DenialFilterInput) { denials(filter: $filter) { ${STORY} ageDays reasonCodes availableActions latest { patientControlNumber payerId } } }`;
const WRITE_OFF = `mutation ($lineId: ID!, $reason: String!) { writeOffDenial(lineId: $lineId, reason: $reason) { ${STORY} } }`;
const APPEAL = `mutation ($lineId: ID!, $note: String!) { noteAppeal(lineId: $lineId, note: $note) { ${STORY} } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Billed {
  owner: PracticeFixture;
  payerId: string;
  /** Patient control numbers of the first session's lines, then the second's. */
  first: string[];
  second: string[];
}

/** Two March sessions of three members, billed in one batch; the second ran 100 minutes, so its lines carry a SESSION_TOO_LONG warning. */
async function billedPractice(): Promise<Billed> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3 });
  const s1 = await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const s2 = await readySession(server, owner, fx, { startsAt: "2026-03-11T15:00:00Z", durationMinutes: 100 });
  const batch = expectOk(
    await server.gql(
      `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { lines { patientControlNumber session { id } issues { code severity } } } }`,
      { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" } },
      owner.token,
    ),
  ).createClaimBatch;
  const of = (sessionId: string) =>
    batch.lines.filter((l: { session: { id: string } }) => l.session.id === sessionId).map((l: { patientControlNumber: string }) => l.patientControlNumber);
  return { owner, payerId: fx.payerId, first: of(s1), second: of(s2) };
}

const importFile = (token: string, text: string, fileName = "era.835") => server.gql(IMPORT, { input: { text, fileName } }, token);
const count = async (table: string, practiceId: string): Promise<number> =>
  (await server.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE practice_id = $1`, [practiceId]))[0].n;
const postedRows = async (practiceId: string) => ({
  remittances: await count("remittances", practiceId),
  claims: await count("remittance_claims", practiceId),
  adjustments: await count("remittance_adjustments", practiceId),
  actions: await count("denial_actions", practiceId),
});

const paid = (pcn: string, extra: Partial<X835Claim> = {}): X835Claim => ({ pcn, status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }], payerClaimId: `PCC-${pcn}`, ...extra });
const denied = (pcn: string, reason: string, extra: Partial<X835Claim> = {}): X835Claim => ({ pcn, status: "4", charge: "48", paid: "0", cas: [{ group: "CO", items: [[reason, "48"]] }], ...extra });
const file = (claims: X835Claim[], extra: Partial<X835Spec> = {}) => x835({ claims, ...extra });

describe("importRemittance", () => {
  it("posts paid, partially paid and denied claims with every adjustment and remark in plain words", async () => {
    const b = await billedPractice();
    const text = file([
      paid(b.first[0]!),
      { pcn: b.first[1]!, status: "1", charge: "48", paid: "20", patientResponsibility: "5", payerClaimId: "PCC-2", cas: [{ group: "PR", items: [["2", "5"]] }, { group: "CO", items: [["45", "3"], ["197", "20"]] }] },
      { pcn: b.first[2]!, status: "4", charge: "48", paid: "0", payerClaimId: "PCC-3", cas: [{ group: "CO", items: [["4", "40", "1"]] }, { group: "PR", items: [["96", "8"]] }], moaRemarks: ["N290"] },
    ]);
    const r = expectOk(await importFile(b.owner.token, text)).importRemittance;
    expect(r).toMatchObject({ fileName: "era.835", alreadyImported: false, payments: [{ traceNumber: "EFT20261116001", paymentCents: 6000, payerName: "BLUE HARBOR HEALTH PLAN" }] });
    expect(r.claims.map((c: Record<string, unknown>) => [c.patientControlNumber, c.outcome, c.chargeCents, c.paidCents, c.patientResponsibilityCents, c.deniedCents, c.payerClaimControlNumber])).toEqual([
      [b.first[0], "PAID", 4800, 4000, 0, 0, `PCC-${b.first[0]}`],
      [b.first[1], "PARTIALLY_PAID", 4800, 2000, 500, 2000, "PCC-2"],
      [b.first[2], "DENIED", 4800, 0, 800, 4800, "PCC-3"],
    ]);
    expect(r.claims[2].adjustments).toEqual([
      { level: "CLAIM", group: "CO", reasonCode: "4", amountCents: 4000, quantity: 1, kind: "DENIAL", description: expect.stringContaining("modifier") },
      { level: "CLAIM", group: "PR", reasonCode: "96", amountCents: 800, quantity: null, kind: "DENIAL", description: "The charge is not covered." },
    ]);
    expect(r.claims[2].remarks).toEqual([{ code: "N290", description: expect.any(String) }]);
    expect(r.claims[2].remarks[0].description.length).toBeGreaterThan(10);

    // The billed line shows its posting.
    const lines = expectOk(await server.gql(`{ claimBatches { lines { patientControlNumber remittance { latest { outcome paidCents } history { outcome } openBalanceCents } } } }`, {}, b.owner.token))
      .claimBatches[0].lines;
    const byPcn = Object.fromEntries(lines.map((l: { patientControlNumber: string; remittance: unknown }) => [l.patientControlNumber, l.remittance]));
    expect(byPcn[b.first[0]!]).toEqual({ latest: { outcome: "PAID", paidCents: 4000 }, history: [{ outcome: "PAID" }], openBalanceCents: 0 });
    expect(byPcn[b.first[2]!]).toEqual({ latest: { outcome: "DENIED", paidCents: 0 }, history: [{ outcome: "DENIED" }], openBalanceCents: 4800 });
    expect(byPcn[b.second[0]!]).toBeNull();
    // The live claim lines show it too, through the batch line that billed them.
    const decisions = expectOk(await server.gql(`{ claimDecisions(from: "2026-03-10", to: "2026-03-10", first: 10) { edges { node { status remittance { latest { patientControlNumber outcome } } } } } }`, {}, b.owner.token))
      .claimDecisions.edges.map((e: { node: { remittance: { latest: { patientControlNumber: string; outcome: string } } } }) => [e.node.remittance.latest.patientControlNumber, e.node.remittance.latest.outcome]);
    expect(decisions.sort()).toEqual([[b.first[0], "PAID"], [b.first[1], "PARTIALLY_PAID"], [b.first[2], "DENIED"]].sort());

    const audit = expectOk(await server.gql(`{ auditEvents(entityType: "Remittance") { edges { node { action entityId changes } } } }`, {}, b.owner.token)).auditEvents.edges;
    expect(audit.map((e: { node: { action: string; entityId: string } }) => [e.node.action, e.node.entityId])).toEqual([["remittance.import", r.id]]);
    expect(audit[0].node.changes.claimCount.after).toBe(3);
  });

  it("posts nothing twice: the same file, or the same payment in a new file, answers the first import", async () => {
    const b = await billedPractice();
    const text = file([paid(b.first[0]!)]);
    const first = expectOk(await importFile(b.owner.token, text)).importRemittance;
    const before = await postedRows(b.owner.practiceId);
    const again = expectOk(await importFile(b.owner.token, text)).importRemittance;
    expect(again).toMatchObject({ id: first.id, alreadyImported: true });
    // Re-sent by the payer with new control numbers: the trace number (TRN02) names the same money.
    const resent = expectOk(await importFile(b.owner.token, file([paid(b.first[0]!)], { interchangeControlNumber: 9999, groupControlNumber: "77", transactionControlNumber: "0042" }))).importRemittance;
    expect(resent).toMatchObject({ id: first.id, alreadyImported: true });
    expect(await postedRows(b.owner.practiceId)).toEqual(before);
    expect(before).toMatchObject({ remittances: 1, claims: 1 });

    // The same new payment sent three times at once is posted once.
    const concurrent = await Promise.all([1, 2, 3].map(() => importFile(b.owner.token, file([paid(b.first[1]!)], { trace: { number: "CHK777", originator: "1512345678" }, interchangeControlNumber: 555 }))));
    const ids = new Set(concurrent.map((res) => expectOk(res).importRemittance.id));
    expect(ids.size).toBe(1);
    expect((await postedRows(b.owner.practiceId)).claims).toBe(2);
  });

  it("refuses a claim that matches no billed line, and posts nothing of the file", async () => {
    const b = await billedPractice();
    const res = await importFile(b.owner.token, file([paid(b.first[0]!), paid("B99L1")]));
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].message).toContain("B99L1");
    expect(res.errors![0].extensions!.fields).toEqual([{ field: "text", message: expect.stringMatching(/^CLP at segment \d+: patient control number B99L1 \(CLP01\) matches no billed line/) }]);
    expect(await postedRows(b.owner.practiceId)).toEqual({ remittances: 0, claims: 0, adjustments: 0, actions: 0 });
  });

  it("refuses malformed and unbalanced files naming the segment, and posts nothing", async () => {
    const b = await billedPractice();
    const unbalanced = await importFile(b.owner.token, file([paid(b.first[0]!)], { payment: { amount: "41" } }));
    expect(errorCode(unbalanced)).toBe("BAD_USER_INPUT");
    expect(unbalanced.errors![0].message).toMatch(/BPR/);
    const badClaim = await importFile(b.owner.token, file([paid(b.first[0]!, { paid: "4O" })], { payment: { amount: "40" } }));
    expect(errorCode(badClaim)).toBe("BAD_USER_INPUT");
    expect(badClaim.errors![0].message).toMatch(/CLP \(segment \d+\), CLP04/);
    const notX12 = await importFile(b.owner.token, "hello");
    expect(errorCode(notX12)).toBe("BAD_USER_INPUT");
    expect(notX12.errors![0].extensions!.fields![0].field).toBe("text");
    // A file is longer than any typed field: a 600-claim file is read (and refused here for its unknown claims, not its size).
    const large = file(Array.from({ length: 600 }, (_, i) => paid(`X${i}`)));
    expect(large.length).toBeGreaterThan(20_000);
    const refusedLarge = await importFile(b.owner.token, large);
    expect(errorCode(refusedLarge)).toBe("BAD_USER_INPUT");
    expect(refusedLarge.errors![0].message).toContain("600 claim(s) match no billed line");
    expect(refusedLarge.errors![0].extensions!.fields).toHaveLength(600);
    const empty = await importFile(b.owner.token, "  ");
    expect(errorCode(empty)).toBe("BAD_USER_INPUT");
    expect(await postedRows(b.owner.practiceId)).toEqual({ remittances: 0, claims: 0, adjustments: 0, actions: 0 });
  });

  it("reverses an earlier payment (CLP02 22) and re-posts the correction; a reversal of nothing is refused", async () => {
    const b = await billedPractice();
    const orphan = await importFile(b.owner.token, file([{ pcn: b.first[0]!, status: "22", charge: "-48", paid: "-40", cas: [{ group: "CO", items: [["45", "-8"]] }] }]));
    expect(errorCode(orphan)).toBe("BAD_USER_INPUT");
    expect(orphan.errors![0].message).toContain("no payment posted to reverse");

    expectOk(await importFile(b.owner.token, file([paid(b.first[0]!)])));
    const correction = expectOk(
      await importFile(
        b.owner.token,
        file(
          [
            { pcn: b.first[0]!, status: "22", charge: "-48", paid: "-40", cas: [{ group: "CO", items: [["45", "-8"]] }] },
            paid(b.first[0]!, { paid: "45", cas: [{ group: "CO", items: [["45", "3"]] }] }),
          ],
          { trace: { number: "EFT-CORR-1", originator: "1512345678" }, interchangeControlNumber: 4600 },
        ),
      ),
    ).importRemittance;
    expect(correction.claims.map((c: { outcome: string; paidCents: number }) => [c.outcome, c.paidCents])).toEqual([
      ["REVERSED", -4000],
      ["PAID", 4500],
    ]);
    const line = expectOk(await server.gql(`{ claimBatches { lines { patientControlNumber remittance { latest { outcome paidCents } history { outcome paidCents } } } } }`, {}, b.owner.token))
      .claimBatches[0].lines.find((l: { patientControlNumber: string }) => l.patientControlNumber === b.first[0]);
    expect(line.remittance).toEqual({
      latest: { outcome: "PAID", paidCents: 4500 },
      history: [
        { outcome: "PAID", paidCents: 4000 },
        { outcome: "REVERSED", paidCents: -4000 },
        { outcome: "PAID", paidCents: 4500 },
      ],
    });
    const totals = expectOk(await server.gql(`{ remittanceTotals { month paidCents billedCents } }`, {}, b.owner.token)).remittanceTotals;
    expect(totals).toEqual([{ month: "2026-03", paidCents: 4500, billedCents: 6 * 4800 }]);
  });
});

describe("the hand-built 835 fixtures", () => {
  it("post paid, partially paid, denied (several CAS groups) and a reversal with its correction, once each", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3, payerRules: { feeCents: 12_500 } });
    const sessionId = await readySession(server, owner, fx, { startsAt: "2026-10-10T15:00:00Z" });
    const lines = expectOk(
      await server.gql(`mutation { createClaimBatch(input: { from: "2026-10-01", to: "2026-10-31", idempotencyKey: "oct" }) { lines { patientControlNumber session { id } } } }`, {}, owner.token),
    ).createClaimBatch.lines;
    expect(lines.every((l: { session: { id: string } }) => l.session.id === sessionId)).toBe(true);
    const [p1, p2, p3] = lines.map((l: { patientControlNumber: string }) => l.patientControlNumber);
    const pcns = { "HGT-2610-0001": p1, "HGT-2610-0002": p2, "HGT-2610-0003": p3 };
    const post = async (name: string) => expectOk(await importFile(owner.token, fixture(name, pcns), name)).importRemittance;

    const paidFile = await post("paid.835");
    expect(paidFile.claims.map((c: Record<string, unknown>) => [c.outcome, c.paidCents, c.payerClaimControlNumber])).toEqual([["PAID", 10000, "BH2026111500001"]]);

    // Two payments in one interchange, one of them posted already: refused whole.
    const mixed = await importFile(owner.token, twoPayments(fixture("paid.835", pcns), fixture("partially-paid.835", pcns)));
    expect(errorCode(mixed)).toBe("CONFLICT");
    expect(mixed.errors![0].message).toContain("EFT20261116001");
    expect(await postedRows(owner.practiceId)).toMatchObject({ remittances: 1, claims: 1 });

    // The same money twice in one interchange is refused, not looped over.
    const doubled = await importFile(owner.token, twoPayments(fixture("partially-paid.835", pcns), fixture("partially-paid.835", pcns)));
    expect(errorCode(doubled)).toBe("BAD_USER_INPUT");
    expect(doubled.errors![0].message).toContain("CHK884512 (TRN02) or control number 0002 (ST02) appears twice");

    const partial = (await post("partially-paid.835")).claims[0];
    expect(partial).toMatchObject({ outcome: "PARTIALLY_PAID", chargeCents: 12500, paidCents: 6050, patientResponsibilityCents: 2000, deniedCents: 3000 });
    expect(partial.adjustments.map((a: { group: string; reasonCode: string; amountCents: number }) => [a.group, a.reasonCode, a.amountCents])).toEqual([
      ["CO", "45", 1450],
      ["PR", "3", 2000],
      ["CO", "151", 3000],
    ]);
    expect(partial.remarks.map((r: { code: string }) => r.code)).toEqual(["MA01", "N362"]);

    const denial = (await post("denied.835")).claims[0];
    expect(denial).toMatchObject({ outcome: "DENIED", paidCents: 0, patientResponsibilityCents: 4000, deniedCents: 12500 });
    expect(denial.adjustments.map((a: { group: string; reasonCode: string; amountCents: number; quantity: number | null }) => [a.group, a.reasonCode, a.amountCents, a.quantity])).toEqual([
      ["CO", "197", 6000, 1],
      ["CO", "16", 2500, null],
      ["PR", "96", 3000, null],
      ["PR", "204", 1000, null],
    ]);
    expect(denial.adjustments.every((a: { description: string }) => a.description.length > 10)).toBe(true);

    const reversal = await post("reversal.835");
    expect(reversal.claims.map((c: { outcome: string; paidCents: number }) => [c.outcome, c.paidCents])).toEqual([
      ["REVERSED", -10000],
      ["PAID", 10000],
    ]);

    // The denial, written off; then every file again: nothing is posted twice and the balance stays zero.
    const denialLine = denial.lineId;
    expectOk(await server.gql(WRITE_OFF, { lineId: denialLine, reason: "Authorization never obtained" }, owner.token));
    const before = await postedRows(owner.practiceId);
    for (const name of ["paid.835", "partially-paid.835", "denied.835", "reversal.835"]) expect((await post(name)).alreadyImported).toBe(true);
    expect(await postedRows(owner.practiceId)).toEqual(before);
    expect(before).toEqual({ remittances: 4, claims: 5, adjustments: 10, actions: 1 });
    const story = expectOk(await server.gql(DENIALS, { filter: { openOnly: false } }, owner.token)).denials;
    expect(story.map((d: { latest: { patientControlNumber: string }; openBalanceCents: number; writtenOff: boolean }) => [d.latest.patientControlNumber, d.openBalanceCents, d.writtenOff])).toEqual([
      [p2, 3000, false],
      [p3, 0, true],
    ]);
  });
});

describe("provider-level adjustments (PLB) and charge warnings", () => {
  const PAYMENTS = `payments { traceNumber paymentCents providerAdjustments { providerId fiscalPeriodDate reasonCode description referenceId amountCents segmentPosition } }`;

  it("stores each PLB of a payment with its reason, reference and amount, and refuses the same file without it, naming BPR02", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2, payerRules: { feeCents: 12_500 } });
    await readySession(server, owner, fx, { startsAt: "2026-10-10T15:00:00Z" });
    const lines = expectOk(await server.gql(`mutation { createClaimBatch(input: { from: "2026-10-01", to: "2026-10-31", idempotencyKey: "oct" }) { lines { patientControlNumber } } }`, {}, owner.token))
      .createClaimBatch.lines;
    const pcns = { "HGT-2610-0005": lines[0].patientControlNumber, "HGT-2610-0006": lines[1].patientControlNumber };

    const missing = await importFile(owner.token, fixture("plb-missing.835", pcns), "plb-missing.835");
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors![0].message).toContain("BPR (segment 4), BPR02: the total payment 176.25");
    expect(missing.errors![0].message).toContain("minus the provider-level adjustments (PLB, 0.00)");
    expect(await postedRows(owner.practiceId)).toEqual({ remittances: 0, claims: 0, adjustments: 0, actions: 0 });

    const posted = expectOk(
      await server.gql(`mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id ${PAYMENTS} claims { outcome paidCents chargeWarning } } }`, { input: { text: fixture("plb.835", pcns) } }, owner.token),
    ).importRemittance;
    // BPR02 176.25 = CLP04 100 + 100 minus PLB (25 recovered, -1.25 interest added).
    expect(posted.payments).toEqual([
      {
        traceNumber: "EFT20261116077",
        paymentCents: 17625,
        providerAdjustments: [
          { providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "WO", description: expect.stringMatching(/overpayment recovery/i), referenceId: "BH2026090100009", amountCents: 2500, segmentPosition: 16 },
          { providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "L6", description: expect.stringMatching(/interest/i), referenceId: null, amountCents: -125, segmentPosition: 16 },
        ],
      },
    ]);
    expect(posted.claims).toEqual([
      { outcome: "PAID", paidCents: 10000, chargeWarning: null },
      { outcome: "PAID", paidCents: 10000, chargeWarning: null },
    ]);
    // Read again later, and kept per practice.
    expect(expectOk(await server.gql(`query ($id: ID!) { remittance(id: $id) { ${PAYMENTS} } }`, { id: posted.id }, owner.token)).remittance.payments).toEqual(posted.payments);
    const other = await signUpPractice(server, "Other");
    expect(expectOk(await server.gql(`query ($id: ID!) { remittance(id: $id) { id } }`, { id: posted.id }, other.token)).remittance).toBeNull();
    expect((await server.dataSource.query(`SELECT count(*)::int AS n FROM remittance_provider_adjustments WHERE practice_id = $1`, [owner.practiceId]))[0].n).toBe(2);
  });

  it("posts a claim whose CLP03 differs from what was billed, with a warning on the posting naming both amounts", async () => {
    const b = await billedPractice();
    const r = expectOk(
      await server.gql(
        `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { claims { patientControlNumber outcome chargeCents billedChargeCents chargeWarning } } }`,
        { input: { text: file([{ pcn: b.first[0]!, status: "1", charge: "50", paid: "40", cas: [{ group: "CO", items: [["45", "10"]] }] }, paid(b.first[1]!)]) } },
        b.owner.token,
      ),
    ).importRemittance;
    expect(r.claims).toEqual([
      {
        patientControlNumber: b.first[0],
        outcome: "PAID",
        chargeCents: 5000,
        billedChargeCents: 4800,
        chargeWarning: "CLP at segment 18: the payer's charge (CLP03) 50.00 differs from the 48.00 billed for this line; posted as sent, check the payer's pricing",
      },
      { patientControlNumber: b.first[1], outcome: "PAID", chargeCents: 4800, billedChargeCents: 4800, chargeWarning: null },
    ]);
    // Kept on the posting: the billed line's story shows it too, and the import's audit names it.
    const story = expectOk(await server.gql(`{ claimBatches { lines { patientControlNumber remittance { latest { chargeWarning } } } } }`, {}, b.owner.token)).claimBatches[0].lines.find(
      (l: { patientControlNumber: string }) => l.patientControlNumber === b.first[0],
    );
    expect(story.remittance.latest.chargeWarning).toContain("CLP03");
    const audit = expectOk(await server.gql(`{ auditEvents(entityType: "Remittance") { edges { node { changes } } } }`, {}, b.owner.token)).auditEvents.edges;
    expect(audit[0].node.changes.chargeWarnings.after).toEqual([`${b.first[0]}: ${r.claims[0].chargeWarning}`]);
  });
});

describe("the denial work list", () => {
  it("lists denials with open balances, filters them, writes one off once (audited) and notes appeals", async () => {
    const b = await billedPractice();
    expectOk(await importFile(b.owner.token, file([denied(b.first[0]!, "197"), { pcn: b.first[1]!, status: "1", charge: "48", paid: "28", cas: [{ group: "CO", items: [["16", "20"]] }] }, paid(b.first[2]!)])));
    const all = expectOk(await server.gql(DENIALS, {}, b.owner.token)).denials;
    expect(all.map((d: { latest: { patientControlNumber: string }; openBalanceCents: number; reasonCodes: string[] }) => [d.latest.patientControlNumber, d.openBalanceCents, d.reasonCodes])).toEqual(
      expect.arrayContaining([
        [b.first[0], 4800, ["197"]],
        [b.first[1], 2000, ["16"]],
      ]),
    );
    expect(all).toHaveLength(2);
    expect(all[0].availableActions).toEqual(["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"]);
    expect(all[0].ageDays).toBeGreaterThan(200);
    const only = async (filter: Record<string, unknown>) =>
      expectOk(await server.gql(DENIALS, { filter }, b.owner.token)).denials.map((d: { latest: { patientControlNumber: string } }) => d.latest.patientControlNumber);
    expect(await only({ reasonCode: "16" })).toEqual([b.first[1]]);
    expect(await only({ status: "DENIED" })).toEqual([b.first[0]]);
    expect(await only({ minAmountCents: 2001 })).toEqual([b.first[0]]);
    expect(await only({ payerId: b.payerId, minAgeDays: 0 })).toHaveLength(2);
    expect(await only({ minAgeDays: 100_000 })).toEqual([]);
    const wrongStatus = await server.gql(DENIALS, { filter: { status: "PAID" } }, b.owner.token);
    expect(errorCode(wrongStatus)).toBe("BAD_USER_INPUT");
    expect(wrongStatus.errors![0].extensions!.fields).toEqual([{ field: "filter.status", message: expect.any(String) }]);

    const lineId = all.find((d: { latest: { patientControlNumber: string } }) => d.latest.patientControlNumber === b.first[0]).lineId;
    const noted = expectOk(await server.gql(APPEAL, { lineId, note: "Auth obtained retro, appeal sent 12/01" }, b.owner.token)).noteAppeal;
    expect(noted).toMatchObject({ openBalanceCents: 4800, writtenOff: false, actions: [{ kind: "APPEAL_NOTE", note: "Auth obtained retro, appeal sent 12/01", amountCents: 0 }] });
    const blank = await server.gql(WRITE_OFF, { lineId, reason: " " }, b.owner.token);
    expect(errorCode(blank)).toBe("BAD_USER_INPUT");
    expect(blank.errors![0].extensions!.fields![0].field).toBe("reason");

    const written = expectOk(await server.gql(WRITE_OFF, { lineId, reason: "Appeal window closed" }, b.owner.token)).writeOffDenial;
    expect(written).toMatchObject({ openBalanceCents: 0, writtenOff: true, latest: { outcome: "DENIED", deniedCents: 4800 } });
    expect(written.actions.map((a: { kind: string; amountCents: number }) => [a.kind, a.amountCents])).toEqual([
      ["APPEAL_NOTE", 0],
      ["WRITE_OFF", 4800],
    ]);
    const before = await postedRows(b.owner.practiceId);
    const twice = await server.gql(WRITE_OFF, { lineId, reason: "again" }, b.owner.token);
    expect(errorCode(twice)).toBe("CONFLICT");
    expect(await postedRows(b.owner.practiceId)).toEqual(before);
    expect(await only({})).toEqual([b.first[1]]);
    expect(await only({ openOnly: false })).toHaveLength(2);

    const audit = expectOk(await server.gql(`query ($id: ID!) { auditEvents(entityId: $id) { edges { node { action changes } } } }`, { id: lineId }, b.owner.token)).auditEvents.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "denial.writeOff", changes: { openBalanceCents: { before: 4800, after: 0 }, reason: { before: null, after: "Appeal window closed" } } },
        { action: "denial.appealNote", changes: { appealNote: { before: null, after: "Auth obtained retro, appeal sent 12/01" } } },
      ]),
    );
    // A paid line has no denial to work.
    const paidLine = await server.gql(`{ claimBatches { lines { patientControlNumber remittance { lineId } } } }`, {}, b.owner.token);
    const paidLineId = expectOk(paidLine).claimBatches[0].lines.find((l: { patientControlNumber: string }) => l.patientControlNumber === b.first[2]).remittance.lineId;
    expect(errorCode(await server.gql(WRITE_OFF, { lineId: paidLineId, reason: "x" }, b.owner.token))).toBe("CONFLICT");
  });
});

describe("denialReport and remittanceTotals", () => {
  it("tells denials GroupBill would have prevented from those it missed, by payer and reason, with dollars", async () => {
    const b = await billedPractice();
    expectOk(
      await importFile(
        b.owner.token,
        file([
          denied(b.first[0]!, "4"), // no warning, modifier rules have no on/off switch: missed
          denied(b.first[1]!, "197"), // prior authorization was not required at the time: the rule was off
          { pcn: b.first[2]!, status: "1", charge: "48", paid: "28", cas: [{ group: "CO", items: [["16", "20"]] }] }, // missed
          denied(b.second[0]!, "4"), // the line carried SESSION_TOO_LONG: flagged
          { pcn: b.second[1]!, status: "1", charge: "48", paid: "48" },
        ]),
      ),
    );
    const report = expectOk(
      await server.gql(
        `{ denialReport(from: "2026-03-01", to: "2026-03-31") { payerId payerName preventedCount preventedCents missedCount missedCents
            reasons { reasonCode prevented count deniedCents prevention { area payerRuleField issueCodes } } } }`,
        {},
        b.owner.token,
      ),
    ).denialReport;
    expect(report).toEqual([
      {
        payerId: b.payerId,
        payerName: "State Medicaid",
        preventedCount: 2,
        preventedCents: 9600,
        missedCount: 2,
        missedCents: 6800,
        reasons: [
          { reasonCode: "4", prevented: false, count: 1, deniedCents: 4800, prevention: { area: "MODIFIER_RULES", payerRuleField: "modifierRules", issueCodes: [] } },
          { reasonCode: "4", prevented: true, count: 1, deniedCents: 4800, prevention: { area: "MODIFIER_RULES", payerRuleField: "modifierRules", issueCodes: [] } },
          { reasonCode: "197", prevented: true, count: 1, deniedCents: 4800, prevention: { area: "PRIOR_AUTHORIZATION", payerRuleField: "requirePriorAuthorization", issueCodes: ["AUTH_REQUIRED"] } },
          { reasonCode: "16", prevented: false, count: 1, deniedCents: 2000, prevention: { area: "REGISTRATION", payerRuleField: null, issueCodes: ["MISSING_REGISTRATION"] } },
        ],
      },
    ]);
    expect(expectOk(await server.gql(`{ denialReport(from: "2026-04-01", to: "2026-04-30") { payerId } }`, {}, b.owner.token)).denialReport).toEqual([]);

    const totals = expectOk(await server.gql(`{ remittanceTotals { payerId month billedCents paidCents deniedCents outstandingCents } }`, {}, b.owner.token)).remittanceTotals;
    // Unposted: the second session's third line (4800) is still outstanding, as are the four denials.
    expect(totals).toEqual([{ payerId: b.payerId, month: "2026-03", billedCents: 28800, paidCents: 7600, deniedCents: 16400, outstandingCents: 21200 }]);
  });
});

describe("tenancy and roles", () => {
  it("treats another practice's control numbers as unknown and its remittances and lines as not there", async () => {
    const a = await billedPractice();
    const other = await signUpPractice(server, "Other");
    const text = file([denied(a.first[0]!, "197")]);
    const refused = await importFile(other.token, text);
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(refused.errors![0].message).toContain("match no billed line");
    expect(await postedRows(other.practiceId)).toEqual({ remittances: 0, claims: 0, adjustments: 0, actions: 0 });

    // Positive control: the owning practice imports the same file.
    const r = expectOk(await importFile(a.owner.token, text)).importRemittance;
    const lineId = r.claims[0].lineId;
    const before = await postedRows(a.owner.practiceId);
    expect(expectOk(await server.gql(`query ($id: ID!) { remittance(id: $id) { id } }`, { id: r.id }, other.token)).remittance).toBeNull();
    expect(expectOk(await server.gql(`query ($id: ID!) { remittance(id: $id) { id } }`, { id: r.id }, a.owner.token)).remittance).toEqual({ id: r.id });
    expect(expectOk(await server.gql(`{ remittances { id } }`, {}, other.token)).remittances).toEqual([]);
    expect(expectOk(await server.gql(DENIALS, {}, other.token)).denials).toEqual([]);
    expect(expectOk(await server.gql(`{ remittanceTotals { month } denialReport(from: "2026-01-01", to: "2026-12-31") { payerId } }`, {}, other.token))).toEqual({ remittanceTotals: [], denialReport: [] });
    expect(errorCode(await server.gql(WRITE_OFF, { lineId, reason: "not mine" }, other.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(APPEAL, { lineId, note: "not mine" }, other.token))).toBe("NOT_FOUND");
    expect(await postedRows(a.owner.practiceId)).toEqual(before);
    expect(expectOk(await server.gql(DENIALS, {}, a.owner.token)).denials[0]).toMatchObject({ lineId, openBalanceCents: 4800, actions: [] });
  });

  it("lets billers import and work denials, and forbids clinicians", async () => {
    const b = await billedPractice();
    const biller = await memberWithRole(server, b.owner, "BILLER");
    const clinician = await memberWithRole(server, b.owner, "CLINICIAN");
    const text = file([denied(b.first[0]!, "197")]);
    expect(errorCode(await importFile(clinician.token, text))).toBe("FORBIDDEN");
    expect(await postedRows(b.owner.practiceId)).toMatchObject({ remittances: 0 });
    const r = expectOk(await importFile(biller.token, text)).importRemittance;
    const lineId = r.claims[0].lineId;
    for (const query of [DENIALS, `{ remittances { id } }`, `{ remittanceTotals { month } }`, `{ denialReport(from: "2026-03-01", to: "2026-03-31") { payerId } }`]) {
      expect(errorCode(await server.gql(query, {}, clinician.token))).toBe("FORBIDDEN");
    }
    expect(errorCode(await server.gql(WRITE_OFF, { lineId, reason: "x" }, clinician.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(APPEAL, { lineId, note: "x" }, clinician.token))).toBe("FORBIDDEN");
    expect(expectOk(await server.gql(APPEAL, { lineId, note: "called payer" }, biller.token)).noteAppeal.actions).toHaveLength(1);
    expect(expectOk(await server.gql(WRITE_OFF, { lineId, reason: "small balance" }, biller.token)).writeOffDenial.openBalanceCents).toBe(0);
  });
});
