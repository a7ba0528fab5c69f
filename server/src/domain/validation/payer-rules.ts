import { MAX_MODIFIERS_PER_LINE } from "../engine/line-contents.js";
import { ISSUE_SEVERITIES, MODIFIER_CONDITIONS, NOTE_ELEMENTS, type ModifierCondition, type ModifierRule, type NoteElement, type RuleVersion } from "../engine/types.js";
import { FieldError, fieldError, joinField } from "./field-error.js";
import { TELEHEALTH_PLACES_OF_SERVICE } from "./identifiers.js";
import { isOneOf, isValidDate } from "./primitives.js";

export type { ModifierCondition, ModifierRule, NoteElement };
export { MODIFIER_CONDITIONS, NOTE_ELEMENTS };

export const PAYER_KINDS = ["MEDICARE", "MEDICARE_ADVANTAGE", "MEDICAID", "COMMERCIAL", "TRICARE", "OTHER"] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];

/** The editable part of a rules version: everything the engine reads except identity and timestamps. */
export type PayerRulesValues = Omit<RuleVersion, "id" | "createdAt">;

/** undefined = keep the current value; null = clear (legal only for the session-minute bounds). */
export type PayerRulesPatch = { [K in keyof PayerRulesValues]?: PayerRulesValues[K] | null };

/**
 * Upper bounds beyond DESIGN §4's lower bounds exist so that a typo (an extra
 * zero) is caught at input instead of silently making every session billable.
 */
export const PAYER_RULES_LIMITS = {
  minGroupSize: 2,
  maxGroupSize: 100,
  minSessionMinutes: 1,
  maxSessionMinutes: 480,
  maxModifierRules: 10,
  maxUnitsPerDay: 24,
  maxFeeCents: 10_000_000,
  maxAttendedMinutes: 480,
  maxSignWithinDays: 365,
  maxCredentialModifiers: 10,
  maxUnitsPerWeek: 7 * 24,
  maxUnitsPerMonth: 31 * 24,
  /** Ten years: longer than any payer's window, short enough to catch an extra digit. */
  maxTimelyFilingDays: 3650,
  telehealthPlacesOfService: TELEHEALTH_PLACES_OF_SERVICE,
} as const;

export const PAYER_RULES_KEYS: readonly (keyof PayerRulesValues)[] = [
  "effectiveFrom",
  "minGroupSize",
  "maxGroupSize",
  "minSessionMinutes",
  "maxSessionMinutes",
  "telehealthVideoAllowed",
  "telehealthAudioAllowed",
  "telehealthPlaceOfService",
  "modifierRules",
  "requiredNoteElements",
  "requireSignedNote",
  "requireLicensedLeader",
  "maxUnitsPerDay",
  "feeCents",
  "requirePriorAuthorization",
  "minAttendedMinutes",
  "minAttendedPercent",
  "warnClassLikeDocumentation",
  "signWithinDays",
  "lateSignatureSeverity",
  "credentialModifiers",
  "telehealthPosByLocation",
  "allowInteractiveComplexity",
  "interactiveComplexityFeeCents",
  "maxUnitsPerWeek",
  "maxUnitsPerMonth",
  "timelyFilingDays",
];

/** The rules whose value may be null ("no bound"); a patch may clear only these. */
type NullableRuleKey = { [K in keyof PayerRulesValues]-?: null extends PayerRulesValues[K] ? K : never }[keyof PayerRulesValues];
const NULLABLE_KEYS: ReadonlySet<keyof PayerRulesValues> = new Set<NullableRuleKey>(["minSessionMinutes", "maxSessionMinutes", "minAttendedMinutes", "minAttendedPercent", "signWithinDays", "maxUnitsPerWeek", "maxUnitsPerMonth", "timelyFilingDays"]);
const isNullableKey = (key: keyof PayerRulesValues): key is NullableRuleKey => NULLABLE_KEYS.has(key);

