import { registerEnumType } from "type-graphql";
import { ROLES } from "../auth/roles.js";
import { ATTENDANCE_STATUSES, CLAIM_ISSUE_CODES, CLAIM_STATUSES, COVERAGE_PRIORITIES, GROUP_KINDS, ISSUE_SEVERITIES, MEMBER_LOCATIONS, MODALITIES, MODIFIER_CONDITIONS, NOTE_ELEMENTS, SEXES, SUBSCRIBER_RELATIONSHIPS } from "../domain/engine/index.js";
import { EXPORT_FORMATS, USAGE_INDICATORS } from "../domain/export/index.js";
import { PAYER_KINDS } from "../domain/validation/index.js";

/**
 * The object type-graphql registers for a domain list of values, each mapped to itself: every enum's values are
 * spelled once, in the domain, and the API follows them.
 */
export function enumOf<const V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  // fromEntries is typed string-keyed; the object holds exactly the list's values, each mapped to itself.
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in V]: K };
}

export const RoleEnum = enumOf(ROLES);
export const PayerKindEnum = enumOf(PAYER_KINDS);
export const GroupKindEnum = enumOf(GROUP_KINDS);
export const ModalityEnum = enumOf(MODALITIES);
export const AttendanceStatusEnum = enumOf(ATTENDANCE_STATUSES);
export const NoteElementEnum = enumOf(NOTE_ELEMENTS);
export const ModifierConditionEnum = enumOf(MODIFIER_CONDITIONS);
export const CoveragePriorityEnum = enumOf(COVERAGE_PRIORITIES);
export const ClaimStatusEnum = enumOf(CLAIM_STATUSES);
export const IssueSeverityEnum = enumOf(ISSUE_SEVERITIES);
export const ClaimIssueCodeEnum = enumOf(CLAIM_ISSUE_CODES);
export const MemberLocationEnum = enumOf(MEMBER_LOCATIONS);
export const SexEnum = enumOf(SEXES);
export const SubscriberRelationshipEnum = enumOf(SUBSCRIBER_RELATIONSHIPS);
export const UsageIndicatorEnum = enumOf(USAGE_INDICATORS);
export const ExportFormatEnum = enumOf(EXPORT_FORMATS);

