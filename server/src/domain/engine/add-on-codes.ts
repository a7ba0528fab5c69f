/**
 * Add-on codes billed with a member's 90853 line (issue 11 item 9): interactive complexity, 90785, when
 * attendance flags it for the member (with its reason) and the payer's rules pay it.
 *
 * An add-on code is never billed alone: it is a second service line on the same claim as the 90853 line, so it
 * travels with that line everywhere (the decision, the frozen batch line, the CSV, the 837P, the remittance).
 */
import type { CheckResult, RuledLineFacts } from "./checks.js";
import type { AddOnLine, ClaimIssue, IssueSeverity, RuleVersion } from "./types.js";

/** CPT 90785, interactive complexity: an add-on to psychotherapy, 90853 included. */
export const INTERACTIVE_COMPLEXITY_CODE = "90785";

/** The flag still lets the 90853 line be billed; only the add-on is left off, which a biller should know. */
export const INTERACTIVE_COMPLEXITY_NOT_COVERED_SEVERITY: IssueSeverity = "WARNING";

/** The most characters a reason may hold: a sentence or two for the record, not a note. */
export const MAX_INTERACTIVE_COMPLEXITY_REASON = 500;

/** Whether these rules bill 90785 (absent in rules saved before the rule existed: no). */
export function paysInteractiveComplexity(rules: RuleVersion | null): boolean {
  return rules !== null && rules.allowInteractiveComplexity === true;
}

/**
 * Attendance records interactive complexity for the member, but the payer's rules do not pay 90785 with group
 * therapy: the 90853 line is billed alone, and the biller is told why the add-on is missing and where to allow it.
 */
export function interactiveComplexityNotCovered(line: RuledLineFacts): CheckResult {
  if (line.interactiveComplexityReason === null || paysInteractiveComplexity(line.rules)) return null;
  const issue: ClaimIssue = {
    code: "INTERACTIVE_COMPLEXITY_NOT_COVERED",
    severity: INTERACTIVE_COMPLEXITY_NOT_COVERED_SEVERITY,
    message:
      `Interactive complexity (${INTERACTIVE_COMPLEXITY_CODE}) is recorded for this member, but this payer's rules do not pay it with group therapy, so the claim carries 90853 alone. ` +
      `If the payer does pay ${INTERACTIVE_COMPLEXITY_CODE}, allow interactive complexity and set its fee in Payers → this payer → Rules; otherwise nothing needs fixing and the line can be billed as it is.`,
    element: null,
  };
  return issue;
}

/**
 * The add-on lines of a member's claim: 90785 when attendance flags it and the payer pays it, priced at the
 * payer's 90785 fee. It repeats the 90853 line's modifiers and place of service: payers read them per service
 * line, and the add-on was delivered in the same session, the same way, by the same clinician.
 */
export function addOnLinesOf(reason: string | null, rules: RuleVersion | null, modifiers: string[], placeOfService: string): AddOnLine[] | null {
  if (reason === null || !paysInteractiveComplexity(rules)) return null;
  return [
    {
      cptCode: INTERACTIVE_COMPLEXITY_CODE,
      modifiers,
      placeOfService,
      units: 1,
      chargeCents: rules!.interactiveComplexityFeeCents ?? 0,
      reason,
    },
  ];
}

/** What a line's add-on lines add to its claim's charge. */
export function addOnChargeOf(line: { addOnLines?: readonly { chargeCents: number }[] }): number {
  let cents = 0;
  for (const a of line.addOnLines ?? []) cents += a.chargeCents;
  return cents;
}