const LABELS: Record<keyof PayerRulesValues, string> = {
  effectiveFrom: "Effective date",
  minGroupSize: "Minimum group size",
  maxGroupSize: "Maximum group size",
  minSessionMinutes: "Minimum session length",
  maxSessionMinutes: "Maximum session length",
  telehealthVideoAllowed: "Telehealth video allowed",
  telehealthAudioAllowed: "Telehealth audio allowed",
  telehealthPlaceOfService: "Telehealth place of service",
  modifierRules: "Modifier rules",
  requiredNoteElements: "Required note elements",
  requireSignedNote: "Require signed note",
  requireLicensedLeader: "Require licensed leader",
  maxUnitsPerDay: "Maximum units per day",
  feeCents: "Fee",
  requirePriorAuthorization: "Require prior authorization",
  minAttendedMinutes: "Minimum minutes attended",
  minAttendedPercent: "Minimum share of the session attended",
  warnClassLikeDocumentation: "Warn when documentation reads as a class",
  signWithinDays: "Days to sign a note",
  lateSignatureSeverity: "Late signature severity",
  credentialModifiers: "Credential modifiers",
  telehealthPosByLocation: "Telehealth place of service by the member's location",
  allowInteractiveComplexity: "Pay interactive complexity (90785)",
  interactiveComplexityFeeCents: "Interactive complexity (90785) fee",
  maxUnitsPerWeek: "Maximum units per week",
  maxUnitsPerMonth: "Maximum units per month",
  timelyFilingDays: "Timely filing window",
};

/**
 * DESIGN §4 defaults for a new payer. The Medicaid HQ rule comes first so
 * that, with modifiers applied in rule order, claims read "HQ 95" the way
 * Medicaid programs document it.
 */
export function defaultPayerRules(kind: PayerKind, effectiveFrom: string): PayerRulesValues {
  const modifierRules: ModifierRule[] = [];
  if (kind === "MEDICAID") modifierRules.push({ modifier: "HQ", when: "ALWAYS" });
  modifierRules.push({ modifier: "95", when: "TELEHEALTH_VIDEO" });
  return {
    effectiveFrom,
    minGroupSize: 2,
    maxGroupSize: 12,
    minSessionMinutes: 45,
    maxSessionMinutes: 90,
    telehealthVideoAllowed: true,
    telehealthAudioAllowed: false,
    telehealthPlaceOfService: "02",
    modifierRules,
    requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
    requireSignedNote: true,
    requireLicensedLeader: true,
    maxUnitsPerDay: 1,
    feeCents: 0,
    requirePriorAuthorization: false,
  };
}

const MODIFIER_SHAPE = /^[A-Z0-9]{2}$/;

/**
 * Modifiers that certify telehealth delivery (95 and GT synchronous video, 93 and FQ audio only):
 * on an in-person line they misstate the service, so a rule may not apply them to in-person sessions.
 */
const TELEHEALTH_MODIFIERS: ReadonlySet<string> = new Set(["95", "GT", "93", "FQ"]);

/** Conditions in words: the console shows these messages as they are, so no enum name may reach them. */
const CONDITION_WORDS: Record<ModifierCondition, string> = {
  ALWAYS: "always",
  IN_PERSON: "in person",
  TELEHEALTH_VIDEO: "video telehealth",
  TELEHEALTH_AUDIO: "audio-only telehealth",
};

/** A line carries at most 4 modifiers; rules that would put more on a line of some modality are refused at input. */
function tooManyTogether(rules: readonly ModifierRule[], field: string): FieldError[] {
  const modalities = MODIFIER_CONDITIONS.filter((c): c is Exclude<ModifierCondition, "ALWAYS"> => c !== "ALWAYS");
  for (const modality of modalities) {
    const together = [...new Set(rules.filter((r) => r && (r.when === "ALWAYS" || r.when === modality)).map((r) => r.modifier))];
    if (together.length > MAX_MODIFIERS_PER_LINE) {
      return [
        fieldError(
          field,
          `${together.length} modifiers (${together.join(", ")}) would apply together to a ${CONDITION_WORDS[modality]} line, but a claim line carries at most ${MAX_MODIFIERS_PER_LINE}; remove the ones this payer does not need`,
        ),
      ];
    }
  }
  return [];
}

/** Users type "hq" or " 95"; claims need the canonical upper-case form. */
export function normalizeModifier(modifier: string): string {
  return modifier.trim().toUpperCase();
}

export function isValidModifier(modifier: string): boolean {
  return MODIFIER_SHAPE.test(modifier);
}

export function validateModifier(modifier: unknown, field = "modifier"): FieldError[] {
  return typeof modifier === "string" && isValidModifier(modifier)
    ? []
    : [fieldError(field, "Modifier must be exactly two upper-case letters or digits (e.g. HQ, 95, GT)")];
}

const CREDENTIAL_SHAPE = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;

