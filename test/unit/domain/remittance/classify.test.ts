import {
  classifyClaim,
  settleClaim,
  type Adjustment,
  type AdjustmentGroup,
  type ClaimOutcome,
  type RemittanceClaim,
} from "../../../../server/src/domain/remittance/index.js";
import { fixture, parsed } from "./fixtures.js";

const cas = (group: AdjustmentGroup, reasonCode: string, amountCents: number): Adjustment => ({
  group,
  reasonCode,
  amountCents,
  quantity: null,
  position: 0,
});

function claim(statusCode: string, chargeCents: number, paymentCents: number, adjustments: Adjustment[]): RemittanceClaim {
  return {
    position: 0,
    patientControlNumber: "HGT-1",
    statusCode,
    totalChargeCents: chargeCents,
    paymentCents,
    patientResponsibilityCents: null,
    filingIndicator: "12",
    payerClaimControlNumber: "X1",
    facilityCode: null,
    frequencyCode: null,
    adjustments,
    remarkCodes: [],
    patient: null,
    insured: null,
    statementFromDate: null,
    statementToDate: null,
    receivedDate: null,
    serviceLines: [],
  };
}

describe("classifyClaim", () => {
  const table: Array<[string, RemittanceClaim, ClaimOutcome]> = [
    ["paid in full after the contractual reduction", claim("1", 12500, 10000, [cas("CO", "45", 2500)]), "PAID"],
    ["paid with a copay and coinsurance", claim("1", 12500, 7000, [cas("CO", "45", 2500), cas("PR", "3", 2000), cas("PR", "2", 1000)]), "PAID"],
    ["paid as secondary after the prior payer's share", claim("2", 12500, 2000, [cas("OA", "23", 10500)]), "PAID"],
    ["paid after sequestration", claim("1", 10000, 9800, [cas("CO", "253", 200)]), "PAID"],
    ["nothing paid, all of it the deductible: adjudicated, the patient owes it", claim("1", 12500, 0, [cas("CO", "45", 2500), cas("PR", "1", 10000)]), "PAID"],
    ["part refused for frequency (CARC 151)", claim("1", 12500, 6050, [cas("CO", "45", 1450), cas("PR", "3", 2000), cas("CO", "151", 3000)]), "PARTIALLY_PAID"],
    ["part refused under an unlisted reason code", claim("1", 12500, 10000, [cas("CO", "999", 2500)]), "PARTIALLY_PAID"],
    ["status 4: the payer says denied", claim("4", 12500, 0, [cas("CO", "197", 12500)]), "DENIED"],
    ["status 4 wins over a payment", claim("4", 12500, 100, [cas("CO", "16", 12400)]), "DENIED"],
    ["processed, nothing paid, refused for authorization (CO 197)", claim("1", 12500, 0, [cas("CO", "197", 12500)]), "DENIED"],
    ["processed, nothing paid, non-covered and patient liable (PR 96)", claim("1", 12500, 0, [cas("PR", "96", 12500)]), "DENIED"],
    ["processed, nothing paid, CO and PR denial reasons", claim("1", 12500, 0, [cas("CO", "4", 8500), cas("PR", "204", 4000)]), "DENIED"],
    ["status 22: a reversal, whatever the amounts", claim("22", -12500, -10000, [cas("CO", "45", -2500)]), "REVERSED"],
    ["status 22 with denial codes is still a reversal", claim("22", -12500, 0, [cas("CO", "197", -12500)]), "REVERSED"],
    ["a refund of a denial amount does not make a denial", claim("1", 12500, 12600, [cas("CO", "16", -100)]), "PAID"],
  ];

  it.each(table)("%s", (_label, input, outcome) => {
    expect(classifyClaim(input)).toBe(outcome);
  });
});

