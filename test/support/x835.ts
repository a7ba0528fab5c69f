/**
 * Builds 835 (005010X221A1) texts from a small spec, so a test can say what a
 * remittance contains and get a file a payer could have sent: envelope,
 * counts, control numbers and (unless given) BPR02 are worked out here.
 * Amounts are written as X12 text ("125", "-80.5") exactly as given, so a
 * test controls every character the parser reads. `breakEnvelope` damages
 * the envelope on purpose for the validation tests.
 */

export interface X835Cas {
  group: string;
  /** [reason, amount] or [reason, amount, quantity]; up to 6 per CAS segment. */
  items: Array<[string, string] | [string, string, string]>;
}

export interface X835Line {
  /** SVC01 as written, components joined by ":" (e.g. "HC:90853:HQ"). */
  procedure: string;
  charge: string;
  paid: string;
  units?: string;
  /** SVC06 as written: the procedure billed, when the payer adjudicated another (e.g. "HC:90853:HQ"). */
  originalProcedure?: string;
  /** SVC07: units billed, when they differ from units paid. */
  originalUnits?: string;
  /** DTM*472, CCYYMMDD */
  date?: string;
  cas?: X835Cas[];
  /** LQ*HE codes */
  remarks?: string[];
  /** REF*6R */
  controlNumber?: string;
}

export interface X835Claim {
  pcn: string;
  status: string;
  charge: string;
  paid: string;
  patientResponsibility?: string;
  filing?: string;
  payerClaimId?: string;
  cas?: X835Cas[];
  /** MOA03... remark codes */
  moaRemarks?: string[];
  patient?: { last: string; first: string; memberId: string };
  /** DTM*232 / DTM*233, CCYYMMDD */
  from?: string;
  to?: string;
  lines?: X835Line[];
}

export interface X835Plb {
  providerId: string;
  /** CCYYMMDD */
  fiscalDate: string;
  /** [reason, reference or "", amount] */
  items: Array<[string, string, string]>;
}

export interface X835Spec {
  /** ISA13 as a number; written with 9 digits. */
  interchangeControlNumber?: number;
  groupControlNumber?: string;
  transactionControlNumber?: string;
  usage?: "P" | "T";
  payer?: { name: string; payerId: string };
  payee?: { name: string; npi: string; taxId: string };
  payment?: {
    /** BPR02 as written; by default the claims' payments minus the PLB amounts. */
    amount?: string;
    method?: "ACH" | "CHK" | "NON";
    creditDebit?: "C" | "D";
    handling?: string;
    /** BPR16, CCYYMMDD */
    date?: string;
  };
  trace?: { number: string; originator: string };
  claims: X835Claim[];
  plb?: X835Plb[];
  /** Envelope values to write instead of the right ones. */
  breakEnvelope?: {
    seCount?: string;
    seControl?: string;
    geControl?: string;
    geCount?: string;
    ieaControl?: string;
    st01?: string;
    gs08?: string;
  };
}

const pad = (value: string, width: number) => value.padEnd(width, " ").slice(0, width);

function segment(tag: string, ...elements: string[]): string {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === "") end--;
  return [tag, ...elements.slice(0, end)].join("*");
}

function toCents(amount: string): number {
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const cents = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
  return amount.startsWith("-") ? -cents : cents;
}

/** X12 R form of integer cents ("100", "80.5", "-12.25"). */
export function x12Amount(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const fraction = abs % 100 === 0 ? "" : `.${String(abs % 100).padStart(2, "0").replace(/0$/, "")}`;
  return `${sign}${Math.floor(abs / 100)}${fraction}`;
}

function casSegments(cas: X835Cas[] | undefined): string[] {
  return (cas ?? []).map((c) => segment("CAS", c.group, ...c.items.flatMap(([reason, amount, quantity]) => [reason, amount, quantity ?? ""])));
}

/** Only the ISA: 106 characters with the usual delimiters * ^ : ~. */
export function isaSegment(controlNumber: number, usage: "P" | "T" = "P"): string {
  return [
    "ISA",
    "00",
    pad("", 10),
    "00",
    pad("", 10),
    "ZZ",
    pad("BHHPSENDER", 15),
    "ZZ",
    pad("HARBORGROUP", 15),
    "261115",
    "0930",
    "^",
    "00501",
    String(controlNumber).padStart(9, "0"),
    "0",
    usage,
    ":",
  ].join("*");
}

