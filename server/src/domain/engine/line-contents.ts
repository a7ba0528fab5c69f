/** What goes on a claim line besides the issues: modifiers, place of service, diagnoses. */
import type { LeaderFacts, MemberLocation, Modality, RuleVersion } from "./types.js";

/** A claim line carries at most this many modifiers (CMS-1500 box 24D / 837P SV101). */
export const MAX_MODIFIERS_PER_LINE = 4;

/** A professional claim carries at most 12 diagnosis codes (CMS-1500 box 21, 837P HI segment). */
export const MAX_DIAGNOSIS_CODES_PER_CLAIM = 12;

/** Place of service for synchronous telehealth when no payer rules say otherwise. */
export const DEFAULT_TELEHEALTH_PLACE_OF_SERVICE = "02";

/** Whitespace documents nothing, so payers (and we) read it as missing. */
export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === "";
}

/** Audio-only counts too: payers treat both as telehealth for place of service. */
export function isTelehealth(modality: Modality): boolean {
  return modality !== "IN_PERSON";
}

/** Each rule whose condition is ALWAYS or this modality, in rule order, each modifier once. */
export function applicableModifiers(rules: RuleVersion, modality: Modality): string[] {
  const modifiers: string[] = [];
  for (const rule of rules.modifierRules) {
    if (rule.when !== "ALWAYS" && rule.when !== modality) continue;
    if (!modifiers.includes(rule.modifier)) modifiers.push(rule.modifier);
  }
  return modifiers;
}

/** A recorded credential's parts, upper case: "LICSW, ladc" holds LICSW and LADC. */
export function credentialsOf(credential: string | undefined): string[] {
  if (!credential) return [];
  return credential
    .toUpperCase()
    .split(/[,/;]+|\s+/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/** The modality's modifiers, then each credential rule the clinician's credential matches, in rule order, each modifier once. */
export function modifiersWithCredential(rules: RuleVersion, modality: Modality, credential: string | undefined): string[] {
  const modifiers = applicableModifiers(rules, modality);
  const held = credentialsOf(credential);
  for (const rule of rules.credentialModifiers ?? []) {
    if (held.includes(rule.credential) && !modifiers.includes(rule.modifier)) modifiers.push(rule.modifier);
  }
  return modifiers;
}

export function placeOfServiceFor(
  modality: Modality,
  sessionPlaceOfService: string | null,
  practiceDefault: string,
  rules: RuleVersion | null,
  memberLocation: MemberLocation | null = null,
): string {
  const sessionPos = isBlank(sessionPlaceOfService) ? null : sessionPlaceOfService!.trim();
  if (isTelehealth(modality)) {
    // A payer billing by where the member was: 10 telehealth in the patient's home, 02 anywhere else.
    if (rules?.telehealthPosByLocation && memberLocation !== null) return memberLocation === "HOME" ? "10" : "02";
    // The payer decides between 02 and 10 for telehealth; without its rules, keep what was recorded.
    return rules?.telehealthPlaceOfService ?? sessionPos ?? DEFAULT_TELEHEALTH_PLACE_OF_SERVICE;
  }
  return sessionPos ?? practiceDefault;
}

/** The member's diagnoses as billed: blanks dropped, at most the first 12. */
export function claimDiagnosisCodes(codes: string[]): string[] {
  return codes
    .map((code) => code.trim())
    .filter((code) => code !== "")
    .slice(0, MAX_DIAGNOSIS_CODES_PER_CLAIM);
}

/** Licensed on the date of service: the expiry date is the last valid day. */
export function licensedOn(clinician: LeaderFacts, date: string): boolean {
  return clinician.licensed && (clinician.licenseExpiresOn === null || clinician.licenseExpiresOn >= date);
}

/**
 * Who the claim names as rendering provider: the leader when licensed that day; otherwise, for a payer
 * that accepts supervised leaders, the licensed supervisor, with the leader recorded as supervised.
 * A line that fits neither is blocked (LEADER_NOT_LICENSED) and keeps the leader.
 */
export function renderingClinicianOf(session: { leader: LeaderFacts; supervisor: LeaderFacts | null }, serviceDate: string, rules: RuleVersion | null): LeaderFacts {
  const { leader, supervisor } = session;
  return !licensedOn(leader, serviceDate) && rules && !rules.requireLicensedLeader && supervisor && licensedOn(supervisor, serviceDate) ? supervisor : leader;
}

export function renderingProviderOf(
  session: { leader: LeaderFacts; supervisor: LeaderFacts | null },
  serviceDate: string,
  rules: RuleVersion | null,
): { renderingClinicianId: string; supervisedClinicianId: string | null } {
  const { leader, supervisor } = session;
  if (!licensedOn(leader, serviceDate) && rules && !rules.requireLicensedLeader && supervisor && licensedOn(supervisor, serviceDate)) {
    return { renderingClinicianId: supervisor.id, supervisedClinicianId: leader.id };
  }
  return { renderingClinicianId: leader.id, supervisedClinicianId: null };
}
