import { CLAIM_ISSUE_CODES } from "../../../../server/src/domain/engine/types.js";
import {
  CARC_CODES,
  CARC_SOURCE,
  PLB_CODES,
  PLB_SOURCE,
  describePlbReason,
  DENIAL_PREVENTION,
  PENDING_ISSUE_CODES,
  RARC_CODES,
  RARC_SOURCE,
  carcKind,
  describeCarc,
  describeRarc,
  isKnownCarc,
  isKnownRarc,
  preventionFor,
} from "../../../../server/src/domain/remittance/index.js";

/** The codes the brief requires the lists to explain. */
const REQUIRED_CARC = [
  "1", "2", "3", "4", "5", "6", "11", "15", "16", "18", "22", "23", "24", "26", "27", "29", "31", "45", "50", "96", "97", "109", "119",
  "146", "150", "151", "167", "170", "181", "182", "183", "185", "189", "197", "198", "204", "222", "234", "242", "252", "253", "256", "288",
];
const REQUIRED_RARC = ["M15", "M20", "M51", "M76", "M77", "M80", "MA04", "MA13", "MA130", "N4", "N20", "N30", "N56", "N115", "N290", "N362", "N432", "N522", "N657"];

describe("CARC list", () => {
  it.each(REQUIRED_CARC)("explains CARC %s", (code) => {
    expect(isKnownCarc(code)).toBe(true);
    expect(describeCarc(code)).not.toMatch(/not in GroupBill's list/);
  });

  it("has one entry per code, each with a sentence of its own", () => {
    const codes = CARC_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const descriptions = CARC_CODES.map((c) => c.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const { code, description } of CARC_CODES) {
      expect([code, /^[A-Z].{10,}\.$/.test(description)]).toEqual([code, true]);
    }
  });

  it("names its source code set", () => {
    expect(CARC_SOURCE).toBe("X12 external code list: Claim Adjustment Reason Codes (code source 139)");
  });

  it("reads codes as people type them and falls back for unknown ones", () => {
    expect(describeCarc("045")).toBe(describeCarc("45"));
    expect(describeCarc(" 197 ")).toBe("Required prior authorization, precertification or notification was not obtained.");
    expect(describeCarc("P99")).toBe("Adjustment reason code P99 (not in GroupBill's list; see the X12 Claim Adjustment Reason Codes).");
    expect(isKnownCarc("P99")).toBe(false);
  });

  it("treats the patient's share, contract reductions and prior payers as normal, and anything else as a denial", () => {
    expect(["1", "2", "3", "45", "253", "24", "23"].map(carcKind)).toEqual([
      "COST_SHARE",
      "COST_SHARE",
      "COST_SHARE",
      "CONTRACTUAL",
      "CONTRACTUAL",
      "CONTRACTUAL",
      "PRIOR_PAYER",
    ]);
    expect(["4", "16", "29", "96", "119", "197", "P99"].map(carcKind)).toEqual(Array(7).fill("DENIAL"));
  });
});

describe("RARC list", () => {
  it.each(REQUIRED_RARC)("explains RARC %s", (code) => {
    expect(isKnownRarc(code)).toBe(true);
    expect(describeRarc(code)).not.toMatch(/not in GroupBill's list/);
  });

  it("has one entry per code, each with a sentence of its own", () => {
    const codes = RARC_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(RARC_CODES.map((c) => c.description)).size).toBe(codes.length);
    for (const { code, description } of RARC_CODES) {
      expect([code, /^[A-Z].{10,}\.$/.test(description)]).toEqual([code, true]);
    }
  });

  it("names its source code set and falls back for unknown codes", () => {
    expect(RARC_SOURCE).toBe("X12 external code list: Remittance Advice Remark Codes (code source 411)");
    expect(describeRarc("n30")).toBe(describeRarc("N30"));
    expect(describeRarc("N9999")).toBe("Remark code N9999 (not in GroupBill's list; see the X12 Remittance Advice Remark Codes).");
  });
});

describe("PLB (provider-level adjustment) reason codes", () => {
  it("has one entry per code, each with a sentence of its own, and the codes payers use most", () => {
    const codes = PLB_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(PLB_CODES.map((c) => c.description)).size).toBe(codes.length);
    for (const { code, description } of PLB_CODES) {
      expect([code, /^[A-Z].{10,}\.$/.test(description)]).toEqual([code, true]);
    }
    for (const code of ["WO", "L6", "FB", "72", "CS", "LE"]) expect(codes).toContain(code);
  });

  it("names its source and falls back for unknown codes", () => {
    expect(PLB_SOURCE).toBe("ASC X12 005010X221A1, PLB03-1 Adjustment Reason Code (data element 426)");
    expect(describePlbReason(" wo")).toBe(describePlbReason("WO"));
    expect(describePlbReason("ZZ")).toBe("Provider-level adjustment ZZ (not in GroupBill's list; see the payer's notice).");
  });
});

describe("denial prevention map", () => {
  it.each([
    ["4", "MODIFIER_RULES", "modifierRules"],
    ["197", "PRIOR_AUTHORIZATION", "requirePriorAuthorization"],
    ["15", "PRIOR_AUTHORIZATION", "requirePriorAuthorization"],
    ["29", "TIMELY_FILING", null],
    ["16", "REGISTRATION", null],
    ["119", "UNITS", "maxUnitsPerDay"],
  ])("maps CARC %s to %s", (carc, area, field) => {
    expect(preventionFor(carc)).toMatchObject({ carc, area, payerRuleField: field });
  });

  it("names the engine issues that flag registration, authorization and units denials", () => {
    expect(preventionFor("16")!.issueCodes).toEqual(["MISSING_REGISTRATION"]);
    expect(preventionFor("197")!.issueCodes).toEqual(["AUTH_REQUIRED"]);
    expect(preventionFor("198")!.issueCodes).toEqual(["AUTH_EXHAUSTED"]);
    expect(preventionFor("119")!.issueCodes).toEqual(["DAILY_UNIT_LIMIT"]);
  });

  it("has no rule for denials GroupBill cannot prevent", () => {
    expect(preventionFor("45")).toBeNull();
    expect(preventionFor("50")).toBeNull();
    expect(preventionFor("0119")).toBe(preventionFor("119"));
  });

  it("names only issue codes the engine has or that are declared pending, and only CARCs the list explains as denials", () => {
    const known = new Set<string>([...CLAIM_ISSUE_CODES, ...PENDING_ISSUE_CODES]);
    for (const p of DENIAL_PREVENTION) {
      expect(p.issueCodes.filter((code) => !known.has(code))).toEqual([]);
      expect(isKnownCarc(p.carc)).toBe(true);
      expect(carcKind(p.carc)).toBe("DENIAL");
    }
    // A pending code that the engine has since gained should leave the pending list.
    expect(PENDING_ISSUE_CODES.filter((code) => (CLAIM_ISSUE_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