export function x835(spec: X835Spec): string {
  const isa13 = spec.interchangeControlNumber ?? 4521;
  const gs06 = spec.groupControlNumber ?? "4521";
  const st02 = spec.transactionControlNumber ?? "0001";
  const broken = spec.breakEnvelope ?? {};
  const payer = spec.payer ?? { name: "BLUE HARBOR HEALTH PLAN", payerId: "BHHP01" };
  const payee = spec.payee ?? { name: "HARBOR GROUP THERAPY", npi: "1234567893", taxId: "123456789" };
  const trace = spec.trace ?? { number: "EFT20261116001", originator: "1512345678" };
  const method = spec.payment?.method ?? "ACH";
  const paidCents = spec.claims.reduce((total, c) => total + toCents(c.paid), 0);
  const plbCents = (spec.plb ?? []).reduce((total, p) => total + p.items.reduce((t, [, , amount]) => t + toCents(amount), 0), 0);
  const amount = spec.payment?.amount ?? x12Amount(Math.abs(paidCents - plbCents));
  const creditDebit = spec.payment?.creditDebit ?? (paidCents - plbCents < 0 ? "D" : "C");
  const date = spec.payment?.date ?? "20261116";
  const bpr =
    method === "ACH"
      ? segment("BPR", spec.payment?.handling ?? "I", amount, creditDebit, "ACH", "CCP", "01", "011000015", "DA", "1234567", "1512345678", "", "01", "021000021", "DA", "9876543", date)
      : segment("BPR", spec.payment?.handling ?? (method === "NON" ? "H" : "I"), amount, creditDebit, method, "", "", "", "", "", "", "", "", "", "", "", date);

  const body: string[] = [
    bpr,
    segment("TRN", "1", trace.number, trace.originator),
    segment("REF", "EV", "HARBORGROUP"),
    segment("DTM", "405", "20261115"),
    segment("N1", "PR", payer.name),
    segment("N3", "100 PAYER WAY"),
    segment("N4", "BOSTON", "MA", "02110"),
    segment("REF", "2U", payer.payerId),
    segment("PER", "BL", "PROVIDER SERVICES", "TE", "8005551234"),
    segment("N1", "PE", payee.name, "XX", payee.npi),
    segment("N3", "12 HARBOR ST"),
    segment("N4", "PORTLAND", "ME", "04101"),
    segment("REF", "TJ", payee.taxId),
  ];
  if (spec.claims.length > 0) body.push(segment("LX", "1"));
  for (const claim of spec.claims) {
    body.push(
      segment("CLP", claim.pcn, claim.status, claim.charge, claim.paid, claim.patientResponsibility ?? "", claim.filing ?? "12", claim.payerClaimId ?? ""),
      ...casSegments(claim.cas),
    );
    if (claim.patient) body.push(segment("NM1", "QC", "1", claim.patient.last, claim.patient.first, "", "", "", "MI", claim.patient.memberId));
    if (claim.moaRemarks) body.push(segment("MOA", "", "", ...claim.moaRemarks));
    if (claim.from) body.push(segment("DTM", "232", claim.from));
    if (claim.to) body.push(segment("DTM", "233", claim.to));
    for (const line of claim.lines ?? []) {
      body.push(segment("SVC", line.procedure, line.charge, line.paid, "", line.units ?? "", line.originalProcedure ?? "", line.originalUnits ?? ""));
      if (line.date) body.push(segment("DTM", "472", line.date));
      body.push(...casSegments(line.cas));
      if (line.controlNumber) body.push(segment("REF", "6R", line.controlNumber));
      for (const remark of line.remarks ?? []) body.push(segment("LQ", "HE", remark));
    }
  }
  for (const plb of spec.plb ?? []) {
    body.push(segment("PLB", plb.providerId, plb.fiscalDate, ...plb.items.flatMap(([reason, reference, value]) => [reference ? `${reason}:${reference}` : reason, value])));
  }
  const segments = [
    isaSegment(isa13, spec.usage),
    segment("GS", "HP", "BHHPSENDER", "HARBORGROUP", "20261115", "0930", gs06, "X", broken.gs08 ?? "005010X221A1"),
    segment("ST", broken.st01 ?? "835", st02, "005010X221A1"),
    ...body,
    segment("SE", broken.seCount ?? String(body.length + 2), broken.seControl ?? st02),
    segment("GE", broken.geCount ?? "1", broken.geControl ?? gs06),
    segment("IEA", "1", broken.ieaControl ?? String(isa13).padStart(9, "0")),
  ];
  return segments.map((s) => `${s}~\n`).join("");
}
