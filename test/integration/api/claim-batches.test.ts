import { X12Interchange, X12Parser, type X12Segment } from "node-x12";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup, readySession, type BillingFixture } from "../../support/billing-fixture";

const BATCH = `id createdAt from to lineCount totalChargeCents voided voidedAt controlNumber payer { id }
  lines { id status modifiers chargeCents diagnosisCodes placeOfService batchId client { id } session { id } }`;
const CREATE = `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { ${BATCH} } }`;
const VOID = `mutation ($id: ID!) { voidClaimBatch(id: $id) { id voided voidedAt } }`;
const GET = `query ($id: ID!) { claimBatch(id: $id) { ${BATCH} } }`;
const EXPORT = `query ($id: ID!, $format: ExportFormat!) { claimBatch(id: $id) { export(format: $format) } }`;
const STATUSES = `query { claimDecisions(from: "2026-03-01", to: "2026-03-31", first: 100) { edges { node { id status batchId } } } }`;
const BILLING_DETAILS = `mutation { updatePractice(input: { taxId: "043219876", taxonomyCode: "261qm0801x", addressLine1: "1 Main St", addressCity: "Boston", addressState: "ma", addressZip: "02110-1234", phone: "6175550100", clearinghouseName: "Test House", clearinghouseId: "TESTHOUSE", submitterId: "SUBMIT01", submitterName: "Test Practice Billing", submitterContactName: "Pat Biller", x12UsageIndicator: "t" }) { taxId taxonomyCode addressState } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function practiceWithLines(sessions = 2): Promise<{ owner: PracticeFixture; fx: BillingFixture; sessionIds: string[] }> {
  const owner = await signUpPractice(server);
  expectOk(await server.gql(BILLING_DETAILS, {}, owner.token));
  const fx = await billingSetup(server, owner, { members: 3 });
  const sessionIds: string[] = [];
  for (let i = 0; i < sessions; i++) sessionIds.push(await readySession(server, owner, fx, { startsAt: `2026-03-${String(10 + i).padStart(2, "0")}T15:00:00Z` }));
  return { owner, fx, sessionIds };
}

const input = (key: string, extra: Record<string, unknown> = {}) => ({ input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: key, ...extra } });

describe("createClaimBatch", () => {
  it("bills every READY line once, marks them BILLED, and freezes their contents", async () => {
    const { owner, fx, sessionIds } = await practiceWithLines();
    const batch = expectOk(await server.gql(CREATE, input("march-1"), owner.token)).createClaimBatch;
    expect(batch).toMatchObject({ lineCount: 6, totalChargeCents: 6 * 4800, voided: false, controlNumber: 1, payer: null });
    expect(batch.lines.every((l: { status: string; batchId: string }) => l.status === "BILLED" && l.batchId === batch.id)).toBe(true);
    const statuses = expectOk(await server.gql(STATUSES, {}, owner.token)).claimDecisions.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(statuses).toEqual(Array(6).fill("BILLED"));

    // Later edits and rule changes do not touch the batch.
    await server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { effectiveFrom: "2026-01-01", feeCents: 9999, modifierRules: [] }) { id } }`, { id: fx.payerId }, owner.token);
    await server.gql(`mutation ($id: ID!) { updateClient(id: $id, input: { diagnosisCodes: ["F41.1"] }) { id } }`, { id: fx.clientIds[0] }, owner.token);
    const again = expectOk(await server.gql(GET, { id: batch.id }, owner.token)).claimBatch;
    expect(again).toEqual(batch);
    expect(sessionIds).toHaveLength(2);
  });

  it("returns the same batch for the same key, refuses the key with other parameters, and refuses an empty range", async () => {
    const { owner, fx } = await practiceWithLines(1);
    const first = expectOk(await server.gql(CREATE, input("k1"), owner.token)).createClaimBatch;
    const repeat = expectOk(await server.gql(CREATE, input("k1"), owner.token)).createClaimBatch;
    expect(repeat.id).toBe(first.id);
    const changed = await server.gql(CREATE, input("k1", { payerId: fx.payerId }), owner.token);
    expect(errorCode(changed)).toBe("BAD_USER_INPUT");
    expect(changed.errors![0].extensions!.fields![0].field).toBe("idempotencyKey");
    const nothing = await server.gql(CREATE, input("k2"), owner.token);
    expect(errorCode(nothing)).toBe("BAD_USER_INPUT");
    expect(expectOk(await server.gql(`{ claimBatches { id } }`, {}, owner.token)).claimBatches).toHaveLength(1);
  });

  it("answers a double click (the same key sent twice at once) with one batch, billed once", async () => {
    const { owner } = await practiceWithLines(1);
    const [first, second] = await Promise.all([server.gql(CREATE, input("double-click"), owner.token), server.gql(CREATE, input("double-click"), owner.token)]);
    const batches = [expectOk(first).createClaimBatch, expectOk(second).createClaimBatch];
    expect(batches[1].id).toBe(batches[0].id);
    expect(batches[0]).toMatchObject({ lineCount: 3, controlNumber: 1 });
    expect(expectOk(await server.gql(`{ claimBatches { id } }`, {}, owner.token)).claimBatches).toEqual([{ id: batches[0].id }]);
    const [{ n, distinct }] = await server.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (session_id, client_id))::int AS distinct FROM claim_batch_lines WHERE practice_id = $1 AND NOT voided`,
      [owner.practiceId],
    );
    expect({ n, distinct }).toEqual({ n: 3, distinct: 3 });
  });

  it("never puts a line in two batches, even when batches are requested concurrently", async () => {
    const { owner } = await practiceWithLines(2);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => server.gql(CREATE, input(`race-${i}`), owner.token)));
    const made = results.filter((r) => r.data?.createClaimBatch);
    expect(made).toHaveLength(1);
    for (const r of results.filter((r) => !r.data?.createClaimBatch)) expect(["BAD_USER_INPUT", "CONFLICT"]).toContain(errorCode(r));
    const [{ n, distinct }] = await server.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (session_id, client_id))::int AS distinct FROM claim_batch_lines WHERE practice_id = $1 AND NOT voided`,
      [owner.practiceId],
    );
    expect({ n, distinct }).toEqual({ n: 6, distinct: 6 });
  });

  it("is backed by the database: a second live line for the same member-session is refused", async () => {
    const { owner } = await practiceWithLines(1);
    expectOk(await server.gql(CREATE, input("db"), owner.token));
    await expect(
      server.dataSource.query(
        `INSERT INTO claim_batch_lines (practice_id, id, batch_id, decision_id, session_id, client_id, voided, position, patient_control_number, service_date, session_starts_at,
           client_first_name, client_last_name, client_date_of_birth, subscriber_relationship, member_id, payer_id, payer_name, payer_code, payer_kind, rule_version_id, cpt_code, modifiers,
           place_of_service, units, charge_cents, diagnosis_codes, rendering_name, rendering_npi, rendering_last_name)
         SELECT practice_id, gen_random_uuid(), batch_id, decision_id, session_id, client_id, false, position + 100, patient_control_number || 'X', service_date, session_starts_at,
           client_first_name, client_last_name, client_date_of_birth, subscriber_relationship, member_id, payer_id, payer_name, payer_code, payer_kind, rule_version_id, cpt_code, modifiers,
           place_of_service, units, charge_cents, diagnosis_codes, rendering_name, rendering_npi, rendering_last_name
         FROM claim_batch_lines WHERE practice_id = $1 LIMIT 1`,
        [owner.practiceId],
      ),
    ).rejects.toThrow(/claim_batch_lines_billed_once/);
  });

  it("bills only the payer asked for, and only READY lines", async () => {
    const { owner, fx } = await practiceWithLines(1);
    await readySession(server, owner, fx, { startsAt: "2026-03-20T15:00:00Z", modality: "TELEHEALTH_AUDIO" });
    const other = expectOk(await server.gql(`mutation { createPayer(input: { name: "Other", kind: COMMERCIAL, payerCode: "O1" }) { id } }`, {}, owner.token)).createPayer;
    expect(errorCode(await server.gql(CREATE, input("other", { payerId: other.id }), owner.token))).toBe("BAD_USER_INPUT");
    const batch = expectOk(await server.gql(CREATE, input("mcd", { payerId: fx.payerId }), owner.token)).createClaimBatch;
    expect(batch).toMatchObject({ lineCount: 3, payer: { id: fx.payerId } });
  });
});

