import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClaimsPage } from "../../console/src/claims/claims-page";
import { DocumentationForm } from "../../console/src/sessions/documentation-form";
import type { SessionQuery } from "../../console/src/__generated__/graphql";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

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

function claimsServer(batches: unknown[]) {
  return (call: Call): Reply => {
    switch (call.operationName) {
      case "ClaimBatches":
        return { data: { claimBatches: batches } };
      case "ClaimsPayers":
        return { data: { payers: [] } };
      case "ReadyCount":
        return { data: { ready: { __typename: "ClaimDecisionConnection", totalCount: 3 }, blocked: { __typename: "ClaimDecisionConnection", totalCount: 1 } } };
      case "CreateClaimBatch":
        return new Promise((resolve) => setTimeout(() => resolve({ data: { createClaimBatch: batch } }), 30)) as never;
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  };
}

it("sends one idempotency key for a double click, and a new one for the next batch", async () => {
  const { client, calls } = mockClient(claimsServer([]));
  renderAs("BILLER", <ClaimsPage />, client);
  expect(await screen.findByText("3 lines ready to bill; 1 still blocked (see Sessions).")).toBeInTheDocument();
  const create = screen.getByRole("button", { name: "Create batch" });
  fireEvent.click(create);
  fireEvent.click(create);
  expect(await screen.findByText(/Batch #7 made: 3 lines, \$144\.00/)).toBeInTheDocument();
  const creates = calls.filter((c) => c.operationName === "CreateClaimBatch");
  const keys = new Set(creates.map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey));
  expect(creates.length).toBeGreaterThanOrEqual(1);
  expect(keys.size).toBe(1);

  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Create batch" }));
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
  await userEvent.setup().click(screen.getByRole("button", { name: "Void" }));
  expect(await screen.findByRole("dialog", { name: "Void batch #7?" })).toBeInTheDocument();
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
