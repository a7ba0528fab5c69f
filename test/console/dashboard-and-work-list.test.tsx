import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { WorkListPage } from "../../console/src/claims/work-list-page";
import { reasonOf, withReason } from "../../console/src/claims/claim-filters";
import { DashboardPage } from "../../console/src/dashboard/dashboard-page";
import { SessionsBoard } from "../../console/src/sessions/sessions-board";
import { formatDateInput, parseDateInput, presetRange } from "../../console/src/lib/date-input";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
});

function summary(from: string, to: string, full: boolean) {
  if (!full) return { __typename: "ClaimSummary", from, to, lineCount: 0, chargeCents: 0, byStatus: [], blockedByIssue: [], blockedByPayer: [], oldestUnbilled: [] };
  return {
    __typename: "ClaimSummary",
    from,
    to,
    lineCount: 9,
    chargeCents: 43200,
    byStatus: [
      { __typename: "ClaimStatusTotal", status: "READY", lineCount: 4, chargeCents: 19200 },
      { __typename: "ClaimStatusTotal", status: "BLOCKED", lineCount: 3, chargeCents: 14400 },
      { __typename: "ClaimStatusTotal", status: "BILLED", lineCount: 2, chargeCents: 9600 },
    ],
    blockedByIssue: [
      { __typename: "ClaimIssueTotal", code: "MISSING_MEMBER_NOTE", lineCount: 2, chargeCents: 9600 },
      { __typename: "ClaimIssueTotal", code: "NOTE_UNSIGNED", lineCount: 1, chargeCents: 4800 },
    ],
    blockedByPayer: [
      { __typename: "ClaimPayerTotal", lineCount: 2, chargeCents: 9600, payer: { __typename: "Payer", id: "pay-1", name: "State Medicaid" } },
      { __typename: "ClaimPayerTotal", lineCount: 1, chargeCents: 4800, payer: null },
    ],
    oldestUnbilled: [
      {
        __typename: "UnbilledSession",
        serviceDate: "2026-03-10",
        readyCount: 2,
        blockedCount: 1,
        session: { __typename: "GroupSession", id: "s-10", startsAt: "2026-03-10T15:00:00Z", group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" } },
      },
    ],
  };
}

function deadlineLine(id: string, code: string, date: string, message: string) {
  return {
    __typename: "ClaimDecisionEdge",
    node: {
      __typename: "ClaimDecision",
      id,
      status: code === "TIMELY_FILING_EXPIRED" ? "BLOCKED" : "READY",
      issues: [{ __typename: "ClaimIssue", code, message }],
      client: { __typename: "Client", id: `c-${id}`, firstName: "Nora", lastName: `Quinn${id}` },
      payer: { __typename: "Payer", id: "pay-1", name: "State Medicaid" },
      session: { __typename: "GroupSession", id: `s-${id}`, date, group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" } },
    },
  };
}

/** One expired line shown of the 3 there are, and one due soon. */
function filingDeadlines(): Reply {
  return {
    data: {
      expired: { __typename: "ClaimDecisionConnection", totalCount: 3, edges: [deadlineLine("1", "TIMELY_FILING_EXPIRED", "2026-01-05", "The last day to file this 2026-01-05 line was 2026-02-04.")] },
      soon: { __typename: "ClaimDecisionConnection", totalCount: 1, edges: [deadlineLine("2", "TIMELY_FILING_SOON", "2026-01-20", "The last day to file this 2026-01-20 line is 2026-02-19.")] },
    },
  };
}

/** Only last month has lines, as in the demo practice early in a month. */
function dashboardServer(call: Call): Reply {
  if (call.operationName === "FilingDeadlines") return filingDeadlines();
  if (call.operationName !== "Dashboard") throw new Error(`unexpected ${call.operationName}`);
  const v = call.variables as Record<string, string | boolean>;
  const strip = (s: ReturnType<typeof summary>) => (v.withMoney ? s : JSON.parse(JSON.stringify(s, (k, val) => (k === "chargeCents" ? undefined : val))));
  return { data: { thisMonth: strip(summary(v.thisFrom as string, v.thisTo as string, false)), lastMonth: strip(summary(v.lastFrom as string, v.lastTo as string, true)) } };
}

describe("dashboard", () => {
  it("opens on last month when this month has no lines, and every number links to exactly those lines", async () => {
    const { client, calls } = mockClient(dashboardServer);
    renderAs("BILLER", <DashboardPage />, client);
    const tiles = await screen.findByRole("list", { name: "Lines by status" });
    const dashboard = calls.find((c) => c.operationName === "Dashboard")!;
    const last = { from: dashboard.variables.lastFrom as string, to: dashboard.variables.lastTo as string };
    expect(screen.getByRole("button", { name: "Last month" })).toHaveAttribute("aria-pressed", "true");

    const ready = within(tiles).getByRole("link", { name: /Ready/ });
    expect(ready).toHaveTextContent("Ready4 lines$192.00");
    expect(ready).toHaveAttribute("href", `/claims?from=${last.from}&to=${last.to}&status=READY`);
    expect(within(tiles).getByRole("link", { name: /Blocked/ })).toHaveAttribute("href", `/claims?from=${last.from}&to=${last.to}&status=BLOCKED`);

    const reasons = screen.getByRole("list", { name: "Blocked lines by reason" });
    expect(within(reasons).getByRole("link", { name: "No note for this member" })).toHaveAttribute(
      "href",
      `/claims?from=${last.from}&to=${last.to}&status=BLOCKED&issueCode=MISSING_MEMBER_NOTE`,
    );
    expect(reasons).toHaveTextContent("$96.00 · 2 lines");
    const payers = screen.getByRole("list", { name: "Blocked lines by payer" });
    expect(within(payers).getByRole("link", { name: "State Medicaid" })).toHaveAttribute("href", `/claims?from=${last.from}&to=${last.to}&status=BLOCKED&payerId=pay-1`);
    // Lines without coverage cannot be listed by a payer: a label, not a link.
    expect(within(payers).getByText("No coverage").closest("a")).toBeNull();
    expect(screen.getByRole("link", { name: /^DBT Skills/ })).toHaveAttribute("href", "/sessions/s-10");

    await userEvent.setup().click(screen.getByRole("button", { name: "This month" }));
    expect(await screen.findByText("No claim lines in this month yet.")).toBeInTheDocument();
    expect(window.location.search).toBe("?month=this");
  });

  it("lists unbilled lines near or past their filing deadline, each opening the work list narrowed to it", async () => {
    const { client, calls } = mockClient(dashboardServer);
    renderAs("BILLER", <DashboardPage />, client);
    const panel = await screen.findByRole("region", { name: "Filing deadlines approaching" });
    const expired = await within(panel).findByRole("list", { name: "Deadline passed" });
    const asked = calls.find((c) => c.operationName === "FilingDeadlines")!.variables as { from: string; to: string };
    // The past year up to today, in the practice's zone.
    expect(Date.parse(asked.to) - Date.parse(asked.from)).toBe(365 * 86_400_000);
    expect(within(panel).getByRole("link", { name: "3 lines" })).toHaveAttribute("href", `/claims?from=${asked.from}&to=${asked.to}&flaggedBy=TIMELY_FILING_EXPIRED`);
    expect(within(panel).getByRole("link", { name: "1 line" })).toHaveAttribute("href", `/claims?from=${asked.from}&to=${asked.to}&flaggedBy=TIMELY_FILING_SOON`);
    expect(within(expired).getByRole("link", { name: /Nora Quinn1, DBT Skills/ })).toHaveAttribute("href", "/claims?from=2026-01-05&to=2026-01-05&flaggedBy=TIMELY_FILING_EXPIRED&clientId=c-1");
    expect(expired).toHaveTextContent("was 2026-02-04");
    const soon = within(panel).getByRole("list", { name: "Due within 14 days" });
    expect(within(soon).getByRole("link", { name: /Nora Quinn2/ })).toHaveAttribute("href", "/claims?from=2026-01-20&to=2026-01-20&flaggedBy=TIMELY_FILING_SOON&clientId=c-2");
    expect(soon).toHaveTextContent("State Medicaid");
  });

  it("says so when no line is near its filing deadline", async () => {
    const { client } = mockClient((call) =>
      call.operationName === "FilingDeadlines"
        ? { data: { expired: { __typename: "ClaimDecisionConnection", totalCount: 0, edges: [] }, soon: { __typename: "ClaimDecisionConnection", totalCount: 0, edges: [] } } }
        : dashboardServer(call),
    );
    renderAs("BILLER", <DashboardPage />, client);
    expect(await screen.findByText("No unbilled line is near its payer's filing deadline.")).toBeInTheDocument();
  });

  it("shows a clinician the counts only: no charges asked for or shown, no links to the claim list", async () => {
    const { client, calls } = mockClient(dashboardServer);
    renderAs("CLINICIAN", <DashboardPage />, client);
    const tiles = await screen.findByRole("list", { name: "Lines by status" });
    expect(calls.some((c) => c.operationName === "FilingDeadlines")).toBe(false);
    expect(calls[0]!.variables.withMoney).toBe(false);
    expect(tiles).toHaveTextContent("Ready4 lines");
    expect(document.body.textContent).not.toContain("$");
    expect([...document.querySelectorAll("a")].filter((a) => a.getAttribute("href")?.startsWith("/claims"))).toEqual([]);
  });
});

function line(id: string, status: string) {
  return {
    __typename: "ClaimDecisionEdge",
    node: {
      __typename: "ClaimDecision",
      id,
      status,
      cptCode: "90853",
      modifiers: ["HQ"],
      chargeCents: 4800,
      totalChargeCents: 4800,
      issues: status === "BLOCKED" ? [{ __typename: "ClaimIssue", code: "MISSING_MEMBER_NOTE", severity: "ERROR", message: "No note for this member.", missingRegistration: null }] : [],
      client: { __typename: "Client", id: `c-${id}`, firstName: "Nora", lastName: `Quinn${id}` },
      payer: { __typename: "Payer", id: "pay-1", name: "State Medicaid" },
      renderingProvider: { __typename: "Clinician", id: "cl-1", name: "Robin Lee" },
      session: { __typename: "GroupSession", id: "s-10", date: "2026-03-10", group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" } },
    },
  };
}

function workListServer(call: Call): Reply {
  switch (call.operationName) {
    case "ClaimFilterOptions":
      return {
        data: {
          payers: [{ __typename: "Payer", id: "pay-1", name: "State Medicaid" }],
          clinicians: [{ __typename: "Clinician", id: "cl-1", name: "Robin Lee" }],
          groups: [{ __typename: "TherapyGroup", id: "g1", name: "DBT Skills" }],
        },
      };
    case "ClaimLinesTotals":
      return {
        data: {
          claimSummary: {
            __typename: "ClaimSummary",
            lineCount: 5,
            chargeCents: 24000,
            byStatus: [
              { __typename: "ClaimStatusTotal", status: "READY", lineCount: 2, chargeCents: 9600 },
              { __typename: "ClaimStatusTotal", status: "BLOCKED", lineCount: 3, chargeCents: 14400 },
              { __typename: "ClaimStatusTotal", status: "BILLED", lineCount: 0, chargeCents: 0 },
            ],
          },
        },
      };
    case "ClaimLines": {
      const second = call.variables.after === "cursor-2";
      return {
        data: {
          claimDecisions: {
            __typename: "ClaimDecisionConnection",
            totalCount: 3,
            staleDates: 0,
            pageInfo: { __typename: "PageInfo", hasNextPage: !second, endCursor: second ? "cursor-3" : "cursor-2" },
            edges: second ? [line("3", "BLOCKED")] : [line("1", "BLOCKED"), line("2", "BLOCKED")],
          },
        },
      };
    }
    default:
      throw new Error(`unexpected ${call.operationName}`);
  }
}

const linesCalls = (calls: Call[]) => calls.filter((c) => c.operationName === "ClaimLines");

describe("the work list's Reason dropdown", () => {
  it("finds a warning through flaggedBy (issueCode matches only what blocks), and a blocking reason through issueCode", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client, calls } = mockClient(workListServer);
    const user = userEvent.setup();
    renderAs("BILLER", <WorkListPage />, client);
    await screen.findByText("Showing 2 of 3 lines.");
    const reason = screen.getByLabelText("Reason");
    await user.selectOptions(reason, "SESSION_TOO_LONG");
    await waitFor(() => expect(window.location.search).toBe("?from=2026-03-01&to=2026-03-31&flaggedBy=SESSION_TOO_LONG"));
    await waitFor(() => expect(linesCalls(calls).at(-1)!.variables).toMatchObject({ issueCode: null, flaggedBy: "SESSION_TOO_LONG" }));
    expect(reason).toHaveValue("SESSION_TOO_LONG");
    // The dropdown says it; no second "Flagged" chip.
    expect(screen.queryByText(/^Flagged:/)).toBeNull();
    await user.selectOptions(reason, "NOTE_UNSIGNED");
    await waitFor(() => expect(window.location.search).toBe("?from=2026-03-01&to=2026-03-31&issueCode=NOTE_UNSIGNED"));
    await user.selectOptions(reason, "");
    await waitFor(() => expect(window.location.search).toBe("?from=2026-03-01&to=2026-03-31"));
  });

  it("keeps a 'flagged by' from the dashboard's filing deadlines when a blocking reason is chosen", () => {
    expect(withReason({ issueCode: "", flaggedBy: "TIMELY_FILING_EXPIRED" }, "NOTE_UNSIGNED")).toEqual({ issueCode: "NOTE_UNSIGNED", flaggedBy: "TIMELY_FILING_EXPIRED" });
    expect(reasonOf({ issueCode: "", flaggedBy: "TIMELY_FILING_EXPIRED" })).toBe("");
    expect(reasonOf({ issueCode: "", flaggedBy: "TIMELY_FILING_SOON" })).toBe("TIMELY_FILING_SOON");
  });

  it("says 'line' for one", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client } = mockClient((call: Call) => {
      if (call.operationName !== "ClaimLines") return workListServer(call);
      return { data: { claimDecisions: { __typename: "ClaimDecisionConnection", totalCount: 1, staleDates: 0, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "c1" }, edges: [line("1", "BLOCKED")] } } };
    });
    renderAs("BILLER", <WorkListPage />, client);
    expect(await screen.findByText("Showing 1 of 1 line.")).toBeInTheDocument();
  });
});