describe("voidClaimBatch", () => {
  it("frees the lines to be billed again, and is audited", async () => {
    const { owner } = await practiceWithLines(1);
    const first = expectOk(await server.gql(CREATE, input("v1"), owner.token)).createClaimBatch;
    const voided = expectOk(await server.gql(VOID, { id: first.id }, owner.token)).voidClaimBatch;
    expect(voided).toMatchObject({ voided: true, voidedAt: expect.any(String) });
    expect(errorCode(await server.gql(VOID, { id: first.id }, owner.token))).toBe("CONFLICT");
    const statuses = expectOk(await server.gql(STATUSES, {}, owner.token)).claimDecisions.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(statuses).toEqual(["READY", "READY", "READY"]);
    const second = expectOk(await server.gql(CREATE, input("v2"), owner.token)).createClaimBatch;
    expect(second).toMatchObject({ lineCount: 3, controlNumber: 2 });
    expect(second.lines.map((l: { id: string }) => l.id).sort()).toEqual(first.lines.map((l: { id: string }) => l.id).sort());
    const events = expectOk(await server.gql(`{ auditEvents(entityType: "ClaimBatch") { edges { node { action entityId } } } }`, {}, owner.token)).auditEvents.edges;
    expect(events.map((e: { node: { action: string } }) => e.node.action)).toEqual(["claimBatch.create", "claimBatch.void", "claimBatch.create"]);
  });
});

