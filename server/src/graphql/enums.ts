import { registerEnumType } from "type-graphql";

export enum RoleEnum { OWNER = "OWNER", ADMIN = "ADMIN", BILLER = "BILLER", CLINICIAN = "CLINICIAN" }
export enum PayerKindEnum {
  MEDICARE = "MEDICARE",
  MEDICARE_ADVANTAGE = "MEDICARE_ADVANTAGE",
  MEDICAID = "MEDICAID",
  COMMERCIAL = "COMMERCIAL",
  TRICARE = "TRICARE",
  OTHER = "OTHER",
}
export enum GroupKindEnum {
  PSYCHOTHERAPY = "PSYCHOTHERAPY",
  SKILLS = "SKILLS",
  SUBSTANCE_USE = "SUBSTANCE_USE",
  PSYCHOEDUCATION = "PSYCHOEDUCATION",
  SUPPORT = "SUPPORT",
  FAMILY = "FAMILY",
  MULTI_FAMILY = "MULTI_FAMILY",
}
export enum ModalityEnum { IN_PERSON = "IN_PERSON", TELEHEALTH_VIDEO = "TELEHEALTH_VIDEO", TELEHEALTH_AUDIO = "TELEHEALTH_AUDIO" }
export enum AttendanceStatusEnum { PRESENT = "PRESENT", ABSENT = "ABSENT", EXCUSED = "EXCUSED" }
export enum NoteElementEnum {
  PARTICIPATION = "PARTICIPATION",
  RESPONSE = "RESPONSE",
  INTERVENTIONS = "INTERVENTIONS",
  PROGRESS = "PROGRESS",
  PLAN = "PLAN",
  RISK = "RISK",
}
export enum ModifierConditionEnum { ALWAYS = "ALWAYS", IN_PERSON = "IN_PERSON", TELEHEALTH_VIDEO = "TELEHEALTH_VIDEO", TELEHEALTH_AUDIO = "TELEHEALTH_AUDIO" }
export enum CoveragePriorityEnum { PRIMARY = "PRIMARY", SECONDARY = "SECONDARY" }
export enum ClaimStatusEnum { READY = "READY", BLOCKED = "BLOCKED", BILLED = "BILLED" }
export enum IssueSeverityEnum { ERROR = "ERROR", WARNING = "WARNING" }
export enum ClaimIssueCodeEnum {
  GROUP_TOO_SMALL = "GROUP_TOO_SMALL",
  GROUP_TOO_LARGE = "GROUP_TOO_LARGE",
  SESSION_TOO_SHORT = "SESSION_TOO_SHORT",
  SESSION_TOO_LONG = "SESSION_TOO_LONG",
  MISSING_GROUP_DOCUMENTATION = "MISSING_GROUP_DOCUMENTATION",
  MISSING_MEMBER_NOTE = "MISSING_MEMBER_NOTE",
  NOTE_INCOMPLETE = "NOTE_INCOMPLETE",
  NOTE_UNSIGNED = "NOTE_UNSIGNED",
  LEADER_NOT_LICENSED = "LEADER_NOT_LICENSED",
  NOT_PSYCHOTHERAPY = "NOT_PSYCHOTHERAPY",
  USE_INDIVIDUAL_CODE = "USE_INDIVIDUAL_CODE",
  USE_FAMILY_CODE = "USE_FAMILY_CODE",
  NO_ACTIVE_COVERAGE = "NO_ACTIVE_COVERAGE",
  TELEHEALTH_NOT_COVERED = "TELEHEALTH_NOT_COVERED",
  MISSING_DIAGNOSIS = "MISSING_DIAGNOSIS",
  DAILY_UNIT_LIMIT = "DAILY_UNIT_LIMIT",
  TOO_MANY_MODIFIERS = "TOO_MANY_MODIFIERS",
  MISSING_FEE = "MISSING_FEE",
  AUTH_REQUIRED = "AUTH_REQUIRED",
  AUTH_EXHAUSTED = "AUTH_EXHAUSTED",
  MISSING_REGISTRATION = "MISSING_REGISTRATION",
  ATTENDANCE_TOO_SHORT = "ATTENDANCE_TOO_SHORT",
  DOCUMENTATION_READS_AS_CLASS = "DOCUMENTATION_READS_AS_CLASS",
  OTHER_MEMBER_NAMED = "OTHER_MEMBER_NAMED",
  NOTE_SIGNED_LATE = "NOTE_SIGNED_LATE",
  FREQUENCY_LIMIT = "FREQUENCY_LIMIT",
  TIMELY_FILING_SOON = "TIMELY_FILING_SOON",
  TIMELY_FILING_EXPIRED = "TIMELY_FILING_EXPIRED",
}
export enum MemberLocationEnum { HOME = "HOME", OTHER = "OTHER" }
export enum SexEnum { FEMALE = "FEMALE", MALE = "MALE", UNKNOWN = "UNKNOWN" }
export enum SubscriberRelationshipEnum { SELF = "SELF", SPOUSE = "SPOUSE", CHILD = "CHILD", OTHER = "OTHER" }
export enum UsageIndicatorEnum { T = "T", P = "P" }
export enum ExportFormatEnum { CSV = "CSV", X12_837P = "X12_837P" }