/** A credential as rules hold it: trimmed, upper case ("lcsw " is LCSW). */
export function normalizeCredential(credential: string): string {
  return credential.trim().toUpperCase();
}

function checkCredentialModifiers(rules: unknown, field: string): FieldError[] {
  if (!Array.isArray(rules)) return [fieldError(field, "Credential modifiers must be a list of {credential, modifier} entries")];
  const errors: FieldError[] = [];
  if (rules.length > PAYER_RULES_LIMITS.maxCredentialModifiers) {
    errors.push(fieldError(field, `At most ${PAYER_RULES_LIMITS.maxCredentialModifiers} credential modifiers are allowed; ${rules.length} were given`));
  }
  const seen = new Set<string>();
  rules.forEach((rule: { credential?: unknown; modifier?: unknown } | null, i) => {
    const at = `${field}[${i}]`;
    if (rule === null || typeof rule !== "object") {
      errors.push(fieldError(at, "Credential modifier must have a credential and a modifier"));
      return;
    }
    const credentialOk = typeof rule.credential === "string" && CREDENTIAL_SHAPE.test(rule.credential);
    const modifier = typeof rule.modifier === "string" && isValidModifier(rule.modifier) ? rule.modifier : null;
    if (!credentialOk) errors.push(fieldError(`${at}.credential`, "Credential must be one credential of up to 20 letters, digits, periods or hyphens (e.g. LCSW, LPC, PhD)"));
    if (modifier === null) errors.push(...validateModifier(rule.modifier, `${at}.modifier`));
    if (!credentialOk || modifier === null) return;
    if (TELEHEALTH_MODIFIERS.has(modifier)) {
      errors.push(fieldError(`${at}.modifier`, `Modifier ${modifier} means the service was delivered by telehealth; add it with a modifier rule for TELEHEALTH_VIDEO or TELEHEALTH_AUDIO, not by credential`));
    }
    const pair = `${rule.credential} ${modifier}`;
    if (seen.has(pair)) errors.push(fieldError(at, `${rule.credential} → ${modifier} is listed more than once; list each pair once`));
    seen.add(pair);
  });
  return errors;
}

/** Which side of a min/max pair to blame when min > max. */
type Blame = "min" | "max";

interface Blames {
  groupSize: Blame;
  sessionMinutes: Blame;
}

function isIntIn(n: unknown, lo: number, hi: number): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= lo && n <= hi;
}