describe("discrepancies", () => {
  it("tell when today's data no longer supports a billed line, and clear when the batch is voided", async () => {
    const { owner, fx, sessionIds } = await practiceWithLines(1);
    const batch = expectOk(await server.gql(CREATE, input("disc"), owner.token)).createClaimBatch;
    const DISC = `query ($id: ID!) { claimBatch(id: $id) { discrepancies } }`;
    expect(expectOk(await server.gql(DISC, { id: batch.id }, owner.token)).claimBatch.discrepancies).toEqual([]);

    await server.gql(`mutation ($id: ID!, $e: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $e) { id } }`, { id: sessionIds[0], e: [{ clientId: fx.clientIds[0], status: "ABSENT" }] }, owner.token);
    await server.gql(`mutation ($id: ID!) { updateClient(id: $id, input: { diagnosisCodes: ["F41.1"] }) { id } }`, { id: fx.clientIds[1] }, owner.token);
    const found: string[] = expectOk(await server.gql(DISC, { id: batch.id }, owner.token)).claimBatch.discrepancies;
    expect(found).toHaveLength(2);
    expect(found.join("\n")).toMatch(/Member0 TestA on 2026-03-10: no longer marked present/);
    expect(found.join("\n")).toMatch(/Member1 TestB on 2026-03-10: billed line differs from today's data \(diagnoses F33.1 → F41.1\)/);
    // The third member's line is untouched, so it is not mentioned.
    expect(found.some((f) => f.startsWith("Member2 TestC"))).toBe(false);

    await server.gql(VOID, { id: batch.id }, owner.token);
    expect(expectOk(await server.gql(DISC, { id: batch.id }, owner.token)).claimBatch.discrepancies).toEqual([]);
  });
});

describe("exports", () => {
  it("writes RFC 4180 CSV with a header and one row per line", async () => {
    const { owner } = await practiceWithLines(1);
    const batch = expectOk(await server.gql(CREATE, input("csv"), owner.token)).createClaimBatch;
    const csv: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, owner.token)).claimBatch.export;
    const rows = csv.split("\r\n").filter((r) => r !== "");
    expect(rows).toHaveLength(4);
    expect(rows[0].split(",")).toEqual(expect.arrayContaining(["line_id", "service_date", "member_id", "cpt", "modifiers", "charge", "diagnosis_codes", "rendering_npi"]));
    expect(rows[1]).toContain("2026-03-10");
    expect(rows[1]).toContain("90853");
    expect(rows[1]).toContain("48.00");
  });

  it("writes an 837P that an independent X12 parser accepts, with matching counts and valid pointers", async () => {
    const { owner, fx } = await practiceWithLines(2);
    const batch = expectOk(await server.gql(CREATE, input("x12"), owner.token)).createClaimBatch;
    const edi: string = expectOk(await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token)).claimBatch.export;
    const parser = new X12Parser(true);
    const interchange = parser.parse(edi) as X12Interchange;
    expect(parser.diagnostics).toEqual([]);
    const v = (s: X12Segment, i: number) => s.valueOf(i, "") ?? "";
    expect(edi.slice(0, edi.indexOf("~") + 1)).toHaveLength(106);
    expect(v(interchange.trailer, 2)).toBe(v(interchange.header, 13));
    const group = interchange.functionalGroups[0];
    expect(v(group.trailer, 2)).toBe(v(group.header, 6));
    const tx = group.transactions[0];
    expect(Number(v(tx.trailer, 1))).toBe(tx.segments.length + 2);
    expect(v(tx.trailer, 2)).toBe(v(tx.header, 2));
    const segs = tx.segments;
    const subscribers = segs.filter((s) => s.tag === "HL" && v(s, 3) === "22");
    expect(subscribers).toHaveLength(3);
    const claims = segs.filter((s) => s.tag === "CLM");
    expect(claims).toHaveLength(6);
    expect(claims.every((c) => v(c, 2) === "48" && v(c, 5).startsWith("11:B:1"))).toBe(true);
    const billing = segs.find((s) => s.tag === "NM1" && v(s, 1) === "85")!;
    expect(v(billing, 9)).toMatch(/^\d{10}$/);
    expect(segs.find((s) => s.tag === "REF" && v(s, 1) === "EI")!.valueOf(2)).toBe("043219876");
    // Every SV1 pointer names an HI code of its claim.
    segs.forEach((s, i) => {
      if (s.tag !== "CLM") return;
      const next = segs.findIndex((t, j) => j > i && t.tag === "CLM");
      const part = segs.slice(i, next < 0 ? undefined : next);
      const hi = part.find((t) => t.tag === "HI")!;
      const codes = hi.elements.map((e) => e.value).filter((x) => x !== "");
      expect(codes[0]).toMatch(/^ABK:/);
      const sv1 = part.find((t) => t.tag === "SV1")!;
      expect(v(sv1, 1)).toBe("HC:90853:HQ");
      for (const pointer of v(sv1, 7).split(":")) expect(Number(pointer)).toBeLessThanOrEqual(codes.length);
      expect(part.some((t) => t.tag === "DTP" && v(t, 1) === "472")).toBe(true);
    });
    expect(fx.clientIds).toHaveLength(3);
  });

  it("asks again for billing details cleared after the batch was made, before writing an 837P", async () => {
    const { owner } = await practiceWithLines(1);
    const batch = expectOk(await server.gql(CREATE, input("cleared"), owner.token)).createClaimBatch;
    expectOk(await server.gql(`mutation { updatePractice(input: { taxId: null, submitterId: null }) { id } }`, {}, owner.token));
    const res = await server.gql(EXPORT, { id: batch.id, format: "X12_837P" }, owner.token);
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields!.map((f) => f.field).sort()).toEqual(["practice.submitterId", "practice.taxId"]);
  });
});