registerEnumType(RoleEnum, { name: "Role", description: "What a user may do in a practice." });
registerEnumType(PayerKindEnum, { name: "PayerKind", description: "The kind of insurer; Medicaid payers get the HQ group-setting modifier by default." });
registerEnumType(GroupKindEnum, { name: "GroupKind", description: "What a therapy group is; decides whether 90853 applies at all." });
registerEnumType(ModalityEnum, { name: "Modality", description: "How members attended: in person, by video or by audio only." });
registerEnumType(AttendanceStatusEnum, { name: "AttendanceStatus", description: "Whether a member attended a session; only PRESENT members are billed." });
registerEnumType(NoteElementEnum, { name: "NoteElement", description: "A section of a member's progress note that a payer may require." });
registerEnumType(ModifierConditionEnum, { name: "ModifierCondition", description: "When a modifier rule applies: always, or only for one modality." });
registerEnumType(CoveragePriorityEnum, { name: "CoveragePriority", description: "Whether a coverage is billed first (PRIMARY) or after (SECONDARY)." });
registerEnumType(ClaimStatusEnum, { name: "ClaimStatus", description: "READY to bill, BLOCKED by an error, or BILLED in a batch that is not void." });
registerEnumType(IssueSeverityEnum, { name: "IssueSeverity", description: "An ERROR blocks the line; a WARNING is worth a look but does not." });
registerEnumType(ClaimIssueCodeEnum, {
  name: "ClaimIssueCode",
  description: "Why a payer would deny or question a 90853 line.",
  valuesConfig: {
    AUTH_REQUIRED: { description: "The payer requires a prior authorization and none for the member with this payer is in force on the date of service." },
    AUTH_EXHAUSTED: { description: "The prior authorization in force has no units left: billed lines and earlier lines of the authorization used them all." },
    MISSING_REGISTRATION: { description: "The claim lacks what the 837P requires of the member or the insured (sex, address, subscriber details)." },
    ATTENDANCE_TOO_SHORT: { description: "The member attended fewer minutes than the payer's minimum (in minutes or as a share of the session)." },
    NOTE_SIGNED_LATE: { description: "The member's note was signed more days after the session than the payer allows (a WARNING or an ERROR, as the payer's rules say)." },
    OTHER_MEMBER_NAMED: { description: "Warning: the member's note contains another present member's first and last name (a privacy breach in the member's record)." },
    FREQUENCY_LIMIT: {
      description: "The member's units with this payer in the week (Sunday to Saturday) or the calendar month of the service date are already used, by billed lines first and then earlier lines with no other error.",
    },
    TIMELY_FILING_SOON: { description: "Warning: 14 days or fewer are left until the payer's filing deadline (date of service plus its filing window, that day included) and the line is not billed yet." },
    TIMELY_FILING_EXPIRED: { description: "The payer's filing deadline (date of service plus its filing window) has passed and the line was never billed." },
    DOCUMENTATION_READS_AS_CLASS: { description: "Warning: the group documentation or the member's note uses didactic words (lecture, video, handout, class) and names no therapeutic intervention." },
  },
});
registerEnumType(MemberLocationEnum, {
  name: "MemberLocation",
  description: "Where a member joined a telehealth session from: HOME (place of service 10) or OTHER (02), for payers that bill by it.",
});
registerEnumType(SexEnum, { name: "Sex", description: "Sex as claims carry it (837P DMG03: F, M or U)." });
registerEnumType(SubscriberRelationshipEnum, {
  name: "SubscriberRelationship",
  description: "The client's relationship to the insured person on a coverage: SELF when the client is the insured (837P SBR02/PAT01).",
});
registerEnumType(UsageIndicatorEnum, { name: "UsageIndicator", description: "ISA15 of an 837P: T for test files, P for production." });
registerEnumType(ExportFormatEnum, { name: "ExportFormat", description: "A claim batch file format." });
