import { randomUUID } from "node:crypto";
import { X12Parser } from "node-x12";
import { errorCode, expectOk, PASSWORD, signUpPractice, startTestServer, type GraphQLResponse, type PracticeFixture, type TestServer } from "../../support/api";
import { BILLING_DETAILS as SHARED_BILLING_DETAILS, billingSetup, readySession } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

/**
 * Everything that reaches an 837P is refused at input when the file could not carry it, field by field, so a
 * batch never fails to export months later; and data stored before these rules answers a clear error, not a 500.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

// Values no 837P element can carry, whatever the field.
const UNSAFE: [string, string][] = [
  ["element separator", "Ab*cd"],
  ["segment terminator", "Ab~cd"],
  ["component separator", "Ab:cd"],
  ["repetition separator", "Ab^cd"],
  ["line break", "Ab\ncd"],
  ["control character", "Ab\u0007cd"],
  ["emoji", "Ab😀cd"],
];

const BILLING_DETAILS = { ...SHARED_BILLING_DETAILS };

function refusedFields(res: GraphQLResponse): string[] {
  expect(errorCode(res)).toBe("BAD_USER_INPUT");
  return (res.errors![0].extensions!.fields ?? []).map((f) => f.field);
}

interface Target {
  label: string;
  field: string;
  /** One character over the element maximum. */
  tooLong: string;
  /** The longest value the element holds, with characters the export folds (accents, curly apostrophe). */
  longest: string;
  /** Sends the mutation with `value` in the field under test and everything else valid. */
  send(owner: PracticeFixture, ids: Ids, value: string): Promise<GraphQLResponse>;
  /** Reads the stored value back, to show a refusal changed nothing. */
  read?(owner: PracticeFixture, ids: Ids): Promise<string>;
}

interface Ids {
  payerId: string;
  clientId: string;
}