describe("updatePractice", () => {
  it("validates 837P shapes and is for owners and admins", async () => {
    const owner = await signUpPractice(server);
    const ok = expectOk(await server.gql(BILLING_DETAILS, {}, owner.token)).updatePractice;
    expect(ok).toEqual({ taxId: "043219876", taxonomyCode: "261QM0801X", addressState: "MA" });
    const bad = await server.gql(`mutation { updatePractice(input: { taxId: "12-345", addressZip: "1234" }) { id } }`, {}, owner.token);
    expect(bad.errors![0].extensions!.fields!.map((f) => f.field).sort()).toEqual(["addressZip", "taxId"]);
    const biller = await memberWithRole(server, owner, "BILLER");
    expect(errorCode(await server.gql(BILLING_DETAILS, {}, biller.token))).toBe("FORBIDDEN");
  });
});

describe("roles and tenancy", () => {
  it("lets billers batch and clinicians not", async () => {
    const { owner } = await practiceWithLines(1);
    const biller = await memberWithRole(server, owner, "BILLER");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    expect(errorCode(await server.gql(CREATE, input("clin"), clinician.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`{ claimBatches { id } }`, {}, clinician.token))).toBe("FORBIDDEN");
    expect(expectOk(await server.gql(CREATE, input("bill"), biller.token)).createClaimBatch.lineCount).toBe(3);
  });

  it("keeps another practice from reading, exporting or voiding a batch, and the batch is unchanged", async () => {
    const { owner: a } = await practiceWithLines(1);
    const b = await signUpPractice(server);
    expectOk(await server.gql(BILLING_DETAILS, {}, b.token));
    const batch = expectOk(await server.gql(CREATE, input("a1"), a.token)).createClaimBatch;
    const missing = "4b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f65";
    expect(expectOk(await server.gql(GET, { id: batch.id }, a.token)).claimBatch.id).toBe(batch.id);
    expect(expectOk(await server.gql(GET, { id: batch.id }, b.token)).claimBatch).toBeNull();
    expect(expectOk(await server.gql(EXPORT, { id: batch.id, format: "CSV" }, b.token)).claimBatch).toBeNull();
    expect(expectOk(await server.gql(`{ claimBatches { id } }`, {}, b.token)).claimBatches).toEqual([]);
    const voidA = await server.gql(VOID, { id: batch.id }, b.token);
    const voidMissing = await server.gql(VOID, { id: missing }, b.token);
    expect(errorCode(voidA)).toBe("NOT_FOUND");
    expect(voidA.errors).toEqual(voidMissing.errors);
    // Idempotency keys are per practice: B's "a1" has nothing to do with A's batch.
    const sameKey = await server.gql(CREATE, input("a1"), b.token);
    expect(sameKey.errors![0].message).toMatch(/no READY lines/);
    expect(expectOk(await server.gql(GET, { id: batch.id }, a.token)).claimBatch).toEqual(batch);
  });
});

