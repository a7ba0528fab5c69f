/**
 * The facts the billing rules engine reads and the claim-line drafts it
 * returns. Plain data only, so the engine can be run and tested without a
 * database or a GraphQL layer.
 */

export const MODALITIES = ["IN_PERSON", "TELEHEALTH_VIDEO", "TELEHEALTH_AUDIO"] as const;
export type Modality = (typeof MODALITIES)[number];

/** The sections of a member's note a payer may require, in the order a note presents them. */
export const NOTE_ELEMENTS = ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"] as const;
export type NoteElement = (typeof NOTE_ELEMENTS)[number];

/** When a payer's modifier rule applies: always, or for one modality. */
export const MODIFIER_CONDITIONS = ["ALWAYS", "IN_PERSON", "TELEHEALTH_VIDEO", "TELEHEALTH_AUDIO"] as const;
export type ModifierCondition = (typeof MODIFIER_CONDITIONS)[number];

export const GROUP_KINDS = ["PSYCHOTHERAPY", "SKILLS", "SUBSTANCE_USE", "PSYCHOEDUCATION", "SUPPORT", "FAMILY", "MULTI_FAMILY"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Every reason the engine can give, in the order DESIGN §4 lists them. */
export const CLAIM_ISSUE_CODES = [
  "GROUP_TOO_SMALL",
  "GROUP_TOO_LARGE",
  "SESSION_TOO_SHORT",
  "SESSION_TOO_LONG",
  "MISSING_GROUP_DOCUMENTATION",
  "MISSING_MEMBER_NOTE",
  "NOTE_INCOMPLETE",
  "NOTE_UNSIGNED",
  "LEADER_NOT_LICENSED",
  "NOT_PSYCHOTHERAPY",
  "USE_INDIVIDUAL_CODE",
  "USE_FAMILY_CODE",
  "NO_ACTIVE_COVERAGE",
  "TELEHEALTH_NOT_COVERED",
  "MISSING_DIAGNOSIS",
  "DAILY_UNIT_LIMIT",
  "TOO_MANY_MODIFIERS",
  "MISSING_FEE",
  "AUTH_REQUIRED",
  "AUTH_EXHAUSTED",
  "MISSING_REGISTRATION",
  "ATTENDANCE_TOO_SHORT",
  "DOCUMENTATION_READS_AS_CLASS",
  "OTHER_MEMBER_NAMED",
  "NOTE_SIGNED_LATE",
  "INTERACTIVE_COMPLEXITY_NOT_COVERED",
  "FREQUENCY_LIMIT",
  "TIMELY_FILING_SOON",
  "TIMELY_FILING_EXPIRED",
] as const;

export type ClaimIssueCode = (typeof CLAIM_ISSUE_CODES)[number];

export const ISSUE_SEVERITIES = ["ERROR", "WARNING"] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/** BILLED is not decided here: the caller overlays it once a line is in a batch that is not void. */
/** A claim line's status: the engine decides READY or BLOCKED; a line in a batch that is not void is BILLED. */
export const CLAIM_STATUSES = ["READY", "BLOCKED", "BILLED"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type DecisionStatus = Exclude<ClaimStatus, "BILLED">;

/** Adds `modifier` to lines whose rendering clinician holds `credential` (e.g. LCSW → AJ). */
export interface CredentialModifier {
  /** Upper case, e.g. LCSW. */
  credential: string;
  modifier: string;
}

export interface ModifierRule {
  modifier: string;
  when: ModifierCondition;
}

/** One version of a payer's rules; versions are never edited, only superseded. */
export interface RuleVersion {
  id: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  minGroupSize: number;
  maxGroupSize: number;
  minSessionMinutes: number | null;
  maxSessionMinutes: number | null;
  telehealthVideoAllowed: boolean;
  telehealthAudioAllowed: boolean;
  telehealthPlaceOfService: string;
  modifierRules: ModifierRule[];
  requiredNoteElements: NoteElement[];
  requireSignedNote: boolean;
  requireLicensedLeader: boolean;
  maxUnitsPerDay: number;
  feeCents: number;
  /** The payer pays only lines covered by a prior authorization in force with units left. */
  requirePriorAuthorization: boolean;
  /**
   * The fewest minutes a member must attend, and the least share of the session in percent; a line must meet
   * both. Absent or null checks nothing (rules saved before these existed carry neither).
   */
  minAttendedMinutes?: number | null;
  minAttendedPercent?: number | null;
  /** Warn when the group documentation or a member's note reads as a class (didactic words, no intervention named). Absent: off. */
  warnClassLikeDocumentation?: boolean;
  /** Days after the date of service within which a member's note must be signed; absent or null: no deadline. */
  signWithinDays?: number | null;
  /** Telehealth place of service by where the member was (10 at home, 02 elsewhere) when attendance records it. Absent: off. */
  telehealthPosByLocation?: boolean;
  /** Modifiers by the rendering clinician's credential, in rule order after the modifier rules' (absent: none). */
  credentialModifiers?: CredentialModifier[];
  /** How a note signed after that is reported (absent: WARNING). */
  lateSignatureSeverity?: IssueSeverity;
  /** The payer pays interactive complexity (90785) as an add-on to a flagged member's 90853 line. Absent: no. */
  allowInteractiveComplexity?: boolean;
  /** The charge of a 90785 add-on line in cents (absent: 0; more than 0 whenever allowInteractiveComplexity). */
  interactiveComplexityFeeCents?: number;
  /** Most units per member in a Sunday-Saturday week of service dates (practice's local dates); absent or null: no cap. */
  maxUnitsPerWeek?: number | null;
  /** Most units per member in a calendar month of service dates; absent or null: no cap. */
  maxUnitsPerMonth?: number | null;
  /** Days after the date of service the payer accepts a claim (the last day included); absent or null: no window. */
  timelyFilingDays?: number | null;
  createdAt: Date;
}

export interface PayerFacts {
  id: string;
  ruleVersions: RuleVersion[];
}

/** Sex as the 837P's DMG03 carries it (F, M, U). */
export const SEXES = ["FEMALE", "MALE", "UNKNOWN"] as const;
export type Sex = (typeof SEXES)[number];

/** The client's relationship to the insured on a coverage (837P SBR02/PAT01). */
export const SUBSCRIBER_RELATIONSHIPS = ["SELF", "SPOUSE", "CHILD", "OTHER"] as const;
export type SubscriberRelationship = (typeof SUBSCRIBER_RELATIONSHIPS)[number];

export interface PostalAddressFacts {
  line1: string;
  line2: string | null;
  city: string;
  /** Two-letter USPS code. */
  state: string;
  /** 5 or 9 digits. */
  zip: string;
}

/** The insured person when it is not the client. */
export interface SubscriberFacts {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: Sex;
  address: PostalAddressFacts;
}

/** What the 837P must say about the patient beyond name and date of birth (2010BA/2010CA N3, N4, DMG). */
export interface RegistrationFacts {
  sex: Sex | null;
  address: PostalAddressFacts | null;
}

export interface CoverageFacts {
  payerId: string;
  memberId: string;
  priority: CoveragePriority;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** YYYY-MM-DD, inclusive; null when open-ended */
  effectiveTo: string | null;
  relationship: SubscriberRelationship;
  /** Set exactly when relationship is not SELF (the database holds it so). */
  subscriber: SubscriberFacts | null;
}

export interface MemberFacts {
  clientId: string;
  /** The member's name, to find it in other members' notes; absent when the caller does not pass it (nothing is checked). */
  firstName?: string;
  lastName?: string;
  diagnosisCodes: string[];
  coverages: CoverageFacts[];
  registration: RegistrationFacts;
}

/** An addendum to a signed note; one that names an element completes that element of the note. */
export interface AddendumFacts {
  element: NoteElement | null;
  text: string;
}

export interface NoteFacts {
  clientId: string;
  participation: string | null;
  response: string | null;
  interventions: string | null;
  progress: string | null;
  plan: string | null;
  risk: string | null;
  signedAt: Date | null;
  /** Addenda are written only after signing, each dated and signed by its author. */
  addenda: AddendumFacts[];
}

/** A clinician as the engine judges them: licensed on the date of service or not. */
export interface LeaderFacts {
  id: string;
  licensed: boolean;
  /** YYYY-MM-DD, the last day the license is valid; null when it does not expire */
  licenseExpiresOn: string | null;
  /** As recorded, e.g. "LCSW" or "LICSW, LADC"; absent when the caller does not pass it (no credential modifiers). */
  credential?: string;
}

export interface SessionFacts {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  modality: Modality;
  placeOfService: string | null;
  topics: string | null;
  interventions: string | null;
  groupKind: GroupKind;
  hasPsychotherapyComponent: boolean;
  leader: LeaderFacts;
  /** A licensed clinician supervising an unlicensed leader, for payers that accept supervised leaders. */
  supervisor: LeaderFacts | null;
  /** Members marked PRESENT. */
  presentClientIds: string[];
  /** Member notes of this session. */
  notes: NoteFacts[];
  /** What attendance recorded beyond presence, by clientId; a member without an entry attended the whole session. */
  attendance?: ReadonlyMap<string, AttendanceFacts>;
}

/** One present member's attendance as recorded. */
export interface AttendanceFacts {
  /** Minutes the member attended (entered, or from arrival to departure); null when not recorded. */
  minutesAttended: number | null;
  /** Where the member joined a telehealth session from; null (or absent) when not recorded. */
  location?: MemberLocation | null;
  /** Why the session was of interactive complexity for this member, when attendance flags it (90785); null or absent when not flagged. */
  interactiveComplexityReason?: string | null;
}

/** Whether a coverage is billed first or after the primary adjudicated. */
export const COVERAGE_PRIORITIES = ["PRIMARY", "SECONDARY"] as const;
export type CoveragePriority = (typeof COVERAGE_PRIORITIES)[number];

/** Whether a member attended; the engine bills PRESENT members only. */
export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "EXCUSED"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const MEMBER_LOCATIONS = ["HOME", "OTHER"] as const;
export type MemberLocation = (typeof MEMBER_LOCATIONS)[number];

export interface EngineInput {
  /** IANA zone of the practice, e.g. "America/New_York". */
  timezone: string;
  /** The practice's place of service for in-person sessions, e.g. "11". */
  defaultPlaceOfService: string;
  /**
   * Every session of each local day involved: the daily unit limit counts
   * a member's other sessions that day, so a partial day gives wrong answers.
   */
  sessions: SessionFacts[];
  /** By clientId, every client present in any session. */
  members: Map<string, MemberFacts>;
  /** By payer id. */
  payers: Map<string, PayerFacts>;
  /**
   * Lines of these days already in a claim batch that is not void. Each used one of the member's
   * units that day with the payer it was billed to, whatever today's data says about it.
   */
  billed: BilledLineFacts[];
  /**
   * Prior authorizations of the members present. An authorization's units span its whole date range, so
   * the caller must also pass every session of those members on the range's days up to the last day
   * evaluated, and every billed line that used one of these authorizations, whatever its date.
   */
  authorizations?: AuthorizationFacts[];
  /**
   * The practice's local date today (YYYY-MM-DD): only the timely-filing checks read it, and each draft says
   * when its answer next changes with it (`recheckOn`). Absent: filing windows are not checked.
   */
  today?: string;
}

export interface BilledLineFacts {
  sessionId: string;
  clientId: string;
  /** The service date and payer as billed. */
  serviceDate: string;
  payerId: string;
  /** The prior authorization the line was billed under, if any: it used one of that authorization's units. */
  authorizationId?: string | null;
}

/** A payer's approval of `units` units of 90853 for one client, from startDate to endDate inclusive. */
export interface AuthorizationFacts {
  id: string;
  clientId: string;
  payerId: string;
  number: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, inclusive */
  endDate: string;
  units: number;
}

/** What MISSING_REGISTRATION finds missing, in the order the client's record shows it: the field that fixes each. */
export const REGISTRATION_ITEMS = ["SEX", "ADDRESS", "SUBSCRIBER"] as const;
export type RegistrationItem = (typeof REGISTRATION_ITEMS)[number];

export interface ClaimIssue {
  code: ClaimIssueCode;
  severity: IssueSeverity;
  message: string;
  element: NoteElement | null;
  /** MISSING_REGISTRATION only: what is missing, so a link can reach the field (absent on lines stored before it was recorded). */
  missingRegistration?: RegistrationItem[];
}

/** A service line billed on the member's claim after the 90853 line (e.g. 90785 interactive complexity). */
export interface AddOnLine {
  cptCode: string;
  /** The 90853 line's modifiers, in the same order. */
  modifiers: string[];
  placeOfService: string;
  units: 1;
  chargeCents: number;
  /** Why it applies, as attendance recorded it (kept with the record; not sent on the claim). */
  reason: string;
}

export interface ClaimDecisionDraft {
  sessionId: string;
  clientId: string;
  /** Local YYYY-MM-DD in the practice's timezone. */
  serviceDate: string;
  payerId: string | null;
  memberId: string | null;
  ruleVersionId: string | null;
  status: DecisionStatus;
  cptCode: "90853";
  suggestedCptCodes: string[];
  modifiers: string[];
  placeOfService: string;
  units: 1;
  diagnosisCodes: string[];
  chargeCents: number;
  /** The clinician billed as rendering provider: the leader, or the supervisor of an unlicensed leader. */
  renderingClinicianId: string;
  /** The unlicensed leader whose group the rendering supervisor oversaw; null when the leader renders. */
  supervisedClinicianId: string | null;
  /** The note elements the line's payer requires (empty without rules). */
  requiredNoteElements: NoteElement[];
  /** The prior authorization this line uses one unit of (REF*G1 on the claim); null when it uses none. */
  authorizationId: string | null;
  authorizationNumber: string | null;
  issues: ClaimIssue[];
  /** Add-on lines billed on the same claim after the 90853 line, in claim order (usually none). */
  addOnLines: AddOnLine[];
  /**
   * The first local date on which this line's decision changes by the passing of days alone (a filing deadline
   * coming near or passing), given the same data; null when it never does.
   */
  recheckOn: string | null;
}
