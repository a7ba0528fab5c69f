import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { CLAIM_ISSUE_CODES } from "../../server/src/domain/engine";
import { seedDemo, DEMO_EMAIL, DEMO_PASSWORD, previousMonth, zonedInstant } from "../../server/src/db/seed";
import { expectOk, startTestServer, type TestServer } from "../support/api";
import { setPracticeClock } from "../../server/src/services/practice-clock";

// TOO_MANY_MODIFIERS can no longer be configured (rules that would put more than 4 modifiers on a line are
// refused at input); the engine still guards rule versions saved before that.
const ALL_CODES = CLAIM_ISSUE_CODES.filter((code) => code !== "TOO_MANY_MODIFIERS");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  setPracticeClock(null);
  await server.stop();
});

describe("helpers", () => {
  it("finds the previous calendar month and local wall-clock instants", () => {
    expect(previousMonth("2026-11-26")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(previousMonth("2026-01-05")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(previousMonth("2026-03-31")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(zonedInstant("2026-07-01", "17:30", "America/New_York").toISOString()).toBe("2026-07-01T21:30:00.000Z");
    expect(zonedInstant("2026-12-01", "17:30", "America/New_York").toISOString()).toBe("2026-12-01T22:30:00.000Z");
  });
});

const v = (seg: X12Segment | undefined, n: number): string => seg?.valueOf(n, "") ?? "";

/**
 * What 005010X222A1 requires of every claim, read back from the demo's file: each subscriber (and each patient
 * who is not the subscriber) with N3, N4 and DMG sex F or M; a patient loop for the dependent child; the
 * rendering provider as a person with taxonomy; the billing provider's ZIP+4; the clearinghouse ids and ISA15.
 */
function expectEveryClaimComplete(edi: string, claims: number): void {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  expect(v(interchange.header, 6).trim()).toBe("HARBORGT01");
  expect(v(interchange.header, 8).trim()).toBe("HCX01");
  expect(v(interchange.header, 15)).toBe("T");
  const all = interchange.functionalGroups[0]!.transactions[0]!.segments;
  const billing = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "85");
  expect(v(all[billing + 2], 3)).toMatch(/^\d{9}$/);
  expect(v(all[billing + 1], 1)).not.toMatch(/box/i);

  let persons = 0;
  all.forEach((seg, i) => {
    if (seg.tag !== "NM1" || !["IL", "QC"].includes(v(seg, 1))) return;
    persons += 1;
    expect([all[i + 1]!.tag, all[i + 2]!.tag, all[i + 3]!.tag]).toEqual(["N3", "N4", "DMG"]);
    expect(["F", "M"]).toContain(v(all[i + 3], 3));
  });
  const subscribers = all.filter((s) => s.tag === "HL" && v(s, 3) === "22").length;
  const patients = all.filter((s) => s.tag === "PAT");
  expect(patients.length).toBeGreaterThan(0);
  expect(patients.every((p) => v(p, 1) === "19")).toBe(true);
  expect(persons).toBe(subscribers + patients.length);

  const clm = all.filter((s) => s.tag === "CLM");
  expect(clm).toHaveLength(claims);
  expect(new Set(clm.map((s) => v(s, 1))).size).toBe(claims);
  for (const s of clm) expect(v(s, 1).length).toBeLessThanOrEqual(20);
  expect(clm.every((s) => Number(v(s, 2)) > 0)).toBe(true);
  const rendering = all.filter((s) => s.tag === "NM1" && v(s, 1) === "82");
  expect(rendering).toHaveLength(claims);
  for (const r of rendering) expect([v(r, 2), v(r, 4) !== ""]).toEqual(["1", true]);
  expect(all.filter((s) => s.tag === "PRV" && v(s, 1) === "PE")).toHaveLength(claims);
}

describe("the demo practice", () => {
  it("loads once, signs in, and shows every denial at least once while most lines are READY", async () => {
    const now = new Date("2026-11-26T15:00:00Z");
    // The demo is read on the day it is loaded: filing deadlines are counted from that day.
    setPracticeClock(() => now);
    expect((await seedDemo(server.dataSource, now)).created).toBe(true);
    expect((await seedDemo(server.dataSource, now)).created).toBe(false);

    const login = expectOk(await server.gql(`mutation ($i: LogInInput!) { logIn(input: $i) { token viewer { practice { name } } } }`, { i: { email: DEMO_EMAIL, password: DEMO_PASSWORD } }));
    expect(login.logIn.viewer.practice.name).toBe("Harbor Group Therapy");
    const token = login.logIn.token;

    const overview = expectOk(await server.gql(`{ payers { name } clinicians { licensed } groups { kind } clients(first: 100) { totalCount } }`, {}, token));
    expect(overview.payers.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["Bay State Medicaid", "Medicare Part B", "Blue Harbor PPO"]));
    expect(overview.clinicians.filter((c: { licensed: boolean }) => !c.licensed)).toHaveLength(1);
    expect(new Set(overview.groups.map((g: { kind: string }) => g.kind)).size).toBeGreaterThanOrEqual(4);
    expect(overview.clients.totalCount).toBe(20);
    // Registration is complete but for one client, whose lines show MISSING_REGISTRATION.
    const registration = expectOk(
      await server.gql(`{ clients(first: 100) { edges { node { lastName sex address { zip } coverages { relationship subscriber { firstName } } } } } }`, {}, token),
    ).clients.edges.map((e: { node: unknown }) => e.node);
    expect(registration.filter((c: { address: unknown }) => c.address === null).map((c: { lastName: string }) => c.lastName)).toEqual(["Delaney"]);
    expect(registration.every((c: { sex: string }) => c.sex === "FEMALE" || c.sex === "MALE")).toBe(true);
    expect(registration.flatMap((c: { coverages: { relationship: string; subscriber: { firstName: string } | null }[] }) => c.coverages).filter((c: { relationship: string }) => c.relationship === "CHILD")).toEqual([
      { relationship: "CHILD", subscriber: { firstName: "Linh" } },
    ]);

    const codes = new Set<string>();
    const statuses: Record<string, number> = {};
    let after: string | null = null;
    do {
      const page: any = expectOk(
        await server.gql(
          `query ($after: String) { claimDecisions(from: "2026-10-01", to: "2026-10-31", first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { status issues { code } } } } }`,
          { after },
          token,
        ),
      ).claimDecisions;
      for (const { node } of page.edges) {
        statuses[node.status] = (statuses[node.status] ?? 0) + 1;
        for (const issue of node.issues) codes.add(issue.code);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ALL_CODES.filter((code) => !codes.has(code))).toEqual([]);

    // Blue Harbor's members show their authorizations with units used and left; Siddiqui's are used up.
    const siddiqui = expectOk(await server.gql(`{ clients(search: "Siddiqui") { edges { node { coverages { authorizations { number units unitsUsed unitsLeft } } } } } }`, {}, token))
      .clients.edges[0].node.coverages[0].authorizations;
    expect(siddiqui).toEqual([{ number: "BH-PA-20533", units: 2, unitsUsed: 2, unitsLeft: 0 }]);
    // The first half of the month is billed (and remitted, below); billable lines still outnumber blocked ones.
    expect(statuses.READY + statuses.BILLED).toBeGreaterThan(statuses.BLOCKED);
    expect(statuses.READY).toBeGreaterThan(0);

    // A new user's first billing run: batch last month, download both files, void, batch again.
    const batch = expectOk(await server.gql(`mutation { createClaimBatch(input: { from: "2026-10-01", to: "2026-10-31", idempotencyKey: "demo-oct" }) { id lineCount } }`, {}, token)).createClaimBatch;
    expect(batch.lineCount).toBe(statuses.READY);
    const files = expectOk(
      await server.gql(`query ($id: ID!) { claimBatch(id: $id) { csv: export(format: CSV) x12: export(format: X12_837P) lines { addOnLines { cptCode modifiers placeOfService chargeCents } } } }`, { id: batch.id }, token),
    ).claimBatch;
    // Reed's Medicare claim carries interactive complexity (90785) as a second service line, in the CSV and the 837P.
    const addOns = files.lines.flatMap((l: { addOnLines: unknown[] }) => l.addOnLines);
    expect(addOns).toEqual([{ cptCode: "90785", modifiers: ["95"], placeOfService: "02", chargeCents: 1450 }]);
    expect(files.csv.split("\r\n").filter(Boolean)).toHaveLength(batch.lineCount + addOns.length + 1);
    expect(files.x12.match(/~\n?SV1\*HC:90785:95\*14\.5\*UN\*1\*/g)).toHaveLength(1);
    expect(files.x12.match(/~\n?LX\*2~/g)).toHaveLength(1);
    expect(files.x12.match(/~\n?CLM\*/g)).toHaveLength(batch.lineCount);
    expectEveryClaimComplete(files.x12, batch.lineCount);
    // Lines billed under a prior authorization carry its number in their claim; the CSV names it too.
    const authorized = expectOk(await server.gql(`query ($id: ID!) { claimBatch(id: $id) { lines { authorizationNumber } } }`, { id: batch.id }, token)).claimBatch.lines
      .map((l: { authorizationNumber: string | null }) => l.authorizationNumber)
      .filter(Boolean);
    expect(authorized.length).toBeGreaterThan(0);
    expect(files.x12.match(/~\n?REF\*G1\*BH-PA-\d+/g)).toHaveLength(authorized.length);
    expect(files.csv.split("\r\n").filter((row: string) => /,"?BH-PA-\d+"?,"1",/.test(row))).toHaveLength(authorized.length);
    expectOk(await server.gql(`mutation ($id: ID!) { voidClaimBatch(id: $id) { voided } }`, { id: batch.id }, token));
    const again = expectOk(await server.gql(`mutation { createClaimBatch(input: { from: "2026-10-01", to: "2026-10-31", idempotencyKey: "demo-oct-2" }) { lineCount } }`, {}, token)).createClaimBatch;
    expect(again.lineCount).toBe(batch.lineCount);
    const [{ live, distinct }] = await server.dataSource.query(`SELECT count(*)::int AS live, count(DISTINCT (session_id, client_id, payer_sequence))::int AS distinct FROM claim_batch_lines WHERE NOT voided`);
    expect(live).toBe(distinct);

    // The first half of October was billed and remitted: paid lines, a partial payment, a denial GroupBill had
    // warned about and one it missed, on the work list and in the report.
    const remitted = expectOk(
      await server.gql(
        `{ remittances { fileName claims { outcome } payments { paymentCents providerAdjustments { reasonCode amountCents } } } denials { reasonCodes openBalanceCents }
           denialReport(from: "2026-10-01", to: "2026-10-31") { preventedCount missedCount reasons { reasonCode prevented prevention { area } } } }`,
        {},
        token,
      ),
    );
    const outcomes = remitted.remittances.flatMap((r: { claims: { outcome: string }[] }) => r.claims.map((c) => c.outcome));
    expect(outcomes.filter((o: string) => o === "DENIED")).toHaveLength(2);
    expect(outcomes.filter((o: string) => o === "PARTIALLY_PAID")).toHaveLength(1);
    expect(outcomes.filter((o: string) => o === "PAID").length).toBeGreaterThan(5);
    expect(statuses.BILLED).toBe(outcomes.length);
    // One payment carries interest (PLB L6), which BPR02 includes.
    const plbs = remitted.remittances.flatMap((r: { payments: { providerAdjustments: unknown[] }[] }) => r.payments.flatMap((p) => p.providerAdjustments));
    expect(plbs).toEqual([{ reasonCode: "L6", amountCents: -137 }]);
    expect(remitted.denials.map((d: { reasonCodes: string[] }) => d.reasonCodes).sort()).toEqual([["119"], ["16"], ["4"]]);
    const reasons = remitted.denialReport.flatMap((p: { reasons: unknown[] }) => p.reasons);
    expect(reasons).toEqual(
      expect.arrayContaining([
        { reasonCode: "16", prevented: true, prevention: { area: "REGISTRATION" } },
        { reasonCode: "4", prevented: false, prevention: { area: "MODIFIER_RULES" } },
      ]),
    );
  });
});