const CREATE_PAYER = `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id name payerCode } }`;
const UPDATE_PAYER = `mutation ($id: ID!, $input: UpdatePayerInput!) { updatePayer(id: $id, input: $input) { id name payerCode } }`;
const CREATE_CLINICIAN = `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id name } }`;
const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { id firstName lastName coverages { memberId } } }`;
const UPDATE_CLIENT = `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id firstName lastName coverages { memberId } } }`;
const UPDATE_PRACTICE = `mutation ($input: UpdatePracticeInput!) { updatePractice(input: $input) { name addressLine1 addressCity clearinghouseName } }`;
const READ_CLIENT = `query ($id: ID!) { client(id: $id) { firstName lastName coverages { memberId } } }`;
const READ_PAYER = `query ($id: ID!) { payer(id: $id) { name payerCode } }`;
const READ_PRACTICE = `{ practice { name addressLine1 addressCity clearinghouseName } }`;

const coverage = (payerId: string, memberId = "MCD-100") => [{ payerId, memberId, priority: "PRIMARY", effectiveFrom: "2026-01-01" }];
const clientInput = (payerId: string, patch: Record<string, unknown> = {}) => ({ firstName: "Dana", lastName: "Reyes", dateOfBirth: "1990-04-12", diagnosisCodes: ["F33.1"], coverages: coverage(payerId), ...patch });

const nameOf = (max: number) => ({ tooLong: "A".repeat(max + 1), longest: `Zoë O’Brien ${"A".repeat(max - 12)}` });
const idOf = (max: number) => ({ tooLong: "A".repeat(max + 1), longest: `M-${"1".repeat(max - 2)}` });

const practiceField = (field: string, max: number): Target => ({
  label: `updatePractice ${field}`,
  field,
  ...nameOf(max),
  send: (owner, _ids, value) => server.gql(UPDATE_PRACTICE, { input: { [field]: value } }, owner.token),
  read: async (owner) => expectOk(await server.gql(READ_PRACTICE, {}, owner.token)).practice[field],
});

const TARGETS: Target[] = [
  {
    label: "signUp practiceName",
    field: "practiceName",
    ...nameOf(60),
    send: (_owner, _ids, value) =>
      server.gql(`mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: { practiceName: value, npi: uniqueNpi(), email: `o-${randomUUID()}@example.test`, password: PASSWORD, name: "Owner", timezone: "America/New_York" },
      }),
  },
  practiceField("name", 60),
  practiceField("addressLine1", 55),
  practiceField("addressCity", 30),
  practiceField("clearinghouseName", 60),
  { label: "createPayer name", field: "name", ...nameOf(60), send: (owner, _ids, value) => server.gql(CREATE_PAYER, { input: { name: value, kind: "OTHER", payerCode: "OTH01" } }, owner.token) },
  { label: "createPayer payerCode", field: "payerCode", ...idOf(80), send: (owner, _ids, value) => server.gql(CREATE_PAYER, { input: { name: `P ${randomUUID().slice(0, 6)}`, kind: "OTHER", payerCode: value } }, owner.token) },
  {
    label: "updatePayer name",
    field: "name",
    ...nameOf(60),
    send: (owner, ids, value) => server.gql(UPDATE_PAYER, { id: ids.payerId, input: { name: value } }, owner.token),
    read: async (owner, ids) => expectOk(await server.gql(READ_PAYER, { id: ids.payerId }, owner.token)).payer.name,
  },
  {
    label: "updatePayer payerCode",
    field: "payerCode",
    ...idOf(80),
    send: (owner, ids, value) => server.gql(UPDATE_PAYER, { id: ids.payerId, input: { payerCode: value } }, owner.token),
    read: async (owner, ids) => expectOk(await server.gql(READ_PAYER, { id: ids.payerId }, owner.token)).payer.payerCode,
  },
  {
    label: "createClinician name",
    field: "name",
    tooLong: `Jane ${"L".repeat(61)}`,
    longest: `Zoë ${"Q".repeat(31)} O’${"B".repeat(58)}, LCSW`,
    send: (owner, _ids, value) => server.gql(CREATE_CLINICIAN, { input: { name: value, npi: uniqueNpi(), credential: "LCSW", licensed: true } }, owner.token) },
  { label: "createClient firstName", field: "firstName", ...nameOf(35), send: (owner, ids, value) => server.gql(CREATE_CLIENT, { input: clientInput(ids.payerId, { firstName: value }) }, owner.token) },
  { label: "createClient lastName", field: "lastName", ...nameOf(60), send: (owner, ids, value) => server.gql(CREATE_CLIENT, { input: clientInput(ids.payerId, { lastName: value }) }, owner.token) },
  { label: "createClient coverages.memberId", field: "coverages[0].memberId", ...idOf(80), send: (owner, ids, value) => server.gql(CREATE_CLIENT, { input: clientInput(ids.payerId, { coverages: coverage(ids.payerId, value) }) }, owner.token) },
  {
    label: "updateClient firstName",
    field: "firstName",
    ...nameOf(35),
    send: (owner, ids, value) => server.gql(UPDATE_CLIENT, { id: ids.clientId, input: { firstName: value } }, owner.token),
    read: async (owner, ids) => expectOk(await server.gql(READ_CLIENT, { id: ids.clientId }, owner.token)).client.firstName,
  },
  {
    label: "updateClient lastName",
    field: "lastName",
    ...nameOf(60),
    send: (owner, ids, value) => server.gql(UPDATE_CLIENT, { id: ids.clientId, input: { lastName: value } }, owner.token),
    read: async (owner, ids) => expectOk(await server.gql(READ_CLIENT, { id: ids.clientId }, owner.token)).client.lastName,
  },
  {
    label: "updateClient coverages.memberId",
    field: "coverages[0].memberId",
    ...idOf(80),
    send: (owner, ids, value) => server.gql(UPDATE_CLIENT, { id: ids.clientId, input: { coverages: coverage(ids.payerId, value) } }, owner.token),
    read: async (owner, ids) => expectOk(await server.gql(READ_CLIENT, { id: ids.clientId }, owner.token)).client.coverages[0].memberId,
  },
];

async function practiceWithClient(): Promise<{ owner: PracticeFixture; ids: Ids }> {
  const owner = await signUpPractice(server);
  expectOk(await server.gql(UPDATE_PRACTICE, { input: BILLING_DETAILS }, owner.token));
  const payerId = expectOk(await server.gql(CREATE_PAYER, { input: { name: "State Medicaid", kind: "MEDICAID", payerCode: "SMCD1" } }, owner.token)).createPayer.id;
  const clientId = expectOk(await server.gql(CREATE_CLIENT, { input: clientInput(payerId) }, owner.token)).createClient.id;
  return { owner, ids: { payerId, clientId } };
}

describe("input that an 837P cannot carry is refused, naming the field", () => {
  it.each(TARGETS.map((t) => [t.label, t] as const))("%s", async (_label, target) => {
    const { owner, ids } = await practiceWithClient();
    const before = target.read ? await target.read(owner, ids) : null;
    for (const [why, value] of UNSAFE) {
      const res = await target.send(owner, ids, value);
      expect([why, refusedFields(res)]).toEqual([why, [target.field]]);
    }
    expect(refusedFields(await target.send(owner, ids, target.tooLong))).toEqual([target.field]);
    if (target.read) expect(await target.read(owner, ids)).toBe(before);

    // Positive control: the longest value the element holds is accepted and stored as typed.
    const ok = await target.send(owner, ids, target.longest);
    expect(ok.errors).toBeUndefined();
    if (target.read) expect(await target.read(owner, ids)).toBe(target.longest);
  });

  it("refuses a member or payer id of one character (NM109 is 2-80)", async () => {
    const { owner, ids } = await practiceWithClient();
    expect(refusedFields(await server.gql(UPDATE_CLIENT, { id: ids.clientId, input: { coverages: coverage(ids.payerId, "A") } }, owner.token))).toEqual(["coverages[0].memberId"]);
    expect(refusedFields(await server.gql(UPDATE_PAYER, { id: ids.payerId, input: { payerCode: "X" } }, owner.token))).toEqual(["payerCode"]);
  });

  it("refuses a clinician name the 837P cannot split into a last and first name", async () => {
    const { owner } = await practiceWithClient();
    for (const name of [", LCSW", `Jane ${"L".repeat(61)}`, `${"F".repeat(36)} Doe`]) {
      expect(refusedFields(await server.gql(CREATE_CLINICIAN, { input: { name, npi: uniqueNpi(), credential: "LCSW", licensed: true } }, owner.token))).toEqual(["name"]);
    }
    expect(expectOk(await server.gql(`{ clinicians { id } }`, {}, owner.token)).clinicians).toEqual([]);
  });
});

