import type { RuleVersion } from "../engine/types.js";

/**
 * Which GroupBill rule would have stopped a denial before the claim went out,
 * by the denial's reason code (CARC). The predicted-vs-actual report uses it
 * to say whether a missed denial had a known cure and which rule to change.
 *
 * `issueCodes` are the claim-line issues that flag the problem when the rule
 * is on. An area whose rule is not built yet (timely filing) names no issue
 * codes; PENDING_ISSUE_CODES lists codes named before the engine has them.
 */

export type PreventionArea = "MODIFIER_RULES" | "PRIOR_AUTHORIZATION" | "TIMELY_FILING" | "REGISTRATION" | "UNITS";

export interface DenialPrevention {
  carc: string;
  area: PreventionArea;
  /** Line issues that would have flagged this denial. Empty when the rule works through the line's contents (modifiers) or is not built yet. */
  issueCodes: readonly string[];
  /** The payer rule setting to change, when one exists today. */
  payerRuleField: keyof RuleVersion | null;
  /** What to change, in words the console can show beside the denial. */
  suggestion: string;
}

/** Issue codes this map names before the engine has them. */
export const PENDING_ISSUE_CODES: readonly string[] = [];

export const DENIAL_PREVENTION: readonly DenialPrevention[] = [
  {
    carc: "4",
    area: "MODIFIER_RULES",
    issueCodes: [],
    payerRuleField: "modifierRules",
    suggestion: "Add or correct this payer's modifier rules (for example HQ for group, 95 or GT for telehealth) so every line carries the modifiers the payer expects.",
  },
  {
    carc: "15",
    area: "PRIOR_AUTHORIZATION",
    issueCodes: ["AUTH_REQUIRED"],
    payerRuleField: "requirePriorAuthorization",
    suggestion: "Require a valid prior authorization for this payer, and put its number on the claim.",
  },
  {
    carc: "197",
    area: "PRIOR_AUTHORIZATION",
    issueCodes: ["AUTH_REQUIRED"],
    payerRuleField: "requirePriorAuthorization",
    suggestion: "Require a prior authorization on file for this payer before a line can be billed.",
  },
  {
    carc: "198",
    area: "PRIOR_AUTHORIZATION",
    issueCodes: ["AUTH_EXHAUSTED"],
    payerRuleField: "requirePriorAuthorization",
    suggestion: "Track the sessions each authorization allows and stop billing once they are used up.",
  },
  {
    carc: "29",
    area: "TIMELY_FILING",
    issueCodes: [],
    payerRuleField: null,
    suggestion: "Set this payer's filing deadline so lines nearing it are flagged and late ones are held.",
  },
  {
    carc: "16",
    area: "REGISTRATION",
    issueCodes: ["MISSING_REGISTRATION"],
    payerRuleField: null,
    suggestion: "Require complete registration (member id, date of birth, address, subscriber) before a member's lines can be billed.",
  },
  {
    carc: "119",
    area: "UNITS",
    issueCodes: ["DAILY_UNIT_LIMIT"],
    payerRuleField: "maxUnitsPerDay",
    suggestion: "Lower this payer's units per day to what it pays, so extra sessions are held instead of denied.",
  },
  {
    carc: "222",
    area: "UNITS",
    issueCodes: ["DAILY_UNIT_LIMIT"],
    payerRuleField: "maxUnitsPerDay",
    suggestion: "Lower this payer's units per day to the contracted maximum.",
  },
];

const BY_CARC = new Map(DENIAL_PREVENTION.map((p) => [p.carc, p]));

/** The rule that would have prevented a denial with this reason, or null when GroupBill has none. */
export function preventionFor(carc: string): DenialPrevention | null {
  const trimmed = carc.trim();
  return BY_CARC.get(/^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed) ?? null;
}
