import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClaimsPage } from "../../console/src/claims/claims-page";
import { DocumentationForm } from "../../console/src/sessions/documentation-form";
import type { SessionQuery } from "../../console/src/__generated__/graphql";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

const batch = {
  __typename: "ClaimBatch",
  id: "b1",
  createdAt: "2026-03-20T12:00:00Z",
  from: "2026-03-01",
  to: "2026-03-31",
  payer: null,
  lineCount: 3,
  totalChargeCents: 14400,
  voided: false,
  voidedAt: null,
  controlNumber: 7,
};

const batchReview = {
  claimSummary: {
    __typename: "ClaimSummary",
    staleDates: 0,
    byStatus: [
      { __typename: "ClaimStatusTotal", status: "READY", lineCount: 3, chargeCents: 23800 },
      { __typename: "ClaimStatusTotal", status: "BLOCKED", lineCount: 1, chargeCents: 4800 },
      { __typename: "ClaimStatusTotal", status: "BILLED", lineCount: 0, chargeCents: 0 },
    ],
    readyByPayer: [
      { __typename: "ClaimPayerTotal", lineCount: 2, chargeCents: 18200, payer: { __typename: "Payer", id: "pay-2", name: "Blue Shield" } },
      { __typename: "ClaimPayerTotal", lineCount: 1, chargeCents: 5600, payer: { __typename: "Payer", id: "pay-1", name: "State Medicaid" } },
    ],
  },
  claimDecisions: {
    __typename: "ClaimDecisionConnection",
    totalCount: 3,
    edges: ["1", "2", "3"].map((n) => ({
      __typename: "ClaimDecisionEdge",
      node: {
        __typename: "ClaimDecision",
        id: `l${n}`,
        chargeCents: n === "3" ? 5600 : 9100,
        client: { __typename: "Client", id: `c${n}`, firstName: "Dana", lastName: `Reyes${n}` },
        payer: n === "3" ? { __typename: "Payer", id: "pay-1", name: "State Medicaid" } : { __typename: "Payer", id: "pay-2", name: "Blue Shield" },
        session: { __typename: "GroupSession", id: "s1", date: "2026-03-10", group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" } },
      },
    })),
  },
  practice: { __typename: "Practice", id: "p1", taxId: null, taxonomyCode: "103T00000X", addressLine1: "1 Main St", addressCity: "Portland", addressState: "ME", addressZip: "04101", phone: null },
};

function claimsServer(batches: unknown[]) {
  return (call: Call): Reply => {
    switch (call.operationName) {
      case "ClaimBatches":
        return { data: { claimBatches: batches } };
      case "ClaimsPayers":
        return { data: { payers: [] } };
      case "ReadyCount":
        return { data: { ready: { __typename: "ClaimDecisionConnection", totalCount: 3 }, blocked: { __typename: "ClaimDecisionConnection", totalCount: 1 } } };
      case "BatchReview":
        return { data: { claimSummary: batchReview.claimSummary, practice: batchReview.practice } };
      case "BatchReviewLines":
        return { data: { claimDecisions: batchReview.claimDecisions } };
      case "CreateClaimBatch":
        return new Promise((resolve) => setTimeout(() => resolve({ data: { createClaimBatch: batch } }), 30)) as never;
      case "CreateSecondaryClaims":
        return { data: { createSecondaryClaims: { __typename: "ClaimBatch", id: "b9", controlNumber: 9, lineCount: 2 } } };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  };
}

it("sends one idempotency key for a double click, and a new one for the next batch", async () => {
  const { client, calls } = mockClient(claimsServer([]));
  renderAs("BILLER", <ClaimsPage />, client);
  expect(await screen.findByText("3 lines ready to bill; 1 still blocked.")).toBeInTheDocument();
  await userEvent.setup().click(screen.getByRole("button", { name: "Review batch" }));
  await screen.findByRole("region", { name: "Review the batch" });
  expect(calls.filter((c) => c.operationName === "CreateClaimBatch")).toHaveLength(0);
  const create = screen.getByRole("button", { name: "Create batch" });
  fireEvent.click(create);
  fireEvent.click(create);
  expect(await screen.findByText(/Batch #7 made: 3 lines, \$144\.00/)).toBeInTheDocument();
  const creates = calls.filter((c) => c.operationName === "CreateClaimBatch");
  const keys = new Set(creates.map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey));
  expect(creates.length).toBeGreaterThanOrEqual(1);
  expect(keys.size).toBe(1);

  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Review batch" }));
  await user.click(await screen.findByRole("button", { name: "Create batch" }));
  await waitFor(() => expect(calls.filter((c) => c.operationName === "CreateClaimBatch").length).toBe(creates.length + 1));
  const last = calls.filter((c) => c.operationName === "CreateClaimBatch").pop()!;
  expect(keys.has((last.variables.input as { idempotencyKey: string }).idempotencyKey)).toBe(false);
});

it("warns on a batch whose lines today's data no longer supports", async () => {
  const discrepancy = "Dana Reyes on 2026-03-10: no longer marked present at that session, but billed in this batch.";
  const { client } = mockClient((call) => {
    if (call.operationName === "ClaimBatchLines") {
      return { data: { claimBatch: { __typename: "ClaimBatch", id: "b1", discrepancies: [discrepancy], lines: [] } } };
    }
    return claimsServer([batch])(call);
  });
  renderAs("BILLER", <ClaimsPage />, client);
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "#7" }));
  expect(await screen.findByText(discrepancy)).toBeInTheDocument();
  expect(screen.getByText(/no longer supports a line of this batch/)).toBeInTheDocument();
});

