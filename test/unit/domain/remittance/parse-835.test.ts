import { readdirSync } from "node:fs";
import { X12Interchange, X12Parser } from "node-x12";
import { parse835, paymentKeys, type RemittancePayment } from "../../../../server/src/domain/remittance/index.js";
import { x835 } from "../../../support/x835.js";
import { FIXTURE_DIR, VALID_FIXTURES, fixture, parsed } from "./fixtures.js";

const payer = {
  name: "BLUE HARBOR HEALTH PLAN",
  idQualifier: null,
  id: null,
  additionalIds: [{ qualifier: "2U", value: "BHHP01" }],
};
const payee = {
  name: "HARBOR GROUP THERAPY",
  idQualifier: "XX",
  id: "1234567893",
  npi: "1234567893",
  taxId: "123456789",
  additionalIds: [{ qualifier: "TJ", value: "123456789" }],
};
const rivera = { lastName: "RIVERA", firstName: "ANA", middleName: null, idQualifier: "MI", id: "W123456789" };

function onlyPayment(name: string): RemittancePayment {
  const remittance = parsed(fixture(name));
  expect(remittance.payments).toHaveLength(1);
  return remittance.payments[0]!;
}

describe("parse835 on the hand-built fixtures", () => {
  it("has a test for every fixture file", () => {
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual([...VALID_FIXTURES, "malformed.835", "unbalanced.835", "plb-missing.835"].sort());
  });

  it.each(VALID_FIXTURES)("%s is also accepted by node-x12 in strict mode", (name) => {
    const parser = new X12Parser(true);
    const interchange = parser.parse(fixture(name));
    expect(parser.diagnostics).toEqual([]);
    expect(interchange).toBeInstanceOf(X12Interchange);
  });

  it("builds files with test/support/x835.ts that node-x12 accepts in strict mode too", () => {
    const text = x835({
      plb: [{ providerId: "1234567893", fiscalDate: "20261231", items: [["WO", "X1", "5"]] }],
      claims: [
        {
          pcn: "HGT-1",
          status: "1",
          charge: "125",
          paid: "80",
          patientResponsibility: "20",
          patient: { last: "RIVERA", first: "ANA", memberId: "W1" },
          moaRemarks: ["MA01"],
          from: "20261001",
          to: "20261001",
          lines: [
            { procedure: "HC:90853:HQ", charge: "125", paid: "80", units: "1", date: "20261001", controlNumber: "L1", remarks: ["N657"], cas: [{ group: "CO", items: [["45", "25"]] }, { group: "PR", items: [["3", "20"]] }] },
          ],
        },
      ],
    });
    const parser = new X12Parser(true);
    expect(parser.parse(text)).toBeInstanceOf(X12Interchange);
    expect(parser.diagnostics).toEqual([]);
    expect(parsed(text).payments[0]!.financial.totalPaymentCents).toBe(7500);
  });

  it("reads a paid claim, its envelope, payment, trace, payer and payee exactly", () => {
    expect(parsed(fixture("paid.835"))).toEqual({
      interchangeControlNumber: "000004521",
      senderQualifier: "ZZ",
      senderId: "BHHPSENDER",
      receiverQualifier: "ZZ",
      receiverId: "HARBORGROUP",
      interchangeDate: "2026-11-15",
      usageIndicator: "P",
      payments: [
        {
          transactionControlNumber: "0001",
          groupControlNumber: "4521",
          applicationSenderCode: "BHHPSENDER",
          applicationReceiverCode: "HARBORGROUP",
          financial: {
            position: 4,
            handlingCode: "I",
            totalPaymentCents: 10000,
            creditDebit: "C",
            paymentMethod: "ACH",
            paymentFormat: "CCP",
            paymentDate: "2026-11-16",
          },
          trace: { traceType: "1", traceNumber: "EFT20261116001", originatorId: "1512345678", originatorSupplementalId: null },
          receiverId: "HARBORGROUP",
          productionDate: "2026-11-15",
          payer,
          payee,
          claims: [
            {
              position: 18,
              patientControlNumber: "HGT-2610-0001",
              statusCode: "1",
              totalChargeCents: 12500,
              paymentCents: 10000,
              patientResponsibilityCents: null,
              filingIndicator: "12",
              payerClaimControlNumber: "BH2026111500001",
              facilityCode: null,
              frequencyCode: null,
              adjustments: [{ group: "CO", reasonCode: "45", amountCents: 2500, quantity: null, position: 19 }],
              remarkCodes: [],
              patient: rivera,
              insured: null,
              statementFromDate: "2026-10-03",
              statementToDate: "2026-10-03",
              receivedDate: null,
              serviceLines: [],
            },
          ],
          providerAdjustments: [],
        },
      ],
    });
  });

  it("reads a check payment with several CAS groups, a quantity and MOA remark codes", () => {
    const payment = onlyPayment("partially-paid.835");
    expect(payment.financial).toEqual({
      position: 4,
      handlingCode: "I",
      totalPaymentCents: 6050,
      creditDebit: "C",
      paymentMethod: "CHK",
      paymentFormat: null,
      paymentDate: "2026-11-16",
    });
    expect(payment.trace.traceNumber).toBe("CHK884512");
    expect(payment.receiverId).toBeNull();
    expect(payment.productionDate).toBeNull();
    const [claim] = payment.claims;
    expect(claim).toMatchObject({
      patientControlNumber: "HGT-2610-0002",
      statusCode: "1",
      totalChargeCents: 12500,
      paymentCents: 6050,
      patientResponsibilityCents: 2000,
      payerClaimControlNumber: "BH2026111500002",
    });
    expect(claim!.adjustments).toEqual([
      { group: "CO", reasonCode: "45", amountCents: 1450, quantity: null, position: 12 },
      { group: "PR", reasonCode: "3", amountCents: 2000, quantity: null, position: 13 },
      { group: "CO", reasonCode: "151", amountCents: 3000, quantity: 1, position: 14 },
    ]);
    expect(claim!.remarkCodes).toEqual([
      { code: "MA01", source: "MOA03", position: 16 },
      { code: "N362", source: "MOA04", position: 16 },
    ]);
  });

  it("reads a denial with several reasons under one CAS group, each triplet its own adjustment", () => {
    const payment = onlyPayment("denied.835");
    expect(payment.financial).toMatchObject({ handlingCode: "H", totalPaymentCents: 0, paymentMethod: "NON" });
    const [claim] = payment.claims;
    expect(claim).toMatchObject({ statusCode: "4", totalChargeCents: 12500, paymentCents: 0, patientResponsibilityCents: 4000 });
    expect(claim!.adjustments).toEqual([
      { group: "CO", reasonCode: "197", amountCents: 6000, quantity: 1, position: 11 },
      { group: "CO", reasonCode: "16", amountCents: 2500, quantity: null, position: 11 },
      { group: "PR", reasonCode: "96", amountCents: 3000, quantity: null, position: 12 },
      { group: "PR", reasonCode: "204", amountCents: 1000, quantity: null, position: 12 },
    ]);
    expect(claim!.remarkCodes.map((r) => r.code)).toEqual(["N54", "M62"]);
    expect(claim!.statementFromDate).toBe("2026-10-17");
    expect(claim!.statementToDate).toBeNull();
  });

  it("reads a reversal with negative amounts and its correction", () => {
    const payment = onlyPayment("reversal.835");
    expect(payment.claims.map((c) => [c.patientControlNumber, c.statusCode, c.totalChargeCents, c.paymentCents, c.payerClaimControlNumber])).toEqual([
      ["HGT-2610-0001", "22", -12500, -10000, "BH2026111500001"],
      ["HGT-2610-0001", "1", 12500, 10000, "BH2026111600007"],
    ]);
    expect(payment.claims[0]!.adjustments).toEqual([{ group: "CO", reasonCode: "45", amountCents: -2500, quantity: null, position: 10 }]);
  });

  it("reads service lines with procedure, modifiers, dates, their own CAS, remark codes and line control numbers", () => {
    const remittance = parsed(fixture("service-lines.835"));
    expect(remittance.usageIndicator).toBe("T");
    const payment = remittance.payments[0]!;
    expect(payment.transactionControlNumber).toBe("0042");
    const [claim] = payment.claims;
    expect(claim).toMatchObject({
      filingIndicator: "MC",
      patient: { ...rivera, middleName: "M" },
      statementFromDate: "2026-10-20",
      statementToDate: "2026-10-27",
      adjustments: [],
    });
    expect(claim!.serviceLines).toEqual([
      {
        position: 14,
        procedure: { qualifier: "HC", code: "90853", modifiers: ["HQ"] },
        chargeCents: 12500,
        paymentCents: 10000,
        revenueCode: null,
        unitsPaid: 1,
        originalProcedure: null,
        originalUnits: null,
        serviceDate: "2026-10-20",
        serviceEndDate: null,
        adjustments: [{ group: "CO", reasonCode: "45", amountCents: 2500, quantity: null, position: 16 }],
        remarkCodes: [],
        lineControlNumber: "HGT-2610-0004-1",
      },
      {
        position: 18,
        procedure: { qualifier: "HC", code: "90853", modifiers: ["HQ", "95"] },
        chargeCents: 12500,
        paymentCents: 8000,
        revenueCode: null,
        unitsPaid: 1,
        originalProcedure: null,
        originalUnits: null,
        serviceDate: "2026-10-27",
        serviceEndDate: null,
        adjustments: [
          { group: "CO", reasonCode: "45", amountCents: 2500, quantity: null, position: 20 },
          { group: "PR", reasonCode: "3", amountCents: 2000, quantity: null, position: 21 },
        ],
        remarkCodes: [{ code: "N657", source: "LQ02", position: 23 }],
        lineControlNumber: "HGT-2610-0004-2",
      },
    ]);
  });

  it("reads provider-level adjustments pair by pair, with their references", () => {
    const payment = onlyPayment("plb.835");
    expect(payment.financial.totalPaymentCents).toBe(17625);
    expect(payment.claims.map((c) => c.patientControlNumber)).toEqual(["HGT-2610-0005", "HGT-2610-0006"]);
    expect(payment.providerAdjustments).toEqual([
      { position: 16, providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "WO", referenceId: "BH2026090100009", amountCents: 2500 },
      { position: 16, providerId: "1234567893", fiscalPeriodDate: "2026-12-31", reasonCode: "L6", referenceId: null, amountCents: -125 },
    ]);
  });
});

