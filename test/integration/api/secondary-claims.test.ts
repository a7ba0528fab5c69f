/**
 * Issue 14 item 3 over real HTTP and PostgreSQL: after the primary payer's remittance is posted, a member with a
 * SECONDARY coverage in force gets a secondary claim billed to the secondary payer, whose 837P carries loops 2320
 * (SBR, CAS per group code with several reasons, AMT*D, OI) and 2330A/2330B. Read back segment by segment; node-x12
 * validates the file.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { x835 } from "../../support/x835";

const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lines { patientControlNumber client { id } } } }`;
const SECONDARY = `mutation ($batchId: ID!, $key: String!) { createSecondaryClaims(batchId: $batchId, idempotencyKey: $key) { id controlNumber lineCount totalChargeCents lines { patientControlNumber client { id } payer { id } } } }`;
const EXPORT = `query ($id: ID!) { claimBatch(id: $id) { export(format: X12_837P) } }`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id } }`;
const DECISIONS = `query { claimDecisions(from: "2026-03-01", to: "2026-03-31", first: 100) { edges { node { status client { id } payer { id } } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const v = (seg: X12Segment | undefined, n: number): string => seg?.valueOf(n, "") ?? "";
const fields = (seg: X12Segment | undefined): string[] => (seg ? seg.elements.map((e) => e.value) : []);
function segments(edi: string): X12Segment[] {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}

interface Setup {
  owner: PracticeFixture;
  primaryPayerId: string;
  secondaryPayerId: string;
  withSecondary: string;
  without: string;
  batch: { id: string; lines: { patientControlNumber: string; client: { id: string } }[] };
}

/** Two members on State Medicaid; the first also has a SECONDARY commercial coverage in force in March. */
async function setup(): Promise<Setup> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 2 });
  const secondaryPayerId = expectOk(
    await server.gql(
      `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id } }`,
      { input: { name: "Blue Harbor Health", kind: "COMMERCIAL", payerCode: "BHH01", rules: { effectiveFrom: "2026-01-01", feeCents: 4800 } } },
      owner.token,
    ),
  ).createPayer.id;
  const [withSecondary, without] = fx.clientIds as [string, string];
  expectOk(
    await server.gql(
      `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`,
      {
        id: withSecondary,
        input: {
          coverages: [
            { payerId: fx.payerId, memberId: "MCD-0", priority: "PRIMARY", effectiveFrom: "2026-01-01" },
            { payerId: secondaryPayerId, memberId: "BHH-777", priority: "SECONDARY", effectiveFrom: "2026-01-01" },
          ],
        },
      },
      owner.token,
    ),
  );
  await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const batch = expectOk(await server.gql(CREATE, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "primary" } }, owner.token)).createClaimBatch;
  return { owner, primaryPayerId: fx.payerId, secondaryPayerId, withSecondary, without, batch };
}
const pcnOf = (s: Setup, clientId: string) => s.batch.lines.find((l) => l.client.id === clientId)!.patientControlNumber;