function checkRules(v: PayerRulesValues, prefix: string, blames: Blames): FieldError[] {
  const L = PAYER_RULES_LIMITS;
  const errors: FieldError[] = [];
  const f = (key: keyof PayerRulesValues) => joinField(prefix, key);
  const push = (key: keyof PayerRulesValues, message: string) => errors.push(fieldError(f(key), message));

  if (typeof v.effectiveFrom !== "string" || !isValidDate(v.effectiveFrom)) {
    push("effectiveFrom", "Effective date must be a real calendar date written YYYY-MM-DD (e.g. 2024-03-01)");
  }

  const minGroupOk = isIntIn(v.minGroupSize, L.minGroupSize, L.maxGroupSize);
  const maxGroupOk = isIntIn(v.maxGroupSize, L.minGroupSize, L.maxGroupSize);
  if (!minGroupOk) push("minGroupSize", `Minimum group size must be a whole number from ${L.minGroupSize} to ${L.maxGroupSize}`);
  if (!maxGroupOk) push("maxGroupSize", `Maximum group size must be a whole number from ${L.minGroupSize} to ${L.maxGroupSize}`);
  // Only compare bounds that are individually valid; otherwise one typo would produce two errors.
  if (minGroupOk && maxGroupOk && v.minGroupSize > v.maxGroupSize) {
    if (blames.groupSize === "max") {
      push("maxGroupSize", `Maximum group size (${v.maxGroupSize}) must be at least the minimum group size (${v.minGroupSize})`);
    } else {
      push("minGroupSize", `Minimum group size (${v.minGroupSize}) must not exceed the maximum group size (${v.maxGroupSize})`);
    }
  }

  const minutesRange = `a whole number of minutes from ${L.minSessionMinutes} to ${L.maxSessionMinutes}`;
  const minMinutesOk = v.minSessionMinutes === null || isIntIn(v.minSessionMinutes, L.minSessionMinutes, L.maxSessionMinutes);
  const maxMinutesOk = v.maxSessionMinutes === null || isIntIn(v.maxSessionMinutes, L.minSessionMinutes, L.maxSessionMinutes);
  if (!minMinutesOk) push("minSessionMinutes", `Minimum session length must be ${minutesRange}, or null for no minimum`);
  if (!maxMinutesOk) push("maxSessionMinutes", `Maximum session length must be ${minutesRange}, or null for no maximum`);
  if (
    minMinutesOk &&
    maxMinutesOk &&
    v.minSessionMinutes !== null &&
    v.maxSessionMinutes !== null &&
    v.minSessionMinutes > v.maxSessionMinutes
  ) {
    if (blames.sessionMinutes === "max") {
      push("maxSessionMinutes", `Maximum session length (${v.maxSessionMinutes} minutes) must be at least the minimum session length (${v.minSessionMinutes} minutes)`);
    } else {
      push("minSessionMinutes", `Minimum session length (${v.minSessionMinutes} minutes) must not exceed the maximum session length (${v.maxSessionMinutes} minutes)`);
    }
  }

  for (const key of ["telehealthVideoAllowed", "telehealthAudioAllowed", "requireSignedNote", "requireLicensedLeader", "requirePriorAuthorization"] as const) {
    if (typeof v[key] !== "boolean") push(key, `${LABELS[key]} must be true or false`);
  }

  if (!isOneOf(L.telehealthPlacesOfService, v.telehealthPlaceOfService)) {
    push(
      "telehealthPlaceOfService",
      "Telehealth place of service must be 02 (telehealth outside the patient's home) or 10 (telehealth in the patient's home)",
    );
  }

  if (!Array.isArray(v.modifierRules)) {
    push("modifierRules", "Modifier rules must be a list of {modifier, when} entries");
  } else {
    if (v.modifierRules.length > L.maxModifierRules) {
      push("modifierRules", `At most ${L.maxModifierRules} modifier rules are allowed; ${v.modifierRules.length} were given`);
    }
    const seen = new Set<string>();
    v.modifierRules.forEach((rule, i) => {
      const at = `${f("modifierRules")}[${i}]`;
      if (rule === null || typeof rule !== "object") {
        errors.push(fieldError(at, "Modifier rule must have a modifier and a when condition"));
        return;
      }
      const modifierOk = typeof rule.modifier === "string" && isValidModifier(rule.modifier);
      const whenOk = MODIFIER_CONDITIONS.includes(rule.when);
      if (!modifierOk) errors.push(...validateModifier(rule.modifier, `${at}.modifier`));
      if (!whenOk) errors.push(fieldError(`${at}.when`, `Modifier condition must be one of ${MODIFIER_CONDITIONS.join(", ")}`));
      if (modifierOk && whenOk) {
        const pair = `${rule.modifier} ${rule.when}`;
        if (seen.has(pair)) {
          errors.push(fieldError(at, `Modifier ${rule.modifier} (${CONDITION_WORDS[rule.when]}) is listed more than once; list each modifier and condition pair once`));
        }
        seen.add(pair);
        if (TELEHEALTH_MODIFIERS.has(rule.modifier) && (rule.when === "ALWAYS" || rule.when === "IN_PERSON")) {
          errors.push(
            fieldError(
              `${at}.when`,
              `Modifier ${rule.modifier} means the service was delivered by telehealth; apply it only to video or audio-only telehealth sessions, never ${CONDITION_WORDS[rule.when]}`,
            ),
          );
        }
      }
    });
    errors.push(...tooManyTogether(v.modifierRules, f("modifierRules")));
  }

  if (!Array.isArray(v.requiredNoteElements)) {
    push("requiredNoteElements", `Required note elements must be a list of ${NOTE_ELEMENTS.join(", ")}`);
  } else {
    // mergePayerRules drops repeats silently; values that still carry them
    // came from somewhere else and are reported rather than stored as is.
    const seen = new Set<string>();
    v.requiredNoteElements.forEach((el, i) => {
      const at = `${f("requiredNoteElements")}[${i}]`;
      if (!NOTE_ELEMENTS.includes(el)) {
        errors.push(fieldError(at, `Required note element must be one of ${NOTE_ELEMENTS.join(", ")}`));
      } else if (seen.has(el)) {
        errors.push(fieldError(at, `Note element ${el} is listed more than once; list each element once`));
      }
      seen.add(el);
    });
  }

  if (v.telehealthPosByLocation !== undefined && typeof v.telehealthPosByLocation !== "boolean") {
    push("telehealthPosByLocation", `${LABELS.telehealthPosByLocation} must be true or false`);
  }
  // Absent in rules saved before it existed: off.
  if (v.warnClassLikeDocumentation !== undefined && typeof v.warnClassLikeDocumentation !== "boolean") {
    push("warnClassLikeDocumentation", `${LABELS.warnClassLikeDocumentation} must be true or false`);
  }

  if (v.credentialModifiers !== undefined) errors.push(...checkCredentialModifiers(v.credentialModifiers, f("credentialModifiers")));

  if (v.signWithinDays != null && !isIntIn(v.signWithinDays, 0, L.maxSignWithinDays)) {
    push("signWithinDays", `Days to sign a note must be a whole number from 0 (the day of the session) to ${L.maxSignWithinDays}, or null for no deadline`);
  }
  if (v.lateSignatureSeverity !== undefined && !isOneOf(ISSUE_SEVERITIES, v.lateSignatureSeverity)) {
    push("lateSignatureSeverity", "Late signature severity must be WARNING (the line can still be billed) or ERROR (the line is blocked)");
  }

  // Absent (rules saved before these existed) and null both mean the payer sets no minimum.
  if (v.minAttendedMinutes != null && !isIntIn(v.minAttendedMinutes, 1, L.maxAttendedMinutes)) {
    push("minAttendedMinutes", `Minimum minutes attended must be a whole number from 1 to ${L.maxAttendedMinutes}, or null for no minimum`);
  }
  if (v.minAttendedPercent != null && !isIntIn(v.minAttendedPercent, 1, 100)) {
    push("minAttendedPercent", "Minimum share of the session attended must be a whole percent from 1 to 100, or null for no minimum");
  }

  if (!isIntIn(v.maxUnitsPerDay, 1, L.maxUnitsPerDay)) {
    push("maxUnitsPerDay", `Maximum units per day must be a whole number from 1 to ${L.maxUnitsPerDay}`);
  }
  // Absent (rules saved before these existed) and null both mean no cap and no window.
  if (v.maxUnitsPerWeek != null && !isIntIn(v.maxUnitsPerWeek, 1, L.maxUnitsPerWeek)) {
    push("maxUnitsPerWeek", `Maximum units per week (Sunday to Saturday) must be a whole number from 1 to ${L.maxUnitsPerWeek}, or null for no weekly limit`);
  }
  if (v.maxUnitsPerMonth != null && !isIntIn(v.maxUnitsPerMonth, 1, L.maxUnitsPerMonth)) {
    push("maxUnitsPerMonth", `Maximum units per calendar month must be a whole number from 1 to ${L.maxUnitsPerMonth}, or null for no monthly limit`);
  }
  if (v.timelyFilingDays != null && !isIntIn(v.timelyFilingDays, 1, L.maxTimelyFilingDays)) {
    push("timelyFilingDays", `Timely filing window must be a whole number of days from 1 to ${L.maxTimelyFilingDays} after the date of service, or null for no window`);
  }
  if (!isIntIn(v.feeCents, 0, L.maxFeeCents)) {
    push("feeCents", `Fee must be a whole number of cents from 0 to ${L.maxFeeCents} ($${(L.maxFeeCents / 100).toLocaleString("en-US")})`);
  }

  errors.push(...checkInteractiveComplexity(v, f));

  return errors;
}

