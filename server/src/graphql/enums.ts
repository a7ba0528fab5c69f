import { registerEnumType } from "type-graphql";
import { ROLES } from "../auth/roles.js";
import { ATTENDANCE_STATUSES, CLAIM_ISSUE_CODES, CLAIM_STATUSES, COVERAGE_PRIORITIES, GROUP_KINDS, ISSUE_SEVERITIES, MEMBER_LOCATIONS, MODALITIES, MODIFIER_CONDITIONS, NOTE_ELEMENTS, REGISTRATION_ITEMS, SEXES, SUBSCRIBER_RELATIONSHIPS } from "../domain/engine/index.js";
import { EXPORT_FORMATS, USAGE_INDICATORS } from "../domain/export/index.js";
import { PAYER_KINDS } from "../domain/validation/index.js";

/**
 * The object type-graphql registers for a domain list of values, each mapped to itself: every enum's values are
 * spelled once, in the domain, and the API follows them.
 */
function enumOf<const V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  // fromEntries is typed string-keyed; the object holds exactly the list's values, each mapped to itself.
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in V]: K };
}

/** Registers a domain list as a GraphQL enum; every value needs its description (the record's type asks for each). */
export function domainEnum<const V extends string>(values: readonly V[], name: string, description: string, valueDescriptions: Record<V, string>) {
  const enumObject = enumOf(values);
  const valuesConfig: Partial<Record<V, { description: string }>> = {};
  for (const value of values) valuesConfig[value] = { description: valueDescriptions[value] };
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}

export const RoleEnum = domainEnum(ROLES, "Role", "What a user may do in a practice.", {
  OWNER: "Everything, including granting and taking away OWNER (a practice always keeps one owner).",
  ADMIN: "Everything but granting or taking away OWNER: practice settings, members, payers and rules, clinicians, clients, groups, sessions, notes and billing.",
  BILLER: "Reads the practice's records; manages clients, claim batches and remittances. Payers, rules and members stay with admins.",
  CLINICIAN: "Schedules sessions, records attendance and writes notes; reads the practice, groups, sessions, clients and clinicians, not payers or billing.",
});

export const PayerKindEnum = domainEnum(PAYER_KINDS, "PayerKind", "The kind of insurer; Medicaid payers get the HQ group-setting modifier by default.", {
  MEDICARE: "Original Medicare (Part B).",
  MEDICARE_ADVANTAGE: "A Medicare Advantage (Part C) plan run by a private insurer.",
  MEDICAID: "A state Medicaid program or Medicaid managed-care plan.",
  COMMERCIAL: "A commercial (employer or individual) health plan.",
  TRICARE: "TRICARE, the military health program.",
  OTHER: "Any other payer.",
});

export const GroupKindEnum = domainEnum(GROUP_KINDS, "GroupKind", "What a therapy group is; decides whether 90853 applies at all.", {
  PSYCHOTHERAPY: "A psychotherapy group: billed as 90853.",
  SKILLS: "A skills group (e.g. DBT skills): billed as 90853 only when it has a psychotherapy component.",
  SUBSTANCE_USE: "A substance-use group: billed as 90853 only when it has a psychotherapy component.",
  PSYCHOEDUCATION: "A psychoeducation group: billed as 90853 only when it has a psychotherapy component.",
  SUPPORT: "A support group: billed as 90853 only when it has a psychotherapy component.",
  FAMILY: "Family therapy: billed with the family psychotherapy codes, never 90853 (USE_FAMILY_CODE).",
  MULTI_FAMILY: "Multiple-family group psychotherapy: billed as 90849, never 90853 (USE_FAMILY_CODE).",
});

export const ModalityEnum = domainEnum(MODALITIES, "Modality", "How members attended: in person, by video or by audio only.", {
  IN_PERSON: "Members and leader in one room.",
  TELEHEALTH_VIDEO: "Synchronous audio and video telehealth.",
  TELEHEALTH_AUDIO: "Audio-only telehealth (telephone).",
});