describe("work list", () => {
  it("reads its filter from the address, asks the API for exactly it, and shows the filtered totals", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31&status=BLOCKED&issueCode=MISSING_MEMBER_NOTE&groupId=g1&search=quinn");
    const { client, calls } = mockClient(workListServer);
    renderAs("BILLER", <WorkListPage />, client);
    expect(await screen.findByText("Showing 2 of 3 lines.")).toBeInTheDocument();
    expect(linesCalls(calls)[0]!.variables).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      status: "BLOCKED",
      payerId: null,
      issueCode: "MISSING_MEMBER_NOTE",
      flaggedBy: null,
      clinicianId: null,
      groupId: "g1",
      clientId: null,
      search: "quinn",
      first: 50,
    });
    expect(calls.find((c) => c.operationName === "ClaimLinesTotals")!.variables).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      payerId: null,
      issueCode: "MISSING_MEMBER_NOTE",
      flaggedBy: null,
      clinicianId: null,
      groupId: "g1",
      clientId: null,
      search: "quinn",
    });
    expect(await screen.findByText("3 lines blocked")).toBeInTheDocument();
    expect(screen.getByText("$144.00")).toBeInTheDocument();
    expect(screen.getByLabelText("From")).toHaveValue("03/01/2026");
    expect(screen.getByLabelText("Status")).toHaveValue("BLOCKED");
    expect(screen.getByLabelText("Group")).toHaveValue("g1");
    expect(screen.queryByText(/still being recomputed/)).toBeNull();
  });

  it("says when part of the range is still being recomputed, so its counts may change", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client } = mockClient((call: Call) => {
      const answer = workListServer(call) as { data: Record<string, any> };
      // Only the list says how many of its dates wait; the totals beside it are read in the same moment.
      if (call.operationName === "ClaimLines") answer.data.claimDecisions.staleDates = 2;
      return answer;
    });
    renderAs("BILLER", <WorkListPage />, client);
    expect(await screen.findByText(/2 service dates are still being recomputed/)).toBeInTheDocument();
  });

  it("links a reason a biller may not fix to where they see it, and names who fixes what they may not open", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client } = mockClient((call: Call) => {
      const answer = workListServer(call) as { data: Record<string, any> };
      if (call.operationName === "ClaimLines") {
        const [note, group] = answer.data.claimDecisions.edges;
        group.node.issues = [{ __typename: "ClaimIssue", code: "NOT_PSYCHOTHERAPY", severity: "ERROR", message: "The group has no psychotherapy component.", missingRegistration: null }];
        answer.data.claimDecisions.edges = [note, group];
      }
      return answer;
    });
    renderAs("BILLER", <WorkListPage />, client);
    const seeNote = await screen.findByRole("link", { name: "No note for this member: see the note (a clinician writes it)" });
    expect(seeNote.getAttribute("href")).toBe("/sessions/s-10#note-c-1");
    const row = screen.getByText("(an administrator edits the group)").closest("tr")!;
    expect(row.getAttribute("data-line")).toBe("2");
    expect(within(row).queryByRole("link", { name: /^Not psychotherapy/i })).toBeNull();
  });

  it("puts each change of filter in the address, and keeps the list for the next visit to Claims", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client, calls } = mockClient(workListServer);
    const user = userEvent.setup();
    const view = renderAs("BILLER", <WorkListPage />, client);
    await screen.findByText("Showing 2 of 3 lines.");
    await user.selectOptions(screen.getByLabelText("Payer"), "pay-1");
    await user.selectOptions(screen.getByLabelText("Clinician"), "cl-1");
    await user.selectOptions(screen.getByLabelText("Reason"), "NOTE_UNSIGNED");
    await waitFor(() => expect(window.location.search).toBe("?from=2026-03-01&to=2026-03-31&payerId=pay-1&issueCode=NOTE_UNSIGNED&clinicianId=cl-1"));
    await waitFor(() => expect(linesCalls(calls).at(-1)!.variables).toMatchObject({ payerId: "pay-1", clinicianId: "cl-1", issueCode: "NOTE_UNSIGNED" }));

    // A member's name narrows the list to that member.
    await user.click(screen.getByRole("link", { name: "Only the lines of Nora Quinn1" }));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("clientId")).toBe("c-1"));
    view.unmount();

    // Back to Claims from the menu (no filter in the address): the list comes back as it was left.
    window.history.replaceState(null, "", "/claims");
    const again = mockClient((call) => (call.operationName === "ClaimFilterClient" ? { data: { client: { __typename: "Client", id: "c-1", firstName: "Nora", lastName: "Quinn1" } } } : workListServer(call)));
    renderAs("BILLER", <WorkListPage />, again.client);
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("clientId")).toBe("c-1"));
    await waitFor(() => expect(linesCalls(again.calls)[0]!.variables).toMatchObject({ payerId: "pay-1", clientId: "c-1", from: "2026-03-01" }));
    expect(await screen.findByText(/Member: Nora Quinn1/)).toBeInTheDocument();
  });

  it("takes dates typed as 10012026 or 10/01/2026 when the field is left, not on each keystroke, and refuses what is not a date", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-09-01&to=2026-12-31");
    const { client, calls } = mockClient(workListServer);
    const user = userEvent.setup();
    renderAs("BILLER", <WorkListPage />, client);
    await screen.findByText("Showing 2 of 3 lines.");
    const before = linesCalls(calls).length;
    const from = screen.getByLabelText("From");
    await user.clear(from);
    await user.type(from, "10012026");
    expect(linesCalls(calls)).toHaveLength(before);
    await user.tab();
    expect(from).toHaveValue("10/01/2026");
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("from")).toBe("2026-10-01"));
    await waitFor(() => expect(linesCalls(calls).at(-1)!.variables.from).toBe("2026-10-01"));

    const to = screen.getByLabelText("To");
    await user.clear(to);
    await user.type(to, "13/45/2026{Enter}");
    expect(await screen.findByText("Type a date as MM/DD/YYYY.")).toBeInTheDocument();
    expect(to).toHaveAttribute("aria-invalid", "true");
    expect(new URLSearchParams(window.location.search).get("to")).toBe("2026-12-31");

    await user.clear(to);
    await user.type(to, "09/15/2026{Enter}");
    expect(await screen.findByText("This is before the first date.")).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get("to")).toBe("2026-12-31");
  });

  it("searches once the typing stops, not per keystroke", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client, calls } = mockClient(workListServer);
    const user = userEvent.setup();
    renderAs("BILLER", <WorkListPage />, client);
    await screen.findByText("Showing 2 of 3 lines.");
    const before = linesCalls(calls).length;
    await user.type(screen.getByLabelText("Search"), "nora");
    expect(linesCalls(calls)).toHaveLength(before);
    await waitFor(() => expect(linesCalls(calls).at(-1)!.variables.search).toBe("nora"));
    expect(linesCalls(calls).filter((c) => c.variables.search !== null).map((c) => c.variables.search)).toEqual(["nora"]);
    expect(new URLSearchParams(window.location.search).get("search")).toBe("nora");
  });

  it("sets the dates from a preset, and loads the next page after the last", async () => {
    window.history.replaceState(null, "", "/claims?from=2026-03-01&to=2026-03-31");
    const { client, calls } = mockClient(workListServer);
    const user = userEvent.setup();
    renderAs("BILLER", <WorkListPage />, client);
    await screen.findByText("Showing 2 of 3 lines.");
    await user.click(screen.getByRole("button", { name: "Load more lines" }));
    expect(await screen.findByText("Showing 3 of 3 lines.")).toBeInTheDocument();
    expect(linesCalls(calls).at(-1)!.variables.after).toBe("cursor-2");
    expect(screen.queryByRole("button", { name: "Load more lines" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Last 90 days" }));
    const params = new URLSearchParams(window.location.search);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    expect({ from: params.get("from"), to: params.get("to") }).toEqual(presetRange("last-90-days", today));
    expect(screen.getByRole("button", { name: "Last 90 days" })).toHaveAttribute("aria-pressed", "true");
  });
});

describe("typed dates", () => {
  it.each([
    ["10012026", "2026-10-01"],
    ["10/01/2026", "2026-10-01"],
    ["1/2/2026", "2026-01-02"],
    ["2026-03-05", "2026-03-05"],
    ["20260305", "2026-03-05"],
    [" 02/29/2028 ", "2028-02-29"],
    ["02/29/2026", null],
    ["13/01/2026", null],
    ["10/01/26", null],
    ["0026-11-16", null],
    ["", null],
    ["yesterday", null],
  ])("%s -> %s", (typed, iso) => {
    expect(parseDateInput(typed)).toBe(iso);
  });

  it("shows dates as MM/DD/YYYY", () => {
    expect(formatDateInput("2026-10-01")).toBe("10/01/2026");
  });

  it.each([
    ["this-week", "2026-03-11", { from: "2026-03-08", to: "2026-03-14" }],
    ["last-week", "2026-03-11", { from: "2026-03-01", to: "2026-03-07" }],
    ["this-month", "2026-02-11", { from: "2026-02-01", to: "2026-02-28" }],
    ["last-month", "2026-01-15", { from: "2025-12-01", to: "2025-12-31" }],
    ["last-90-days", "2026-03-31", { from: "2026-01-01", to: "2026-03-31" }],
  ] as const)("%s on %s", (id, today, range) => {
    expect(presetRange(id, today)).toEqual(range);
  });
});

describe("sessions board dates", () => {
  it("takes a typed date on leaving the field, as the work list does", async () => {
    window.history.replaceState(null, "", "/sessions?from=2026-02-01&to=2026-04-30");
    const { client, calls } = mockClient((call) => {
      switch (call.operationName) {
        case "SessionsBoard":
          return {
            data: { sessions: { __typename: "GroupSessionConnection", totalCount: 0, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null }, edges: [] } },
          };
        case "BoardGroups":
          return { data: { groups: [] } };
        case "BoardPayers":
          return { data: { payers: [] } };
        default:
          throw new Error(`unexpected ${call.operationName}`);
      }
    });
    const user = userEvent.setup();
    renderAs("BILLER", <SessionsBoard />, client);
    expect(await screen.findByText("No sessions in these dates.")).toBeInTheDocument();
    const from = screen.getByLabelText("From");
    await user.clear(from);
    await user.type(from, "03012026");
    expect(calls.filter((c) => c.operationName === "SessionsBoard").map((c) => c.variables.from)).toEqual(["2026-02-01"]);
    await user.tab();
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("from")).toBe("2026-03-01"));
    await waitFor(() => expect(calls.filter((c) => c.operationName === "SessionsBoard").at(-1)!.variables.from).toBe("2026-03-01"));
    expect(await screen.findByText("No sessions in these dates.")).toBeInTheDocument();
  });
});
