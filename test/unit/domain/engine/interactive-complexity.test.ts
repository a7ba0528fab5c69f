/**
 * Interactive complexity (issue 11 item 9): attendance flags 90785 for a member with its reason; a payer that pays
 * it gets an add-on line with the member's 90853 line, one that does not gets a WARNING. Table rows change one
 * thing from the default billable session (factories.ts).
 */
import { CHECKS, evaluateSessions, type AttendanceFacts, type ClaimDecisionDraft } from "../../../../server/src/domain/engine/index.js";
import { CLIENT, PRESENT, codesOf, decisionFor, engineInput, ruleVersion, session, type Scenario } from "./factories.js";

const REASON = "Mother interrupted repeatedly; play equipment used to engage";
const PAYS = { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1_850 };

function flagged(reason: string | null = REASON, more: Partial<AttendanceFacts> = {}): Scenario["session"] {
  return { attendance: new Map<string, AttendanceFacts>([[CLIENT, { minutesAttended: null, interactiveComplexityReason: reason, ...more }]]) };
}

interface Row {
  name: string;
  scenario: Scenario;
  /** The add-on lines expected on CLIENT's decision (reason included). */
  addOns: ClaimDecisionDraft["addOnLines"];
  warned: boolean;
  status: "READY" | "BLOCKED";
}

const addOn = (over: Partial<ClaimDecisionDraft["addOnLines"][number]> = {}) => ({ cptCode: "90785", modifiers: [], placeOfService: "11", units: 1 as const, chargeCents: 1_850, reason: REASON, ...over });

const ROWS: Row[] = [
  { name: "flagged, payer pays 90785: an add-on line at its fee", scenario: { session: flagged(), rules: PAYS }, addOns: [addOn()], warned: false, status: "READY" },
  { name: "flagged, payer does not pay it: a warning, no add-on", scenario: { session: flagged(), rules: { allowInteractiveComplexity: false } }, addOns: [], warned: true, status: "READY" },
  { name: "flagged, rules saved before the rule existed: a warning", scenario: { session: flagged() }, addOns: [], warned: true, status: "READY" },
  { name: "not flagged, payer pays it: nothing", scenario: { rules: PAYS }, addOns: [], warned: false, status: "READY" },
  { name: "attendance recorded without the flag: nothing", scenario: { session: flagged(null, { minutesAttended: 60 }), rules: PAYS }, addOns: [], warned: false, status: "READY" },
  { name: "the lowest fee, 1 cent (boundary)", scenario: { session: flagged(), rules: { ...PAYS, interactiveComplexityFeeCents: 1 } }, addOns: [addOn({ chargeCents: 1 })], warned: false, status: "READY" },
  {
    name: "video telehealth: the add-on carries the line's 95 and telehealth POS",
    scenario: { session: { ...flagged(), modality: "TELEHEALTH_VIDEO" }, rules: { ...PAYS, modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier: "95", when: "TELEHEALTH_VIDEO" }] } },
    addOns: [addOn({ modifiers: ["HQ", "95"], placeOfService: "02" })],
    warned: false,
    status: "READY",
  },
  {
    name: "telehealth from home with POS by location: 10 on both lines",
    scenario: { session: { ...flagged(REASON, { location: "HOME" }), modality: "TELEHEALTH_VIDEO" }, rules: { ...PAYS, telehealthPosByLocation: true } },
    addOns: [addOn({ modifiers: ["95"], placeOfService: "10" })],
    warned: false,
    status: "READY",
  },
  {
    name: "credential modifiers follow onto the add-on",
    scenario: { session: { ...flagged(), leader: { id: "clinician-leader", licensed: true, licenseExpiresOn: null, credential: "LCSW" } }, rules: { ...PAYS, credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }] } },
    addOns: [addOn({ modifiers: ["AJ"] })],
    warned: false,
    status: "READY",
  },
  {
    name: "a blocked line still shows its add-on (billed together once fixed)",
    scenario: { session: flagged(), rules: PAYS, note: null },
    addOns: [addOn()],
    warned: false,
    status: "BLOCKED",
  },
  { name: "no coverage: no add-on and no warning (nothing is billed)", scenario: { session: flagged(), rules: PAYS, member: { coverages: [] } }, addOns: [], warned: false, status: "BLOCKED" },
];

describe("90785 interactive complexity", () => {
  test.each(ROWS)("$name", ({ scenario, addOns, warned, status }) => {
    const decision = decisionFor(scenario);
    expect(decision.addOnLines).toEqual(addOns);
    const warnings = decision.issues.filter((i) => i.code === "INTERACTIVE_COMPLEXITY_NOT_COVERED");
    expect(warnings).toHaveLength(warned ? 1 : 0);
    if (warned) {
      expect(warnings[0]!.severity).toBe("WARNING");
      expect(warnings[0]!.message).toContain("claim carries 90853 alone");
      expect(warnings[0]!.message).toContain("allow interactive complexity and set its fee in Payers → this payer → Rules");
    }
    expect(decision.status).toBe(status);
    // The add-on never changes the 90853 line itself.
    expect(decision.cptCode).toBe("90853");
    expect(decision.chargeCents).toBe(status === "BLOCKED" && addOns.length === 0 ? 0 : 4_500);
  });

  test("only the flagged member gets the add-on", () => {
    const drafts = evaluateSessions(engineInput({ sessions: [session(flagged())], ruleVersions: [ruleVersion(PAYS)] }));
    expect(drafts.map((d) => [d.clientId, d.addOnLines.map((a) => a.cptCode)])).toEqual(PRESENT.map((id) => [id, id === CLIENT ? ["90785"] : []]));
  });

  test("a warning alone does not block, and nothing else is raised", () => {
    expect(codesOf(decisionFor({ session: flagged() }))).toEqual(["INTERACTIVE_COMPLEXITY_NOT_COVERED"]);
  });

  test("the check runs after the telehealth check and before the unit checks", () => {
    const order = CHECKS.map((c) => c.run.name);
    expect(order.indexOf("interactiveComplexityNotCovered")).toBe(order.indexOf("telehealthNotCovered") + 1);
    expect(order.indexOf("interactiveComplexityNotCovered")).toBeLessThan(order.indexOf("dailyUnitLimit"));
  });
});
