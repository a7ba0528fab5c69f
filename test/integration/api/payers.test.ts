import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";

const RULES = `id effectiveFrom minGroupSize maxGroupSize minSessionMinutes maxSessionMinutes telehealthVideoAllowed
  telehealthAudioAllowed telehealthPlaceOfService modifierRules { modifier when } requiredNoteElements requireSignedNote
  requireLicensedLeader maxUnitsPerDay feeCents createdAt`;
const PAYER = `id name kind payerCode rules { ${RULES} } ruleHistory { id effectiveFrom minGroupSize maxGroupSize feeCents }`;
const CREATE = `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { ${PAYER} } }`;
const SET_RULES = `mutation ($payerId: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $payerId, rules: $rules) { ${PAYER} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePayerInput!) { updatePayer(id: $id, input: $input) { id name payerCode } }`;
const GET = `query ($id: ID!) { payer(id: $id) { ${PAYER} } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function createPayer(owner: PracticeFixture, input: Record<string, unknown>) {
  return expectOk(await server.gql(CREATE, { input: { name: "Acme Health", kind: "COMMERCIAL", payerCode: "ACME1", ...input } }, owner.token)).createPayer;
}

describe("createPayer", () => {
  it("gives a new payer DESIGN's defaults", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, {});
    expect(payer.rules).toMatchObject({
      minGroupSize: 2,
      maxGroupSize: 12,
      minSessionMinutes: 45,
      maxSessionMinutes: 90,
      telehealthVideoAllowed: true,
      telehealthAudioAllowed: false,
      telehealthPlaceOfService: "02",
      modifierRules: [{ modifier: "95", when: "TELEHEALTH_VIDEO" }],
      requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
      requireSignedNote: true,
      requireLicensedLeader: true,
      maxUnitsPerDay: 1,
      feeCents: 0,
    });
    expect(payer.ruleHistory).toHaveLength(1);
  });

  it("gives a Medicaid payer HQ always, and applies overrides", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, { kind: "MEDICAID", name: "State Medicaid", rules: { maxGroupSize: 8, feeCents: 4500, effectiveFrom: "2026-01-01" } });
    expect(payer.rules.modifierRules).toEqual([
      { modifier: "HQ", when: "ALWAYS" },
      { modifier: "95", when: "TELEHEALTH_VIDEO" },
    ]);
    expect(payer.rules).toMatchObject({ maxGroupSize: 8, feeCents: 4500, effectiveFrom: "2026-01-01" });
  });

  it.each([
    [{ minGroupSize: 1 }, "rules.minGroupSize"],
    [{ maxGroupSize: 101 }, "rules.maxGroupSize"],
    [{ minGroupSize: 6, maxGroupSize: 5 }, "rules.maxGroupSize"],
    [{ minSessionMinutes: 0 }, "rules.minSessionMinutes"],
    [{ maxSessionMinutes: 481 }, "rules.maxSessionMinutes"],
    [{ modifierRules: [{ modifier: "H", when: "ALWAYS" }] }, "rules.modifierRules[0].modifier"],
    [{ maxUnitsPerDay: 0 }, "rules.maxUnitsPerDay"],
    [{ feeCents: -1 }, "rules.feeCents"],
    [{ telehealthPlaceOfService: "11" }, "rules.telehealthPlaceOfService"],
  ])("rejects %j naming %s", async (rules, field) => {
    const owner = await signUpPractice(server);
    const res = await server.gql(CREATE, { input: { name: "Bad", kind: "COMMERCIAL", payerCode: "B1", rules } }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields!.map((f) => f.field)).toContain(field);
    expect(expectOk(await server.gql(`{ payers { id } }`, {}, owner.token)).payers).toHaveLength(0);
  });

  it("rejects a duplicate name in the same practice but allows it in another", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    await createPayer(a, { name: "Same Name" });
    expect(errorCode(await server.gql(CREATE, { input: { name: "same name", kind: "OTHER", payerCode: "X1" } }, a.token))).toBe("CONFLICT");
    await createPayer(b, { name: "Same Name" });
  });
});

describe("setPayerRules", () => {
  it("adds a version, keeps omitted fields and the history, and clears with null", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, { rules: { effectiveFrom: "2026-01-01", feeCents: 9000 } });
    const changed = expectOk(
      await server.gql(SET_RULES, { payerId: payer.id, rules: { effectiveFrom: "2026-03-01", maxGroupSize: 10, minSessionMinutes: null } }, owner.token),
    ).setPayerRules;
    expect(changed.ruleHistory.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(["2026-01-01", "2026-03-01"]);
    const [first, second] = changed.ruleHistory;
    expect(first).toMatchObject({ maxGroupSize: 12, feeCents: 9000 });
    expect(second).toMatchObject({ maxGroupSize: 10, feeCents: 9000 });
    expect(changed.rules).toMatchObject({ maxGroupSize: 10, minSessionMinutes: null, maxSessionMinutes: 90, feeCents: 9000 });

    const on = expectOk(
      await server.gql(`query ($id: ID!) { payer(id: $id) { feb: rulesOn(date: "2026-02-28") { maxGroupSize } mar: rulesOn(date: "2026-03-01") { maxGroupSize } before: rulesOn(date: "2025-12-31") { id } } }`, { id: payer.id }, owner.token),
    ).payer;
    expect(on).toEqual({ feb: { maxGroupSize: 12 }, mar: { maxGroupSize: 10 }, before: null });
  });

  it("never edits a stored version", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, {});
    const firstId = payer.rules.id;
    await server.gql(SET_RULES, { payerId: payer.id, rules: { feeCents: 1234 } }, owner.token);
    const [row] = await server.dataSource.query(`SELECT fee_cents FROM payer_rule_versions WHERE id = $1`, [firstId]);
    expect(row.fee_cents).toBe(0);
  });

  it("validates the merged rules and stores nothing on error", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, { rules: { minGroupSize: 4 } });
    const res = await server.gql(SET_RULES, { payerId: payer.id, rules: { maxGroupSize: 3 } }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "rules.maxGroupSize" })]);
    expect(expectOk(await server.gql(GET, { id: payer.id }, owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("updatePayer", () => {
  it("renames and keeps the other fields", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, {});
    const updated = expectOk(await server.gql(UPDATE, { id: payer.id, input: { name: "Acme Renamed" } }, owner.token)).updatePayer;
    expect(updated).toEqual({ id: payer.id, name: "Acme Renamed", payerCode: "ACME1" });
  });

  it("answers NOT_FOUND for an unknown or malformed id", async () => {
    const owner = await signUpPractice(server);
    expect(errorCode(await server.gql(UPDATE, { id: "6d0f7a51-0b53-4d5e-8c3a-1b2c3d4e5f60", input: { name: "X" } }, owner.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(UPDATE, { id: "nope", input: { name: "X" } }, owner.token))).toBe("NOT_FOUND");
    expect(expectOk(await server.gql(GET, { id: "nope" }, owner.token)).payer).toBeNull();
  });
});

describe("roles", () => {
  it("lets billers read payers but not change them, and keeps clinicians out", async () => {
    const owner = await signUpPractice(server);
    const payer = await createPayer(owner, {});
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(expectOk(await server.gql(`{ payers { id } }`, {}, biller.token)).payers).toHaveLength(1);
    expect(errorCode(await server.gql(CREATE, { input: { name: "N", kind: "OTHER", payerCode: "N1" } }, biller.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(SET_RULES, { payerId: payer.id, rules: { feeCents: 1 } }, biller.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(UPDATE, { id: payer.id, input: { name: "N" } }, biller.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`{ payers { id } }`, {}, clinician.token))).toBe("FORBIDDEN");
    expect(expectOk(await server.gql(GET, { id: payer.id }, owner.token)).payer.ruleHistory).toHaveLength(1);
  });
});

describe("another practice", () => {
  it("cannot see, rename or re-rule a payer, exactly as if it did not exist, and the payer is unchanged", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const payer = await createPayer(a, { name: "A's Payer" });
    const missing = "0b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f61";

    // Positive control: A sees it.
    expect(expectOk(await server.gql(GET, { id: payer.id }, a.token)).payer.name).toBe("A's Payer");

    expect(expectOk(await server.gql(GET, { id: payer.id }, b.token)).payer).toBeNull();
    expect(expectOk(await server.gql(`{ payers { id } }`, {}, b.token)).payers).toEqual([]);
    const renameA = await server.gql(UPDATE, { id: payer.id, input: { name: "Stolen" } }, b.token);
    const renameMissing = await server.gql(UPDATE, { id: missing, input: { name: "Stolen" } }, b.token);
    expect(renameA.errors).toEqual(renameMissing.errors);
    const rulesA = await server.gql(SET_RULES, { payerId: payer.id, rules: { feeCents: 1 } }, b.token);
    const rulesMissing = await server.gql(SET_RULES, { payerId: missing, rules: { feeCents: 1 } }, b.token);
    expect(errorCode(rulesA)).toBe("NOT_FOUND");
    expect(rulesA.errors).toEqual(rulesMissing.errors);

    const after = expectOk(await server.gql(GET, { id: payer.id }, a.token)).payer;
    expect(after).toEqual(payer);
  });
});
