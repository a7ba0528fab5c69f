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
  billedChargeCents: 4800,
  chargeWarning: null,
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
  serviceLines: [],
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
  payments: [{ __typename: "RemittancePayment", id: "pm1", traceNumber: "EFT7001", payerName: "BAY STATE MEDICAID", paymentCents: 4450, creditDebit: "C", paymentMethod: "ACH", paymentDate: "2026-10-28", providerAdjustments: [] }],
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
    rebill: null,
    ageDays: 50,
    reasonCodes: ["197"],
    availableActions: writtenOff ? ["APPEAL_NOTE"] : ["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"],
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

it("shows a payment's provider-level adjustments (PLB) and the claims whose charge differs from what was billed", async () => {
  const withPlb = {
    ...remittance(),
    payments: [
      {
        ...remittance().payments[0],
        paymentCents: 4325,
        providerAdjustments: [
          { __typename: "ProviderAdjustment", providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "WO", description: "Overpayment recovery: money taken back for an earlier overpayment.", referenceId: "ICN-9", amountCents: 250, segmentPosition: 30 },
          { __typename: "ProviderAdjustment", providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "L6", description: "Interest owed to the provider on a late payment.", referenceId: null, amountCents: -125, segmentPosition: 30 },
        ],
      },
    ],
    claims: [
      posting(1, "PAID", { chargeCents: 5000, chargeWarning: "CLP at segment 18: the payer's charge (CLP03) 50.00 differs from the 48.00 billed for this line; posted as sent, check the payer's pricing" }),
      posting(2, "DENIED"),
    ],
  };
  const { client } = mockClient(remittanceServer({ data: { importRemittance: withPlb } }));
  renderAs("BILLER", <RemittancesPage />, client);
  await userEvent.type(await screen.findByLabelText("Or paste the file's text"), "ISA~");
  await userEvent.click(screen.getByRole("button", { name: "Import and post" }));
  expect(await screen.findByText(/Provider-level adjustments \$1\.25, so the payment is \$43\.25\./)).toBeInTheDocument();
  const plb = within(screen.getByRole("table", { name: /Provider-level adjustments \(PLB\)/ })).getAllByRole("row");
  expect(plb.slice(1).map((r) => r.textContent)).toEqual([
    "EFT7001WO Overpayment recovery: money taken back for an earlier overpayment.ICN-9$2.50",
    "EFT7001L6 Interest owed to the provider on a late payment.—-$1.25",
  ]);
  const warnings = screen.getByRole("note", { name: "Charge warnings" });
  expect(warnings).toHaveTextContent("1 claim posted with a charge that differs from what was billed");
  expect(warnings).toHaveTextContent("B1L1 (Dana Reyes1): CLP at segment 18: the payer's charge (CLP03) 50.00 differs from the 48.00 billed");
  const rows = within(screen.getByRole("table", { name: "Claims in this remittance" })).getAllByRole("row");
  expect(rows[1]).toHaveTextContent("$50.00Billed $48.00");
});

it("corrects and rebills a denied line after confirmation, and says what still blocks it when the server refuses", async () => {
  let rebilled = false;
  let attempts = 0;
  const denial = {
    __typename: "DenialWorkItem",
    lineId: "line2",
    openBalanceCents: 4800,
    writtenOff: false,
    latest: posting(2, "DENIED"),
    actions: [],
    rebill: null,
    ageDays: 50,
    reasonCodes: ["197"],
    availableActions: ["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"],
  };
  const { client, calls } = mockClient((call) => {
    switch (call.operationName) {
      case "Denials":
        return { data: { denials: rebilled ? [] : [denial], payers: [] } };
      case "RemittanceTotals":
        return { data: { remittanceTotals: [] } };
      case "DenialReport":
        return { data: { denialReport: [] } };
      case "ClaimBatches":
        return { data: { claimBatches: [] } };
      case "CorrectAndRebill":
        attempts += 1;
        if (attempts === 1) return badUserInput([{ field: "lineId", message: "its claim line is BLOCKED now (A prior authorization is required.). Correct that first." }]);
        rebilled = true;
        return { data: { correctAndRebill: { __typename: "ClaimBatch", id: "b9", controlNumber: 9, lines: [{ __typename: "ClaimDecision", patientControlNumber: "B9L1" }] } } };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  });
  renderAs("BILLER", <DenialsPage />, client);
  await userEvent.click(await screen.findByRole("button", { name: "Correct and rebill" }));
  const dialog = screen.getByRole("dialog");
  expect(dialog).toHaveTextContent("replacement claim for the payer's claim PCC2");
  await userEvent.click(within(dialog).getByRole("button", { name: "Rebill this line" }));
  expect(await within(dialog).findByText(/Nothing was rebilled: its claim line is BLOCKED now \(A prior authorization is required\.\)/)).toBeInTheDocument();
  // Fixed meanwhile: the same confirmation tries again with the same key.
  await userEvent.click(within(dialog).getByRole("button", { name: "Rebill this line" }));
  expect(await screen.findByText(/Rebilled Dana Reyes2, .* as B9L1 in batch 9/)).toBeInTheDocument();
  const sent = calls.filter((c) => c.operationName === "CorrectAndRebill").map((c) => c.variables);
  expect(sent).toHaveLength(2);
  expect(sent[0]).toEqual({ lineId: "line2", idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(sent[1]).toEqual(sent[0]);
  expect(screen.queryByRole("dialog")).toBeNull();
  expect(await screen.findByText("No denials match.")).toBeInTheDocument();
});

it("offers no rebill to a line already rebilled, and shows its replacement", async () => {
  const { client } = mockClient((call) => {
    switch (call.operationName) {
      case "Denials":
        return {
          data: {
            denials: [
              {
                __typename: "DenialWorkItem",
                lineId: "line2",
                openBalanceCents: 0,
                writtenOff: false,
                latest: posting(2, "DENIED"),
                actions: [],
                rebill: { __typename: "LineRebill", lineId: "line9", patientControlNumber: "B9L1", batchControlNumber: 9, rebilledAt: "2026-11-22T12:00:00Z" },
                ageDays: 50,
                reasonCodes: ["197"],
                availableActions: ["APPEAL_NOTE"],
              },
            ],
            payers: [],
          },
        };
      case "RemittanceTotals":
        return { data: { remittanceTotals: [] } };
      case "DenialReport":
        return { data: { denialReport: [] } };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  });
  renderAs("OWNER", <DenialsPage />, client);
  expect(await screen.findByText("Rebilled as B9L1 (batch 9)")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Correct and rebill" })).toBeNull();
  expect(screen.getByRole("button", { name: "Note appeal" })).toBeInTheDocument();
});