describe("settleClaim", () => {
  it("flattens a denial's adjustments in file order with their meaning, and takes CLP05 as the patient's share", () => {
    const [denied] = parsed(fixture("denied.835")).payments[0]!.claims;
    const settlement = settleClaim(denied!);
    expect(settlement).toEqual({
      outcome: "DENIED",
      chargeCents: 12500,
      paidCents: 0,
      patientResponsibilityCents: 4000,
      deniedCents: 12500,
      adjustments: [
        {
          level: "CLAIM",
          serviceLineIndex: null,
          group: "CO",
          reasonCode: "197",
          amountCents: 6000,
          quantity: 1,
          kind: "DENIAL",
          description: "Required prior authorization, precertification or notification was not obtained.",
        },
        {
          level: "CLAIM",
          serviceLineIndex: null,
          group: "CO",
          reasonCode: "16",
          amountCents: 2500,
          quantity: null,
          kind: "DENIAL",
          description:
            "The claim is missing information or has a billing error the payer needs fixed before it can decide; the remark codes say what.",
        },
        { level: "CLAIM", serviceLineIndex: null, group: "PR", reasonCode: "96", amountCents: 3000, quantity: null, kind: "DENIAL", description: "The charge is not covered." },
        {
          level: "CLAIM",
          serviceLineIndex: null,
          group: "PR",
          reasonCode: "204",
          amountCents: 1000,
          quantity: null,
          kind: "DENIAL",
          description: "The patient's current benefit plan does not cover this service.",
        },
      ],
      remarks: [
        { level: "CLAIM", serviceLineIndex: null, code: "N54", description: "The claim does not match the services that were authorized or precertified." },
        { level: "CLAIM", serviceLineIndex: null, code: "M62", description: "The treatment authorization code is missing, incomplete or invalid." },
      ],
      serviceLines: [],
    });
  });

  it("numbers service-line adjustments and remarks by their line, and sums PR when CLP05 is absent", () => {
    const [withLines] = parsed(fixture("service-lines.835")).payments[0]!.claims;
    const settlement = settleClaim({ ...withLines!, patientResponsibilityCents: null });
    expect(settlement.outcome).toBe("PAID");
    expect(settlement.patientResponsibilityCents).toBe(2000);
    expect(settlement.deniedCents).toBe(0);
    expect(settlement.adjustments.map((a) => [a.level, a.serviceLineIndex, a.group, a.reasonCode, a.amountCents, a.kind])).toEqual([
      ["SERVICE_LINE", 0, "CO", "45", 2500, "CONTRACTUAL"],
      ["SERVICE_LINE", 1, "CO", "45", 2500, "CONTRACTUAL"],
      ["SERVICE_LINE", 1, "PR", "3", 2000, "COST_SHARE"],
    ]);
    expect(settlement.remarks).toEqual([
      { level: "SERVICE_LINE", serviceLineIndex: 1, code: "N657", description: "Bill these services with the code that fits them." },
    ]);
  });

  it("settles each service line on its own: what it is, what it cost and paid, and its own verdict", () => {
    const [withLines] = parsed(fixture("service-lines.835")).payments[0]!.claims;
    expect(settleClaim(withLines!).serviceLines).toEqual([
      {
        index: 0,
        position: 14,
        procedure: { qualifier: "HC", code: "90853", modifiers: ["HQ"] },
        originalProcedure: null,
        chargeCents: 12500,
        paidCents: 10000,
        unitsPaid: 1,
        originalUnits: null,
        revenueCode: null,
        serviceDate: "2026-10-20",
        serviceEndDate: null,
        lineControlNumber: "HGT-2610-0004-1",
        outcome: "PAID",
        deniedCents: 0,
      },
      {
        index: 1,
        position: 18,
        procedure: { qualifier: "HC", code: "90853", modifiers: ["HQ", "95"] },
        originalProcedure: null,
        chargeCents: 12500,
        paidCents: 8000,
        unitsPaid: 1,
        originalUnits: null,
        revenueCode: null,
        serviceDate: "2026-10-27",
        serviceEndDate: null,
        lineControlNumber: "HGT-2610-0004-2",
        outcome: "PAID",
        deniedCents: 0,
      },
    ]);
  });

  it.each<[string, string, number, number, Adjustment[], ClaimOutcome, number]>([
    ["an add-on refused as bundled, on a claim whose 90853 was paid", "1", 1850, 0, [cas("CO", "97", 1850)], "DENIED", 1850],
    ["a line paid in part, the rest refused for frequency", "1", 4800, 2400, [cas("CO", "151", 2400)], "PARTIALLY_PAID", 2400],
    ["a line whose whole charge went to the deductible", "1", 4800, 0, [cas("PR", "1", 4800)], "PAID", 0],
    ["a line the payer paid on a claim it calls denied (CLP02 4)", "4", 4800, 4500, [cas("CO", "45", 300)], "PAID", 0],
    ["a line of a reversal, whatever its reasons", "22", -1850, 0, [cas("CO", "97", -1850)], "REVERSED", -1850],
  ])("gives %s its own outcome", (_label, status, chargeCents, paymentCents, adjustments, outcome, deniedCents) => {
    const line = parsed(fixture("service-lines.835")).payments[0]!.claims[0]!.serviceLines[0]!;
    const settled = settleClaim({ ...claim(status, chargeCents, paymentCents, []), serviceLines: [{ ...line, chargeCents, paymentCents, adjustments, remarkCodes: [] }] });
    expect(settled.serviceLines.map((l) => [l.outcome, l.deniedCents])).toEqual([[outcome, deniedCents]]);
  });

  it("settles every claim of the fixtures as the fixture's name says", () => {
    const outcomes = (name: string) => parsed(fixture(name)).payments[0]!.claims.map((c) => settleClaim(c).outcome);
    expect(outcomes("paid.835")).toEqual(["PAID"]);
    expect(outcomes("partially-paid.835")).toEqual(["PARTIALLY_PAID"]);
    expect(outcomes("denied.835")).toEqual(["DENIED"]);
    expect(outcomes("reversal.835")).toEqual(["REVERSED", "PAID"]);
    expect(outcomes("plb.835")).toEqual(["PAID", "PAID"]);
  });

  it("reports the partial denial's refused dollars apart from the patient's share", () => {
    const [partial] = parsed(fixture("partially-paid.835")).payments[0]!.claims;
    expect(settleClaim(partial!)).toMatchObject({ paidCents: 6050, patientResponsibilityCents: 2000, deniedCents: 3000 });
  });
});
