/**
 * The billing rules engine: plain functions over plain data that decide,
 * per present member per session, whether a 90853 line is READY or BLOCKED
 * and why. No database, no GraphQL, no clock: callers pass every fact in.
 */
export type {
  AddOnLine,
  AddendumFacts,
  AttendanceStatus,
  AttendanceFacts,
  AuthorizationFacts,
  BilledLineFacts,
  ClaimDecisionDraft,
  ClaimIssue,
  ClaimIssueCode,
  ClaimStatus,
  CoverageFacts,
  CoveragePriority,
  DecisionStatus,
  EngineInput,
  GroupKind,
  IssueSeverity,
  LeaderFacts,
  MemberFacts,
  MemberLocation,
  Modality,
  ModifierCondition,
  ModifierRule,
  NoteElement,
  NoteFacts,
  PayerFacts,
  PostalAddressFacts,
  RegistrationFacts,
  RegistrationItem,
  RuleVersion,
  Sex,
  SubscriberFacts,
  SubscriberRelationship,
  SessionFacts,
} from "./types.js";
export { ATTENDANCE_STATUSES, CLAIM_ISSUE_CODES, CLAIM_STATUSES, COVERAGE_PRIORITIES, GROUP_KINDS, ISSUE_SEVERITIES, MEMBER_LOCATIONS, MODALITIES, MODIFIER_CONDITIONS, NOTE_ELEMENTS, REGISTRATION_ITEMS, SEXES, SUBSCRIBER_RELATIONSHIPS } from "./types.js";
export { evaluateSessions } from "./evaluate.js";
export { FrequencyCounts, frequencyIssue, hasFrequencyCaps, type FrequencyTurn } from "./frequency.js";
export { TIMELY_FILING_WARNING_DAYS, filingDeadline, timelyFilingIssue, timelyFilingRecheckOn } from "./timely-filing.js";
export { addDays, daysFrom, monthEndOf, monthOf, weekStartOf } from "./calendar.js";
export { localDateOf } from "./local-date.js";
export { SINCE_ALWAYS, coverageOn, ruleVersionOn } from "./in-force.js";
export { FAMILY_PSYCHOTHERAPY_CODES, FAMILY_WITH_PATIENT_CODE, FAMILY_WITHOUT_PATIENT_CODE, GROUP_PSYCHOTHERAPY_CODE, MULTIPLE_FAMILY_GROUP_CODE, suggestIndividualCodes } from "./cpt-codes.js";
export {
  CHECKS,
  noteSignedLate,
  otherMemberNamed,
  documentationReadsAsClass,
  attendanceTooShort,
  authExhausted,
  authRequired,
  dailyUnitLimit,
  frequencyLimit,
  timelyFiling,
  groupTooLarge,
  groupTooSmall,
  leaderNotLicensed,
  missingDiagnosis,
  missingFee,
  missingGroupDocumentation,
  missingMemberNote,
  missingRegistration,
  noActiveCoverage,
  noteIncomplete,
  noteUnsigned,
  requiredAttendedMinutes,
  notPsychotherapy,
  sessionTooLong,
  sessionTooShort,
  telehealthNotCovered,
  tooManyModifiers,
  useFamilyCode,
  useIndividualCode,
} from "./checks.js";
export type { AuthorizationTurn, Check, CheckResult, CountedLineFacts, LineFacts, RuledLineFacts } from "./checks.js";
export { DIDACTIC_WORDS, THERAPEUTIC_INTERVENTIONS, classLikeWords, normalizeWords } from "./documentation-wording.js";
export {
  INTERACTIVE_COMPLEXITY_CODE,
  MAX_INTERACTIVE_COMPLEXITY_REASON,
  addOnChargeOf,
  addOnLinesOf,
  interactiveComplexityNotCovered,
  paysInteractiveComplexity,
} from "./add-on-codes.js";
export { NameKeys, memberNameOf, namesIn, type MemberName } from "./member-names.js";
export { MAX_DIAGNOSIS_CODES_PER_CLAIM, MAX_MODIFIERS_PER_LINE, applicableModifiers, isBlank, licensedOn, renderingProviderOf } from "./line-contents.js";