export const AttendanceStatusEnum = domainEnum(ATTENDANCE_STATUSES, "AttendanceStatus", "Whether a member attended a session; only PRESENT members are billed.", {
  PRESENT: "Attended: the member gets a claim line.",
  ABSENT: "Did not attend.",
  EXCUSED: "Did not attend, with notice.",
});

export const NoteElementEnum = domainEnum(NOTE_ELEMENTS, "NoteElement", "A section of a member's progress note that a payer may require.", {
  PARTICIPATION: "How the member took part in the session.",
  RESPONSE: "How the member responded to the interventions.",
  INTERVENTIONS: "The therapeutic interventions used with the member.",
  PROGRESS: "Progress toward the member's treatment goals.",
  PLAN: "The plan for the member's next steps.",
  RISK: "Assessment of risk (e.g. to self or others).",
});

export const RegistrationItemEnum = domainEnum(REGISTRATION_ITEMS, "RegistrationItem", "Something a claim file must name that the client's record lacks (MISSING_REGISTRATION).", {
  SEX: "The member's sex, female or male (missing or recorded as unknown).",
  ADDRESS: "The member's home address.",
  SUBSCRIBER: "The insured person on the line's coverage, when the member is a dependent.",
});

export const ModifierConditionEnum = domainEnum(MODIFIER_CONDITIONS, "ModifierCondition", "When a modifier rule applies: always, or only for one modality.", {
  ALWAYS: "On every line of the payer.",
  IN_PERSON: "On lines of in-person sessions.",
  TELEHEALTH_VIDEO: "On lines of video telehealth sessions.",
  TELEHEALTH_AUDIO: "On lines of audio-only telehealth sessions.",
});

export const CoveragePriorityEnum = domainEnum(COVERAGE_PRIORITIES, "CoveragePriority", "Whether a coverage is billed first (PRIMARY) or after (SECONDARY).", {
  PRIMARY: "Billed first; the claim line's payer.",
  SECONDARY: "Billed after the primary adjudicated the line (createSecondaryClaims).",
});

export const ClaimStatusEnum = domainEnum(CLAIM_STATUSES, "ClaimStatus", "READY to bill, BLOCKED by an error, or BILLED in a batch that is not void.", {
  READY: "No error: the line can be billed (warnings may remain).",
  BLOCKED: "At least one ERROR issue: the line stays out of batches until it is fixed.",
  BILLED: "In a claim batch that is not void.",
});

export const IssueSeverityEnum = domainEnum(ISSUE_SEVERITIES, "IssueSeverity", "An ERROR blocks the line; a WARNING is worth a look but does not.", {
  ERROR: "The payer would deny the line: it is BLOCKED.",
  WARNING: "Worth a look; the line can still be billed.",
});

