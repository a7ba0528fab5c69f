import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AuditPage } from "../../console/src/audit/audit-page";
import { auditCsv, changedRows } from "../../console/src/audit/audit-format";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

const owner = { __typename: "User", id: "u1", email: "pat@example.test", name: "Pat Doe" };
const biller = { __typename: "User", id: "u2", email: "bo@example.test", name: "Bo Biller" };

/** The server names the ids an event mentions (within the practice); the console shows those names. */
function event(id: string, action: string, entityType: string, changes: unknown, actor = owner, entityName: string | null = null, names: Record<string, string> = {}) {
  return {
    __typename: "AuditEvent",
    id,
    at: "2026-10-06T19:00:00.000Z",
    action,
    entityType,
    entityId: `${id}0000000-0000-4000-8000-000000000000`,
    entityName,
    names: Object.entries(names).map(([nid, name]) => ({ __typename: "AuditName", id: nid, name })),
    changes,
    actor,
  };
}

const EVENTS = [
  event("a", "payer.setRules", "Payer", { feeCents: { before: 4800, after: 5250 }, maxGroupSize: { before: 12, after: 12 }, telehealthAllowed: { before: false, after: true } }, owner, "Bay State Medicaid"),
  event("b", "membership.setRole", "Membership", { role: { before: "BILLER", after: "ADMIN" } }, biller, "Bo Biller"),
  event("c", "session.update", "GroupSession", { leaderId: { before: "k1", after: "k2" }, durationMinutes: { before: 30, after: 60 }, version: { before: 3, after: 4 } }, owner, "DBT Skills, Oct 6, 2026", {
    k1: "Robin Lee",
    k2: "Sam Park",
  }),
  event("d", "session.recordAttendance", "GroupSession", { attendance: { c1: { before: null, after: "PRESENT" }, c2: { before: "PRESENT", after: "ABSENT" } } }, owner, "DBT Skills, Oct 6, 2026", {
    c1: "Dana Reyes",
    c2: "Ari Brook",
  }),
  event("e", "claimBatch.create", "ClaimBatch", { payerId: { before: null, after: "p1" }, lineCount: { before: null, after: 3 } }, owner, "Batch #4", { p1: "Bay State Medicaid" }),
];

function page(nodes: unknown[], hasNextPage = false, endCursor: string | null = null) {
  return { data: { auditEvents: { __typename: "AuditEventConnection", totalCount: nodes.length, pageInfo: { __typename: "PageInfo", hasNextPage, endCursor }, edges: nodes.map((node) => ({ __typename: "AuditEventEdge", node })) } } };
}

function handler(call: Call): Reply {
  if (call.operationName === "AuditUsers")
    return {
      data: {
        members: [{ __typename: "Membership", user: owner }, { __typename: "Membership", user: biller }],
      },
    };
  if (call.operationName === "AuditEvents") {
    const v = call.variables;
    return page(EVENTS.filter((e) => (!v.actorUserId || e.actor.id === v.actorUserId) && (!v.action || e.action === v.action)));
  }
  throw new Error(`unexpected ${call.operationName}`);
}

it("reads as plain words: action labels, dollars, labels for enum names, only fields that changed, labelled times", async () => {
  const { client } = mockClient(handler);
  renderAs("OWNER", <AuditPage />, client);
  const table = await screen.findByRole("region", { name: "Audit events" });
  expect(table.tabIndex).toBe(0);
  const rows = within(table).getAllByRole("row");
  const rules = rows[1].textContent!;
  expect(rules).toContain("Changed a payer's rules");
  expect(rules).toContain("Fee$48.00 → $52.50");
  expect(rules).toContain("Telehealth allowedNo → Yes");
  expect(rules).not.toContain("Max group size");
  expect(rules).not.toContain("payer.setRules");
  expect(rules).toContain("Oct 6, 2026, 3:00 PM ET");
  expect(rows[2].textContent).toContain("Changed a member's role");
  expect(rows[2].textContent).toContain("Biller → Admin");
  expect(rows[2].textContent).not.toMatch(/BILLER|ADMIN/);
  // Ids read as names, and the version counter is left out.
  await waitFor(() => expect(rows[3].textContent).toContain("LeaderRobin Lee → Sam Park"));
  expect(rows[3].textContent).toContain("Duration minutes30 → 60");
  expect(rows[3].textContent).not.toContain("Version");
  // What was changed reads as its name (clients, groups, payers, batches), never as a raw id.
  expect(rows[1].textContent).toContain("PayerBay State Medicaid");
  expect(rows[4].textContent).toContain("Attendance · Dana Reyes— → Present");
  expect(rows[4].textContent).toContain("Attendance · Ari BrookPresent → Absent");
  expect(rows[5].textContent).toContain("Claim batchBatch #4");
  expect(rows[5].textContent).toContain("Payer— → Bay State Medicaid");
  expect(table.textContent).not.toMatch(/[0-9a-f]{7}0000000|k1|k2|c1|c2|p1/);
});

it("filters by user, action and dates through the API's arguments", async () => {
  const { client, calls } = mockClient(handler);
  renderAs("OWNER", <AuditPage />, client);
  const user = userEvent.setup();
  await screen.findByRole("region", { name: "Audit events" });
  await user.selectOptions(screen.getByLabelText("Who"), "Bo Biller (bo@example.test)");
  const table = () => screen.getByRole("region", { name: "Audit events" });
  await waitFor(() => expect(within(table()).queryByText("Changed a payer's rules")).toBeNull());
  expect(within(table()).getByText("Changed a member's role")).toBeTruthy();
  await user.selectOptions(screen.getByLabelText("Action"), "Changed a payer's rules");
  expect(await screen.findByText("No events match.")).toBeTruthy();
  await user.type(screen.getByLabelText("From"), "10012026{Enter}");
  await user.type(screen.getByLabelText("To"), "10312026{Enter}");
  await waitFor(() => expect(calls.at(-1)!.variables).toMatchObject({ actorUserId: "u2", action: "payer.setRules", from: "2026-10-01", to: "2026-10-31" }));
});

it("the CSV has one row per changed field, quotes what needs quoting and defuses formulas", () => {
  expect(changedRows({ attendance: { c1: { before: null, after: "PRESENT" } } })).toEqual([{ field: "Attendance · C1", before: "—", after: "Present" }]);
  expect(changedRows({ topics: { before: "A", after: "B" }, version: { before: 3, after: 4 } })).toEqual([{ field: "Topics", before: "A", after: "B" }]);
  const csv = auditCsv([
    { when: "Oct 6, 2026, 3:00 PM ET", who: "pat@example.test", action: "payer.update", entityType: "Payer", entityId: "p1", entityName: "=HYPERLINK()", changes: { name: { before: "Blue, Inc", after: "=HYPERLINK()" } } },
    { when: "Oct 6, 2026, 4:00 PM ET", who: "pat@example.test", action: "group.update", entityType: "TherapyGroup", entityId: "g1", entityName: "DBT Skills", names: new Map([["k1", "Robin Lee"]]), changes: { leaderId: { before: null, after: "k1" } } },
  ]);
  expect(csv.split("\r\n")).toEqual([
    "When,Who,Action,What,Name,Id,Field,Before,After",
    `"Oct 6, 2026, 3:00 PM ET",pat@example.test,Changed a payer,Payer,'=HYPERLINK(),p1,Name,"Blue, Inc",'=HYPERLINK()`,
    `"Oct 6, 2026, 4:00 PM ET",pat@example.test,Changed a group,Group,DBT Skills,g1,Leader,—,Robin Lee`,
    "",
  ]);
});
