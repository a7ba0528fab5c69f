/**
 * The billing rules engine: plain functions over plain data that decide,
 * per present member per session, whether a 90853 line is READY or BLOCKED
 * and why. No database, no GraphQL, no clock: callers pass every fact in.
 */
export type {
  AddendumFacts,
  AttendanceFacts,
  AuthorizationFacts,
  BilledLineFacts,
  ClaimDecisionDraft,
  ClaimIssue,
  ClaimIssueCode,
  CoverageFacts,
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
  RuleVersion,
  Sex,
  SubscriberFacts,
  SubscriberRelationship,
  SessionFacts,
} from "./types.js";
export { CLAIM_ISSUE_CODES, SEXES, SUBSCRIBER_RELATIONSHIPS } from "./types.js";
export { evaluateSessions } from "./evaluate.js";
export { FrequencyCounts, frequencyIssue, hasFrequencyCaps, type FrequencyTurn } from "./frequency.js";
export { TIMELY_FILING_WARNING_DAYS, filingDeadline, timelyFilingIssue, timelyFilingRecheckOn } from "./timely-filing.js";
export { addDays, daysFrom, monthEndOf, monthOf, weekStartOf } from "./calendar.js";
export { localDateOf } from "./local-date.js";
export { SINCE_ALWAYS, coverageOn, ruleVersionOn } from "./in-force.js";
export { FAMILY_PSYCHOTHERAPY_CODES, GROUP_PSYCHOTHERAPY_CODE, MULTIPLE_FAMILY_GROUP_CODE, suggestIndividualCodes } from "./cpt-codes.js";
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
export { memberNameOf, namesIn, type MemberName } from "./member-names.js";
export { MAX_DIAGNOSIS_CODES_PER_CLAIM, MAX_MODIFIERS_PER_LINE, applicableModifiers, isBlank, licensedOn, renderingProviderOf } from "./line-contents.js";