export const ClaimIssueCodeEnum = domainEnum(CLAIM_ISSUE_CODES, "ClaimIssueCode", "Why a payer would deny or question a 90853 line.", {
  GROUP_TOO_SMALL: "Fewer members were present than the payer's minimum group size.",
  GROUP_TOO_LARGE: "More members were present than the payer's maximum group size.",
  SESSION_TOO_SHORT: "The session was shorter than the payer's minimum length.",
  SESSION_TOO_LONG: "Warning: the session ran longer than the payer's maximum; it still bills one unit.",
  MISSING_GROUP_DOCUMENTATION: "The session records no topics or interventions.",
  MISSING_MEMBER_NOTE: "The member has no note for the session.",
  NOTE_INCOMPLETE: "The member's note lacks an element the payer requires.",
  NOTE_UNSIGNED: "The payer requires a signed note and the member's note is not signed.",
  LEADER_NOT_LICENSED: "No clinician licensed on the date of service led or supervised the session.",
  NOT_PSYCHOTHERAPY: "The group has no psychotherapy component (a class or support meeting).",
  USE_INDIVIDUAL_CODE: "Only one member was present: individual psychotherapy, not group.",
  USE_FAMILY_CODE: "A family or multiple-family group, billed with the family codes rather than 90853.",
  NO_ACTIVE_COVERAGE: "The member has no primary coverage in force on the date, or its payer has no rules.",
  TELEHEALTH_NOT_COVERED: "The payer does not cover group therapy by this telehealth modality.",
  MISSING_DIAGNOSIS: "The member has no diagnosis code.",
  DAILY_UNIT_LIMIT: "The member's units for the day with this payer are used up by other lines.",
  TOO_MANY_MODIFIERS: "The rules give the line more modifiers than a claim line carries (four).",
  MISSING_FEE: "The payer's fee for 90853 is $0: a line at $0.00 is rejected.",
  AUTH_REQUIRED: "The payer requires a prior authorization and none for the member with this payer is in force on the date of service.",
  AUTH_EXHAUSTED: "The prior authorization in force has no units left: billed lines and earlier lines of the authorization used them all.",
  MISSING_REGISTRATION: "The claim lacks what the 837P requires of the member or the insured (sex, address, subscriber details).",
  ATTENDANCE_TOO_SHORT: "The member attended fewer minutes than the payer's minimum (in minutes or as a share of the session).",
  NOTE_SIGNED_LATE: "The member's note was signed more days after the session than the payer allows (a WARNING or an ERROR, as the payer's rules say).",
  OTHER_MEMBER_NAMED: "Warning: the member's note contains another present member's first and last name (a privacy breach in the member's record).",
  DOCUMENTATION_READS_AS_CLASS: "Warning: the group documentation or the member's note uses didactic words (lecture, video, handout, class) and names no therapeutic intervention.",
  FREQUENCY_LIMIT:
    "The member's units with this payer in the week (Sunday to Saturday) or the calendar month of the service date are already used, by billed lines first and then earlier lines with no other error.",
  TIMELY_FILING_SOON:
    "Warning: 14 days or fewer are left until the payer's filing deadline (date of service plus its filing window, that day included) and the line is not billed yet.",
  TIMELY_FILING_EXPIRED: "The payer's filing deadline (date of service plus its filing window) has passed and the line was never billed.",
  INTERACTIVE_COMPLEXITY_NOT_COVERED:
    "Warning: attendance flags interactive complexity (90785) for the member, but the payer's rules do not pay it, so the claim carries 90853 alone.",
});

export const MemberLocationEnum = domainEnum(MEMBER_LOCATIONS, "MemberLocation", "Where a member joined a telehealth session from: HOME (place of service 10) or OTHER (02), for payers that bill by it.", {
  HOME: "At home: place of service 10.",
  OTHER: "Anywhere else: place of service 02.",
});

export const SexEnum = domainEnum(SEXES, "Sex", "Sex as claims carry it (837P DMG03: F, M or U).", {
  FEMALE: "F on the claim.",
  MALE: "M on the claim.",
  UNKNOWN: "U on the claim.",
});

export const SubscriberRelationshipEnum = domainEnum(SUBSCRIBER_RELATIONSHIPS, "SubscriberRelationship", "The client's relationship to the insured person on a coverage: SELF when the client is the insured (837P SBR02/PAT01).", {
  SELF: "The client is the insured (SBR02 18).",
  SPOUSE: "The client is the insured's spouse (PAT01 01).",
  CHILD: "The client is the insured's child (PAT01 19).",
  OTHER: "Any other relationship (PAT01 G8).",
});

export const UsageIndicatorEnum = domainEnum(USAGE_INDICATORS, "UsageIndicator", "ISA15 of an 837P: T for test files, P for production.", {
  T: "Test: the clearinghouse checks the file and pays nothing.",
  P: "Production: the claims go to the payers.",
});

export const ExportFormatEnum = domainEnum(EXPORT_FORMATS, "ExportFormat", "A claim batch file format.", {
  CSV: "One row per line (RFC 4180), for spreadsheets and review.",
  X12_837P: "An X12 005010X222A1 837P interchange for the clearinghouse.",
});
