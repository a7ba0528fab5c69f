/**
 * Service lines (SVC, loop 2110) of posted claims over real HTTP and PostgreSQL: an 835 that pays a member's 90853
 * and refuses its 90785 add-on is stored line by line with each line's CAS and LQ, and read back field by field on
 * the posting wherever a posting is served. A file that fails balancing stores no line, and neither does an import
 * that fails while storing them (the lines are written in the posting's transaction). Another practice reads none.
 */
import { randomUUID } from "node:crypto";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { errorCode, expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { x835, type X835Claim } from "../../support/x835";

const ADJUSTMENT = `level serviceLineIndex group reasonCode amountCents quantity kind description`;
const REMARK = `level serviceLineIndex code description`;
const SERVICE_LINES = `serviceLines { index segmentPosition procedure { qualifier code modifiers } originalProcedure { qualifier code modifiers }
  chargeCents paidCents deniedCents outcome unitsPaid originalUnits revenueCode serviceDate serviceEndDate lineControlNumber
  adjustments { ${ADJUSTMENT} } remarks { ${REMARK} } }`;
const POSTING = `id patientControlNumber outcome chargeCents paidCents deniedCents adjustments { ${ADJUSTMENT} } remarks { ${REMARK} } ${SERVICE_LINES}`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id claims { ${POSTING} } } }`;
const REMITTANCE = `query ($id: ID!) { remittance(id: $id) { id claims { ${POSTING} } } }`;
const DENIALS = `{ denials { lineId openBalanceCents latest { ${POSTING} } } }`;
const BATCH_LINES = `{ claimBatches { lines { patientControlNumber remittance { latest { ${POSTING} } history { ${SERVICE_LINES} } } } } }`;

const FEE = 4800;
const ADD_ON_FEE = 1850;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Billed {
  owner: PracticeFixture;
  /** The member whose claim carries the 90785 add-on line. */
  withAddOn: string;
  /** Another member's claim: its 90853 line alone. */
  plain: string;
}

/** A March session of three members billed in one batch; the first member's claim carries interactive complexity (90785). */
async function billed(): Promise<Billed> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, {
    members: 3,
    payerRules: { allowInteractiveComplexity: true, interactiveComplexityFeeCents: ADD_ON_FEE, modifierRules: [{ modifier: "HQ", when: "ALWAYS" }] },
  });
  const sessionId = await readySession(server, owner, fx);
  const [flagged] = fx.clientIds;
  expectOk(
    await server.gql(
      `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
      { id: sessionId, entries: [{ clientId: flagged, status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "Parents argued over the member throughout" }] },
      owner.token,
    ),
  );
  const lines: { patientControlNumber: string; totalChargeCents: number; client: { id: string } }[] = expectOk(
    await server.gql(
      `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { lines { patientControlNumber totalChargeCents client { id } } } }`,
      { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" } },
      owner.token,
    ),
  ).createClaimBatch.lines;
  const withAddOn = lines.find((l) => l.client.id === flagged)!;
  expect(withAddOn.totalChargeCents).toBe(FEE + ADD_ON_FEE);
  return { owner, withAddOn: withAddOn.patientControlNumber, plain: lines.find((l) => l.client.id !== flagged)!.patientControlNumber };
}

/**
 * The payer paid the 90853 (adjudicated without the HQ it was billed with: SVC06 says so) less a contractual
 * reduction and a copay, and refused the 90785 add-on as bundled into it (CO 97, remark N19).
 */
const addOnDenied = (pcn: string, extra: Partial<X835Claim> = {}): X835Claim => ({
  pcn,
  status: "1",
  charge: "66.5",
  paid: "45",
  patientResponsibility: "1",
  payerClaimId: "BH2026031000001",
  lines: [
    {
      procedure: "HC:90853",
      originalProcedure: "HC:90853:HQ",
      charge: "48",
      paid: "45",
      units: "1",
      date: "20260310",
      cas: [
        { group: "CO", items: [["45", "2"]] },
        { group: "PR", items: [["3", "1"]] },
      ],
      controlNumber: `${pcn}-1`,
    },
    { procedure: "HC:90785:HQ", charge: "18.5", paid: "0", date: "20260310", cas: [{ group: "CO", items: [["97", "18.5", "1"]] }], controlNumber: `${pcn}-2`, remarks: ["N19"] },
  ],
  ...extra,
});
/** Paid with no service lines: the payer answered for the claim as a whole. */
const paidWhole = (pcn: string): X835Claim => ({ pcn, status: "1", charge: "48", paid: "45", cas: [{ group: "CO", items: [["45", "3"]] }] });