it("lists batches with downloads, and offers void only to roles that manage batches", async () => {
  const { client } = mockClient(claimsServer([batch, { ...batch, id: "b0", controlNumber: 6, voided: true, voidedAt: "2026-03-21T10:00:00Z" }]));
  renderAs("BILLER", <ClaimsPage />, client);
  expect(await screen.findByRole("button", { name: "Download batch 7 as 837P" })).toBeInTheDocument();
  expect(screen.getAllByRole("button", { name: "Void" })).toHaveLength(1);
  // The void batch offers no file to send.
  expect(screen.queryByRole("button", { name: "Download batch 6 as CSV" })).toBeNull();
  expect(screen.queryByRole("button", { name: "Download batch 6 as 837P" })).toBeNull();
  // Only void claims, which the server writes when the batch had been sent.
  expect(screen.getByRole("button", { name: "Download the void claims of batch 6 as 837P" })).toBeInTheDocument();
  await userEvent.setup().click(screen.getByRole("button", { name: "Void" }));
  expect(await screen.findByRole("dialog", { name: "Void batch #7?" })).toBeInTheDocument();
});

it("bills secondary payers for a batch on request and says how many claims it made", async () => {
  const { client, calls } = mockClient(claimsServer([batch]));
  renderAs("BILLER", <ClaimsPage />, client);
  const user = userEvent.setup();
  // Offered in the opened batch.
  expect(screen.queryByRole("button", { name: "Bill secondary payers for batch 7" })).toBeNull();
  await user.click(await screen.findByRole("button", { name: "#7" }));
  await user.click(await screen.findByRole("button", { name: "Bill secondary payers for batch 7" }));
  expect(await screen.findByRole("status")).toHaveTextContent("Batch #9 bills 2 secondary claim(s).");
  const sent = calls.filter((c) => c.operationName === "CreateSecondaryClaims");
  expect(sent).toHaveLength(1);
  expect(sent[0]!.variables).toMatchObject({ batchId: (batch as { id: string }).id, idempotencyKey: expect.any(String) });
});

