/**
 * Issue 14 over real HTTP and PostgreSQL: registration (sex, address, subscribers) and its validation,
 * MISSING_REGISTRATION, the clearinghouse settings a batch needs before it is made, patient control numbers
 * stored on the frozen lines, and the 837P and CSV read back field by field.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { errorCode, expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { BILLING_DETAILS, billingSetup, homeAddress, readySession, setBillingDetails, type BillingFixture } from "../../support/billing-fixture";
import { parseCsvRecords } from "../../support/csv";
import { uniqueNpi } from "../../support/npi";

const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id controlNumber usageIndicator lineCount lines { id patientControlNumber client { id } session { id } } } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;
const DECISIONS = `query { claimDecisions(from: "2026-03-01", to: "2026-03-31", first: 100) { edges { node { status client { id } issues { code message } } } } }`;
const CLIENT = `id sex address { line1 line2 city state zip } coverages { relationship subscriber { firstName lastName dateOfBirth sex address { line1 line2 city state zip } } }`;
const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { ${CLIENT} } }`;
const UPDATE_CLIENT = `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ${CLIENT} } }`;
const CREATE_CLINICIAN = `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id name npi firstName lastName taxonomyCode } }`;
const UPDATE_PRACTICE = `mutation ($input: UpdatePracticeInput!) { updatePractice(input: $input) { addressZip x12UsageIndicator submitterId } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const batchInput = (key: string) => ({ input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: key } });

function segments(edi: string): X12Segment[] {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}
const fields = (seg: X12Segment | undefined): string[] => (seg ? seg.elements.map((e) => e.value) : []);
const v = (seg: X12Segment | undefined, n: number): string => seg?.valueOf(n, "") ?? "";

async function clinician(owner: PracticeFixture, input: Record<string, unknown>) {
  return expectOk(await server.gql(CREATE_CLINICIAN, { input: { npi: uniqueNpi(), credential: "LCSW", licensed: true, ...input } }, owner.token)).createClinician;
}

describe("registration", () => {
  it("stores sex, address and a child's insured parent, and reads them back", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 0 });
    const created = expectOk(
      await server.gql(
        CREATE_CLIENT,
        {
          input: {
            firstName: "Chloe",
            lastName: "Nguyen",
            dateOfBirth: "2008-04-12",
            sex: "FEMALE",
            address: { line1: " 40 Elm St ", line2: "", city: "Quincy", state: "ma", zip: "02169-1234" },
            diagnosisCodes: ["F33.1"],
            coverages: [
              {
                payerId: fx.payerId,
                memberId: "FAM-778",
                priority: "PRIMARY",
                effectiveFrom: "2026-01-01",
                relationship: "CHILD",
                subscriber: { firstName: "Linh", lastName: "Nguyen", dateOfBirth: "1979-09-03", sex: "FEMALE", address: homeAddress(1) },
              },
              { payerId: fx.payerId, memberId: "OWN-1", priority: "SECONDARY", effectiveFrom: "2026-01-01" },
            ],
          },
        },
        owner.token,
      ),
    ).createClient;
    expect(created.sex).toBe("FEMALE");
    expect(created.address).toEqual({ line1: "40 Elm St", line2: null, city: "Quincy", state: "MA", zip: "021691234" });
    expect(created.coverages[0]).toEqual({
      relationship: "CHILD",
      subscriber: { firstName: "Linh", lastName: "Nguyen", dateOfBirth: "1979-09-03", sex: "FEMALE", address: { line1: "11 Elm St", line2: null, city: "Boston", state: "MA", zip: "02118" } },
    });
    // Relationship defaults to SELF, with no subscriber.
    expect(created.coverages[1]).toEqual({ relationship: "SELF", subscriber: null });
  });

  it("refuses bad registration with BAD_USER_INPUT naming each field, and stores nothing", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 0 });
    const res = await server.gql(
      CREATE_CLIENT,
      {
        input: {
          firstName: "Ana",
          lastName: "Lopez",
          dateOfBirth: "1985-07-14",
          sex: "FEMALE",
          address: { line1: "12 Oak*Ave", city: "B", state: "XX", zip: "1234" },
          diagnosisCodes: ["F33.1"],
          coverages: [
            { payerId: fx.payerId, memberId: "M1", priority: "PRIMARY", effectiveFrom: "2026-01-01", relationship: "CHILD" },
            {
              payerId: fx.payerId,
              memberId: "M2",
              priority: "SECONDARY",
              effectiveFrom: "2026-01-01",
              relationship: "SELF",
              subscriber: { firstName: "X", lastName: "Y", dateOfBirth: "1970-01-01", sex: "MALE", address: homeAddress() },
            },
            {
              payerId: fx.payerId,
              memberId: "M3",
              priority: "SECONDARY",
              effectiveFrom: "2026-01-01",
              relationship: "SPOUSE",
              subscriber: { firstName: "Sam", lastName: "Lopez", dateOfBirth: "2999-01-01", sex: "MALE", address: { line1: "1 Main St", city: "Boston", state: "ZZ", zip: "021" } },
            },
          ],
        },
      },
      owner.token,
    );
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const byField = Object.fromEntries(res.errors![0].extensions!.fields!.map((f) => [f.field, f.message]));
    expect(Object.keys(byField).sort()).toEqual(
      [
        "address.line1",
        "address.city",
        "address.state",
        "address.zip",
        "coverages[0].subscriber",
        "coverages[1].subscriber",
        "coverages[2].subscriber.dateOfBirth",
        "coverages[2].subscriber.address.state",
        "coverages[2].subscriber.address.zip",
      ].sort(),
    );
    expect(byField["address.line1"]).toMatch(/cannot contain "\*"/);
    expect(byField["address.state"]).toMatch(/US state code/);
    expect(byField["address.zip"]).toMatch(/5-digit ZIP or a ZIP\+4/);
    expect(byField["coverages[0].subscriber"]).toMatch(/required when the client is not the insured \(relationship CHILD\)/);
    expect(byField["coverages[1].subscriber"]).toMatch(/relationship SELF/);
    expect(expectOk(await server.gql(`{ clients(first: 10) { totalCount } }`, {}, owner.token)).clients.totalCount).toBe(0);
  });

  it("audits sex, address and subscriber changes like other client changes", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 1 });
    const id = fx.clientIds[0]!;
    expectOk(
      await server.gql(
        UPDATE_CLIENT,
        {
          id,
          input: {
            sex: "MALE",
            address: { line1: "9 Pine St", city: "Salem", state: "MA", zip: "01970" },
            coverages: [
              {
                payerId: fx.payerId,
                memberId: "MCD-0",
                priority: "PRIMARY",
                effectiveFrom: "2026-01-01",
                relationship: "SPOUSE",
                subscriber: { firstName: "Kim", lastName: "Test", dateOfBirth: "1980-02-02", sex: "FEMALE", address: homeAddress(2) },
              },
            ],
          },
        },
        owner.token,
      ),
    );
    const events = expectOk(
      await server.gql(`query ($id: ID!) { auditEvents(entityType: "Client", entityId: $id, first: 5) { edges { node { action changes } } } }`, { id }, owner.token),
    ).auditEvents.edges.map((e: { node: { action: string; changes: Record<string, { before: unknown; after: unknown }> } }) => e.node);
    const update = events.find((e: { action: string }) => e.action === "client.update")!;
    expect(update.changes.sex).toEqual({ before: "FEMALE", after: "MALE" });
    expect(update.changes.addressLine1).toEqual({ before: "10 Elm St", after: "9 Pine St" });
    expect(update.changes.addressZip).toEqual({ before: "02118", after: "01970" });
    const [before] = update.changes.coverages!.before as { relationship: string }[];
    const [after] = update.changes.coverages!.after as { relationship: string; subscriber: { firstName: string } }[];
    expect(before!.relationship).toBe("SELF");
    expect(after!.relationship).toBe("SPOUSE");
    expect(after!.subscriber.firstName).toBe("Kim");
  });

  it("an update naming another practice's client fails NOT_FOUND and changes nothing", async () => {
    const a = await signUpPractice(server);
    const fxA = await billingSetup(server, a, { members: 1 });
    const b = await signUpPractice(server);
    const res = await server.gql(UPDATE_CLIENT, { id: fxA.clientIds[0], input: { sex: "MALE", address: null } }, b.token);
    const missing = await server.gql(UPDATE_CLIENT, { id: "4b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f65", input: { sex: "MALE", address: null } }, b.token);
    expect(errorCode(res)).toBe("NOT_FOUND");
    expect(res.errors).toEqual(missing.errors);
    const still = expectOk(await server.gql(`query ($id: ID!) { client(id: $id) { ${CLIENT} } }`, { id: fxA.clientIds[0] }, a.token)).client;
    expect(still.sex).toBe("FEMALE");
    expect(still.address).toEqual({ line1: "10 Elm St", line2: null, city: "Boston", state: "MA", zip: "02118" });
  });
});

describe("MISSING_REGISTRATION", () => {
  it("blocks a line whose member lacks sex, address or the insured person, names each, and clears when entered", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 3 });
    const [noAddress, registered, alsoRegistered] = fx.clientIds;
    expectOk(await server.gql(UPDATE_CLIENT, { id: noAddress, input: { sex: null, address: null } }, owner.token));
    // A dependent's coverage without the insured person is refused at input and by a database check, so that
    // gap is proven in the engine's table tests; here the member-level gaps, end to end.
    await readySession(server, owner, fx);
    const nodes = expectOk(await server.gql(DECISIONS, {}, owner.token)).claimDecisions.edges.map(
      (e: { node: { status: string; client: { id: string }; issues: { code: string; message: string }[] } }) => e.node,
    );
    const of = (id: string) => nodes.find((n: { client: { id: string } }) => n.client.id === id)!;
    expect(of(noAddress!).status).toBe("BLOCKED");
    const issue = of(noAddress!).issues.find((i: { code: string }) => i.code === "MISSING_REGISTRATION")!;
    expect(issue.message).toContain("the member's sex; and the member's home address (street, city, state and ZIP)");
    expect(issue.message).toContain("Clients → this client");
    expect(of(registered!).status).toBe("READY");
    expect(of(alsoRegistered!).status).toBe("READY");

    expectOk(await server.gql(UPDATE_CLIENT, { id: noAddress, input: { sex: "MALE", address: homeAddress(5) } }, owner.token));
    const again = expectOk(await server.gql(DECISIONS, {}, owner.token)).claimDecisions.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(again).toEqual(["READY", "READY", "READY"]);
  });
});

describe("practice clearinghouse settings", () => {
  it("validates the billing address (street, ZIP+4), ids and ISA15 at input, naming each field", async () => {
    const owner = await signUpPractice(server);
    const res = await server.gql(
      UPDATE_PRACTICE,
      { input: { addressLine1: "P.O. Box 42", addressZip: "02110", addressState: "XX", submitterId: "HAS SPACE", x12UsageIndicator: "X", clearinghouseId: "a*b" } },
      owner.token,
    );
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const byField = Object.fromEntries(res.errors![0].extensions!.fields!.map((f) => [f.field, f.message]));
    expect(Object.keys(byField).sort()).toEqual(["addressLine1", "addressState", "addressZip", "clearinghouseId", "submitterId", "x12UsageIndicator"]);
    expect(byField.addressLine1).toMatch(/PO box/);
    expect(byField.addressZip).toMatch(/9-digit ZIP\+4/);
    const ok = expectOk(await server.gql(UPDATE_PRACTICE, { input: { addressZip: "02110-1234", x12UsageIndicator: "p", submitterId: "HARBOR01" } }, owner.token)).updatePractice;
    expect(ok).toEqual({ addressZip: "021101234", x12UsageIndicator: "P", submitterId: "HARBOR01" });
  });

  it("refuses a batch when clearinghouse ids are missing, listing them, and creates nothing", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    await readySession(server, owner, fx);
    expectOk(await server.gql(UPDATE_PRACTICE, { input: { submitterId: null, clearinghouseId: null, x12UsageIndicator: null } }, owner.token));
    const res = await server.gql(CREATE, batchInput("no-ids"), owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields!.map((f) => f.field).sort()).toEqual(["practice.clearinghouseId", "practice.submitterId", "practice.x12UsageIndicator"]);
    expect(res.errors![0].message).toMatch(/no batch was made/);
    expect(expectOk(await server.gql(`{ claimBatches { id } }`, {}, owner.token)).claimBatches).toEqual([]);
    const [{ lines }] = await server.dataSource.query(`SELECT count(*)::int AS lines FROM claim_batch_lines WHERE practice_id = $1`, [owner.practiceId]);
    expect(lines).toBe(0);
    const statuses = expectOk(await server.gql(DECISIONS, {}, owner.token)).claimDecisions.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(statuses).toEqual(["READY", "READY"]);
    const [{ audits }] = await server.dataSource.query(`SELECT count(*)::int AS audits FROM audit_events WHERE practice_id = $1 AND action = 'claimBatch.create'`, [owner.practiceId]);
    expect(audits).toBe(0);

    // Once completed, the same key makes the batch, stamped with the practice's ISA15.
    await setBillingDetails(server, owner, { x12UsageIndicator: "P" });
    const batch = expectOk(await server.gql(CREATE, batchInput("no-ids"), owner.token)).createClaimBatch;
    expect(batch).toMatchObject({ lineCount: 2, usageIndicator: "P" });
    const list = expectOk(await server.gql(`{ claimBatches { id usageIndicator } }`, {}, owner.token)).claimBatches;
    expect(list).toEqual([{ id: batch.id, usageIndicator: "P" }]);
  });
});

describe("a batch's 837P and CSV", () => {
  async function practice(): Promise<{ owner: PracticeFixture; fx: BillingFixture }> {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 2 });
    return { owner, fx };
  }

  it("stores a unique patient control number of at most 20 characters on every line, and sends it as CLM01", async () => {
    const { owner, fx } = await practice();
    await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
    await readySession(server, owner, fx, { startsAt: "2026-03-11T15:00:00Z" });
    const first = expectOk(await server.gql(CREATE, batchInput("p1"), owner.token)).createClaimBatch;
    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: first.id }, owner.token));
    const second = expectOk(await server.gql(CREATE, batchInput("p2"), owner.token)).createClaimBatch;
    const numbers = [...first.lines, ...second.lines].map((l: { patientControlNumber: string }) => l.patientControlNumber);
    expect(numbers).toHaveLength(8);
    expect(new Set(numbers).size).toBe(8);
    for (const n of numbers) expect(n).toMatch(/^[A-Z0-9]{1,20}$/);
    const stored = await server.dataSource.query(
      `SELECT patient_control_number AS pcn FROM claim_batch_lines WHERE practice_id = $1 AND batch_id = $2 ORDER BY position`,
      [owner.practiceId, second.id],
    );
    expect(stored.map((r: { pcn: string }) => r.pcn)).toEqual(second.lines.map((l: { patientControlNumber: string }) => l.patientControlNumber));
    const edi = expectOk(await server.gql(EXPORT, { id: second.id, format: "X12_837P" }, owner.token)).claimBatch.export;
    expect(segments(edi).filter((s) => s.tag === "CLM").map((s) => v(s, 1)).sort()).toEqual([...stored.map((r: { pcn: string }) => r.pcn)].sort());
  });

  it("writes SELF and CHILD members in their loops, DMG sex, N3/N4, the billing provider's ZIP+4, rendering person and PRV", async () => {
    const { owner, fx } = await practice();
    const leader = await clinician(owner, { name: "Dr. Amara Obi, PhD", taxonomyCode: "103t00000x" });
    expect(leader).toMatchObject({ firstName: "Amara", lastName: "Obi", taxonomyCode: "103T00000X" });
    const child = expectOk(
      await server.gql(
        CREATE_CLIENT,
        {
          input: {
            firstName: "Chloe",
            lastName: "Nguyen",
            dateOfBirth: "2008-04-12",
            sex: "FEMALE",
            address: { line1: "40 Elm St", city: "Quincy", state: "MA", zip: "02169" },
            diagnosisCodes: ["F43.10"],
            coverages: [
              {
                payerId: fx.payerId,
                memberId: "FAM-778",
                priority: "PRIMARY",
                effectiveFrom: "2026-01-01",
                relationship: "CHILD",
                subscriber: { firstName: "Linh", lastName: "Nguyen", dateOfBirth: "1979-09-03", sex: "FEMALE", address: { line1: "40 Elm St", city: "Quincy", state: "MA", zip: "021691234" } },
              },
            ],
          },
        },
        owner.token,
      ),
    ).createClient;
    const groupId = expectOk(
      await server.gql(
        `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
        { input: { name: "Teens", kind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leaderId: leader.id, defaultDurationMinutes: 60, memberIds: [fx.clientIds[0], child.id] } },
        owner.token,
      ),
    ).createGroup.id;
    await readySession(server, owner, { ...fx, groupId, clientIds: [fx.clientIds[0]!, child.id] });
    const batch = expectOk(await server.gql(CREATE, batchInput("loops"), owner.token)).createClaimBatch;
    const all = segments(expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token)).claimBatch.export);

    const billing = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "85");
    expect(fields(all[billing + 1])).toEqual(["1 MAIN ST"]);
    expect(fields(all[billing + 2])).toEqual(["BOSTON", "MA", "021101234"]);

    // Lines come in member order, so which subscriber is first varies; the nesting does not.
    const hls = all.filter((s) => s.tag === "HL").map(fields);
    expect(hls).toHaveLength(4);
    expect(hls[0]).toEqual(["1", "", "20", "1"]);
    const patientLoop = hls.find((h) => h[2] === "23")!;
    expect(patientLoop[3]).toBe("0");
    expect(hls.find((h) => h[0] === patientLoop[1])).toEqual([patientLoop[1], "1", "22", "1"]);
    expect(hls.filter((h) => h[2] === "22" && h[3] === "0").map((h) => h[1])).toEqual(["1"]);
    const self = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "IL" && v(s, 9) === "MCD-0");
    expect(v(all[self - 1], 2)).toBe("18");
    expect(fields(all[self]).slice(2, 4)).toEqual(["TESTA", "MEMBER0"]);
    expect(fields(all[self + 1])).toEqual(["10 ELM ST"]);
    expect(fields(all[self + 2])).toEqual(["BOSTON", "MA", "02118"]);
    expect(fields(all[self + 3])).toEqual(["D8", "19880505", "F"]);

    const parent = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "IL" && v(s, 9) === "FAM-778");
    expect(v(all[parent - 1], 2)).toBe("");
    expect(fields(all[parent]).slice(2, 4)).toEqual(["NGUYEN", "LINH"]);
    expect(fields(all[parent + 3])).toEqual(["D8", "19790903", "F"]);
    const pat = all.findIndex((s) => s.tag === "PAT");
    expect(fields(all[pat])).toEqual(["19"]);
    expect(fields(all[pat + 1])).toEqual(["QC", "1", "NGUYEN", "CHLOE"]);
    expect(fields(all[pat + 2])).toEqual(["40 ELM ST"]);
    expect(fields(all[pat + 3])).toEqual(["QUINCY", "MA", "02169"]);
    expect(fields(all[pat + 4])).toEqual(["D8", "20080412", "F"]);
    expect(all[pat + 5]!.tag).toBe("CLM");

    const rendering = all.filter((s) => s.tag === "NM1" && v(s, 1) === "82");
    expect(rendering.map(fields)).toEqual(Array(2).fill(["82", "1", "OBI", "AMARA", "", "", "", "XX", leader.npi]));
    expect(all.filter((s) => s.tag === "PRV" && v(s, 1) === "PE").map(fields)).toEqual(Array(2).fill(["PE", "PXC", "103T00000X"]));
  });

  it("adds the supervisor as 2310D for a supervised session, and leaves it out when the supervisor renders", async () => {
    const { owner, fx } = await practice();
    const supervisor = await clinician(owner, { name: "Amara Obi", firstName: "Amara", lastName: "Obi", taxonomyCode: "103T00000X" });
    const sessionId = await readySession(server, owner, fx);
    expectOk(await server.gql(`mutation ($id: ID!, $s: ID) { updateSession(id: $id, input: { supervisorId: $s }) { id } }`, { id: sessionId, s: supervisor.id }, owner.token));
    const batch = expectOk(await server.gql(CREATE, batchInput("sup"), owner.token)).createClaimBatch;
    const all = segments(expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token)).claimBatch.export);
    const supervising = all.filter((s) => s.tag === "NM1" && v(s, 1) === "DQ");
    expect(supervising).toHaveLength(2);
    const npi = (await server.dataSource.query(`SELECT npi FROM clinicians WHERE practice_id = $1 AND id = $2`, [owner.practiceId, supervisor.id]))[0].npi;
    for (const seg of supervising) expect(fields(seg)).toEqual(["DQ", "1", "OBI", "AMARA", "", "", "", "XX", npi]);
    // The leader renders; the supervisor follows the rendering provider.
    const at = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "82");
    expect(fields(all[at]).slice(2, 4)).toEqual(["LEE", "ROBIN"]);
    expect(all[at + 1]!.tag === "NM1" && v(all[at + 1], 1) === "DQ").toBe(true);

    // An unlicensed leader billed under the supervisor: the supervisor is 2310B, no 2310D, the leader in NTE.
    const other = await signUpPractice(server);
    const fx2 = await billingSetup(server, other, { members: 2, licensed: false, payerRules: { requireLicensedLeader: false } });
    const sup2 = expectOk(await server.gql(CREATE_CLINICIAN, { input: { name: "Amara Obi", npi: uniqueNpi(), credential: "PhD", licensed: true } }, other.token)).createClinician;
    const s2 = await readySession(server, other, fx2);
    expectOk(await server.gql(`mutation ($id: ID!, $s: ID) { updateSession(id: $id, input: { supervisorId: $s }) { id } }`, { id: s2, s: sup2.id }, other.token));
    const b2 = expectOk(await server.gql(CREATE, batchInput("sup2"), other.token)).createClaimBatch;
    const all2 = segments(expectOk(await server.gql(EXPORT, { id: b2.id, format: "X12_837P" }, other.token)).claimBatch.export);
    expect(all2.some((s) => s.tag === "NM1" && v(s, 1) === "DQ")).toBe(false);
    expect(all2.filter((s) => s.tag === "NM1" && v(s, 1) === "82").map((s) => v(s, 3))).toEqual(["OBI", "OBI"]);
    expect(all2.filter((s) => s.tag === "NTE").map((s) => v(s, 2))).toEqual(Array(2).fill(expect.stringContaining("ROBIN LEE")));
  });

  it("writes DOB, sex, rendering provider, billing NPI, tax id, patient control number and batch id in the CSV", async () => {
    const { owner, fx } = await practice();
    await readySession(server, owner, fx);
    const batch = expectOk(await server.gql(CREATE, batchInput("csv"), owner.token)).createClaimBatch;
    const csv = expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, owner.token)).claimBatch.export;
    const rows = parseCsvRecords(csv);
    const [{ npi: practiceNpi }] = await server.dataSource.query(`SELECT npi FROM practices WHERE id = $1`, [owner.practiceId]);
    const [{ npi: leaderNpi }] = await server.dataSource.query(`SELECT npi FROM clinicians WHERE practice_id = $1 AND id = $2`, [owner.practiceId, fx.clinicianId]);
    expect(rows).toHaveLength(2);
    rows.forEach((row, i) => {
      const line = batch.lines[i]!;
      expect(row.batch_id).toBe(batch.id);
      expect(row.line_id).not.toBe("");
      expect(row.patient_control_number).toBe(line.patientControlNumber);
      expect(row.client_date_of_birth).toBe("1988-05-05");
      expect(row.client_sex).toBe(row.client_first_name === "Member0" ? "F" : "M");
      expect(row.rendering_provider).toBe("Lee, Robin");
      expect(row.rendering_npi).toBe(leaderNpi);
      expect(row.billing_npi).toBe(practiceNpi);
      expect(row.billing_tax_id).toBe(BILLING_DETAILS.taxId);
      expect(row.place_of_service).toBe("11");
    });
    // Codes are quoted so a spreadsheet keeps them as text.
    expect(csv.split("\r\n")[1]).toContain(`,"11",`);
    expect(csv.split("\r\n")[1]).toContain(`,"${BILLING_DETAILS.taxId}"`);
  });
});
