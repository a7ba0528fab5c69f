/** The CPT codes the engine bills or points billers to instead of 90853. */

export const GROUP_PSYCHOTHERAPY_CODE = "90853" as const;

/** 90846 family psychotherapy without the patient present, 90847 with. */
export const FAMILY_PSYCHOTHERAPY_CODES: readonly string[] = ["90846", "90847"];

/**
 * 90847, family psychotherapy with the patient present. A claim line exists only for a member marked PRESENT,
 * and that member is the patient of their own claim, so every line of a family group is "with the patient";
 * 90846 (family without the patient) describes a session the patient missed, which has no line of its own.
 */
export const FAMILY_WITH_PATIENT_CODE = "90847";
export const FAMILY_WITHOUT_PATIENT_CODE = "90846";

/** Individual psychotherapy by time: 90832 for 16-37 minutes, 90834 for 38-52, 90837 for 53 or more; under 16 has no code. */
export function suggestIndividualCodes(minutes: number): string[] {
  if (minutes < 16) return [];
  if (minutes < 38) return ["90832"];
  if (minutes < 53) return ["90834"];
  return ["90837"];
}

/** 90849 multiple-family group psychotherapy: several families treated together. */
export const MULTIPLE_FAMILY_GROUP_CODE = "90849";
