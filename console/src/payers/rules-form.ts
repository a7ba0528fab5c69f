import type { IssueSeverity, ModifierCondition, NoteElement, PayerRulesFieldsFragment, PayerRulesInput } from "../__generated__/graphql";
import type { FieldErrors } from "../lib/errors";
import { NOTE_ELEMENT_LABELS, valuesOf } from "../lib/labels";
import { centsToDollars, dollarsToCents } from "../lib/money";

export const NOTE_ELEMENTS = valuesOf(NOTE_ELEMENT_LABELS);

/** Common modifiers, one click away: HQ (Medicaid group setting), 95 and GT (synchronous telehealth). */
export const QUICK_MODIFIERS: { modifier: string; when: ModifierCondition; label: string }[] = [
  { modifier: "HQ", when: "ALWAYS", label: "HQ group setting" },
  { modifier: "95", when: "TELEHEALTH_VIDEO", label: "95 video" },
  { modifier: "GT", when: "TELEHEALTH_VIDEO", label: "GT video" },
];

export interface ModifierRow {
  /** Stable React key while rows move. */
  key: string;
  modifier: string;
  when: ModifierCondition;
}

export interface CredentialRow {
  key: string;
  credential: string;
  modifier: string;
}

/** What the editor holds: numbers as typed text, the fee in dollars. */
export interface RulesForm {
  effectiveFrom: string;
  minGroupSize: string;
  maxGroupSize: string;
  minSessionMinutes: string;
  maxSessionMinutes: string;
  telehealthVideoAllowed: boolean;
  telehealthAudioAllowed: boolean;
  telehealthPlaceOfService: string;
  modifierRules: ModifierRow[];
  requiredNoteElements: NoteElement[];
  requireSignedNote: boolean;
  requireLicensedLeader: boolean;
  maxUnitsPerDay: string;
  fee: string;
  requirePriorAuthorization: boolean;
  minAttendedMinutes: string;
  minAttendedPercent: string;
  warnClassLikeDocumentation: boolean;
  telehealthPosByLocation: boolean;
  signWithinDays: string;
  credentialModifiers: CredentialRow[];
  lateSignatureSeverity: IssueSeverity;
  /** Interactive complexity (90785) paid as an add-on line, at its own fee in dollars. */
  allowInteractiveComplexity: boolean;
  interactiveComplexityFee: string;
  maxUnitsPerWeek: string;
  maxUnitsPerMonth: string;
  timelyFilingDays: string;
}

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function formFromRules(rules: PayerRulesFieldsFragment, effectiveFrom: string): RulesForm {
  return {
    effectiveFrom,
    minGroupSize: String(rules.minGroupSize),
    maxGroupSize: String(rules.maxGroupSize),
    minSessionMinutes: rules.minSessionMinutes === null ? "" : String(rules.minSessionMinutes),
    maxSessionMinutes: rules.maxSessionMinutes === null ? "" : String(rules.maxSessionMinutes),
    telehealthVideoAllowed: rules.telehealthVideoAllowed,
    telehealthAudioAllowed: rules.telehealthAudioAllowed,
    telehealthPlaceOfService: rules.telehealthPlaceOfService,
    modifierRules: rules.modifierRules.map((m) => ({ key: newRowKey(), modifier: m.modifier, when: m.when })),
    requiredNoteElements: NOTE_ELEMENTS.filter((e) => rules.requiredNoteElements.includes(e)),
    requireSignedNote: rules.requireSignedNote,
    requireLicensedLeader: rules.requireLicensedLeader,
    maxUnitsPerDay: String(rules.maxUnitsPerDay),
    fee: centsToDollars(rules.feeCents),
    requirePriorAuthorization: rules.requirePriorAuthorization,
    minAttendedMinutes: rules.minAttendedMinutes == null ? "" : String(rules.minAttendedMinutes),
    minAttendedPercent: rules.minAttendedPercent == null ? "" : String(rules.minAttendedPercent),
    warnClassLikeDocumentation: rules.warnClassLikeDocumentation ?? false,
    telehealthPosByLocation: rules.telehealthPosByLocation ?? false,
    signWithinDays: rules.signWithinDays == null ? "" : String(rules.signWithinDays),
    credentialModifiers: (rules.credentialModifiers ?? []).map((c) => ({ key: newRowKey(), credential: c.credential, modifier: c.modifier })),
    lateSignatureSeverity: rules.lateSignatureSeverity ?? "WARNING",
    allowInteractiveComplexity: rules.allowInteractiveComplexity ?? false,
    interactiveComplexityFee: centsToDollars(rules.interactiveComplexityFeeCents ?? 0),
    maxUnitsPerWeek: rules.maxUnitsPerWeek == null ? "" : String(rules.maxUnitsPerWeek),
    maxUnitsPerMonth: rules.maxUnitsPerMonth == null ? "" : String(rules.maxUnitsPerMonth),
    timelyFilingDays: rules.timelyFilingDays == null ? "" : String(rules.timelyFilingDays),
  };
}

