import { screen, within } from "@testing-library/react";
import { DenialsPage } from "../../console/src/remittances/denials-page";
import { RemittancePage } from "../../console/src/remittances/remittances-page";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

const CO_45 = "The charge is above the fee schedule or contracted amount; the difference is written off.";
const CO_97 = "Paid as part of another service already decided, not separately.";
const N19 = "Procedure code incidental to the primary procedure.";

const adjustment = (level: "CLAIM" | "SERVICE_LINE", index: number | null, group: string, reasonCode: string, amountCents: number, kind: string, description: string, quantity: number | null = null) => ({
  __typename: "PostingAdjustment",
  level,
  serviceLineIndex: index,
  group,
  reasonCode,
  amountCents,
  quantity,
  kind,
  description,
});

/** The payer paid the 90853 (adjudicated without the HQ it was billed with) and refused the 90785 add-on as bundled. */
const serviceLines = [
  {
    __typename: "RemittanceServiceLine",
    index: 0,
    procedure: { __typename: "RemittanceProcedure", code: "90853", modifiers: [] },
    originalProcedure: { __typename: "RemittanceProcedure", code: "90853", modifiers: ["HQ"] },
    chargeCents: 4800,
    paidCents: 4500,
    outcome: "PAID",
    unitsPaid: 1,
    originalUnits: null,
    adjustments: [adjustment("SERVICE_LINE", 0, "CO", "45", 200, "CONTRACTUAL", CO_45), adjustment("SERVICE_LINE", 0, "PR", "3", 100, "COST_SHARE", "The patient's copay.")],
    remarks: [],
  },
  {
    __typename: "RemittanceServiceLine",
    index: 1,
    procedure: { __typename: "RemittanceProcedure", code: "90785", modifiers: ["HQ"] },
    originalProcedure: null,
    chargeCents: 1850,
    paidCents: 0,
    outcome: "DENIED",
    unitsPaid: 1,
    originalUnits: null,
    adjustments: [adjustment("SERVICE_LINE", 1, "CO", "97", 1850, "DENIAL", CO_97, 1)],
    remarks: [{ __typename: "PostingRemark", code: "N19", description: N19 }],
  },
];

const posting = (extra: Record<string, unknown> = {}) => ({
  __typename: "RemittancePosting",
  id: "rc1",
  lineId: "line1",
  patientControlNumber: "B1L1",
  statusCode: "1",
  outcome: "PARTIALLY_PAID",
  chargeCents: 6650,
  paidCents: 4500,
  patientResponsibilityCents: 100,
  deniedCents: 1850,
  payerClaimControlNumber: "PCC1",
  billedChargeCents: 6650,
  chargeWarning: null,
  postedAt: "2026-11-20T12:00:00Z",
  serviceDate: "2026-03-10",
  clientName: "Dana Reyes",
  payerId: "pay1",
  payerName: "Bay State Medicaid",
  // The posting lists every adjustment, the lines' too (numbered by line), and a claim-level remark of its own.
  adjustments: serviceLines.flatMap((l) => l.adjustments),
  remarks: [
    { __typename: "PostingRemark", level: "CLAIM", code: "MA01", description: "You may appeal this decision." },
    { __typename: "PostingRemark", level: "SERVICE_LINE", code: "N19", description: N19 },
  ],
  serviceLines,
  ...extra,
});

const remittance = (claim: ReturnType<typeof posting>) => ({
  __typename: "Remittance",
  id: "r1",
  fileName: "era.835",
  interchangeControlNumber: "000007001",
  usageIndicator: "P",
  importedAt: "2026-11-20T12:00:00Z",
  alreadyImported: false,
  payments: [{ __typename: "RemittancePayment", id: "pm1", traceNumber: "EFT7001", payerName: "BAY STATE MEDICAID", paymentCents: 4500, creditDebit: "C", paymentMethod: "ACH", paymentDate: "2026-11-18", providerAdjustments: [] }],
  claims: [claim],
});

const detailServer = (claim: ReturnType<typeof posting>) => (call: Call): Reply => {
  if (call.operationName === "Remittance") return { data: { remittance: remittance(claim) } };
  throw new Error(`unexpected ${call.operationName}`);
};

const cells = (row: HTMLElement) => [...row.querySelectorAll("th, td")].map((c) => c.textContent);

