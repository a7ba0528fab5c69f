import { parse835, remittanceFieldErrors, type RemittanceProblem } from "../../../../server/src/domain/remittance/index.js";
import { isaSegment, x835, type X835Claim, type X835Spec } from "../../../support/x835.js";
import { fixture } from "./fixtures.js";

/** The problems of a file that must be refused; fails the test if it was accepted. */
function problems(text: string): RemittanceProblem[] {
  const result = parse835(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.problems;
}

/** Just what the brief asks every problem to name: kind, segment, position, element. */
const where = (p: RemittanceProblem) => [p.code, p.segmentId, p.position, p.element];

const paidClaim: X835Claim = {
  pcn: "HGT-1",
  status: "1",
  charge: "125",
  paid: "100",
  cas: [{ group: "CO", items: [["45", "25"]] }],
};
const spec: X835Spec = { claims: [paidClaim] };
const good = x835(spec);
const segmentsOf = (text: string) => text.split("~\n").filter((s) => s !== "");
const join = (segments: string[]) => segments.map((s) => `${s}~\n`).join("");
/** The good file with segment `position` (1-based) removed or replaced. */
function edit(position: number, replacement?: string): string {
  const segments = segmentsOf(good);
  segments.splice(position - 1, 1, ...(replacement === undefined ? [] : [replacement]));
  return join(segments);
}
/** Like edit(), with SE01 recounted, so that only the content change is wrong. */
function editBody(position: number, replacement?: string): string {
  const segments = segmentsOf(edit(position, replacement));
  const st = segments.findIndex((s) => s.startsWith("ST*"));
  const se = segments.findIndex((s) => s.startsWith("SE*"));
  segments[se] = segments[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return join(segments);
}
// ISA GS ST BPR TRN REF DTM N1 N3 N4 REF PER N1 N3 N4 REF LX CLP CAS SE GE IEA
const POS = { ISA: 1, GS: 2, ST: 3, BPR: 4, TRN: 5, N1_PR: 8, N1_PE: 13, LX: 17, CLP: 18, CAS: 19, SE: 20, GE: 21, IEA: 22 };

describe("parse835 refuses what is not an X12 interchange", () => {
  it("accepts the untouched file these cases start from", () => {
    expect(parse835(good).ok).toBe(true);
    expect(segmentsOf(good)[POS.CLP - 1]).toMatch(/^CLP\*/);
    expect(segmentsOf(good)[POS.IEA - 1]).toMatch(/^IEA\*/);
  });

  it.each([
    ["an empty file", ""],
    ["plain text", "Dear provider, your payment is enclosed."],
    ["a file that starts with GS", join(segmentsOf(good).slice(1))],
  ])("refuses %s, naming the missing ISA", (_label, text) => {
    const [problem, ...rest] = problems(text);
    expect(rest).toEqual([]);
    expect(where(problem!)).toEqual(["NOT_X12", "ISA", null, null]);
    expect(problem!.message).toMatch(/^ISA: /);
  });

  it("refuses an ISA whose elements are not at their fixed places, so its delimiters cannot be read", () => {
    const shortSender = good.replace("*BHHPSENDER     *", "*BHHPSENDER*");
    const [problem] = problems(shortSender);
    expect(where(problem!)).toEqual(["NOT_X12", "ISA", 1, null]);
    expect(problem!.message).toContain("delimiters cannot be read");
  });

  it("refuses an ISA that declares the same character for two delimiters", () => {
    const isa = isaSegment(4521);
    const clash = good.replace(isa, `${isa.slice(0, -1)}*`);
    expect(problems(clash).map(where)).toEqual([["NOT_X12", "ISA", 1, "ISA16"]]);
  });

  it("refuses a body written with other delimiters than the ISA declares, naming the first such segment", () => {
    const segments = segmentsOf(good);
    const wrong = join([segments[0]!, ...segments.slice(1).map((s) => s.replace(/\*/g, "|"))]);
    const [problem] = problems(wrong);
    expect(where(problem!)).toEqual(["NOT_X12", "GS", 2, null]);
    expect(problem!.message).toContain('element separator "*"');
  });

  it("refuses an empty segment and text after the last terminator", () => {
    expect(problems(edit(POS.TRN, "")).map(where)).toEqual([["NOT_X12", "?", POS.TRN, null]]);
    expect(problems(`${good}CLP*HGT-2*1`).map(where)).toEqual([["ENVELOPE", "IEA", null, null]]);
  });
});

describe("parse835 checks the envelope", () => {
  it.each([
    ["IEA", edit(POS.IEA), ["MISSING_SEGMENT", "IEA", null, null]],
    ["GS", edit(POS.GS), ["ENVELOPE", "ST", POS.ST - 1, null]],
    ["GE", edit(POS.GE), ["ENVELOPE", "IEA", POS.IEA - 1, null]],
    ["ST", edit(POS.ST), ["ENVELOPE", "BPR", POS.BPR - 1, null]],
    ["SE", edit(POS.SE), ["ENVELOPE", "GE", POS.GE - 1, null]],
  ])("names the segment where a missing %s shows", (_missing, text, expected) => {
    expect(problems(text).map(where)).toEqual([expected]);
  });

  it("says what is missing when the file stops early", () => {
    const segments = segmentsOf(good);
    expect(problems(join(segments.slice(0, POS.CAS))).map((p) => p.message)).toEqual([
      "SE: the file ends without the SE that closes the transaction opened by ST (segment 3)",
    ]);
    expect(problems(join(segments.slice(0, POS.SE))).map((p) => p.message)).toEqual([
      "GE: the file ends without the GE that closes the group opened by GS (segment 2)",
    ]);
  });

  it("says which transaction has no SE in the malformed fixture", () => {
    expect(problems(fixture("malformed.835"))).toEqual([
      {
        code: "ENVELOPE",
        segmentId: "GE",
        position: 12,
        element: null,
        message: "GE (segment 12): GE closes the group while the transaction opened by ST (segment 3) has no SE",
      },
    ]);
  });

  it("refuses segments after the IEA and a second interchange", () => {
    expect(problems(`${good}${segmentsOf(good)[POS.CLP - 1]}~\n`).map(where)).toEqual([["ENVELOPE", "CLP", POS.IEA + 1, null]]);
    expect(problems(`${good}${good}`).map(where)).toEqual([["ENVELOPE", "ISA", POS.IEA + 1, null]]);
  });

  it("refuses a group without a transaction", () => {
    const segments = segmentsOf(good);
    const empty = join([segments[0]!, segments[1]!, "GE*0*4521", segments[segments.length - 1]!]);
    expect(problems(empty).map(where)).toEqual([["MISSING_SEGMENT", "ST", null, null]]);
  });

  it.each([
    ["SE01 count", { seCount: "19" }, ["COUNT_MISMATCH", "SE", POS.SE, "SE01"]],
    ["ST02/SE02", { seControl: "0002" }, ["CONTROL_NUMBER_MISMATCH", "SE", POS.SE, "SE02"]],
    ["GS06/GE02", { geControl: "4522" }, ["CONTROL_NUMBER_MISMATCH", "GE", POS.GE, "GE02"]],
    ["GE01 count", { geCount: "2" }, ["COUNT_MISMATCH", "GE", POS.GE, "GE01"]],
    ["ISA13/IEA02", { ieaControl: "000004520" }, ["CONTROL_NUMBER_MISMATCH", "IEA", POS.IEA, "IEA02"]],
  ])("refuses a %s mismatch, naming the trailer and element", (_label, breakEnvelope, expected) => {
    expect(problems(x835({ ...spec, breakEnvelope })).map(where)).toEqual([expected]);
  });

  it("compares IEA02 with ISA13 as written, leading zeros included", () => {
    const [problem] = problems(x835({ ...spec, breakEnvelope: { ieaControl: "4521" } }));
    expect(problem!.message).toBe('IEA (segment 22), IEA02: IEA02 "4521" differs from ISA13 "000004521"');
  });

  it("reports every trailer that disagrees at once", () => {
    expect(problems(x835({ ...spec, breakEnvelope: { seCount: "3", geControl: "1", ieaControl: "000000001" } })).map((p) => p.element)).toEqual([
      "SE01",
      "GE02",
      "IEA02",
    ]);
  });
});

describe("parse835 refuses X12 that is not a 005010X221A1 835", () => {
  it("names ST01 when the transaction is another type", () => {
    const [problem] = problems(x835({ ...spec, breakEnvelope: { st01: "837" } }));
    expect(where(problem!)).toEqual(["NOT_835", "ST", POS.ST, "ST01"]);
    expect(problem!.message).toContain('"837", not an 835');
  });

  it("names ST03 when the transaction declares another guide", () => {
    const st = segmentsOf(good)[POS.ST - 1]!;
    expect(problems(edit(POS.ST, st.replace("005010X221A1", "005010X222A1"))).map(where)).toEqual([["NOT_835", "ST", POS.ST, "ST03"]]);
  });

  it("names GS08 when the group is another version", () => {
    expect(problems(x835({ ...spec, breakEnvelope: { gs08: "004010X091A1" } })).map(where)).toEqual([["NOT_835", "GS", POS.GS, "GS08"]]);
  });

  it("names GS01 when the group is not a claim payment group", () => {
    expect(problems(edit(POS.GS, segmentsOf(good)[1]!.replace("GS*HP", "GS*HC"))).map(where)).toEqual([["NOT_835", "GS", POS.GS, "GS01"]]);
  });
});

describe("parse835 checks the segments it posts", () => {
  it.each([
    ["BPR", POS.BPR],
    ["TRN", POS.TRN],
  ])("refuses a transaction without %s", (tag, position) => {
    expect(problems(editBody(position)).map(where)).toEqual([["MISSING_SEGMENT", tag, null, null]]);
  });

  it("refuses a transaction without the payer or payee N1", () => {
    expect(problems(editBody(POS.N1_PR)).map((p) => p.message)).toEqual(["N1: the transaction opened by ST (segment 3) has no N1*PR (payer identification)"]);
    expect(problems(editBody(POS.N1_PE)).map((p) => p.message)).toEqual(["N1: the transaction opened by ST (segment 3) has no N1*PE (payee identification)"]);
  });

  it("names each invalid element, all at once", () => {
    const text = x835({
      payment: { date: "20261131", amount: "100" },
      claims: [
        { ...paidClaim, charge: "12x" },
        { pcn: "", status: "1", charge: "125", paid: "0", cas: [{ group: "XX", items: [["45", "125"]] }] },
      ],
    });
    expect(problems(text).map(where)).toEqual([
      ["INVALID_ELEMENT", "BPR", POS.BPR, "BPR16"],
      ["INVALID_ELEMENT", "CLP", POS.CLP, "CLP03"],
      ["INVALID_ELEMENT", "CLP", POS.CLP + 2, "CLP01"],
      ["INVALID_ELEMENT", "CAS", POS.CLP + 3, "CAS01"],
    ]);
  });

  it("refuses an unknown claim status and a negative total payment", () => {
    const text = x835({ payment: { amount: "-100" }, claims: [{ ...paidClaim, status: "5" }] });
    const found = problems(text);
    expect(found.map(where)).toEqual([
      ["INVALID_ELEMENT", "BPR", POS.BPR, "BPR02"],
      ["INVALID_ELEMENT", "CLP", POS.CLP, "CLP02"],
    ]);
    expect(found[1]!.message).toBe('CLP (segment 18), CLP02: the claim status code must be one of 1, 2, 3, 4, 19, 20, 21, 22, 23, 25, got "5"');
  });

  it("refuses a CAS amount without its reason, and a service line outside a claim", () => {
    const noReason = edit(POS.CAS, "CAS*CO**25");
    expect(problems(noReason).map(where)).toEqual([["INVALID_ELEMENT", "CAS", POS.CAS, "CAS02"]]);
    const orphanLine = editBody(POS.CLP, "SVC*HC:90853*125*100");
    expect(problems(orphanLine).map(where)).toEqual([
      ["INVALID_ELEMENT", "SVC", POS.CLP, null],
      ["INVALID_ELEMENT", "CAS", POS.CAS, null],
    ]);
  });
});

describe("parse835 checks the guide's balancing", () => {
  it("names the claim and the payment in the unbalanced fixture", () => {
    expect(problems(fixture("unbalanced.835"))).toEqual([
      {
        code: "UNBALANCED",
        segmentId: "CLP",
        position: 9,
        element: "CLP04",
        message:
          'CLP (segment 9), CLP04: for claim "HGT-2610-0007", the charge 125.00 minus the payment 100.00 is 25.00, but the claim\'s and its lines\' adjustments (CAS) add up to 20.00',
      },
      {
        code: "UNBALANCED",
        segmentId: "BPR",
        position: 4,
        element: "BPR02",
        message:
          'BPR (segment 4), BPR02: the total payment 90.00 (check or EFT "CHK884513") should equal the claims\' payments (100.00) minus the provider-level adjustments (PLB, 0.00), which is 100.00',
      },
    ]);
  });

  it("names a service line whose charge, payment and adjustments disagree", () => {
    const text = x835({
      claims: [
        {
          pcn: "HGT-1",
          status: "1",
          charge: "125",
          paid: "100",
          lines: [{ procedure: "HC:90853:HQ", charge: "125", paid: "100", cas: [{ group: "CO", items: [["45", "20"]] }] }],
        },
      ],
    });
    // The claim is short by the same 5.00, so both the line and the claim are named.
    expect(problems(text).map(where)).toEqual([
      ["UNBALANCED", "SVC", POS.CLP + 1, "SVC03"],
      ["UNBALANCED", "CLP", POS.CLP, "CLP04"],
    ]);
  });

  it("refuses a claim payment that is not its lines' payments minus claim-level adjustments", () => {
    const text = x835({
      claims: [
        {
          pcn: "HGT-1",
          status: "1",
          charge: "135",
          paid: "110",
          lines: [{ procedure: "HC:90853:HQ", charge: "125", paid: "100", cas: [{ group: "CO", items: [["45", "25"]] }] }],
        },
      ],
    });
    const [problem, ...rest] = problems(text);
    expect(rest).toEqual([]);
    expect(where(problem!)).toEqual(["UNBALANCED", "CLP", POS.CLP, "CLP04"]);
    expect(problem!.message).toContain("should equal what its lines paid (100.00) minus the claim-level adjustments (0.00)");
  });

  it("balances a claim with both claim-level and line-level adjustments", () => {
    const text = x835({
      claims: [
        {
          pcn: "HGT-1",
          status: "1",
          charge: "125",
          paid: "80",
          cas: [{ group: "PR", items: [["3", "20"]] }],
          lines: [{ procedure: "HC:90853:HQ", charge: "125", paid: "100", cas: [{ group: "CO", items: [["45", "25"]] }] }],
        },
      ],
    });
    expect(parse835(text).ok).toBe(true);
  });

  it("refuses plb.835 without its PLB: the payment is then 23.75 short of the claims, named at BPR02", () => {
    expect(parse835(fixture("plb.835")).ok).toBe(true);
    expect(problems(fixture("plb-missing.835"))).toEqual([
      {
        code: "UNBALANCED",
        segmentId: "BPR",
        position: 4,
        element: "BPR02",
        message:
          'BPR (segment 4), BPR02: the total payment 176.25 (check or EFT "EFT20261116078") should equal the claims\' payments (200.00) minus the provider-level adjustments (PLB, 0.00), which is 200.00',
      },
    ]);
  });

  it("counts PLB amounts against the payment, and a debit as negative", () => {
    const withPlb = (amount: string, plbAmount: string, creditDebit?: "C" | "D") =>
      x835({ ...spec, payment: { amount, creditDebit }, plb: [{ providerId: "1234567893", fiscalDate: "20261231", items: [["WO", "X1", plbAmount]] }] });
    expect(parse835(withPlb("75", "25")).ok).toBe(true);
    expect(parse835(withPlb("50", "150", "D")).ok).toBe(true);
    expect(problems(withPlb("50", "150", "C")).map(where)).toEqual([["UNBALANCED", "BPR", POS.BPR, "BPR02"]]);
    expect(problems(withPlb("100", "25")).map(where)).toEqual([["UNBALANCED", "BPR", POS.BPR, "BPR02"]]);
  });
});

describe("remittanceFieldErrors", () => {
  it("puts every problem on the input that carried the file, message unchanged", () => {
    const found = problems(fixture("unbalanced.835"));
    expect(remittanceFieldErrors(found, "text")).toEqual(found.map((p) => ({ field: "text", message: p.message })));
    expect(found).toHaveLength(2);
  });
});