registerEnumType(RoleEnum, {
  name: "Role",
  description: "What a user may do in a practice.",
  valuesConfig: {
    OWNER: { description: "Everything, including granting and taking away OWNER (a practice always keeps one owner)." },
    ADMIN: { description: "Everything but granting or taking away OWNER: practice settings, members, payers and rules, clinicians, clients, groups, sessions, notes and billing." },
    BILLER: { description: "Reads the practice's records; manages clients, claim batches and remittances. Payers, rules and members stay with admins." },
    CLINICIAN: { description: "Schedules sessions, records attendance and writes notes; reads the practice, groups, sessions, clients and clinicians, not payers or billing." },
  },
});
registerEnumType(PayerKindEnum, {
  name: "PayerKind",
  description: "The kind of insurer; Medicaid payers get the HQ group-setting modifier by default.",
  valuesConfig: {
    MEDICARE: { description: "Original Medicare (Part B)." },
    MEDICARE_ADVANTAGE: { description: "A Medicare Advantage (Part C) plan run by a private insurer." },
    MEDICAID: { description: "A state Medicaid program or Medicaid managed-care plan." },
    COMMERCIAL: { description: "A commercial (employer or individual) health plan." },
    TRICARE: { description: "TRICARE, the military health program." },
    OTHER: { description: "Any other payer." },
  },
});
registerEnumType(GroupKindEnum, {
  name: "GroupKind",
  description: "What a therapy group is; decides whether 90853 applies at all.",
  valuesConfig: {
    PSYCHOTHERAPY: { description: "A psychotherapy group: billed as 90853." },
    SKILLS: { description: "A skills group (e.g. DBT skills): billed as 90853 only when it has a psychotherapy component." },
    SUBSTANCE_USE: { description: "A substance-use group: billed as 90853 only when it has a psychotherapy component." },
    PSYCHOEDUCATION: { description: "A psychoeducation group: billed as 90853 only when it has a psychotherapy component." },
    SUPPORT: { description: "A support group: billed as 90853 only when it has a psychotherapy component." },
    FAMILY: { description: "Family therapy: billed with the family psychotherapy codes, never 90853 (USE_FAMILY_CODE)." },
    MULTI_FAMILY: { description: "Multiple-family group psychotherapy: billed as 90849, never 90853 (USE_FAMILY_CODE)." },
  },
});
registerEnumType(ModalityEnum, {
  name: "Modality",
  description: "How members attended: in person, by video or by audio only.",
  valuesConfig: {
    IN_PERSON: { description: "Members and leader in one room." },
    TELEHEALTH_VIDEO: { description: "Synchronous audio and video telehealth." },
    TELEHEALTH_AUDIO: { description: "Audio-only telehealth (telephone)." },
  },
});
registerEnumType(AttendanceStatusEnum, {
  name: "AttendanceStatus",
  description: "Whether a member attended a session; only PRESENT members are billed.",
  valuesConfig: {
    PRESENT: { description: "Attended: the member gets a claim line." },
    ABSENT: { description: "Did not attend." },
    EXCUSED: { description: "Did not attend, with notice." },
  },
});
registerEnumType(NoteElementEnum, {
  name: "NoteElement",
  description: "A section of a member's progress note that a payer may require.",
  valuesConfig: {
    PARTICIPATION: { description: "How the member took part in the session." },
    RESPONSE: { description: "How the member responded to the interventions." },
    INTERVENTIONS: { description: "The therapeutic interventions used with the member." },
    PROGRESS: { description: "Progress toward the member's treatment goals." },
    PLAN: { description: "The plan for the member's next steps." },
    RISK: { description: "Assessment of risk (e.g. to self or others)." },
  },
});
registerEnumType(ModifierConditionEnum, {
  name: "ModifierCondition",
  description: "When a modifier rule applies: always, or only for one modality.",
  valuesConfig: {
    ALWAYS: { description: "On every line of the payer." },
    IN_PERSON: { description: "On lines of in-person sessions." },
    TELEHEALTH_VIDEO: { description: "On lines of video telehealth sessions." },
    TELEHEALTH_AUDIO: { description: "On lines of audio-only telehealth sessions." },
  },
});
registerEnumType(CoveragePriorityEnum, {
  name: "CoveragePriority",
  description: "Whether a coverage is billed first (PRIMARY) or after (SECONDARY).",
  valuesConfig: {
    PRIMARY: { description: "Billed first; the claim line's payer." },
    SECONDARY: { description: "Billed after the primary adjudicated the line (createSecondaryClaims)." },
  },
});
registerEnumType(ClaimStatusEnum, {
  name: "ClaimStatus",
  description: "READY to bill, BLOCKED by an error, or BILLED in a batch that is not void.",
  valuesConfig: {
    READY: { description: "No error: the line can be billed (warnings may remain)." },
    BLOCKED: { description: "At least one ERROR issue: the line stays out of batches until it is fixed." },
    BILLED: { description: "In a claim batch that is not void." },
  },
});
registerEnumType(IssueSeverityEnum, {
  name: "IssueSeverity",
  description: "An ERROR blocks the line; a WARNING is worth a look but does not.",
  valuesConfig: {
    ERROR: { description: "The payer would deny the line: it is BLOCKED." },
    WARNING: { description: "Worth a look; the line can still be billed." },
  },
});
registerEnumType(ClaimIssueCodeEnum, {
  name: "ClaimIssueCode",
  description: "Why a payer would deny or question a 90853 line.",
  valuesConfig: {
    GROUP_TOO_SMALL: { description: "Fewer members were present than the payer's minimum group size." },
    GROUP_TOO_LARGE: { description: "More members were present than the payer's maximum group size." },
    SESSION_TOO_SHORT: { description: "The session was shorter than the payer's minimum length." },
    SESSION_TOO_LONG: { description: "Warning: the session ran longer than the payer's maximum; it still bills one unit." },
    MISSING_GROUP_DOCUMENTATION: { description: "The session records no topics or interventions." },
    MISSING_MEMBER_NOTE: { description: "The member has no note for the session." },
    NOTE_INCOMPLETE: { description: "The member's note lacks an element the payer requires." },
    NOTE_UNSIGNED: { description: "The payer requires a signed note and the member's note is not signed." },
    LEADER_NOT_LICENSED: { description: "No clinician licensed on the date of service led or supervised the session." },
    NOT_PSYCHOTHERAPY: { description: "The group has no psychotherapy component (a class or support meeting)." },
    USE_INDIVIDUAL_CODE: { description: "Only one member was present: individual psychotherapy, not group." },
    USE_FAMILY_CODE: { description: "A family or multiple-family group, billed with the family codes rather than 90853." },
    NO_ACTIVE_COVERAGE: { description: "The member has no primary coverage in force on the date, or its payer has no rules." },
    TELEHEALTH_NOT_COVERED: { description: "The payer does not cover group therapy by this telehealth modality." },
    MISSING_DIAGNOSIS: { description: "The member has no diagnosis code." },
    DAILY_UNIT_LIMIT: { description: "The member's units for the day with this payer are used up by other lines." },
    TOO_MANY_MODIFIERS: { description: "The rules give the line more modifiers than a claim line carries (four)." },
    MISSING_FEE: { description: "The payer's fee for 90853 is $0: a line at $0.00 is rejected." },
    AUTH_REQUIRED: { description: "The payer requires a prior authorization and none for the member with this payer is in force on the date of service." },
    AUTH_EXHAUSTED: { description: "The prior authorization in force has no units left: billed lines and earlier lines of the authorization used them all." },
    MISSING_REGISTRATION: { description: "The claim lacks what the 837P requires of the member or the insured (sex, address, subscriber details)." },
    ATTENDANCE_TOO_SHORT: { description: "The member attended fewer minutes than the payer's minimum (in minutes or as a share of the session)." },
    NOTE_SIGNED_LATE: { description: "The member's note was signed more days after the session than the payer allows (a WARNING or an ERROR, as the payer's rules say)." },
    OTHER_MEMBER_NAMED: { description: "Warning: the member's note contains another present member's first and last name (a privacy breach in the member's record)." },
    DOCUMENTATION_READS_AS_CLASS: { description: "Warning: the group documentation or the member's note uses didactic words (lecture, video, handout, class) and names no therapeutic intervention." },
  },
});
registerEnumType(MemberLocationEnum, {
  name: "MemberLocation",
  description: "Where a member joined a telehealth session from: HOME (place of service 10) or OTHER (02), for payers that bill by it.",
  valuesConfig: {
    HOME: { description: "At home: place of service 10." },
    OTHER: { description: "Anywhere else: place of service 02." },
  },
});
registerEnumType(SexEnum, {
  name: "Sex",
  description: "Sex as claims carry it (837P DMG03: F, M or U).",
  valuesConfig: {
    FEMALE: { description: "F on the claim." },
    MALE: { description: "M on the claim." },
    UNKNOWN: { description: "U on the claim." },
  },
});
registerEnumType(SubscriberRelationshipEnum, {
  name: "SubscriberRelationship",
  description: "The client's relationship to the insured person on a coverage: SELF when the client is the insured (837P SBR02/PAT01).",
  valuesConfig: {
    SELF: { description: "The client is the insured (SBR02 18)." },
    SPOUSE: { description: "The client is the insured's spouse (PAT01 01)." },
    CHILD: { description: "The client is the insured's child (PAT01 19)." },
    OTHER: { description: "Any other relationship (PAT01 G8)." },
  },
});
registerEnumType(UsageIndicatorEnum, {
  name: "UsageIndicator",
  description: "ISA15 of an 837P: T for test files, P for production.",
  valuesConfig: {
    T: { description: "Test: the clearinghouse checks the file and pays nothing." },
    P: { description: "Production: the claims go to the payers." },
  },
});
registerEnumType(ExportFormatEnum, {
  name: "ExportFormat",
  description: "A claim batch file format.",
  valuesConfig: {
    CSV: { description: "One row per line (RFC 4180), for spreadsheets and review." },
    X12_837P: { description: "An X12 005010X222A1 837P interchange for the clearinghouse." },
  },
});
