/**
 * The demo practice's remittances: an 835 (005010X221A1) per payer for a batch the seed billed, with the
 * outcomes a biller meets in a month: most lines paid less the contractual reduction, one partially paid,
 * one denied on a line GroupBill had warned about, and one denied that GroupBill did not see coming. A payment
 * may carry provider-level adjustments (PLB), such as interest on a late payment, which BPR02 nets.
 */

export type DemoOutcome = "PAID" | "PARTIALLY_PAID" | "DENIED_FLAGGED" | "DENIED_MISSED";

export interface DemoClaim {
  patientControlNumber: string;
  chargeCents: number;
  outcome: DemoOutcome;
}

export interface DemoPayment {
  payerName: string;
  payerCode: string;
  payeeName: string;
  payeeNpi: string;
  traceNumber: string;
  interchangeControlNumber: number;
  /** YYYY-MM-DD */
  paymentDate: string;
  claims: DemoClaim[];
  /** PLB pairs: positive cents are held back from the payment, negative ones (interest) added to it. */
  providerAdjustments?: { reason: string; reference?: string; cents: number }[];
}

const amount = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};
const compact = (date: string) => date.replace(/-/g, "");
const fixed = (text: string, width: number) => text.slice(0, width).padEnd(width, " ");
const seg = (...elements: string[]) => elements.join("*");

/** Contractual reduction on every paid line: the fee schedule pays a little less than the charge. */
const CONTRACTUAL_CENTS = 350;

interface Settled {
  status: string;
  paidCents: number;
  adjustments: [group: string, reason: string, cents: number][];
  remarks: string[];
}

function settle(claim: DemoClaim): Settled {
  const charge = claim.chargeCents;
  switch (claim.outcome) {
    case "PAID":
      return { status: "1", paidCents: charge - CONTRACTUAL_CENTS, adjustments: [["CO", "45", CONTRACTUAL_CENTS]], remarks: [] };
    case "PARTIALLY_PAID": {
      // Paid for the session, but the payer refused part of it as over its daily frequency.
      const refused = Math.floor(charge / 2);
      return { status: "1", paidCents: charge - CONTRACTUAL_CENTS - refused, adjustments: [["CO", "45", CONTRACTUAL_CENTS], ["CO", "119", refused]], remarks: [] };
    }
    case "DENIED_FLAGGED":
      return { status: "4", paidCents: 0, adjustments: [["CO", "16", charge]], remarks: ["M51"] };
    case "DENIED_MISSED":
      return { status: "4", paidCents: 0, adjustments: [["CO", "4", charge]], remarks: ["N56"] };
  }
}

export function demo835(p: DemoPayment): string {
  const date = compact(p.paymentDate);
  const isa13 = String(p.interchangeControlNumber).padStart(9, "0");
  const settled = p.claims.map((c) => ({ claim: c, ...settle(c) }));
  const plb = p.providerAdjustments ?? [];
  // BPR02 = the claims' CLP04 minus the PLB amounts (005010X221A1 balancing).
  const total = settled.reduce((sum, s) => sum + s.paidCents, 0) - plb.reduce((sum, a) => sum + a.cents, 0);
  const body: string[] = [
    seg("BPR", "I", amount(total), "C", "ACH", "CCP", "01", "011000015", "DA", "1234567", "1512345678", "", "01", "021000021", "DA", "9876543", date),
    seg("TRN", "1", p.traceNumber, "1512345678"),
    seg("DTM", "405", date),
    seg("N1", "PR", p.payerName.toUpperCase()),
    seg("N3", "1 PAYER PLAZA"),
    seg("N4", "BOSTON", "MA", "02110"),
    seg("REF", "2U", p.payerCode),
    seg("PER", "BL", "PROVIDER SERVICES", "TE", "8005550100"),
    seg("N1", "PE", p.payeeName.toUpperCase(), "XX", p.payeeNpi),
    seg("N3", "200 HARBOR STREET"),
    seg("N4", "BOSTON", "MA", "02110"),
    seg("REF", "TJ", "043219876"),
    seg("LX", "1"),
  ];
  for (const [i, s] of settled.entries()) {
    const patientShare = 0;
    body.push(seg("CLP", s.claim.patientControlNumber, s.status, amount(s.claim.chargeCents), amount(s.paidCents), amount(patientShare), "MC", `${p.traceNumber}-${i + 1}`));
    const byGroup = new Map<string, string[]>();
    for (const [group, reason, cents] of s.adjustments) byGroup.set(group, [...(byGroup.get(group) ?? []), reason, amount(cents), ""]);
    for (const [group, items] of byGroup) {
      while (items.length > 0 && items[items.length - 1] === "") items.pop();
      body.push(seg("CAS", group, ...items));
    }
    if (s.remarks.length > 0) body.push(seg("MOA", "", "", ...s.remarks));
  }
  if (plb.length > 0) {
    // PLB02 is the last day of the provider's fiscal year; the demo practice's is the calendar year.
    body.push(seg("PLB", p.payeeNpi, `${date.slice(0, 4)}1231`, ...plb.flatMap((a) => [a.reference ? `${a.reason}:${a.reference}` : a.reason, amount(a.cents)])));
  }
  const isa = [
    "ISA", "00", fixed("", 10), "00", fixed("", 10), "ZZ", fixed(p.payerCode, 15), "ZZ", fixed("HARBORGT01", 15),
    date.slice(2), "0800", "^", "00501", isa13, "0", "T", ":",
  ].join("*");
  const segments = [
    isa,
    seg("GS", "HP", p.payerCode, "HARBORGT01", date, "0800", String(p.interchangeControlNumber), "X", "005010X221A1"),
    seg("ST", "835", "0001", "005010X221A1"),
    ...body,
    seg("SE", String(body.length + 2), "0001"),
    seg("GE", "1", String(p.interchangeControlNumber)),
    seg("IEA", "1", isa13),
  ];
  return segments.join("~\n") + "~\n";
}