it("shows a posted claim's service lines one row each: code and modifiers, status, charged, paid, and the line's reasons in words", async () => {
  const { client } = mockClient(detailServer(posting()));
  renderAs("BILLER", <RemittancePage id="r1" />, client);
  const table = await screen.findByRole("table", { name: "Service lines of B1L1" });
  const [header, paid, addOn, ...rest] = within(table).getAllByRole("row");
  expect(rest).toEqual([]);
  expect(cells(header!)).toEqual(["Service", "Status", "Charged", "Paid", "Adjustments"]);
  expect(cells(paid!)).toEqual(["90853billed as 90853-HQ", "Paid", "$48.00", "$45.00", `CO-45 $2.00: ${CO_45}PR-3 $1.00: The patient's copay.`]);
  expect(cells(addOn!)).toEqual(["90785-HQ", "Denied", "$18.50", "$0.00", `CO-97 $18.50 (1 unit): ${CO_97}N19 ${N19}`]);

  // The lines sit in a row of their own under the claim's, which keeps only the claim's own reasons: none listed twice.
  const claims = screen.getByRole("table", { name: "Claims in this remittance" });
  const claimRow = within(claims).getAllByRole("row").find((r) => r.textContent?.startsWith("B1L1"))!;
  expect(claimRow.nextElementSibling).toContainElement(table);
  expect(within(claimRow).getByText("MA01")).toBeInTheDocument();
  expect(within(claimRow).queryByText("CO-97")).toBeNull();
  expect(within(claims).getAllByText("CO-97")).toHaveLength(1);
  expect(within(claims).getAllByText("N19")).toHaveLength(1);
});

it("shows units when the payer paid other than one, and lists every reason as the claim's when the posting has no lines kept", async () => {
  const halfPaid = [{ ...serviceLines[0]!, originalProcedure: null, unitsPaid: 0.5, originalUnits: 1 }];
  const { client } = mockClient(detailServer(posting({ serviceLines: halfPaid })));
  const view = renderAs("BILLER", <RemittancePage id="r1" />, client);
  const table = await screen.findByRole("table", { name: "Service lines of B1L1" });
  expect(cells(within(table).getAllByRole("row")[1]!)[0]).toBe("90853, 0.5 units (billed 1)");
  view.unmount();

  // Posted before service lines were kept: no line table, the reasons as a list, as they always were.
  const { client: older } = mockClient(detailServer(posting({ serviceLines: null })));
  renderAs("BILLER", <RemittancePage id="r1" />, older);
  const claims = await screen.findByRole("table", { name: "Claims in this remittance" });
  expect(within(claims).queryByRole("table")).toBeNull();
  expect(claims).toHaveTextContent(`CO-97 $18.50 (1 unit): ${CO_97}`);
  expect(claims).toHaveTextContent(`CO-45 $2.00: ${CO_45}`);
});

it("shows the service lines on the denial work list, where the refused add-on is worked", async () => {
  const { client } = mockClient((call) => {
    switch (call.operationName) {
      case "Denials":
        return {
          data: {
            denials: [
              {
                __typename: "DenialWorkItem",
                lineId: "line1",
                openBalanceCents: 1850,
                writtenOff: false,
                latest: posting({ remarks: [{ __typename: "PostingRemark", level: "SERVICE_LINE", code: "N19", description: N19 }] }),
                actions: [],
                rebill: null,
                ageDays: 40,
                reasonCodes: ["97"],
                availableActions: ["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"],
              },
            ],
            payers: [{ __typename: "Payer", id: "pay1", name: "Bay State Medicaid" }],
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
  renderAs("BILLER", <DenialsPage />, client);
  expect(await screen.findByText(/1 line, \$18\.50 open\./)).toBeInTheDocument();
  const rows = within(screen.getByRole("table", { name: "Service lines of B1L1" })).getAllByRole("row");
  expect(rows.slice(1).map((r) => cells(r).slice(0, 4))).toEqual([
    ["90853billed as 90853-HQ", "Paid", "$48.00", "$45.00"],
    ["90785-HQ", "Denied", "$18.50", "$0.00"],
  ]);
  expect(rows[2]).toHaveTextContent(`CO-97 $18.50 (1 unit): ${CO_97}`);
  // With no claim-level reason, the claim's row points at its lines.
  const workRow = screen.getAllByRole("row").find((r) => r.textContent?.startsWith("B1L1"))!;
  expect(workRow).toHaveTextContent("By service line, below");
});
