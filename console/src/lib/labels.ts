/**
 * Plain-word labels for the API's enums. Each is a Record over the enum the codegen derives from the server's
 * domain list, so a value the server adds fails to compile here until it has a label, and a value it drops does
 * too. The console's lists of values come from these Records' keys (`valuesOf`), in the order written here (the
 * order the console shows them in), so no screen spells an enum's values again.
 */
import type {
  AttendanceStatus,
  ClaimIssueCode,
  ClaimStatus,
  GroupKind,
  IssueSeverity,
  MemberLocation,
  Modality,
  ModifierCondition,
  NoteElement,
  PayerKind,
  Role,
  Sex,
  SubscriberRelationship,
} from "../__generated__/graphql";

/** The values of an enum, in the order its labels are written. */
export function valuesOf<T extends string>(labels: Record<T, string>): T[] {
  return Object.keys(labels) as T[];
}

export const MODALITY_LABELS: Record<Modality, string> = {
  IN_PERSON: "In person",
  TELEHEALTH_VIDEO: "Video telehealth",
  TELEHEALTH_AUDIO: "Audio-only telehealth",
};

export const MODIFIER_WHEN_LABELS: Record<ModifierCondition, string> = {
  ALWAYS: "Always",
  IN_PERSON: "In person",
  TELEHEALTH_VIDEO: "Video",
  TELEHEALTH_AUDIO: "Audio only",
};

/** In the order a new payer's kinds are offered: Medicaid first, as most group practices' main payer. */
export const PAYER_KIND_LABELS: Record<PayerKind, string> = {
  MEDICAID: "Medicaid",
  MEDICARE: "Medicare",
  MEDICARE_ADVANTAGE: "Medicare Advantage",
  COMMERCIAL: "Commercial",
  TRICARE: "TRICARE",
  OTHER: "Other",
};

export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  PSYCHOTHERAPY: "Psychotherapy",
  SKILLS: "Skills",
  SUBSTANCE_USE: "Substance use",
  PSYCHOEDUCATION: "Psychoeducation",
  SUPPORT: "Support",
  FAMILY: "Family",
  MULTI_FAMILY: "Multiple-family",
};

export const NOTE_ELEMENT_LABELS: Record<NoteElement, string> = {
  PARTICIPATION: "Participation",
  RESPONSE: "Response",
  INTERVENTIONS: "Interventions",
  PROGRESS: "Progress",
  PLAN: "Plan",
  RISK: "Risk",
};

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  BILLER: "Biller",
  CLINICIAN: "Clinician",
};

export const POS_LABELS: Record<string, string> = {
  "02": "02 Telehealth, not in the patient's home",
  "10": "10 Telehealth in the patient's home",
  "11": "11 Office",
  "53": "53 Community mental health center",
  "57": "57 Non-residential substance use facility",
};

export const STATUS_LABELS: Record<ClaimStatus, string> = { READY: "Ready", BLOCKED: "Blocked", BILLED: "Billed" };

/** Short names for issue codes (the API's `message` carries the full explanation where it is available). */
export const ISSUE_LABELS: Record<ClaimIssueCode, string> = {
  GROUP_TOO_SMALL: "Group too small",
  GROUP_TOO_LARGE: "Group too large",
  SESSION_TOO_SHORT: "Session too short",
  SESSION_TOO_LONG: "Session longer than the payer's maximum",
  MISSING_GROUP_DOCUMENTATION: "Group documentation missing",
  MISSING_MEMBER_NOTE: "No note for this member",
  NOTE_INCOMPLETE: "Note incomplete",
  NOTE_UNSIGNED: "Note not signed",
  LEADER_NOT_LICENSED: "Leader not licensed",
  NOT_PSYCHOTHERAPY: "Not psychotherapy",
  USE_INDIVIDUAL_CODE: "Bill as individual therapy",
  USE_FAMILY_CODE: "Bill as family therapy",
  NO_ACTIVE_COVERAGE: "No active coverage",
  TELEHEALTH_NOT_COVERED: "Telehealth not covered",
  MISSING_DIAGNOSIS: "No diagnosis",
  DAILY_UNIT_LIMIT: "Daily unit limit reached",
  TOO_MANY_MODIFIERS: "More than 4 modifiers",
  MISSING_FEE: "No fee set for this payer",
  AUTH_REQUIRED: "No prior authorization",
  AUTH_EXHAUSTED: "Prior authorization used up",
  MISSING_REGISTRATION: "Registration incomplete for the claim",
  ATTENDANCE_TOO_SHORT: "Member attended too little of the session",
  DOCUMENTATION_READS_AS_CLASS: "Documentation reads as a class",
  OTHER_MEMBER_NAMED: "Note names another member",
  NOTE_SIGNED_LATE: "Note signed late",
  INTERACTIVE_COMPLEXITY_NOT_COVERED: "Interactive complexity (90785) not paid by this payer",
  FREQUENCY_LIMIT: "Weekly or monthly limit reached",
  TIMELY_FILING_SOON: "Filing deadline within 14 days",
  TIMELY_FILING_EXPIRED: "Filing deadline passed",
};

export const SEX_LABELS: Record<Sex, string> = { FEMALE: "Female", MALE: "Male", UNKNOWN: "Unknown" };

export const RELATIONSHIP_LABELS: Record<SubscriberRelationship, string> = {
  SELF: "Self (the client is the insured)",
  SPOUSE: "Spouse",
  CHILD: "Child",
  OTHER: "Other dependent",
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { PRESENT: "Present", ABSENT: "Absent", EXCUSED: "Excused" };

export const MEMBER_LOCATION_LABELS: Record<MemberLocation, string> = { HOME: "Home (POS 10)", OTHER: "Elsewhere (POS 02)" };

/** What a payer's late-signature rule does, in the rule editor's words. */
export const LATE_SIGNATURE_LABELS: Record<IssueSeverity, string> = { WARNING: "warns (the line can still be billed)", ERROR: "blocks the line" };