/**
 * 90785 is priced on its own service line, and a $0 line is rejected like any other: a payer that pays it needs
 * its fee, so allowing it without one is refused here (there is no line to block, only a rule that cannot work).
 * Both are absent in rules saved before the rule existed: not paid, no fee.
 */
function checkInteractiveComplexity(v: PayerRulesValues, f: (key: keyof PayerRulesValues) => string): FieldError[] {
  const errors: FieldError[] = [];
  const allowOk = v.allowInteractiveComplexity === undefined || typeof v.allowInteractiveComplexity === "boolean";
  if (!allowOk) errors.push(fieldError(f("allowInteractiveComplexity"), `${LABELS.allowInteractiveComplexity} must be true or false`));
  const fee = v.interactiveComplexityFeeCents;
  const max = PAYER_RULES_LIMITS.maxFeeCents;
  if (fee !== undefined && !isIntIn(fee, 0, max)) {
    errors.push(fieldError(f("interactiveComplexityFeeCents"), `${LABELS.interactiveComplexityFeeCents} must be a whole number of cents from 0 to ${max} ($${(max / 100).toLocaleString("en-US")})`));
  } else if (v.allowInteractiveComplexity === true && !(fee !== undefined && fee > 0)) {
    errors.push(
      fieldError(
        f("interactiveComplexityFeeCents"),
        `Set the fee for interactive complexity (90785) when this payer pays it: a claim line billed at $0.00 is rejected`,
      ),
    );
  }

  return errors;
}