const WHOLE = /^\d+$/;

/**
 * The form as the API's PayerRulesInput (every field sent, so a version says exactly what it is),
 * or the fields that are not even numbers. Ranges and order are the server's to judge: its
 * messages are the ones shown, next to the same inputs.
 */
export function rulesInputFrom(form: RulesForm): { input: PayerRulesInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const whole = (key: keyof RulesForm, text: string, optional: boolean, unit = "minutes"): number | null => {
    // Forms saved before a field existed hold undefined for it.
    const t = (text ?? "").trim();
    if (t === "" && optional) return null;
    // "-1" is a whole number, just below the range: say so instead of calling it "not a whole number".
    if (/^-\s*\d+$/.test(t)) {
      errors[`rules.${key}`] = "Must be 0 or more";
      return null;
    }
    if (!WHOLE.test(t)) {
      errors[`rules.${key}`] = optional ? `Enter a whole number of ${unit}, or leave it empty for none` : "Enter a whole number";
      return null;
    }
    return Number(t);
  };
  const feeCents = dollarsToCents(form.fee);
  if (feeCents === null) errors["rules.feeCents"] = /^-/.test(form.fee.trim()) ? "The fee must be 0 or more" : "Enter the fee in dollars, like 48.00";
  // Forms saved before the add-on existed hold no fee: $0, which the server accepts while 90785 is not paid.
  const complexityFee = (form.interactiveComplexityFee ?? "").trim() === "" ? 0 : dollarsToCents(form.interactiveComplexityFee);
  if (complexityFee === null) {
    errors["rules.interactiveComplexityFeeCents"] = /^-/.test(form.interactiveComplexityFee.trim()) ? "The fee must be 0 or more" : "Enter the fee in dollars, like 14.50";
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveFrom)) errors["rules.effectiveFrom"] = "Choose the first service date these rules apply to";
  const input: PayerRulesInput = {
    effectiveFrom: form.effectiveFrom,
    minGroupSize: whole("minGroupSize", form.minGroupSize, false),
    maxGroupSize: whole("maxGroupSize", form.maxGroupSize, false),
    minSessionMinutes: whole("minSessionMinutes", form.minSessionMinutes, true),
    maxSessionMinutes: whole("maxSessionMinutes", form.maxSessionMinutes, true),
    telehealthVideoAllowed: form.telehealthVideoAllowed,
    telehealthAudioAllowed: form.telehealthAudioAllowed,
    telehealthPlaceOfService: form.telehealthPlaceOfService,
    modifierRules: form.modifierRules.map((m) => ({ modifier: m.modifier.trim().toUpperCase(), when: m.when })),
    requiredNoteElements: form.requiredNoteElements,
    requireSignedNote: form.requireSignedNote,
    requireLicensedLeader: form.requireLicensedLeader,
    maxUnitsPerDay: whole("maxUnitsPerDay", form.maxUnitsPerDay, false),
    feeCents: feeCents ?? 0,
    requirePriorAuthorization: form.requirePriorAuthorization,
    minAttendedMinutes: whole("minAttendedMinutes", form.minAttendedMinutes, true),
    minAttendedPercent: whole("minAttendedPercent", form.minAttendedPercent, true, "percent"),
    warnClassLikeDocumentation: form.warnClassLikeDocumentation ?? false,
    telehealthPosByLocation: form.telehealthPosByLocation ?? false,
    signWithinDays: whole("signWithinDays", form.signWithinDays, true, "days"),
    credentialModifiers: (form.credentialModifiers ?? []).map((c) => ({ credential: c.credential.trim().toUpperCase(), modifier: c.modifier.trim().toUpperCase() })),
    lateSignatureSeverity: form.lateSignatureSeverity ?? "WARNING",
    allowInteractiveComplexity: form.allowInteractiveComplexity ?? false,
    interactiveComplexityFeeCents: complexityFee ?? 0,
    maxUnitsPerWeek: whole("maxUnitsPerWeek", form.maxUnitsPerWeek, true, "units"),
    maxUnitsPerMonth: whole("maxUnitsPerMonth", form.maxUnitsPerMonth, true, "units"),
    timelyFilingDays: whole("timelyFilingDays", form.timelyFilingDays, true, "days"),
  };
  return { input, errors };
}

export function moveRow<T>(rows: T[], from: number, to: number): T[] {
  if (to < 0 || to >= rows.length) return rows;
  const next = rows.slice();
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}
