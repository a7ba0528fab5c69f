import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DenialsPage } from "../../console/src/remittances/denials-page";
import { RemittancesPage } from "../../console/src/remittances/remittances-page";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

const posting = (n: number, outcome: string, extra: Record<string, unknown> = {}) => ({
  __typename: "RemittancePosting",
  id: `rc${n}`,
  lineId: `line${n}`,
  patientControlNumber: `B1L${n}`,
  statusCode: outcome === "DENIED" ? "4" : "1",
  outcome,
  chargeCents: 4800,
  paidCents: outcome === "DENIED" ? 0 : 4450,
  patientResponsibilityCents: 0,
  deniedCents: outcome === "DENIED" ? 4800 : 0,
  payerClaimControlNumber: `PCC${n}`,
  postedAt: "2026-11-20T12:00:00Z",
  serviceDate: "2026-10-06",
  clientName: `Dana Reyes${n}`,
  payerId: "pay1",
  payerName: "Bay State Medicaid",
  adjustments:
    outcome === "DENIED"
      ? [{ __typename: "PostingAdjustment", level: "CLAIM", serviceLineIndex: null, group: "CO", reasonCode: "197", amountCents: 4800, quantity: null, kind: "DENIAL", description: "Required prior authorization was not obtained." }]
      : [{ __typename: "PostingAdjustment", level: "CLAIM", serviceLineIndex: null, group: "CO", reasonCode: "45", amountCents: 350, quantity: null, kind: "CONTRACTUAL", description: "Over the fee schedule." }],
  remarks: [],
  ...extra,
});

const remittance = (alreadyImported = false) => ({
  __typename: "Remittance",
  id: "r1",
  fileName: "era.835",
  interchangeControlNumber: "000007001",
  usageIndicator: "T",
  importedAt: "2026-11-20T12:00:00Z",
  alreadyImported,
  payments: [{ __typename: "RemittancePayment", id: "pm1", traceNumber: "EFT7001", payerName: "BAY STATE MEDICAID", paymentCents: 4450, paymentMethod: "ACH", paymentDate: "2026-10-28" }],
  claims: [posting(1, "PAID"), posting(2, "DENIED")],
});

