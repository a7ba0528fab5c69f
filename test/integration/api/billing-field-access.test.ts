import "reflect-metadata";
import { getNamedType, isObjectType } from "graphql";
import { buildGroupBillSchema } from "../../../server/src/graphql/schema";
import { expectOk, memberWithRole, signUpPractice, startTestServer, type GraphQLResponse, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";
import { x835 } from "../../support/x835";

/**
 * Clinicians read sessions, groups and clients, and through them claim lines and payers. They see a line's status
 * and issues, never money or batches: every nested path to a charge, a fee (payer rules) or a batch answers
 * FORBIDDEN for them and the value appears nowhere in the response, while owners and billers read it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

// Distinctive values, so "does not appear anywhere in the response" is a meaningful check.
const FEE = 4873;

interface World {
  tokens: Record<"OWNER" | "BILLER" | "CLINICIAN", string>;
  vars: { sessionId: string; billedSessionId: string; clientId: string; groupId: string; payerId: string };
  batchId: string;
}

/** One practice, read only by the tests below: a billed session, a READY one, and a member of each role. */
async function world(): Promise<World> {
  const owner = await signUpPractice(server);
  // The payer pays interactive complexity at the same distinctive fee, so add-on charges carry it too.
  const fx = await billingSetup(server, owner, { members: 3, payerRules: { feeCents: FEE, allowInteractiveComplexity: true, interactiveComplexityFeeCents: FEE } });
  const billedSessionId = await readySession(server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const batchId = expectOk(
    await server.gql(`mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id } }`, { input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" } }, owner.token),
  ).createClaimBatch.id;
  // The payer paid the first billed line exactly the fee, so remittance paths carry the distinctive value.
  const pcn = expectOk(await server.gql(`query ($id: ID!) { claimBatch(id: $id) { lines { patientControlNumber } } }`, { id: batchId }, owner.token)).claimBatch.lines[0].patientControlNumber;
  const fee = `${Math.floor(FEE / 100)}.${String(FEE % 100).padStart(2, "0")}`;
  expectOk(await server.gql(`mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id } }`, { input: { text: x835({ claims: [{ pcn, status: "1", charge: fee, paid: fee }] }) } }, owner.token));
  const sessionId = await readySession(server, owner, fx, { startsAt: "2026-04-14T15:00:00Z" });
  // The second member's April line carries a 90785 add-on line (the first member's stays exactly the fee).
  expectOk(
    await server.gql(
      `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
      { id: sessionId, entries: [{ clientId: fx.clientIds[1], status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "Interpreter needed" }] },
      owner.token,
    ),
  );
  const biller = await memberWithRole(server, owner, "BILLER");
  const clinician = await memberWithRole(server, owner, "CLINICIAN");
  return {
    tokens: { OWNER: owner.token, BILLER: biller.token, CLINICIAN: clinician.token },
    vars: { sessionId, billedSessionId, clientId: fx.clientIds[0]!, groupId: fx.groupId, payerId: fx.payerId },
    batchId,
  };
}

let w: World;
beforeAll(async () => {
  w = await world();
});

const RULES = `rules { feeCents } ruleHistory { feeCents } rulesOn(date: "2026-03-10") { feeCents }`;

/**
 * Every way a clinician can reach billing data from what they may read. `secret` is what the owner's answer
 * holds and the clinician's must not: the fee, or the batch id. Billers do not record attendance or document
 * sessions, so those mutations have the owner alone as positive control.
 */
type Reader = "OWNER" | "BILLER";
const PATHS: [string, string, "fee" | "batch", Reader[]?][] = [
  ["client.coverages.payer.rules", `query ($clientId: ID!) { client(id: $clientId) { coverages { payer { rules { feeCents } } } } }`, "fee"],
  ["client.coverages.payer.ruleHistory", `query ($clientId: ID!) { client(id: $clientId) { coverages { payer { ruleHistory { feeCents } } } } }`, "fee"],
  ["client.coverages.payer.rulesOn", `query ($clientId: ID!) { client(id: $clientId) { coverages { payer { rulesOn(date: "2026-03-10") { feeCents } } } } }`, "fee"],
  ["clients.coverages.payer.rules*", `{ clients { edges { node { coverages { payer { ${RULES} } } } } } }`, "fee"],
  ["session.claimDecisions.chargeCents", `query ($sessionId: ID!) { session(id: $sessionId) { claimDecisions { chargeCents } } }`, "fee"],
  ["session.claimDecisions.batchId", `query ($billedSessionId: ID!) { session(id: $billedSessionId) { claimDecisions { status batchId } } }`, "batch"],
  ["session.claimDecisions.addOnLines.chargeCents", `query ($sessionId: ID!) { session(id: $sessionId) { claimDecisions { addOnLines { cptCode chargeCents } } } }`, "fee"],
  ["session.claimDecisions.totalChargeCents", `query ($sessionId: ID!) { session(id: $sessionId) { claimDecisions { totalChargeCents } } }`, "fee"],
  ["session.claimDecisions.payer.rules*", `query ($sessionId: ID!) { session(id: $sessionId) { claimDecisions { payer { ${RULES} } } } }`, "fee"],
  ["session.attendance.client.coverages.payer.rules", `query ($sessionId: ID!) { session(id: $sessionId) { attendance { client { coverages { payer { rules { feeCents } } } } } } }`, "fee"],
  ["sessions.claimDecisions.chargeCents", `{ sessions(from: "2026-03-01", to: "2026-04-30") { edges { node { claimDecisions { chargeCents } } } } }`, "fee"],
  ["sessions.claimDecisions.batchId", `{ sessions(from: "2026-03-01", to: "2026-04-30") { edges { node { claimDecisions { batchId } } } } }`, "batch"],
  ["group.members.coverages.payer.rules*", `query ($groupId: ID!) { group(id: $groupId) { members { coverages { payer { ${RULES} } } } } }`, "fee"],
  ["groups.members.coverages.payer.rules", `{ groups { members { coverages { payer { rules { feeCents } } } } } }`, "fee"],
  [
    "recordAttendance.claimDecisions (a mutation clinicians may make)",
    `mutation ($sessionId: ID!, $clientId: ID!) { recordAttendance(sessionId: $sessionId, entries: [{ clientId: $clientId, status: PRESENT }]) { claimDecisions { chargeCents payer { rules { feeCents } } } } }`,
    "fee",
    ["OWNER"],
  ],
  [
    "updateSession.claimDecisions (a mutation clinicians may make)",
    `mutation ($billedSessionId: ID!) { updateSession(id: $billedSessionId, input: { topics: "Distress tolerance" }) { claimDecisions { batchId chargeCents } } }`,
    "batch",
    ["OWNER"],
  ],
  ["claimDecisions", `{ claimDecisions(from: "2026-03-01", to: "2026-04-30") { edges { node { chargeCents batchId } } } }`, "fee"],
  ["claimBatches", `{ claimBatches { id totalChargeCents } }`, "batch"],
  ["claimBatch", `query ($batchId: ID!) { claimBatch(id: $batchId) { id totalChargeCents lines { chargeCents } } }`, "batch"],
  // One member's April line: its charge is exactly the fee.
  ["claimSummary.chargeCents", `query ($clientId: ID!) { claimSummary(from: "2026-04-01", to: "2026-04-30", clientId: $clientId) { chargeCents byStatus { chargeCents } } }`, "fee"],
  ["session.claimDecisions.remittance", `query ($billedSessionId: ID!) { session(id: $billedSessionId) { claimDecisions { remittance { latest { paidCents } } } } }`, "fee"],
  ["remittances.claims", `{ remittances { claims { paidCents chargeCents } payments { paymentCents } } }`, "fee"],
  ["remittanceTotals", `{ remittanceTotals { paidCents } }`, "fee"],
  ["payers.rules", `{ payers { ${RULES} } }`, "fee"],
  ["payer.rules", `query ($payerId: ID!) { payer(id: $payerId) { ${RULES} } }`, "fee"],
  ["previewPayerRules", `query ($payerId: ID!) { previewPayerRules(payerId: $payerId, rules: { feeCents: 1 }) { decisionsEvaluated } }`, "fee"],
];

function send(query: string, token: string): Promise<GraphQLResponse> {
  const variables = Object.fromEntries(Object.entries({ ...w.vars, batchId: w.batchId }).filter(([name]) => query.includes(`$${name}`)));
  return server.gql(query, variables, token);
}

describe("billing data in nested fields", () => {
  it.each(PATHS)("%s is FORBIDDEN for CLINICIAN and discloses nothing; OWNER and BILLER read it", async (_path, query, secret, readers = ["OWNER", "BILLER"]) => {
    const value = secret === "fee" ? String(FEE) : w.batchId;

    for (const role of readers) {
      const res = await send(query, w.tokens[role]);
      expect([role, res.errors]).toEqual([role, undefined]);
      if (!query.includes("previewPayerRules")) expect(JSON.stringify(res.data)).toContain(value);
    }

    const res = await send(query, w.tokens.CLINICIAN);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors!.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(JSON.stringify(res.data ?? null)).not.toContain(value);
    expect(JSON.stringify(res.data ?? null)).not.toContain(w.batchId);
  });

  it("lets clinicians read the status and issues of the lines of sessions they can read, and the payer's name", async () => {
    const query = `query ($sessionId: ID!, $billedSessionId: ID!) {
      open: session(id: $sessionId) { claimDecisions { status issues { code } payer { name } client { id } } }
      billed: session(id: $billedSessionId) { claimDecisions { status issues { code } } }
    }`;
    const asClinician = expectOk(await send(query, w.tokens.CLINICIAN));
    expect(asClinician).toEqual(expectOk(await send(query, w.tokens.OWNER)));
    expect(asClinician.open.claimDecisions.map((l: { status: string }) => l.status)).toEqual(["READY", "READY", "READY"]);
    expect(asClinician.open.claimDecisions[0].payer).toEqual({ name: "State Medicaid" });
    expect(asClinician.billed.claimDecisions.map((l: { status: string }) => l.status)).toEqual(["BILLED", "BILLED", "BILLED"]);
  });

  it("names the forbidden field in the error path, so a client knows what not to ask for", async () => {
    const res = await send(`query ($billedSessionId: ID!) { session(id: $billedSessionId) { id claimDecisions { status batchId } } }`, w.tokens.CLINICIAN);
    // batchId is nullable, so only it goes null; the rest of the answer stands.
    expect(res.data!.session.claimDecisions).toEqual([
      { status: "BILLED", batchId: null },
      { status: "BILLED", batchId: null },
      { status: "BILLED", batchId: null },
    ]);
    expect(res.errors!.map((e) => (e as { path?: unknown[] }).path)).toEqual([0, 1, 2].map((i) => ["session", "claimDecisions", i, "batchId"]));
  });
});

/**
 * Every field of the schema that leads to money, a batch or a payer's rules, and what keeps it from clinicians.
 * A new such field fails the catalog test below until it is guarded and listed here (with a path in PATHS when a
 * clinician can reach it).
 */
const BILLING_FIELDS: Record<string, string> = {
  "Query.claimDecisions": "PATHS: claimDecisions",
  "Query.claimBatches": "PATHS: claimBatches",
  "Query.claimBatch": "PATHS: claimBatch",
  "Query.previewPayerRules": "PATHS: previewPayerRules",
  "Mutation.createClaimBatch": "ManageClaimBatches (claim-batches.test.ts)",
  "Mutation.voidClaimBatch": "ManageClaimBatches (claim-batches.test.ts)",
  "Mutation.createSecondaryClaims": "ManageClaimBatches (secondary-claims.test.ts)",
  "Mutation.correctAndRebill": "ManageClaimBatches, FORBIDDEN for CLINICIAN in correct-and-rebill.test.ts",
  "Payer.rules": "PATHS: client.coverages.payer.rules",
  "Payer.rulesOn": "PATHS: client.coverages.payer.rulesOn",
  "Payer.ruleHistory": "PATHS: client.coverages.payer.ruleHistory",
  "ClaimDecision.chargeCents": "PATHS: session.claimDecisions.chargeCents",
  "ClaimDecision.batchId": "PATHS: session.claimDecisions.batchId",
  "ClaimDecision.totalChargeCents": "PATHS: session.claimDecisions.totalChargeCents",
  "ClaimAddOnLine.chargeCents": "PATHS: session.claimDecisions.addOnLines.chargeCents",
  "PayerRules.feeCents": "only under Payer.rules*, previewPayerRules and payer mutations, all guarded",
  "PayerRules.interactiveComplexityFeeCents": "only under Payer.rules*, previewPayerRules and payer mutations, all guarded",
  "ClaimBatch.totalChargeCents": "only under the guarded claim batch queries and mutations",
  "ClaimLineContents.chargeCents": "only under previewPayerRules, guarded",
  "ClaimSummary.chargeCents": "PATHS: claimSummary.chargeCents",
  "ClaimStatusTotal.chargeCents": "PATHS: claimSummary.chargeCents",
  "ClaimIssueTotal.chargeCents": "guarded like ClaimSummary.chargeCents; FORBIDDEN for CLINICIAN in claim-work-list.test.ts",
  "ClaimPayerTotal.chargeCents": "guarded like ClaimSummary.chargeCents; FORBIDDEN for CLINICIAN in claim-work-list.test.ts",
  "RemittancePosting.chargeCents": "PATHS: remittances.claims",
  "RemittancePosting.paidCents": "PATHS: remittances.claims",
  "RemittancePosting.patientResponsibilityCents": "only under guarded remittance queries, mutations and ClaimDecision.remittance",
  "RemittancePosting.deniedCents": "only under guarded remittance queries, mutations and ClaimDecision.remittance",
  "RemittancePayment.paymentCents": "PATHS: remittances.claims",
  "ProviderAdjustment.amountCents": "only under RemittancePayment, itself only under guarded remittance queries and mutations",
  "RemittancePosting.billedChargeCents": "only under guarded remittance queries, mutations and ClaimDecision.remittance",
  "PostingAdjustment.amountCents": "only under RemittancePosting, itself only under guarded fields",
  "RemittanceServiceLine.chargeCents": "only under RemittancePosting, itself only under guarded fields",
  "RemittanceServiceLine.paidCents": "only under RemittancePosting, itself only under guarded fields",
  "RemittanceServiceLine.deniedCents": "only under RemittancePosting, itself only under guarded fields",
  "DenialAction.amountCents": "only under LineRemittance, itself only under guarded fields",
  "LineRemittance.openBalanceCents": "PATHS: session.claimDecisions.remittance",
  "DenialWorkItem.openBalanceCents": "only under Query.denials, FORBIDDEN for CLINICIAN in remittances.test.ts",
  "RemittanceTotal.billedCents": "PATHS: remittanceTotals",
  "RemittanceTotal.paidCents": "PATHS: remittanceTotals",
  "RemittanceTotal.deniedCents": "PATHS: remittanceTotals",
  "RemittanceTotal.outstandingCents": "PATHS: remittanceTotals",
  "DenialReportReason.deniedCents": "only under Query.denialReport, FORBIDDEN for CLINICIAN in remittances.test.ts",
  "DenialReportPayer.preventedCents": "only under Query.denialReport, FORBIDDEN for CLINICIAN in remittances.test.ts",
  "DenialReportPayer.missedCents": "only under Query.denialReport, FORBIDDEN for CLINICIAN in remittances.test.ts",
};

describe("the catalog of billing fields", () => {
  it("lists every field that leads to money, a batch or payer rules, and each listed path is tested", async () => {
    const schema = await buildGroupBillSchema();
    const found: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const leadsTo = getNamedType(field.type).name;
        if (["PayerRules", "ClaimBatch", "RulesImpact", "ClaimDecisionConnection"].includes(leadsTo) || /Cents$/.test(field.name) || field.name === "batchId") {
          found.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(found.sort()).toEqual(Object.keys(BILLING_FIELDS).sort());
    const tested = new Set(PATHS.map(([name]) => name));
    for (const how of Object.values(BILLING_FIELDS)) {
      if (how.startsWith("PATHS: ")) expect(tested.has(how.slice("PATHS: ".length))).toBe(true);
    }
  });
});