describe("parse835 on other layouts", () => {
  const oneClaim = { claims: [{ pcn: "HGT-1", status: "1", charge: "125", paid: "100", cas: [{ group: "CO", items: [["45", "25"]] as [string, string][] }] }] };

  it("reads a file with no line breaks, CRLF line breaks, or a byte-order mark", () => {
    const text = x835(oneClaim);
    const expected = parsed(text);
    expect(parsed(text.replace(/\n/g, ""))).toEqual(expected);
    expect(parsed(text.replace(/\n/g, "\r\n"))).toEqual(expected);
    expect(parsed(`\uFEFF${text}`)).toEqual(expected);
  });

  it("reads a file whose segments end with a line break instead of a terminator character", () => {
    const text = x835(oneClaim);
    expect(parsed(text.replace(/~\n/g, "\n"))).toEqual(parsed(text));
    expect(parsed(text.replace(/~\n/g, "\r\n"))).toEqual(parsed(text));
  });

  it("reads other delimiters declared by the ISA", () => {
    const text = x835({
      claims: [{ pcn: "HGT-1", status: "1", charge: "125", paid: "100", lines: [{ procedure: "HC:90853:HQ", charge: "125", paid: "100", cas: [{ group: "CO", items: [["45", "25"]] }] }] }],
    });
    const swapped = text.replace(/\*/g, "|").replace(/:/g, ">").replace(/~/g, "\\");
    const claim = parsed(swapped).payments[0]!.claims[0]!;
    expect(claim.serviceLines[0]!.procedure).toEqual({ qualifier: "HC", code: "90853", modifiers: ["HQ"] });
    expect(claim.paymentCents).toBe(10000);
  });

  it("reads every transaction of every group as its own payment", () => {
    const first = x835({ ...oneClaim, trace: { number: "EFT-A", originator: "1512345678" } });
    const second = x835({ ...oneClaim, transactionControlNumber: "0002", trace: { number: "EFT-B", originator: "1512345678" } });
    const lines = (text: string) => text.split("~\n").filter((s) => s !== "");
    const a = lines(first);
    const b = lines(second);
    // One group holding both transactions: ISA GS [ST..SE] [ST..SE] GE IEA.
    const merged = [...a.slice(0, -2), ...b.slice(2, -2), "GE*2*4521", a[a.length - 1]!].map((s) => `${s}~\n`).join("");
    const payments = parsed(merged).payments;
    expect(payments.map((p) => [p.transactionControlNumber, p.trace.traceNumber])).toEqual([
      ["0001", "EFT-A"],
      ["0002", "EFT-B"],
    ]);
  });

  it("keeps claim-level segments a payer sends after the first service line with their claim", () => {
    const text = x835({ claims: [{ pcn: "HGT-1", status: "1", charge: "125", paid: "125", lines: [{ procedure: "HC:90853", charge: "125", paid: "125" }] }] });
    const late = text.replace("SVC*HC:90853*125*125~\n", "SVC*HC:90853*125*125~\nMOA***MA01~\nNM1*QC*1*RIVERA*ANA****MI*W1~\n").replace(/SE\*(\d+)/, (_m, n: string) => `SE*${Number(n) + 2}`);
    const claim = parsed(late).payments[0]!.claims[0]!;
    expect(claim.remarkCodes.map((r) => r.code)).toEqual(["MA01"]);
    expect(claim.patient?.lastName).toBe("RIVERA");
    expect(claim.serviceLines[0]!.remarkCodes).toEqual([]);
  });

  it("keeps an amount of 12.500 but never rounds a fraction of a cent", () => {
    const ok = parse835(x835({ claims: [{ pcn: "HGT-1", status: "1", charge: "125.000", paid: "125" }] }));
    expect(ok.ok).toBe(true);
    const bad = parse835(x835({ payment: { amount: "125" }, claims: [{ pcn: "HGT-1", status: "1", charge: "125.005", paid: "125" }] }));
    expect(bad).toEqual({
      ok: false,
      problems: [
        {
          code: "INVALID_ELEMENT",
          segmentId: "CLP",
          position: 18,
          element: "CLP03",
          message: 'CLP (segment 18), CLP03: The total claim charge must be an amount in dollars with at most 2 decimals, got "125.005"',
        },
      ],
    });
  });
});

describe("paymentKeys", () => {
  it("scopes the trace number by payer and the control numbers by sender", () => {
    const remittance = parsed(fixture("service-lines.835"));
    expect(paymentKeys(remittance, remittance.payments[0]!)).toEqual({
      traceKey: "1512345678/EFT20261116042",
      controlKey: "ZZ:BHHPSENDER/000004525/4525/0042",
    });
  });
});
