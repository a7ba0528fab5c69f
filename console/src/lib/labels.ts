/** Plain-word labels for the API's enums. */
import type { Sex, SubscriberRelationship } from "../__generated__/graphql";
export const MODALITY_LABELS: Record<string, string> = {
  IN_PERSON: "In person",
  TELEHEALTH_VIDEO: "Video telehealth",
  TELEHEALTH_AUDIO: "Audio-only telehealth",
};

export const MODIFIER_WHEN_LABELS: Record<string, string> = {
  ALWAYS: "Always",
  IN_PERSON: "In person",
  TELEHEALTH_VIDEO: "Video",
  TELEHEALTH_AUDIO: "Audio only",
};

export const PAYER_KIND_LABELS: Record<string, string> = {
  MEDICARE: "Medicare",
  MEDICARE_ADVANTAGE: "Medicare Advantage",
  MEDICAID: "Medicaid",
  COMMERCIAL: "Commercial",
  TRICARE: "TRICARE",
  OTHER: "Other",
};

export const GROUP_KIND_LABELS: Record<string, string> = {
  PSYCHOTHERAPY: "Psychotherapy",
  SKILLS: "Skills",
  SUBSTANCE_USE: "Substance use",
  PSYCHOEDUCATION: "Psychoeducation",
  SUPPORT: "Support",
  FAMILY: "Family",
  MULTI_FAMILY: "Multiple-family",
};

export const NOTE_ELEMENT_LABELS: Record<string, string> = {
  PARTICIPATION: "Participation",
  RESPONSE: "Response",
  INTERVENTIONS: "Interventions",
  PROGRESS: "Progress",
  PLAN: "Plan",
  RISK: "Risk",
};

export const ROLE_LABELS: Record<string, string> = {
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

export const STATUS_LABELS: Record<string, string> = { READY: "Ready", BLOCKED: "Blocked", BILLED: "Billed" };

/** Short names for issue codes (the API's `message` carries the full explanation where it is available). */
export const ISSUE_LABELS: Record<string, string> = {
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