describe("secondary claims", () => {
  it("bills the secondary payer after the primary paid, with 2320/2330 carrying the primary's payment and every CAS reason under its group", async () => {
    const s = await setup();
    // Nothing adjudicated yet: refused, nothing made.
    const early = await server.gql(SECONDARY, { batchId: s.batch.id, key: "sec-early" }, s.owner.token);
    expect(errorCode(early)).toBe("BAD_USER_INPUT");
    expect(early.errors![0].extensions!.fields[0].field).toBe("batchId");

    // The primary paid 28 of 48: CO-45 8, PR-1 (deductible) 10, PR-2 (coinsurance) 2 — two reasons under PR.
    const era = x835({
      claims: [
        {
          pcn: pcnOf(s, s.withSecondary),
          status: "1",
          charge: "48",
          paid: "28",
          patientResponsibility: "12",
          cas: [
            { group: "CO", items: [["45", "8"]] },
            { group: "PR", items: [["1", "10"], ["2", "2"]] },
          ],
          payerClaimId: "ICN-P1",
        },
        { pcn: pcnOf(s, s.without), status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }] },
      ],
    });
    expectOk(await server.gql(IMPORT, { input: { text: era } }, s.owner.token));

    const secondary = expectOk(await server.gql(SECONDARY, { batchId: s.batch.id, key: "sec-1" }, s.owner.token)).createSecondaryClaims;
    // Only the member with a secondary coverage.
    expect(secondary.lineCount).toBe(1);
    expect(secondary.totalChargeCents).toBe(4800);
    expect(secondary.lines).toEqual([{ patientControlNumber: `B${secondary.controlNumber}L1`, client: { id: s.withSecondary }, payer: { id: s.secondaryPayerId } }]);
    // Same key: the same batch; again with a new key: nothing left to bill.
    expect(expectOk(await server.gql(SECONDARY, { batchId: s.batch.id, key: "sec-1" }, s.owner.token)).createSecondaryClaims.id).toBe(secondary.id);
    expect(errorCode(await server.gql(SECONDARY, { batchId: s.batch.id, key: "sec-2" }, s.owner.token))).toBe("BAD_USER_INPUT");
    // The primary batch's own key names another batch.
    const reused = await server.gql(SECONDARY, { batchId: s.batch.id, key: "primary" }, s.owner.token);
    expect(errorCode(reused)).toBe("BAD_USER_INPUT");
    expect(reused.errors![0].extensions!.fields[0].field).toBe("idempotencyKey");

    const all = segments(expectOk(await server.gql(EXPORT, { id: secondary.id }, s.owner.token)).claimBatch.export);
    // 2000B for the secondary payer: SBR01 S, the secondary member id and payer.
    expect(fields(all.find((x) => x.tag === "SBR"))).toEqual(["S", "18", "", "", "", "", "", "", "CI"]);
    expect(v(all.find((x) => x.tag === "NM1" && v(x, 1) === "IL"), 9)).toBe("BHH-777");
    expect(fields(all.find((x) => x.tag === "NM1" && v(x, 1) === "PR"))).toEqual(["PR", "2", "BLUE HARBOR HEALTH", "", "", "", "", "PI", "BHH01"]);
    const clm = all.find((x) => x.tag === "CLM")!;
    expect([v(clm, 1), v(clm, 2), v(clm, 5)]).toEqual([`B${secondary.controlNumber}L1`, "48", "11:B:1"]);
    const from = all.findIndex((x) => x.tag === "NM1" && v(x, 1) === "82");
    const to = all.findIndex((x) => x.tag === "LX");
    const loops = all.slice(from + 1, to).filter((x) => x.tag !== "PRV");
    expect(loops.map((x) => [x.tag, ...fields(x)])).toEqual([
      // 2320: the primary (SBR01 P), the member is its insured (18), Medicaid (MC).
      ["SBR", "P", "18", "", "", "", "", "", "", "MC"],
      ["CAS", "CO", "45", "8"],
      ["CAS", "PR", "1", "10", "", "2", "2"],
      ["AMT", "D", "28"],
      ["OI", "", "", "Y", "", "", "Y"],
      // 2330A: the primary's insured with the primary member id; 2330B: the primary payer.
      ["NM1", "IL", "1", "TESTA", "MEMBER0", "", "", "", "MI", "MCD-0"],
      ["NM1", "PR", "2", "STATE MEDICAID", "", "", "", "", "PI", "SMCD1"],
      ["DTP", "573", "D8", expect.stringMatching(/^\d{8}$/)],
    ]);

    // Billing the secondary payer is no discrepancy with today's data.
    expect(expectOk(await server.gql(`query ($id: ID!) { claimBatch(id: $id) { discrepancies } }`, { id: secondary.id }, s.owner.token)).claimBatch.discrepancies).toEqual([]);

    // The primary line stays BILLED to the primary payer: the secondary bills the same service again, not instead.
    const decisions = expectOk(await server.gql(DECISIONS, {}, s.owner.token)).claimDecisions.edges.map((e: { node: { status: string; client: { id: string }; payer: { id: string } } }) => e.node);
    expect(decisions.find((d: { client: { id: string } }) => d.client.id === s.withSecondary)).toMatchObject({ status: "BILLED", payer: { id: s.primaryPayerId } });
  });

  it("bills a denied primary with the denial's adjustment and AMT*D 0", async () => {
    const s = await setup();
    expectOk(
      await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn: pcnOf(s, s.withSecondary), status: "4", charge: "48", paid: "0", cas: [{ group: "CO", items: [["96", "48"]] }] }] }) } }, s.owner.token),
    );
    const secondary = expectOk(await server.gql(SECONDARY, { batchId: s.batch.id, key: "sec" }, s.owner.token)).createSecondaryClaims;
    const all = segments(expectOk(await server.gql(EXPORT, { id: secondary.id }, s.owner.token)).claimBatch.export);
    expect(all.filter((x) => x.tag === "CAS").map(fields)).toEqual([["CO", "96", "48"]]);
    expect(fields(all.find((x) => x.tag === "AMT"))).toEqual(["D", "0"]);
  });

  it("keeps another practice out: its batch is not found and nothing is made", async () => {
    const s = await setup();
    expectOk(await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn: pcnOf(s, s.withSecondary), status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }] }] }) } }, s.owner.token));
    const other = await signUpPractice(server);
    await billingSetup(server, other, { members: 0 });
    const count = async () => (await server.dataSource.query(`SELECT count(*)::int AS n FROM claim_batches WHERE practice_id = $1`, [s.owner.practiceId]))[0].n;
    const before = await count();
    expect(errorCode(await server.gql(SECONDARY, { batchId: s.batch.id, key: "steal" }, other.token))).toBe("NOT_FOUND");
    expect(await count()).toBe(before);
    // Positive control.
    expect(expectOk(await server.gql(SECONDARY, { batchId: s.batch.id, key: "mine" }, s.owner.token)).createSecondaryClaims.lineCount).toBe(1);
  });

  it("lets billers make secondary claims and forbids clinicians", async () => {
    const s = await setup();
    expectOk(await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn: pcnOf(s, s.withSecondary), status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }] }] }) } }, s.owner.token));
    const clinician = await memberWithRole(server, s.owner, "CLINICIAN");
    expect(errorCode(await server.gql(SECONDARY, { batchId: s.batch.id, key: "c" }, clinician.token))).toBe("FORBIDDEN");
    const biller = await memberWithRole(server, s.owner, "BILLER");
    expect(expectOk(await server.gql(SECONDARY, { batchId: s.batch.id, key: "b" }, biller.token)).createSecondaryClaims.lineCount).toBe(1);
  });
});
