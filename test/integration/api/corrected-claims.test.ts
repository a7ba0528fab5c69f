/**
 * Issue 14 item 5 over real HTTP and PostgreSQL: a batch counts as sent once its 837P was written or a payer
 * answered for one of its lines. Rebilling a line of a voided sent batch makes a replacement claim (CLM05-3 7,
 * REF*F8 = the payer's CLP07), and a voided sent batch can be written as void claims (CLM05-3 8) in an
 * interchange of its own. Files are read back segment by segment and validated by node-x12.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { parseCsvRecords } from "../../support/csv";
import { x835 } from "../../support/x835";

const BATCH = `id controlNumber exportedAt voidControlNumber voidExportedAt lines { patientControlNumber client { id } }`;
const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { ${BATCH} } }`;
const VOID = `mutation ($id: ID!) { voidClaimBatch(id: $id) { id voided } }`;
const GET = `query ($id: ID!) { claimBatch(id: $id) { ${BATCH} } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!, $voidClaims: Boolean) { claimBatch(id: $id) { export(format: $format, voidClaims: $voidClaims) } }`;
const IMPORT = `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Batch {
  id: string;
  controlNumber: number;
  exportedAt: string | null;
  voidControlNumber: number | null;
  voidExportedAt: string | null;
  lines: { patientControlNumber: string; client: { id: string } }[];
}

function parse(edi: string): X12Interchange {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange;
}
const v = (seg: X12Segment | undefined, n: number): string => seg?.valueOf(n, "") ?? "";
const fields = (seg: X12Segment | undefined): string[] => (seg ? seg.elements.map((e) => e.value) : []);

interface ReadClaim {
  pcn: string;
  frequency: string;
  refs: string[][];
  refsBeforeHi: boolean;
}
/** Each 2300 loop: CLM01, CLM05-3 and its REF segments, in order. */
function claims(edi: string): { isa13: string; claims: ReadClaim[] } {
  const interchange = parse(edi);
  const all = interchange.functionalGroups[0]!.transactions[0]!.segments;
  const out: ReadClaim[] = [];
  let current: (ReadClaim & { seenHi: boolean }) | null = null;
  for (const seg of all) {
    if (seg.tag === "CLM") {
      current = { pcn: v(seg, 1), frequency: v(seg, 5).split(":")[2]!, refs: [], refsBeforeHi: true, seenHi: false };
      out.push(current);
    } else if (current && seg.tag === "HI") current.seenHi = true;
    else if (current && seg.tag === "REF") {
      current.refs.push(fields(seg));
      if (current.seenHi) current.refsBeforeHi = false;
    } else if (seg.tag === "HL") current = null;
  }
  return { isa13: v(interchange.header, 13), claims: out.map(({ pcn, frequency, refs, refsBeforeHi }) => ({ pcn, frequency, refs, refsBeforeHi })) };
}

async function create(owner: PracticeFixture, key: string): Promise<Batch> {
  return expectOk(await server.gql(CREATE, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: key } }, owner.token)).createClaimBatch;
}
const get = async (owner: PracticeFixture, id: string): Promise<Batch> => expectOk(await server.gql(GET, { id }, owner.token)).claimBatch;
const exportFile = (owner: PracticeFixture, id: string, format: "CSV" | "X12_837P", voidClaims?: boolean) =>
  server.gql(EXPORT, { id, format, ...(voidClaims === undefined ? {} : { voidClaims }) }, owner.token);
const x12 = async (owner: PracticeFixture, id: string, voidClaims?: boolean): Promise<string> => expectOk(await exportFile(owner, id, "X12_837P", voidClaims)).claimBatch.export;
const voidBatch = async (owner: PracticeFixture, id: string) => expectOk(await server.gql(VOID, { id }, owner.token));

/** A practice with one March session of two members. */
async function practice(): Promise<PracticeFixture> {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 2 });
  await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  return owner;
}