/**
 * Validates a complete rule set. With no patch to tell which side of a
 * min/max pair the user just changed, a crossed pair is reported on the max.
 */
export function validatePayerRules(v: PayerRulesValues, fieldPrefix = "rules"): FieldError[] {
  return checkRules(v, fieldPrefix, { groupSize: "max", sessionMinutes: "max" });
}

function blameFor(patchMin: unknown, patchMax: unknown): Blame {
  if (patchMax !== undefined && patchMax !== null) return "max";
  if (patchMin !== undefined && patchMin !== null) return "min";
  return "max";
}

/** One rule, typed by its key: a loop over every key cannot assign values[key] directly (TypeScript sees a union). */
function setRule<K extends keyof PayerRulesValues>(values: PayerRulesValues, key: K, value: PayerRulesValues[K]): void {
  values[key] = value;
}

function cloneRules(v: PayerRulesValues): PayerRulesValues {
  return {
    ...v,
    modifierRules: Array.isArray(v.modifierRules) ? v.modifierRules.map((r) => ({ ...r })) : v.modifierRules,
    requiredNoteElements: Array.isArray(v.requiredNoteElements) ? [...v.requiredNoteElements] : v.requiredNoteElements,
    ...(Array.isArray(v.credentialModifiers) ? { credentialModifiers: v.credentialModifiers.map((r) => ({ ...r })) } : {}),
  };
}

/**
 * Applies a PayerRulesInput-style patch to the rules in force (or to
 * defaultPayerRules for a new payer) and validates the result as a whole,
 * because most rules only make sense together (min vs max). Normalizes what
 * the user is likely to type loosely: modifiers are trimmed and upper-cased,
 * repeated note elements are dropped keeping the first occurrence (the set
 * of required elements is what matters, so a repeat is harmless), and the
 * place of service and effective date are trimmed. Neither input is mutated.
 */
export function mergePayerRules(
  current: PayerRulesValues,
  patch: PayerRulesPatch,
  fieldPrefix = "rules",
): { values: PayerRulesValues; errors: FieldError[] } {
  const values = cloneRules(current);
  const errors: FieldError[] = [];

  for (const key of PAYER_RULES_KEYS) {
    const next = patch[key];
    if (next === undefined) continue;
    if (next === null) {
      if (isNullableKey(key)) {
        values[key] = null;
      } else {
        errors.push(fieldError(joinField(fieldPrefix, key), `${LABELS[key]} cannot be null; send a value, or leave it out to keep the current one`));
      }
      continue;
    }
    setRule(values, key, next);
  }

  if (patch.modifierRules && Array.isArray(patch.modifierRules)) {
    values.modifierRules = patch.modifierRules.map((r) =>
      r !== null && typeof r === "object"
        ? { modifier: typeof r.modifier === "string" ? normalizeModifier(r.modifier) : r.modifier, when: r.when }
        : r,
    );
  }
  if (patch.credentialModifiers && Array.isArray(patch.credentialModifiers)) {
    values.credentialModifiers = patch.credentialModifiers.map((r) =>
      r !== null && typeof r === "object"
        ? {
            credential: typeof r.credential === "string" ? normalizeCredential(r.credential) : r.credential,
            modifier: typeof r.modifier === "string" ? normalizeModifier(r.modifier) : r.modifier,
          }
        : r,
    );
  }
  if (patch.requiredNoteElements && Array.isArray(patch.requiredNoteElements)) {
    values.requiredNoteElements = [...new Set(patch.requiredNoteElements)];
  }
  if (typeof patch.telehealthPlaceOfService === "string") {
    values.telehealthPlaceOfService = patch.telehealthPlaceOfService.trim();
  }
  if (typeof patch.effectiveFrom === "string") {
    values.effectiveFrom = patch.effectiveFrom.trim();
  }

  errors.push(
    ...checkRules(values, fieldPrefix, {
      groupSize: blameFor(patch.minGroupSize, patch.maxGroupSize),
      sessionMinutes: blameFor(patch.minSessionMinutes, patch.maxSessionMinutes),
    }),
  );
  return { values, errors };
}