it("reviews a batch before creating it: lines, totals by payer, the blocked lines and the billing details still missing", async () => {
  const { client, calls } = mockClient(claimsServer([]));
  const user = userEvent.setup();
  renderAs("BILLER", <ClaimsPage />, client);
  await screen.findByText("3 lines ready to bill; 1 still blocked.");
  await user.click(screen.getByRole("button", { name: "Review batch" }));
  const review = await screen.findByRole("region", { name: "Review the batch" });
  expect(within(review).getByRole("heading", { name: "This batch would bill 3 lines, $238.00" })).toBeInTheDocument();
  const byPayer = within(review).getByRole("region", { name: "Totals by payer" });
  expect(within(byPayer).getAllByRole("row").map((r) => r.textContent)).toEqual(["PayerLinesTotal", "Blue Shield2$182.00", "State Medicaid1$56.00"]);
  expect(review).toHaveTextContent("1 line is blocked and stays out of this batch.");
  const review_ = calls.find((c) => c.operationName === "BatchReview")!.variables as { from: string; to: string };
  expect(within(review).getByRole("link", { name: "See what blocks it" })).toHaveAttribute("href", `/claims?from=${review_.from}&to=${review_.to}&status=BLOCKED`);
  // A biller cannot edit the practice: told whom to ask rather than sent to a screen they cannot open.
  expect(review).toHaveTextContent("The 837P file will need the practice's tax id (EIN), phone (the CSV file does not). Ask an owner or admin");
  expect(within(review).getAllByRole("row")).toHaveLength(3 + 4);

  // Changing the dates leaves the review: what was reviewed is what gets billed.
  // The date is typed (MM/DD/YYYY) and applies when the field is left.
  fireEvent.change(screen.getByLabelText("First service date"), { target: { value: "03/02/2026" } });
  fireEvent.blur(screen.getByLabelText("First service date"));
  expect(screen.queryByRole("region", { name: "Review the batch" })).toBeNull();
  expect(screen.getByRole("button", { name: "Review batch" })).toBeInTheDocument();
  await waitFor(() => expect(calls.some((c) => c.operationName === "ReadyCount" && c.variables.from === "2026-03-02")).toBe(true));
  expect(await screen.findByText("3 lines ready to bill; 1 still blocked.")).toBeInTheDocument();
});

type Session = NonNullable<SessionQuery["session"]>;
const session = { __typename: "GroupSession", id: "s1", topics: "Grief", interventions: "CBT", version: 3 } as unknown as Session;

it("shows a CONFLICT on group documentation clearly and keeps the writer's text", async () => {
  const { client } = mockClient((call) => {
    if (call.operationName === "UpdateSessionDocumentation") {
      return { errors: [{ message: "This session was changed by someone else; reload it and try again", extensions: { code: "CONFLICT" } }] };
    }
    throw new Error(`unexpected ${call.operationName}`);
  });
  renderAs("CLINICIAN", <DocumentationForm session={session} canEdit />, client);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Topics"), " and loss");
  await user.click(screen.getByRole("button", { name: "Save documentation" }));
  expect(await screen.findByText("Someone else saved this documentation after you started editing.")).toBeInTheDocument();
  expect(screen.getByLabelText("Topics")).toHaveValue("Grief and loss");
  expect(screen.getByRole("button", { name: "Save mine over theirs" })).toBeInTheDocument();
});

it("batch form: a date's message goes as soon as that date is edited, the other date's stays", async () => {
  const { client } = mockClient((call) =>
    call.operationName === "CreateClaimBatch"
      ? badUserInput([
          { field: "input.from", message: "The first date must be on or after the practice opened" },
          { field: "input.to", message: "The last date cannot be in the future" },
        ])
      : claimsServer([])(call),
  );
  renderAs("BILLER", <ClaimsPage />, client);
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Review batch" }));
  await user.click(await screen.findByRole("button", { name: "Create batch" }));
  const messageOf = (label: string) => document.getElementById(`${screen.getByLabelText(label).id}-error`)?.textContent ?? null;
  await waitFor(() => expect(messageOf("First service date")).toBe("The first date must be on or after the practice opened"));
  expect(messageOf("Last service date")).toBe("The last date cannot be in the future");
  // Typing, before the date is even applied, makes the old answer stale for that date alone.
  await user.type(screen.getByLabelText("First service date"), "1");
  expect(messageOf("First service date")).toBeNull();
  expect(screen.getByLabelText("First service date")).toHaveAttribute("aria-invalid", "false");
  expect(messageOf("Last service date")).toBe("The last date cannot be in the future");
});
