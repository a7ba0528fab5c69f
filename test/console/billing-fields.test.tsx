import { screen, within } from "@testing-library/react";
import type { Role } from "../../console/src/__generated__/graphql";
import { SessionPage } from "../../console/src/sessions/session-page";
import { SessionsBoard } from "../../console/src/sessions/sessions-board";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

/**
 * The API answers FORBIDDEN to a clinician who asks for a line's charge or batch (and null-propagation would then
 * blank the whole session), so the console asks for them only when the role reads claims.
 */

const line = (withBilling: boolean) => ({
  __typename: "ClaimDecision",
  id: "d1",
  status: "READY",
  cptCode: "90853",
  suggestedCptCodes: [],
  modifiers: ["HQ"],
  placeOfService: "11",
  units: 1,
  diagnosisCodes: ["F33.1"],
  ...(withBilling ? { chargeCents: 4873, totalChargeCents: 4873, batchId: null } : {}),
  addOnLines: [],
  issues: [],
  client: { __typename: "Client", id: "c1", firstName: "Dana", lastName: "Reyes" },
  payer: { __typename: "Payer", id: "p1", name: "State Medicaid" },
});

function session(withBilling: boolean) {
  return {
    __typename: "GroupSession",
    id: "s1",
    startsAt: "2026-03-10T15:00:00Z",
    date: "2026-03-10",
    durationMinutes: 60,
    modality: "IN_PERSON",
    placeOfService: null,
    topics: "Grief",
    interventions: "CBT",
    version: 1,
    presentCount: 1,
    group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills", kind: "SKILLS", hasPsychotherapyComponent: true, members: [{ __typename: "Client", id: "c1", firstName: "Dana", lastName: "Reyes" }] },
    leader: { __typename: "Clinician", id: "l1", name: "Robin Lee", credential: "LCSW", licensed: true },
    attendance: [{ __typename: "Attendance", status: "PRESENT", client: { __typename: "Client", id: "c1", firstName: "Dana", lastName: "Reyes" } }],
    notes: [],
    claimDecisions: [line(withBilling)],
  };
}

/** Answers like the API: billing fields only when asked for, and FORBIDDEN to a clinician who asks. */
function api(role: Role) {
  return (call: Call): Reply => {
    const withBilling = call.variables.withBilling;
    if (typeof withBilling !== "boolean") throw new Error(`${call.operationName} sent no withBilling`);
    if (withBilling && role === "CLINICIAN") {
      return { data: { session: null }, errors: [{ message: "Your role in this practice does not allow this", extensions: { code: "FORBIDDEN" } }] };
    }
    switch (call.operationName) {
      case "Session":
        return { data: { session: session(withBilling) } };
      case "SessionsBoard":
        return {
          data: {
            sessions: {
              __typename: "GroupSessionConnection",
              totalCount: 1,
              pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
              edges: [{ __typename: "GroupSessionEdge", cursor: "c", node: { ...session(withBilling), group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" }, leader: { __typename: "Clinician", id: "l1", name: "Robin Lee" } } }],
            },
          },
        };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  };
}

function quietClient(role: Role) {
  return mockClient((call) => {
    if (call.operationName === "BoardGroups") return { data: { groups: [] } };
    if (call.operationName === "BoardPayers") return { data: { payers: [] } };
    // The session details form lists the clinicians who may lead (billers and clinicians correct sessions too).
    if (call.operationName === "Clinicians") return { data: { clinicians: [] } };
    return api(role)(call);
  });
}

it.each([
  ["CLINICIAN", false],
  ["BILLER", true],
  ["OWNER", true],
] as const)("the session page asks a %s for charges: %s", async (role, withBilling) => {
  const { client, calls } = quietClient(role);
  renderAs(role, <SessionPage id="s1" />, client);
  const table = (await screen.findByRole("columnheader", { name: "Reasons" })).closest("table")!;
  expect(calls.find((c) => c.operationName === "Session")!.variables.withBilling).toBe(withBilling);
  expect(within(table).queryByRole("columnheader", { name: "Charge" }) !== null).toBe(withBilling);
  expect(table.textContent!.includes("48.73")).toBe(withBilling);
  expect(within(table).getByText("Nothing blocks it")).toBeInTheDocument();
});

it.each([
  ["CLINICIAN", false],
  ["OWNER", true],
] as const)("the sessions board asks a %s for charges: %s", async (role, withBilling) => {
  const { client, calls } = quietClient(role);
  renderAs(role, <SessionsBoard />, client);
  expect(await screen.findByText("Dana Reyes")).toBeInTheDocument();
  expect(calls.find((c) => c.operationName === "SessionsBoard")!.variables.withBilling).toBe(withBilling);
});