describe("a batch of any size", () => {
  it("bills across a month with nothing to bill, positions running on from one billed month to the next", async () => {
    const { owner, fx } = await practiceWithLines(1);
    await readySession(server, owner, fx, { startsAt: "2026-05-12T15:00:00Z" });
    const batch = expectOk(await server.gql(CREATE, input("march-to-may", { from: "2026-03-01", to: "2026-05-31" }), owner.token)).createClaimBatch;
    expect(batch).toMatchObject({ lineCount: 6, totalChargeCents: 6 * 4800 });
    const lines: { position: number; service_date: string }[] = await server.dataSource.query(
      `SELECT position, to_char(service_date, 'YYYY-MM-DD') AS service_date FROM claim_batch_lines WHERE practice_id = $1 AND batch_id = $2 ORDER BY position`,
      [owner.practiceId, batch.id],
    );
    expect(lines).toEqual([0, 1, 2, 3, 4, 5].map((position) => ({ position, service_date: position < 3 ? "2026-03-10" : "2026-05-12" })));
  });

  it("bills 2,640 READY lines of eight months in one batch, in the engine's order with one position each", async () => {
    const owner = await signUpPractice(server);
    const fx = await billingSetup(server, owner, { members: 12 });
    // 220 days with the whole group present, documented and signed: written in SQL, as the API would take minutes.
    await server.dataSource.query(
      `WITH days AS (
         SELECT gen_random_uuid() AS id, d::date AS service_date
         FROM generate_series(DATE '2026-01-05', DATE '2026-01-05' + 219, INTERVAL '1 day') AS d
       ), sessions AS (
         INSERT INTO group_sessions (practice_id, id, group_id, starts_at, service_date, duration_minutes, modality, leader_id, topics, interventions)
         SELECT $1, id, $2, (service_date + TIME '10:00') AT TIME ZONE 'America/New_York', service_date, 60, 'IN_PERSON', $3, 'Distress tolerance', 'Skills coaching'
         FROM days RETURNING id
       ), present AS (
         INSERT INTO attendance (practice_id, id, session_id, client_id, status)
         SELECT $1, gen_random_uuid(), s.id, c, 'PRESENT' FROM sessions s CROSS JOIN unnest($4::uuid[]) AS c RETURNING session_id, client_id
       )
       INSERT INTO member_notes (practice_id, id, session_id, client_id, participation, response, signed_at, signed_by)
       SELECT $1, gen_random_uuid(), session_id, client_id, 'Engaged', 'Practiced the skill', now(), $5 FROM present`,
      [owner.practiceId, fx.groupId, fx.clinicianId, fx.clientIds, owner.userId],
    );
    const batch = expectOk(await server.gql(CREATE, input("a-long-year", { from: "2026-01-05", to: "2026-08-22" }), owner.token)).createClaimBatch;
    expect(batch.lineCount).toBe(2640);
    expect(batch.totalChargeCents).toBe(2640 * 4800);
    const [{ count }] = await server.dataSource.query(`SELECT count(*)::int AS count FROM claim_batch_lines WHERE practice_id = $1 AND batch_id = $2 AND NOT voided`, [owner.practiceId, batch.id]);
    expect(count).toBe(2640);
    // Frozen a month at a time, the lines still run in the engine's order across the months, one position each.
    const lines: { position: number; starts: string; session_id: string; client_id: string; patient_control_number: string; charge_cents: number }[] = await server.dataSource.query(
      `SELECT position, to_char(session_starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS starts, session_id, client_id, patient_control_number, charge_cents
       FROM claim_batch_lines WHERE practice_id = $1 AND batch_id = $2 ORDER BY position`,
      [owner.practiceId, batch.id],
    );
    expect(lines.map((l) => l.position)).toEqual(Array.from({ length: 2640 }, (_, i) => i));
    const engineOrder = [...lines].sort((a, b) => a.starts.localeCompare(b.starts) || a.session_id.localeCompare(b.session_id) || a.client_id.localeCompare(b.client_id));
    expect(engineOrder.map((l) => l.position)).toEqual(lines.map((l) => l.position));
    expect(new Set(lines.map((l) => l.patient_control_number)).size).toBe(2640);
    expect(lines.reduce((sum, l) => sum + l.charge_cents, 0)).toBe(batch.totalChargeCents);
    const ready = expectOk(
      await server.gql(`query { claimDecisions(from: "2026-01-05", to: "2026-08-22", status: READY, first: 1) { totalCount } }`, {}, owner.token),
    ).claimDecisions.totalCount;
    expect(ready).toBe(0);
  });
});