const importFile = (token: string, text: string) => server.gql(IMPORT, { input: { text, fileName: "era.835" } }, token);
const count = async (table: string, practiceId: string): Promise<number> =>
  (await server.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE practice_id = $1`, [practiceId]))[0].n;
const stored = async (practiceId: string) => ({
  remittances: await count("remittances", practiceId),
  claims: await count("remittance_claims", practiceId),
  serviceLines: await count("remittance_service_lines", practiceId),
  adjustments: await count("remittance_adjustments", practiceId),
  remarks: await count("remittance_remarks", practiceId),
});
const NOTHING = { remittances: 0, claims: 0, serviceLines: 0, adjustments: 0, remarks: 0 };

const CO_45 = "The charge is above the fee schedule or contracted amount; the difference is written off.";
const CO_97 = "Paid as part of another service already decided, not separately.";

/** What the 90853-paid, 90785-denied claim's lines read as, field by field. */
const expectedLines = (pcn: string) => [
  {
    index: 0,
    segmentPosition: expect.any(Number),
    procedure: { qualifier: "HC", code: "90853", modifiers: [] },
    originalProcedure: { qualifier: "HC", code: "90853", modifiers: ["HQ"] },
    chargeCents: 4800,
    paidCents: 4500,
    deniedCents: 0,
    outcome: "PAID",
    unitsPaid: 1,
    originalUnits: null,
    revenueCode: null,
    serviceDate: "2026-03-10",
    serviceEndDate: null,
    lineControlNumber: `${pcn}-1`,
    adjustments: [
      { level: "SERVICE_LINE", serviceLineIndex: 0, group: "CO", reasonCode: "45", amountCents: 200, quantity: null, kind: "CONTRACTUAL", description: CO_45 },
      { level: "SERVICE_LINE", serviceLineIndex: 0, group: "PR", reasonCode: "3", amountCents: 100, quantity: null, kind: "COST_SHARE", description: "The patient's copay." },
    ],
    remarks: [],
  },
  {
    index: 1,
    segmentPosition: expect.any(Number),
    procedure: { qualifier: "HC", code: "90785", modifiers: ["HQ"] },
    originalProcedure: null,
    chargeCents: 1850,
    paidCents: 0,
    deniedCents: 1850,
    outcome: "DENIED",
    unitsPaid: 1,
    originalUnits: null,
    revenueCode: null,
    serviceDate: "2026-03-10",
    serviceEndDate: null,
    lineControlNumber: `${pcn}-2`,
    adjustments: [{ level: "SERVICE_LINE", serviceLineIndex: 1, group: "CO", reasonCode: "97", amountCents: 1850, quantity: 1, kind: "DENIAL", description: CO_97 }],
    remarks: [{ level: "SERVICE_LINE", serviceLineIndex: 1, code: "N19", description: expect.stringMatching(/\w{4,}/) }],
  },
];

describe("service lines of a posted claim", () => {
  it("stores the paid 90853 and the denied 90785 add-on line by line, and reads them back field by field wherever the posting is served", async () => {
    const b = await billed();
    const text = x835({ claims: [addOnDenied(b.withAddOn), paidWhole(b.plain)] });
    const posted = expectOk(await importFile(b.owner.token, text)).importRemittance;
    const [claim, whole] = posted.claims;
    // The claim was partly paid: what its 90785 line refused is its denied money.
    expect(claim).toMatchObject({ patientControlNumber: b.withAddOn, outcome: "PARTIALLY_PAID", chargeCents: 6650, paidCents: 4500, deniedCents: 1850 });
    expect(claim.serviceLines).toEqual(expectedLines(b.withAddOn));
    // Each SVC's position is its segment's place in the file (ISA = 1).
    const segments = text.split("~\n");
    for (const line of claim.serviceLines) expect(segments[line.segmentPosition - 1]).toMatch(new RegExp(`^SVC\\*HC:${line.procedure.code}`));
    // The posting keeps every adjustment and remark too, numbered by line, as before.
    expect(claim.adjustments.map((a: { serviceLineIndex: number; reasonCode: string }) => [a.serviceLineIndex, a.reasonCode])).toEqual([
      [0, "45"],
      [0, "3"],
      [1, "97"],
    ]);
    expect(whole).toMatchObject({ patientControlNumber: b.plain, outcome: "PAID", serviceLines: [] });

    // Read again: the import's detail, the denial work list and the billed line's story.
    const again = expectOk(await server.gql(REMITTANCE, { id: posted.id }, b.owner.token)).remittance;
    expect(again.claims).toEqual(posted.claims);
    const denials = expectOk(await server.gql(DENIALS, {}, b.owner.token)).denials;
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ openBalanceCents: 1850, latest: { patientControlNumber: b.withAddOn } });
    expect(denials[0].latest.serviceLines).toEqual(expectedLines(b.withAddOn));
    const story = expectOk(await server.gql(BATCH_LINES, {}, b.owner.token)).claimBatches[0].lines.find((l: { patientControlNumber: string }) => l.patientControlNumber === b.withAddOn).remittance;
    expect(story.latest.serviceLines).toEqual(expectedLines(b.withAddOn));
    expect(story.history).toEqual([{ serviceLines: expectedLines(b.withAddOn) }]);

    // Stored once per line, in the practice, beside the posting's other rows.
    expect(await stored(b.owner.practiceId)).toEqual({ remittances: 1, claims: 2, serviceLines: 2, adjustments: 4, remarks: 1 });
  });

  it("keeps SVC07 (units billed) and reverses every line of a reversal", async () => {
    const b = await billed();
    const units = (pcn: string): X835Claim => ({
      pcn,
      status: "1",
      charge: "48",
      paid: "24",
      lines: [{ procedure: "HC:90853:HQ", charge: "48", paid: "24", units: "0.5", originalUnits: "1", cas: [{ group: "CO", items: [["151", "24", "0.5"]] }] }],
    });
    const first = expectOk(await importFile(b.owner.token, x835({ claims: [units(b.plain)] }))).importRemittance.claims[0];
    expect(first.outcome).toBe("PARTIALLY_PAID");
    expect(first.serviceLines.map((l: Record<string, unknown>) => [l.unitsPaid, l.originalUnits, l.outcome, l.deniedCents])).toEqual([[0.5, 1, "PARTIALLY_PAID", 2400]]);

    const reversal = expectOk(
      await importFile(
        b.owner.token,
        x835({
          claims: [{ pcn: b.plain, status: "22", charge: "-48", paid: "-24", lines: [{ procedure: "HC:90853:HQ", charge: "-48", paid: "-24", units: "0.5", cas: [{ group: "CO", items: [["151", "-24"]] }] }] }],
          trace: { number: "EFT-REV-1", originator: "1512345678" },
          interchangeControlNumber: 4700,
        }),
      ),
    ).importRemittance.claims[0];
    expect(reversal.serviceLines.map((l: Record<string, unknown>) => [l.chargeCents, l.paidCents, l.outcome])).toEqual([[-4800, -2400, "REVERSED"]]);
  });

  it("answers null, not an empty list, for a posting made before service lines were kept", async () => {
    const b = await billed();
    const posted = expectOk(await importFile(b.owner.token, x835({ claims: [addOnDenied(b.withAddOn)] }))).importRemittance;
    // What the migration leaves on postings it found: no rows, and no count.
    await server.dataSource.query(`DELETE FROM remittance_service_lines WHERE claim_id = $1`, [posted.claims[0].id]);
    await server.dataSource.query(`UPDATE remittance_claims SET service_line_count = NULL WHERE id = $1`, [posted.claims[0].id]);
    const claim = expectOk(await server.gql(REMITTANCE, { id: posted.id }, b.owner.token)).remittance.claims[0];
    expect(claim.serviceLines).toBeNull();
    // The line-level adjustments are still on the posting.
    expect(claim.adjustments).toHaveLength(3);
  });
});

describe("a failed import", () => {
  it("stores no service line when the file fails balancing, at a line or at the payment", async () => {
    const b = await billed();
    // The 90785 line's CAS (18.00) do not explain its charge minus payment (18.50); the other claim is fine.
    const unbalancedLine = addOnDenied(b.withAddOn);
    unbalancedLine.lines![1]!.cas = [{ group: "CO", items: [["97", "18"]] }];
    const atLine = await importFile(b.owner.token, x835({ claims: [paidWhole(b.plain), unbalancedLine] }));
    expect(errorCode(atLine)).toBe("BAD_USER_INPUT");
    expect(atLine.errors![0].message).toMatch(/^The file was not imported \(nothing was posted\): SVC \(segment \d+\), SVC03/);
    // Every line balances, but BPR02 does not match the claims' payments.
    const atPayment = await importFile(b.owner.token, x835({ claims: [addOnDenied(b.withAddOn), paidWhole(b.plain)], payment: { amount: "91" } }));
    expect(errorCode(atPayment)).toBe("BAD_USER_INPUT");
    expect(atPayment.errors![0].message).toContain("BPR02");
    expect(await stored(b.owner.practiceId)).toEqual(NOTHING);

    // Positive control: the balanced file posts its lines.
    expectOk(await importFile(b.owner.token, x835({ claims: [addOnDenied(b.withAddOn), paidWhole(b.plain)] })));
    expect(await stored(b.owner.practiceId)).toMatchObject({ claims: 2, serviceLines: 2 });
  });

  it("leaves nothing when storing a service line fails: the lines are written in the posting's transaction", async () => {
    const b = await billed();
    // The database refuses this practice's 90785 line, after its claim, payment and 90853 line were written.
    const fn = `refuse_${randomUUID().replace(/-/g, "")}`;
    await server.dataSource.query(`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.practice_id = '${b.owner.practiceId}' AND NEW.procedure_code = '90785' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`);
    await server.dataSource.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON remittance_service_lines FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      const res = await importFile(b.owner.token, x835({ claims: [paidWhole(b.plain), addOnDenied(b.withAddOn)] }));
      expect(res.errors).toHaveLength(1);
      expect(res.data?.importRemittance ?? null).toBeNull();
    } finally {
      await server.dataSource.query(`DROP TRIGGER ${fn} ON remittance_service_lines`);
      await server.dataSource.query(`DROP FUNCTION ${fn}()`);
    }
    expect(await stored(b.owner.practiceId)).toEqual(NOTHING);
    // The same file posts whole once nothing refuses it.
    expectOk(await importFile(b.owner.token, x835({ claims: [paidWhole(b.plain), addOnDenied(b.withAddOn)] })));
    expect(await stored(b.owner.practiceId)).toEqual({ remittances: 1, claims: 2, serviceLines: 2, adjustments: 4, remarks: 1 });
  });
});

describe("tenancy", () => {
  it("lets another practice read none of the service lines: the remittance answers as a made-up id does, and nothing changes", async () => {
    const b = await billed();
    const posted = expectOk(await importFile(b.owner.token, x835({ claims: [addOnDenied(b.withAddOn)] }))).importRemittance;
    const other = await signUpPractice(server, "Other");
    const before = await stored(b.owner.practiceId);
    const rows = () => server.dataSource.query(`SELECT * FROM remittance_service_lines WHERE practice_id = $1 ORDER BY line_index`, [b.owner.practiceId]);
    const rowsBefore = await rows();
    expect(rowsBefore).toHaveLength(2);

    const theirs = await server.gql(REMITTANCE, { id: posted.id }, other.token);
    const madeUp = await server.gql(REMITTANCE, { id: randomUUID() }, other.token);
    expect(theirs).toEqual(madeUp);
    expect(theirs).toEqual({ data: { remittance: null } });
    expect(expectOk(await server.gql(`{ remittances { id claims { ${SERVICE_LINES} } } }`, {}, other.token)).remittances).toEqual([]);
    expect(expectOk(await server.gql(DENIALS, {}, other.token)).denials).toEqual([]);
    expect(expectOk(await server.gql(BATCH_LINES, {}, other.token)).claimBatches).toEqual([]);
    // Importing the owner's file from the other practice matches none of its lines and stores nothing anywhere.
    expect(errorCode(await importFile(other.token, x835({ claims: [addOnDenied(b.withAddOn)], interchangeControlNumber: 4800 })))).toBe("BAD_USER_INPUT");
    expect(await stored(other.practiceId)).toEqual(NOTHING);

    // Under row-level security, the other practice's scope sees no row even when it names the claim.
    const claimId = posted.claims[0].id;
    const asOther = await inScope(server.dataSource, { practiceId: other.practiceId, userId: other.userId }, (m) =>
      m.query(`SELECT count(*)::int AS n FROM remittance_service_lines WHERE claim_id = $1`, [claimId]),
    );
    expect(asOther).toEqual([{ n: 0 }]);
    // Positive controls: the owner's scope and the owner's requests see both lines.
    const asOwner = await inScope(server.dataSource, { practiceId: b.owner.practiceId, userId: b.owner.userId }, (m) =>
      m.query(`SELECT count(*)::int AS n FROM remittance_service_lines WHERE claim_id = $1`, [claimId]),
    );
    expect(asOwner).toEqual([{ n: 2 }]);
    expect(expectOk(await server.gql(REMITTANCE, { id: posted.id }, b.owner.token)).remittance.claims[0].serviceLines).toEqual(expectedLines(b.withAddOn));
    expect(await stored(b.owner.practiceId)).toEqual(before);
    expect(await rows()).toEqual(rowsBefore);
  });
});