function remittanceServer(importReply: Reply) {
  return (call: Call): Reply => {
    switch (call.operationName) {
      case "Remittances":
        return { data: { remittances: [] } };
      case "ImportRemittance":
        return importReply;
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  };
}

it("imports a pasted 835 and shows each claim's status, amounts and reasons in words", async () => {
  const { client, calls } = mockClient(remittanceServer({ data: { importRemittance: remittance() } }));
  renderAs("BILLER", <RemittancesPage />, client);
  await userEvent.type(await screen.findByLabelText("Or paste the file's text"), "ISA*00~");
  await userEvent.click(screen.getByRole("button", { name: "Import and post" }));
  expect(await screen.findByText(/Posted 2 claims, \$44\.50 paid: 1 paid, 1 denied\./)).toBeInTheDocument();
  expect(calls.find((c) => c.operationName === "ImportRemittance")!.variables).toEqual({ input: { text: "ISA*00~", fileName: null } });
  const rows = within(screen.getByRole("table", { name: "Claims in this remittance" })).getAllByRole("row");
  expect(rows[2]).toHaveTextContent("B1L2");
  expect(rows[2]).toHaveTextContent("Denied");
  expect(rows[2]).toHaveTextContent("CO-197 $48.00: Required prior authorization was not obtained.");
});

it("says nothing was posted and lists every problem a refused file has, by segment", async () => {
  const problems = [
    { field: "text", message: "CLP at segment 14: patient control number B9L1 (CLP01) matches no billed line of this practice" },
    { field: "text", message: "BPR (segment 4), BPR02: the payment does not balance" },
  ];
  const { client } = mockClient(remittanceServer(badUserInput(problems)));
  renderAs("OWNER", <RemittancesPage />, client);
  await userEvent.type(await screen.findByLabelText("Or paste the file's text"), "ISA~");
  await userEvent.click(screen.getByRole("button", { name: "Import and post" }));
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("Nothing was posted.");
  expect(within(alert).getAllByRole("listitem").map((li) => li.textContent)).toEqual(problems.map((p) => p.message));
});

it("tells that a repeated file posted nothing again", async () => {
  const { client } = mockClient(remittanceServer({ data: { importRemittance: remittance(true) } }));
  renderAs("OWNER", <RemittancesPage />, client);
  await userEvent.type(await screen.findByLabelText("Or paste the file's text"), "ISA~");
  await userEvent.click(screen.getByRole("button", { name: "Import and post" }));
  expect(await screen.findByText(/already imported on .*; nothing was posted again/)).toBeInTheDocument();
});

it("hides the import from a role that may only read", async () => {
  const { client } = mockClient(remittanceServer({ data: null }));
  renderAs("CLINICIAN", <RemittancesPage />, client);
  await screen.findByText("Imported files");
  expect(screen.queryByLabelText("Or paste the file's text")).toBeNull();
});

it("lists denials with their open balance, writes one off with a reason, and charts the report", async () => {
  let writtenOff = false;
  const denial = () => ({
    __typename: "DenialWorkItem",
    lineId: "line2",
    openBalanceCents: writtenOff ? 0 : 4800,
    writtenOff,
    latest: posting(2, "DENIED"),
    actions: writtenOff ? [{ __typename: "DenialAction", kind: "WRITE_OFF", note: "Too old to appeal", amountCents: 4800, createdAt: "2026-11-21T12:00:00Z" }] : [],
    ageDays: 50,
    reasonCodes: ["197"],
    availableActions: writtenOff ? ["APPEAL_NOTE"] : ["WRITE_OFF", "APPEAL_NOTE"],
  });
  const { client, calls } = mockClient((call) => {
    switch (call.operationName) {
      case "Denials":
        return { data: { denials: [denial()], payers: [{ __typename: "Payer", id: "pay1", name: "Bay State Medicaid" }] } };
      case "RemittanceTotals":
        return { data: { remittanceTotals: [{ __typename: "RemittanceTotal", payerId: "pay1", payerName: "Bay State Medicaid", month: "2026-10", billedCents: 9600, paidCents: 4450, deniedCents: 4800, outstandingCents: 4800 }] } };
      case "DenialReport":
        return {
          data: {
            denialReport: [
              {
                __typename: "DenialReportPayer",
                payerId: "pay1",
                payerName: "Bay State Medicaid",
                preventedCount: 0,
                preventedCents: 0,
                missedCount: 1,
                missedCents: 4800,
                reasons: [
                  {
                    __typename: "DenialReportReason",
                    reasonCode: "197",
                    description: "Required prior authorization was not obtained.",
                    prevented: false,
                    count: 1,
                    deniedCents: 4800,
                    prevention: { __typename: "DenialPreventionRule", area: "PRIOR_AUTHORIZATION", payerRuleField: "requirePriorAuthorization", suggestion: "Require a prior authorization." },
                  },
                ],
              },
            ],
          },
        };
      case "PreviewPayerRules":
        return {
          data: {
            previewPayerRules: {
              __typename: "RulesImpact",
              decisionsEvaluated: 12,
              newlyBlocked: 3,
              newlyReady: 0,
              otherwiseChanged: 1,
              unchanged: 8,
              timeline: [],
              changes: [],
            },
          },
        };
      case "WriteOffDenial":
        writtenOff = true;
        return { data: { writeOffDenial: { ...denial(), __typename: "LineRemittance", history: [] } } };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  });
  renderAs("OWNER", <DenialsPage />, client);
  expect(await screen.findByText(/1 line, \$48\.00 open\./)).toBeInTheDocument();
  expect(screen.getByText(/Correct-and-rebill .* is not built yet/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Write off" }));
  await userEvent.type(screen.getByLabelText("Reason"), "Too old to appeal");
  await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Write off" }));
  await waitFor(() => expect(calls.find((c) => c.operationName === "WriteOffDenial")?.variables).toEqual({ lineId: "line2", reason: "Too old to appeal" }));
  expect(await screen.findByText("Written off $48.00: Too old to appeal")).toBeInTheDocument();

  expect(screen.getByRole("img", { name: "Denied dollars per payer: prevented and missed" })).toBeInTheDocument();
  expect(screen.getByText(/Bay State Medicaid: 0 prevented \(\$0\.00\), 1 missed \(\$48\.00\)/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Open the rule editor" })).toHaveAttribute("href", "/payers/pay1");
  await userEvent.click(screen.getByRole("button", { name: "Preview this change" }));
  expect(await screen.findByText(/of 12 lines, 3 would have been held and 1 would have changed otherwise/)).toBeInTheDocument();
  const preview = calls.find((c) => c.operationName === "PreviewPayerRules")!.variables;
  expect(preview).toMatchObject({ payerId: "pay1", rules: { requirePriorAuthorization: true, effectiveFrom: preview.from } });
});