describe("837P export of data stored before these rules", () => {
  const CREATE_BATCH = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id lines { client { id } } } }`;
  const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;

  it("answers BAD_USER_INPUT naming each line and field, never INTERNAL_SERVER_ERROR, and exports once they are corrected", async () => {
    const owner = await signUpPractice(server);
    expectOk(await server.gql(UPDATE_PRACTICE, { input: BILLING_DETAILS }, owner.token));
    const fx = await billingSetup(server, owner, { members: 3 });
    await readySession(server, owner, fx);

    // Legacy rows, written past the API as data from before validation would be.
    const [a, b, c] = fx.clientIds;
    await server.dataSource.query(`UPDATE coverages SET member_id = 'MCD*0' WHERE practice_id = $1 AND client_id = $2`, [owner.practiceId, a]);
    await server.dataSource.query(`UPDATE clients SET last_name = '~~~' WHERE practice_id = $1 AND id = $2`, [owner.practiceId, b]);
    await server.dataSource.query(`UPDATE clients SET last_name = 'Test*C' WHERE practice_id = $1 AND id = $2`, [owner.practiceId, c]);
    await server.dataSource.query(`UPDATE payers SET payer_code = 'S' WHERE practice_id = $1`, [owner.practiceId]);
    await server.dataSource.query(`UPDATE practices SET name = '^^' WHERE id = $1`, [owner.practiceId]);

    const batch = expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "legacy" } }, owner.token)).createClaimBatch;
    const line = (clientId: string) => batch.lines.findIndex((l: { client: { id: string } }) => l.client.id === clientId);

    const res = await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    const fields = res.errors![0].extensions!.fields!;
    expect(fields.map((f) => f.field).sort()).toEqual(
      ["practice.name", `lines[${line(a)}].memberId`, `lines[${line(b)}].client.lastName`, ...[a, b, c].map((id) => `lines[${line(id)}].payer.payerCode`)].sort(),
    );
    const memberIdProblem = fields.find((f) => f.field === `lines[${line(a)}].memberId`)!.message;
    expect(memberIdProblem).toMatch(new RegExp(`^Line ${line(a) + 1} \\(Member0 TestA, 2026-03-10\\): the member ID cannot contain "\\*"`));
    expect(memberIdProblem).toMatch(/Void this batch, correct the member ID on the client's coverage/);
    expect(fields.find((f) => f.field === "practice.name")!.message).toMatch(/updatePractice/);
    // The CSV carries any text, so it still lists the batch.
    expect(expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, owner.token)).claimBatch.export).toContain("MCD*0");

    // Corrected the way the answer says: practice details in place, line data at its source and billed again.
    expectOk(await server.gql(UPDATE_PRACTICE, { input: { name: "Harbor Group" } }, owner.token));
    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { id } }`, { id: batch.id }, owner.token));
    expectOk(await server.gql(UPDATE_PAYER, { id: fx.payerId, input: { payerCode: "SMCD1" } }, owner.token));
    expectOk(await server.gql(UPDATE_CLIENT, { id: a, input: { coverages: coverage(fx.payerId, "MCD-0") } }, owner.token));
    expectOk(await server.gql(UPDATE_CLIENT, { id: b, input: { lastName: "TestB" } }, owner.token));
    const rebilled = expectOk(await server.gql(CREATE_BATCH, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "corrected" } }, owner.token)).createClaimBatch;
    const edi: string = expectOk(await server.gql(EXPORT, { id: rebilled.id, format: "X12_837P" }, owner.token)).claimBatch.export;
    const parser = new X12Parser(true);
    parser.parse(edi);
    expect(parser.diagnostics).toEqual([]);
    // A legacy name with a delimiter is written in the documented cleaned form rather than refused.
    expect(edi).toContain("NM1*IL*1*TESTC*MEMBER2****MI*MCD-2~");
  });
});