describe("replacement claims", () => {
  it("rebills the lines of a voided sent batch as replacements naming the payer's claim, and writes their void claims only for what no replacement covers", async () => {
    const owner = await practice();
    const first = await create(owner, "first");
    expect(first.exportedAt).toBeNull();
    const original = claims(await x12(owner, first.id));
    expect(original.claims.map((c) => [c.frequency, c.refs])).toEqual([
      ["1", []],
      ["1", []],
    ]);
    const sent = await get(owner, first.id);
    expect(sent.exportedAt).not.toBeNull();
    // A second download keeps the first moment it was sent.
    await x12(owner, first.id);
    expect((await get(owner, first.id)).exportedAt).toBe(sent.exportedAt);

    // The payer adjudicated the first claim (CLP07 ICN-A1); the second has no answer yet.
    const [pcn1, pcn2] = first.lines.map((l) => l.patientControlNumber) as [string, string];
    expectOk(await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn: pcn1, status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }], payerClaimId: "ICN-A1" }] }) } }, owner.token));

    await voidBatch(owner, first.id);
    const second = await create(owner, "second");
    // New patient control numbers: CLM01 stays unique, and the payer links the claims by REF*F8.
    expect(second.lines.map((l) => l.patientControlNumber)).toEqual([`B${second.controlNumber}L1`, `B${second.controlNumber}L2`]);
    const replacement = claims(await x12(owner, second.id));
    const byClient = new Map(second.lines.map((l) => [l.client.id, l.patientControlNumber]));
    const pcnFor = (oldPcn: string) => byClient.get(first.lines.find((l) => l.patientControlNumber === oldPcn)!.client.id)!;
    expect(Number(replacement.isa13)).toBe(second.controlNumber);
    expect(replacement.claims.sort((a, b) => a.pcn.localeCompare(b.pcn))).toEqual(
      [
        { pcn: pcnFor(pcn1), frequency: "7", refs: [["F8", "ICN-A1"]], refsBeforeHi: true },
        // The payer never told us its number for this claim: a replacement without F8 (see README).
        { pcn: pcnFor(pcn2), frequency: "7", refs: [], refsBeforeHi: true },
      ].sort((a, b) => a.pcn.localeCompare(b.pcn)),
    );

    const csv = parseCsvRecords(expectOk(await exportFile(owner, second.id, "CSV")).claimBatch.export);
    expect(csv.map((r) => [r.patient_control_number, r.claim_frequency, r.original_patient_control_number, r.original_payer_claim_number]).sort()).toEqual(
      [
        [pcnFor(pcn1), "7", pcn1, "ICN-A1"],
        [pcnFor(pcn2), "7", pcn2, ""],
      ].sort(),
    );

    // Every line of the first batch is replaced by a live claim: nothing of it is left to void.
    const nothing = await exportFile(owner, first.id, "X12_837P", true);
    expect(errorCode(nothing)).toBe("BAD_USER_INPUT");
    expect(nothing.errors![0].message).toMatch(/replaced/);

    // Voiding the replacements (sent) too leaves their claims at the payer: void claims, CLM01 of the line voided,
    // F8 inherited back through the replaced claim.
    await voidBatch(owner, second.id);
    const voids = claims(await x12(owner, second.id, true));
    const after = await get(owner, second.id);
    expect(after.voidControlNumber).toBeGreaterThan(second.controlNumber);
    expect(Number(voids.isa13)).toBe(after.voidControlNumber);
    expect(voids.claims.sort((a, b) => a.pcn.localeCompare(b.pcn))).toEqual(
      [
        { pcn: pcnFor(pcn1), frequency: "8", refs: [["F8", "ICN-A1"]], refsBeforeHi: true },
        { pcn: pcnFor(pcn2), frequency: "8", refs: [], refsBeforeHi: true },
      ].sort((a, b) => a.pcn.localeCompare(b.pcn)),
    );
    // The same file again: same control number, same bytes.
    expect(await x12(owner, second.id, true)).toBe(await x12(owner, second.id, true));
    expect((await get(owner, second.id)).voidControlNumber).toBe(after.voidControlNumber);

    // The payer's claims are void now: billing again makes originals, on a control number after the void file's.
    const third = await create(owner, "third");
    expect(third.controlNumber).toBe(after.voidControlNumber! + 1);
    expect(claims(await x12(owner, third.id)).claims.map((c) => [c.frequency, c.refs])).toEqual([
      ["1", []],
      ["1", []],
    ]);
  });

  it("counts a batch as sent when a remittance was posted for it even if no 837P was recorded, and a never-sent batch has nothing to void", async () => {
    const owner = await practice();
    const unsent = await create(owner, "unsent");
    await voidBatch(owner, unsent.id);
    const refused = await exportFile(owner, unsent.id, "X12_837P", true);
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(refused.errors![0].extensions!.fields).toEqual([{ field: "voidClaims", message: "Nothing to void at the payer" }]);
    expect((await get(owner, unsent.id)).voidControlNumber).toBeNull();

    // Rebilling an unsent voided batch: originals.
    const posted = await create(owner, "posted");
    const listing = parseCsvRecords(expectOk(await exportFile(owner, posted.id, "CSV")).claimBatch.export);
    expect(listing.map((r) => r.claim_frequency)).toEqual(["1", "1"]);
    // Only the CSV was downloaded, which does not count as sending; a posted remittance does.
    expect((await get(owner, posted.id)).exportedAt).toBeNull();
    const pcn = posted.lines[0]!.patientControlNumber;
    expectOk(await server.gql(IMPORT, { input: { text: x835({ claims: [{ pcn, status: "4", charge: "48", paid: "0", cas: [{ group: "CO", items: [["197", "48"]] }], payerClaimId: "ICN-D9" }] }) } }, owner.token));

    // A live batch has no void claims.
    const live = await exportFile(owner, posted.id, "X12_837P", true);
    expect(errorCode(live)).toBe("BAD_USER_INPUT");
    expect(live.errors![0].extensions!.fields[0].field).toBe("voidClaims");

    await voidBatch(owner, posted.id);
    const voids = claims(await x12(owner, posted.id, true));
    expect(voids.claims.map((c) => [c.pcn, c.frequency, c.refs]).sort()).toEqual(
      [
        [pcn, "8", [["F8", "ICN-D9"]]],
        [posted.lines[1]!.patientControlNumber, "8", []],
      ].sort(),
    );
    const csv = parseCsvRecords(expectOk(await exportFile(owner, posted.id, "CSV", true)).claimBatch.export);
    expect(csv.map((r) => [r.claim_frequency, r.original_patient_control_number]).sort()).toEqual(
      posted.lines.map((l) => ["8", l.patientControlNumber]).sort(),
    );
  });

  it("keeps another practice out: its batch is not found, and no void file is stamped", async () => {
    const owner = await practice();
    const other = await signUpPractice(server);
    const batch = await create(owner, "mine");
    await x12(owner, batch.id);
    await voidBatch(owner, batch.id);
    const res = await exportFile(other, batch.id, "X12_837P", true);
    expect(res.errors).toBeUndefined();
    expect(res.data!.claimBatch).toBeNull();
    expect(errorCode(await server.gql(VOID, { id: batch.id }, other.token))).toBe("NOT_FOUND");
    const unchanged = await get(owner, batch.id);
    expect([unchanged.voidControlNumber, unchanged.voidExportedAt]).toEqual([null, null]);
    // Positive control: the owner writes it.
    expect(claims(await x12(owner, batch.id, true)).claims.map((c) => c.frequency)).toEqual(["8", "8"]);
  });
});
