/**
 * One function per payer denial the engine prevents. Each returns the
 * issue(s) to put on the claim line, or null when the line passes.
 * `CHECKS` lists them in the order issues appear on a line (DESIGN §4).
 */
import { FAMILY_WITH_PATIENT_CODE, FAMILY_WITHOUT_PATIENT_CODE, MULTIPLE_FAMILY_GROUP_CODE, suggestIndividualCodes } from "./cpt-codes.js";
import { INTERACTIVE_COMPLEXITY_NOT_COVERED_SEVERITY, interactiveComplexityNotCovered } from "./add-on-codes.js";
import { classLikeWords, mentionsDidactic } from "./documentation-wording.js";
import { MAX_MODIFIERS_PER_LINE, isBlank, licensedOn } from "./line-contents.js";
import { NameKeys, namesIn, type MemberName } from "./member-names.js";
import { frequencyIssue, type FrequencyTurn } from "./frequency.js";
import { timelyFilingIssue } from "./timely-filing.js";
import { daysFrom } from "./calendar.js";
import type {
  AuthorizationFacts,
  ClaimIssue,
  ClaimIssueCode,
  CoverageFacts,
  GroupKind,
  IssueSeverity,
  LeaderFacts,
  MemberLocation,
  NoteElement,
  NoteFacts,
  RegistrationFacts,
  RegistrationItem,
  RuleVersion,
  SessionFacts,
  SubscriberRelationship,
} from "./types.js";

/** What every check may read about one present member of one session. */
export interface LineFacts {
  session: SessionFacts;
  clientId: string;
  /** The session's local date in the practice's timezone. */
  serviceDate: string;
  /** n: members marked PRESENT. */
  presentCount: number;
  /** The member's diagnoses as they go on the claim. */
  diagnosisCodes: string[];
  /** The member's sex and address as the claim would name them. */
  registration: RegistrationFacts;
  coverage: CoverageFacts | null;
  rules: RuleVersion | null;
  note: NoteFacts | null;
  /** Minutes the member attended; null when not recorded (the whole session). */
  minutesAttended: number | null;
  /** Where the member joined a telehealth session from; null when not recorded. */
  memberLocation: MemberLocation | null;
  /** The practice's local date the member's note was signed; null when unsigned or when the payer sets no deadline. */
  noteSignedOn: string | null;
  /** The names of the members present whose names are known (this member's too); null when none are. */
  presentNames: readonly MemberName[] | null;
  /** Whether the session's topics or interventions use a didactic word, worked out once per session (absent: on the spot). */
  groupDocumentationDidactic?: boolean;
  /** presentNames' keys, made once per session (absent: made on the spot). */
  presentNameKeys?: NameKeys | null;
  /** Why attendance flags interactive complexity (90785) for the member; null when it does not. */
  interactiveComplexityReason: string | null;
  /** The practice's local date today; absent or null when the caller gave none (filing windows unchecked). */
  today?: string | null;
  /** Whether the line is in a claim batch that is not void (frozen: filed, whatever today's date). */
  billed?: boolean;
}

/** A line with coverage and payer rules: only then can payer-specific checks run. */
export interface RuledLineFacts extends LineFacts {
  coverage: CoverageFacts;
  rules: RuleVersion;
  modifiers: string[];
}

/** A ruled line at its turn in the day: what the member's units with this payer already went to. */
export interface CountedLineFacts extends RuledLineFacts {
  /** Units of that local day with this payer already used when this line's turn comes. */
  unitsUsed: number;
  /** Of those, units used by lines already billed in a batch that is not void. */
  unitsBilled: number;
  /** The prior authorization for the member and payer in force on the date of service; null when there is none. */
  authorization: AuthorizationTurn | null;
  /** The member's week and month with this payer when it caps units per week or month; absent or null otherwise. */
  frequency?: FrequencyTurn | null;
}

/** A prior authorization at a line's turn: how many of its units earlier and billed lines already used. */
export interface AuthorizationTurn {
  authorization: AuthorizationFacts;
  /** Units of the authorization already used when this line's turn comes (billed lines first, then earlier lines). */
  unitsUsed: number;
  /** Of those, units used by lines already billed in a batch that is not void. */
  unitsBilled: number;
}

export type CheckResult = ClaimIssue | ClaimIssue[] | null;

/**
 * `countsUnits` checks run last, once every line's other issues are known: a line blocked for
 * another reason uses none of the member's units that day, so it cannot crowd out a billable one.
 */
export type Check =
  | { needsRules: false; run: (line: LineFacts) => CheckResult }
  | { needsRules: true; countsUnits?: false; run: (line: RuledLineFacts) => CheckResult }
  | { needsRules: true; countsUnits: true; run: (line: CountedLineFacts) => CheckResult };

/** Each code's severity (a payer's rules may choose NOTE_SIGNED_LATE's); exported for the console's reason filter test. */
export const SEVERITY: Record<ClaimIssueCode, IssueSeverity> = {
  NO_ACTIVE_COVERAGE: "ERROR",
  MISSING_DIAGNOSIS: "ERROR",
  GROUP_TOO_SMALL: "ERROR",
  GROUP_TOO_LARGE: "ERROR",
  USE_INDIVIDUAL_CODE: "ERROR",
  USE_FAMILY_CODE: "ERROR",
  NOT_PSYCHOTHERAPY: "ERROR",
  LEADER_NOT_LICENSED: "ERROR",
  MISSING_FEE: "ERROR",
  SESSION_TOO_SHORT: "ERROR",
  // Payers pay one unit however long the group ran, so a long session costs nothing but invites review.
  SESSION_TOO_LONG: "WARNING",
  MISSING_GROUP_DOCUMENTATION: "ERROR",
  MISSING_MEMBER_NOTE: "ERROR",
  NOTE_INCOMPLETE: "ERROR",
  NOTE_UNSIGNED: "ERROR",
  TELEHEALTH_NOT_COVERED: "ERROR",
  DAILY_UNIT_LIMIT: "ERROR",
  TOO_MANY_MODIFIERS: "ERROR",
  AUTH_REQUIRED: "ERROR",
  AUTH_EXHAUSTED: "ERROR",
  MISSING_REGISTRATION: "ERROR",
  ATTENDANCE_TOO_SHORT: "ERROR",
  // Wording alone does not make a session a class; a reviewer decides, so the line can still be billed.
  DOCUMENTATION_READS_AS_CLASS: "WARNING",
  // The note may still be billed; the breach is in the record, and only a person can judge and report it.
  OTHER_MEMBER_NAMED: "WARNING",
  // The payer's rules choose (lateSignatureSeverity); this is the default.
  NOTE_SIGNED_LATE: "WARNING",
  INTERACTIVE_COMPLEXITY_NOT_COVERED: INTERACTIVE_COMPLEXITY_NOT_COVERED_SEVERITY,
  FREQUENCY_LIMIT: "ERROR",
  // Still billable, and billing it now is the fix.
  TIMELY_FILING_SOON: "WARNING",
  TIMELY_FILING_EXPIRED: "ERROR",
};

function issue(code: ClaimIssueCode, message: string, element: NoteElement | null = null): ClaimIssue {
  return { code, severity: SEVERITY[code], message, element };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function wasOrWere(n: number): string {
  return n === 1 ? "was" : "were";
}

/** Payers deny any line without primary coverage in force on the date of service. */
export function noActiveCoverage(line: LineFacts): CheckResult {
  if (!line.coverage) {
    return issue(
      "NO_ACTIVE_COVERAGE",
      `This member has no primary coverage in force on ${line.serviceDate}. ` +
        `Add the member's primary insurance, or correct its effective dates to cover ${line.serviceDate}, then re-evaluate.`,
    );
  }
  if (!line.rules) {
    // Coverage points at a payer with no rules on file; without rules nothing can be checked or priced.
    return issue(
      "NO_ACTIVE_COVERAGE",
      `This member's primary coverage (member ID ${line.coverage.memberId}) is with a payer that has no billing rules on file. ` +
        `Set up that payer's rules, then re-evaluate.`,
    );
  }
  return null;
}

/** Every claim line needs at least one ICD-10 diagnosis to establish medical necessity. */
export function missingDiagnosis(line: LineFacts): CheckResult {
  if (line.diagnosisCodes.length > 0) return null;
  return issue(
    "MISSING_DIAGNOSIS",
    "This member has no diagnosis code on file, and every claim needs at least one. " +
      "Add the member's ICD-10 diagnosis (e.g. F33.1), then re-evaluate.",
  );
}

const RELATIONSHIP_LABEL: Record<Exclude<SubscriberRelationship, "SELF">, string> = {
  SPOUSE: "the insured's spouse",
  CHILD: "the insured's child",
  OTHER: "a dependent of the insured",
};

/**
 * The 837P names the patient with sex (DMG03) and home address (N3/N4), and, when the member is not the
 * insured, the insured's name, date of birth, sex and address: clearinghouses reject a claim without them.
 */
export function missingRegistration(line: LineFacts): CheckResult {
  const { sex, address } = line.registration;
  const onClient: string[] = [];
  if (sex === null) onClient.push("sex");
  else if (sex === "UNKNOWN") onClient.push("sex (recorded as unknown; payers need female or male)");
  if (address === null) onClient.push("home address (street, city, state and ZIP)");
  const coverage = line.coverage;
  // The relationship of a dependent whose insured person is not on file.
  const dependentWithoutSubscriber = coverage && coverage.subscriber === null && coverage.relationship !== "SELF" ? coverage.relationship : null;
  const subscriberMissing = dependentWithoutSubscriber !== null;
  if (onClient.length === 0 && !subscriberMissing) return null;
  const missing = onClient.map((what) => `the member's ${what}`);
  if (dependentWithoutSubscriber && coverage) {
    missing.push(`the insured person's name, date of birth, sex and address (the member is ${RELATIONSHIP_LABEL[dependentWithoutSubscriber]} on the coverage with member ID ${coverage.memberId})`);
  }
  const where = [
    onClient.length > 0 ? `enter the member's ${onClient.map((w) => w.replace(/ \(.*$/, "")).join(" and ")} in Clients → this client` : "",
    subscriberMissing ? "enter the insured person under that coverage in Clients → this client → Coverages" : "",
  ].filter(Boolean);
  const items: RegistrationItem[] = [...(sex === null || sex === "UNKNOWN" ? (["SEX"] as const) : []), ...(address === null ? (["ADDRESS"] as const) : []), ...(subscriberMissing ? (["SUBSCRIBER"] as const) : [])];
  return {
    ...issue(
      "MISSING_REGISTRATION",
      `A claim file must name ${missing.join("; and ")}, and this claim lacks ${missing.length === 1 ? "it" : "them"}. ` +
        `To fix it, ${where.join(", and ")}; then the line can be billed.`,
    ),
    missingRegistration: items,
  };
}

/** Payers set a minimum group size for 90853 (Medicare: at least 2). */
export function groupTooSmall(line: RuledLineFacts): CheckResult {
  const n = line.presentCount;
  const min = line.rules.minGroupSize;
  if (n >= min) return null;
  return issue(
    "GROUP_TOO_SMALL",
    `${count(n, "member")} ${wasOrWere(n)} present; this payer requires at least ${min} for group therapy. ` +
      "Record attendance for any other members who attended; otherwise this session cannot be billed as group therapy to this payer.",
  );
}

/** Payers cap group size for 90853 (typically 12). */
export function groupTooLarge(line: RuledLineFacts): CheckResult {
  const n = line.presentCount;
  const max = line.rules.maxGroupSize;
  if (n <= max) return null;
  return issue(
    "GROUP_TOO_LARGE",
    `${count(n, "member")} ${wasOrWere(n)} present; this payer allows at most ${max} for group therapy. ` +
      "Correct the attendance if fewer members attended; otherwise this session cannot be billed as group therapy to this payer.",
  );
}

/** A single client is individual psychotherapy (90832/90834/90837 by minutes), never 90853. */
export function useIndividualCode(line: LineFacts): CheckResult {
  if (line.presentCount !== 1) return null;
  const minutes = line.session.durationMinutes;
  const codes = suggestIndividualCodes(minutes);
  const advice =
    codes.length > 0
      ? `For ${minutes} minutes, bill individual psychotherapy ${codes.join(" or ")} instead.`
      : `At ${minutes} minutes it is also too short for an individual psychotherapy code (at least 16 minutes).`;
  return issue(
    "USE_INDIVIDUAL_CODE",
    "Only 1 member was present, so this was individual psychotherapy, not group therapy (90853). " +
      `If other members attended, record their attendance. ${advice}`,
  );
}

/**
 * Family therapy is billed as 90847 (with the patient) or 90846 (without), never 90853. The member of a line was
 * present, so the line's own code is 90847; 90846 is named for a session the patient missed.
 */
export function useFamilyCode(line: LineFacts): CheckResult {
  if (line.session.groupKind === "MULTI_FAMILY") {
    return issue(
      "USE_FAMILY_CODE",
      "This is a multiple-family group, which is not billed as group therapy (90853). " +
        `Bill multiple-family group psychotherapy (${MULTIPLE_FAMILY_GROUP_CODE}) instead, once per family member billed.`,
    );
  }
  if (line.session.groupKind !== "FAMILY") return null;
  return issue(
    "USE_FAMILY_CODE",
    `This is a family therapy group, which is not billed as group therapy (90853). ` +
      `This member was present, so bill family psychotherapy with the patient present (${FAMILY_WITH_PATIENT_CODE}) instead. ` +
        `A family session held without the patient is ${FAMILY_WITHOUT_PATIENT_CODE}, billed for the patient, who is then not marked present.`,
  );
}

const GROUP_KIND_LABEL: Record<GroupKind, string> = {
  PSYCHOTHERAPY: "psychotherapy group",
  SKILLS: "skills group",
  SUBSTANCE_USE: "substance-use group",
  PSYCHOEDUCATION: "psychoeducation group",
  SUPPORT: "peer-support group",
  FAMILY: "family group",
  MULTI_FAMILY: "multiple-family group",
};

/** Payers pay 90853 only for psychotherapy: a group of any kind without a psychotherapy component is a class or support, not treatment. */
export function notPsychotherapy(line: LineFacts): CheckResult {
  if (line.session.hasPsychotherapyComponent) return null;
  return issue(
    "NOT_PSYCHOTHERAPY",
    `This ${GROUP_KIND_LABEL[line.session.groupKind]} is recorded without a psychotherapy component, and payers do not pay group psychotherapy (90853) for a class or support meeting. ` +
      "If the sessions do include psychotherapy, mark the group as having a psychotherapy component (Groups → this group) and document the interventions; otherwise do not bill this session.",
  );
}

function licenseProblem(who: string, clinician: LeaderFacts, serviceDate: string): string {
  // The expiry date is the last valid day, so a license expiring on the service date still counts.
  return clinician.licensed
    ? `${who}'s license expired on ${clinician.licenseExpiresOn}, before this session on ${serviceDate}`
    : `${who} is not recorded as a licensed clinician`;
}

/**
 * 90853 is psychotherapy by a licensed clinician: a payer that requires a licensed leader pays only
 * when the leader is licensed on the date of service; one that accepts supervised leaders also pays
 * when a clinician licensed that day supervised the session. A peer-led group is never 90853.
 */
export function leaderNotLicensed(line: RuledLineFacts): CheckResult {
  const { leader, supervisor } = line.session;
  if (licensedOn(leader, line.serviceDate)) return null;
  const leaderProblem = licenseProblem("The session's leader", leader, line.serviceDate);
  if (line.rules.requireLicensedLeader) {
    return issue(
      "LEADER_NOT_LICENSED",
      `${leaderProblem}, and this payer requires the leader to be licensed (a supervisor does not suffice). ` +
        "If the license was renewed, update the clinician's license details; otherwise assign a licensed clinician as the session's leader.",
    );
  }
  if (supervisor && licensedOn(supervisor, line.serviceDate)) return null;
  const supervisorProblem = supervisor ? `, and ${licenseProblem("the session's supervisor", supervisor, line.serviceDate)}` : "";
  return issue(
    "LEADER_NOT_LICENSED",
    `${leaderProblem}${supervisorProblem}. A group without a licensed clinician is peer support, never group psychotherapy (90853). ` +
      "This payer accepts a supervised leader: record a clinician licensed on the date of service as the session's supervisor, or assign a licensed clinician as the leader.",
  );
}

/** A claim line must carry a charge: payers and clearinghouses reject $0 lines. */
export function missingFee(line: RuledLineFacts): CheckResult {
  if (line.rules.feeCents > 0) return null;
  return issue(
    "MISSING_FEE",
    "No fee is set for group therapy (90853) with this payer, and a claim line billed at $0.00 is rejected. " +
      "Set the fee in Payers → this payer → Rules (the fee schedule's charge for 90853), then the line can be billed.",
  );
}

/** Payers may set a minimum session length for 90853. */
export function sessionTooShort(line: RuledLineFacts): CheckResult {
  const min = line.rules.minSessionMinutes;
  const minutes = line.session.durationMinutes;
  if (min === null || minutes >= min) return null;
  return issue(
    "SESSION_TOO_SHORT",
    `The session lasted ${count(minutes, "minute")}; this payer requires at least ${count(min, "minute")} for group therapy. ` +
      "If it ran longer, correct the session's duration; otherwise it cannot be billed to this payer.",
  );
}

/** The minutes a payer requires this member to attend: the larger of its minimum and its share of the session; 0 when it sets neither. */
export function requiredAttendedMinutes(rules: RuleVersion, durationMinutes: number): number {
  const byMinutes = rules.minAttendedMinutes ?? 0;
  const percent = rules.minAttendedPercent ?? 0;
  // Rounded up: 75% of a 50-minute session is 37.5 minutes, and 37 whole minutes fall short of it.
  const byShare = percent > 0 ? Math.ceil((durationMinutes * percent) / 100) : 0;
  return byMinutes > byShare ? byMinutes : byShare;
}

/** Payers pay a member's line only when the member attended long enough, in minutes or as a share of the session. */
export function attendanceTooShort(line: RuledLineFacts): CheckResult {
  const attended = line.minutesAttended;
  if (attended === null) return null;
  const required = requiredAttendedMinutes(line.rules, line.session.durationMinutes);
  if (attended >= required) return null;
  const percent = line.rules.minAttendedPercent ?? null;
  const share = percent !== null && Math.ceil((line.session.durationMinutes * percent) / 100) === required ? ` (${percent}% of the ${line.session.durationMinutes}-minute session)` : "";
  return issue(
    "ATTENDANCE_TOO_SHORT",
    `This member attended ${count(attended, "minute")}; this payer pays only members who attend at least ${count(required, "minute")}${share}. ` +
      "If the member stayed longer, correct the minutes (or arrival and departure) in the session's attendance; otherwise do not bill this member for this session.",
  );
}

/** Payers that set a maximum session length review (but pay one unit for) longer sessions. */
export function sessionTooLong(line: RuledLineFacts): CheckResult {
  const max = line.rules.maxSessionMinutes;
  const minutes = line.session.durationMinutes;
  if (max === null || minutes <= max) return null;
  return issue(
    "SESSION_TOO_LONG",
    `The session lasted ${count(minutes, "minute")}, more than this payer's ${count(max, "minute")}. ` +
      "Check the recorded duration; the line can still be billed (one unit), but the payer may review it.",
  );
}

/** Payers deny group therapy whose session record lacks the topics or the interventions used. */
export function missingGroupDocumentation(line: LineFacts): CheckResult {
  const noTopics = isBlank(line.session.topics);
  const noInterventions = isBlank(line.session.interventions);
  if (!noTopics && !noInterventions) return null;
  const missing = noTopics && noInterventions ? ["topics", "interventions"] : [noTopics ? "topics" : "interventions"];
  return issue(
    "MISSING_GROUP_DOCUMENTATION",
    `The session has no ${missing.join(" or ")} recorded, and payers deny group therapy documented without them. ` +
      `Record the session's ${missing.join(" and ")}.`,
  );
}

function quoted(words: readonly string[]): string {
  const q = words.map((w) => `"${w}"`);
  return q.length === 1 ? q[0] : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

function noteMentionsDidactic(note: NoteFacts): boolean {
  if (mentionsDidactic(note.participation) || mentionsDidactic(note.response) || mentionsDidactic(note.interventions)) return true;
  if (mentionsDidactic(note.progress) || mentionsDidactic(note.plan) || mentionsDidactic(note.risk)) return true;
  for (const addendum of note.addenda) if (mentionsDidactic(addendum.text)) return true;
  return false;
}

/**
 * Payers deny group psychotherapy documented like education ("lecture", "video", "handout") with no
 * therapeutic intervention named. The group documentation and the member's note are each judged on their own,
 * and the issue names the words that triggered it.
 */
export function documentationReadsAsClass(line: RuledLineFacts): CheckResult {
  if (!line.rules.warnClassLikeDocumentation) return null;
  const { session, note } = line;
  const groupSuspect = line.groupDocumentationDidactic ?? (mentionsDidactic(session.topics) || mentionsDidactic(session.interventions));
  const noteSuspect = note !== null && noteMentionsDidactic(note);
  if (!groupSuspect && !noteSuspect) return null;
  const issues: ClaimIssue[] = [];
  const groupWords = groupSuspect ? classLikeWords([session.topics, session.interventions]) : null;
  if (groupWords) {
    issues.push(
      issue(
        "DOCUMENTATION_READS_AS_CLASS",
        `The session's documentation reads as a class: it uses ${quoted(groupWords)} and names no therapeutic intervention, and payers deny group psychotherapy documented as education. ` +
          "Record the therapeutic interventions the leader used (for example cognitive restructuring, role play, skills coaching, group feedback) in the session's interventions; if the session was only education, do not bill it as 90853.",
      ),
    );
  }
  const noteWords = noteSuspect && note ? classLikeWords([note.participation, note.response, note.interventions, note.progress, note.plan, note.risk, ...note.addenda.map((a) => a.text)]) : null;
  if (noteWords) {
    issues.push(
      issue(
        "DOCUMENTATION_READS_AS_CLASS",
        `The member's note reads as a class: it uses ${quoted(noteWords)} and names no therapeutic intervention. ` +
          (note?.signedAt
            ? "The note is signed; add an addendum describing the interventions used and how the member responded to them."
            : "Describe the therapeutic interventions used and how the member responded to them before signing."),
      ),
    );
  }
  return issues.length > 0 ? issues : null;
}

/** Payers require an individual progress note for every member billed. */
export function missingMemberNote(line: LineFacts): CheckResult {
  if (line.note) return null;
  return issue(
    "MISSING_MEMBER_NOTE",
    "There is no note for this member for this session, and every member billed needs their own progress note. " +
      "Write (and sign) the member's note for this session.",
  );
}

/** The note's free-text sections; each NoteElement names the one of the same name. */
type NoteSection = Exclude<keyof NoteFacts, "clientId" | "signedAt" | "addenda">;

const NOTE_SECTIONS: readonly { element: NoteElement; section: NoteSection }[] = [
  { element: "PARTICIPATION", section: "participation" },
  { element: "RESPONSE", section: "response" },
  { element: "INTERVENTIONS", section: "interventions" },
  { element: "PROGRESS", section: "progress" },
  { element: "PLAN", section: "plan" },
  { element: "RISK", section: "risk" },
];

/**
 * Payers require each member's note to document the elements they list (participation, response, ...).
 * A signed note is a legal record and is never edited: a signed addendum naming the element completes it.
 */
export function noteIncomplete(line: RuledLineFacts): CheckResult {
  const note = line.note;
  if (!note) return null;
  // Runs for every line: nothing is allocated unless an element is missing.
  let issues: ClaimIssue[] | null = null;
  // Canonical element order, not the payer's list order, so issues read the same whatever order rules were saved in.
  for (const { element, section } of NOTE_SECTIONS) {
    if (!line.rules.requiredNoteElements.includes(element) || !isBlank(note[section])) continue;
    if (note.addenda.some((a) => a.element === element && !isBlank(a.text))) continue;
    (issues ??= []).push(
      issue(
        "NOTE_INCOMPLETE",
        `The member's note leaves ${section} empty, and this payer requires every note to document it. ` +
          (note.signedAt
            ? `The note is signed and cannot be edited; add an addendum for ${section} (choose "${section}" as the section it completes).`
            : `Fill in the note's ${section} before signing it.`),
        element,
      ),
    );
  }
  return issues;
}

/** The bit of `maybe` in otherMemberNamed for the addenda, after one bit per NOTE_SECTIONS entry. */
const IN_ADDENDA = 1 << 6;

/**
 * A member's note is part of that member's record: another present member's first and last name in it discloses
 * that member's treatment to anyone who reads the record. The issue names who and where.
 */
export function otherMemberNamed(line: LineFacts): CheckResult {
  const { note, presentNames } = line;
  if (!note || presentNames === null) return null;
  // Which of the note's texts some present member's name may be in; almost always none, and then no pattern runs.
  const keys = line.presentNameKeys ?? new NameKeys(presentNames);
  let maybe = 0;
  for (let s = 0; s < NOTE_SECTIONS.length; s++) if (keys.mayName(note[NOTE_SECTIONS[s].section])) maybe |= 1 << s;
  for (const addendum of note.addenda) if (keys.mayName(addendum.text)) maybe |= IN_ADDENDA;
  if (maybe === 0) return null;
  let own: MemberName | null = null;
  for (const name of presentNames) if (name.clientId === line.clientId) own = name;
  let found: string[] | null = null;
  for (const name of presentNames) {
    // A namesake of this member cannot be told apart from the member writing about themself.
    if (name.clientId === line.clientId || (own !== null && own.folded === name.folded)) continue;
    let where: string[] | null = null;
    for (let s = 0; s < NOTE_SECTIONS.length; s++) {
      const { section } = NOTE_SECTIONS[s];
      if ((maybe & (1 << s)) !== 0 && namesIn(name, note[section])) (where ??= []).push(section);
    }
    if ((maybe & IN_ADDENDA) !== 0) {
      for (const addendum of note.addenda) {
        if (namesIn(name, addendum.text)) {
          (where ??= []).push("an addendum");
          break;
        }
      }
    }
    if (where) (found ??= []).push(`${name.display} (in ${where.join(", ")})`);
  }
  if (found === null) return null;
  return issue(
    "OTHER_MEMBER_NAMED",
    `The member's note names ${found.length === 1 ? "another member" : "other members"} of the group: ${found.join("; ")}. ` +
      "The note goes into this member's record, and naming another member there discloses their treatment. " +
      (note.signedAt
        ? "The note is signed and cannot be edited: report it to the practice's privacy officer and add an addendum recording that the name was entered in error."
        : 'Refer to other members without their names (for example "a peer") before signing.'),
  );
}

/** Payers that set a signing deadline count days from the date of service to the day the note was signed. */
export function noteSignedLate(line: RuledLineFacts): CheckResult {
  const within = line.rules.signWithinDays;
  const signedOn = line.noteSignedOn;
  if (within == null || signedOn === null) return null;
  const days = daysFrom(line.serviceDate, signedOn);
  if (days <= within) return null;
  const severity = line.rules.lateSignatureSeverity ?? SEVERITY.NOTE_SIGNED_LATE;
  return {
    code: "NOTE_SIGNED_LATE",
    severity,
    message:
      `The member's note was signed on ${signedOn}, ${count(days, "day")} after the session on ${line.serviceDate}; this payer requires notes signed within ${count(within, "day")}. ` +
      (severity === "ERROR"
        ? "A signature cannot be redated: this line cannot be billed to this payer unless the payer grants an exception."
        : "The line can still be billed, but the payer may deny it on review; sign notes sooner."),
    element: null,
  };
}

/** Payers that require it accept only notes the clinician has signed. */
export function noteUnsigned(line: RuledLineFacts): CheckResult {
  if (!line.note || line.note.signedAt || !line.rules.requireSignedNote) return null;
  return issue(
    "NOTE_UNSIGNED",
    "The member's note is not signed, and this payer requires a signed note. Have the clinician review and sign it.",
  );
}

/** Payers cover video and audio-only telehealth separately, and some cover neither. */
export function telehealthNotCovered(line: RuledLineFacts): CheckResult {
  const { modality } = line.session;
  if (modality === "TELEHEALTH_VIDEO" && !line.rules.telehealthVideoAllowed) {
    return issue(
      "TELEHEALTH_NOT_COVERED",
      "The session was held by video telehealth, which this payer does not cover for group therapy. " +
        "If it was held in person, correct the session's modality; otherwise it cannot be billed to this payer.",
    );
  }
  if (modality === "TELEHEALTH_AUDIO" && !line.rules.telehealthAudioAllowed) {
    return issue(
      "TELEHEALTH_NOT_COVERED",
      "The session was held by audio-only telehealth, which this payer does not cover for group therapy. " +
        "If video or in-person was used, correct the session's modality; otherwise it cannot be billed to this payer.",
    );
  }
  return null;
}

/**
 * Payers cap the units of 90853 per member per day. Billed lines hold their units first, then the day's
 * billable lines in start order; a line over the cap is denied.
 */
export function dailyUnitLimit(line: CountedLineFacts): CheckResult {
  const max = line.rules.maxUnitsPerDay;
  if (line.unitsUsed < max) return null;
  const earlier = line.unitsUsed - line.unitsBilled;
  const usedBy = [line.unitsBilled > 0 ? `${line.unitsBilled} already billed` : "", earlier > 0 ? `${earlier} by an earlier billable session` : ""].filter(Boolean);
  return issue(
    "DAILY_UNIT_LIMIT",
    `This member's ${count(max, "unit")} of group therapy with this payer on ${line.serviceDate} ${max === 1 ? "is" : "are"} already used (${usedBy.join(", ")}), and the payer pays at most ${count(max, "unit")} per member per day. ` +
      "Bill only one session that day; if the member did not attend this one, correct the attendance.",
  );
}

/** Payers that require prior authorization deny a line with no authorization in force on the date of service. */
export function authRequired(line: CountedLineFacts): CheckResult {
  if (!line.rules.requirePriorAuthorization || line.authorization) return null;
  return issue(
    "AUTH_REQUIRED",
    `This payer requires a prior authorization for group therapy, and this member has none with this payer in force on ${line.serviceDate}. ` +
      `Add the authorization the payer issued (Clients → this member → Prior authorizations), or extend an existing one's dates to cover ${line.serviceDate}, then re-evaluate.`,
  );
}

/**
 * A prior authorization pays only the units it approved: billed lines hold theirs first, then the
 * authorization's billable lines in date and start order; a line past the approved units is denied.
 */
export function authExhausted(line: CountedLineFacts): CheckResult {
  const turn = line.authorization;
  if (!line.rules.requirePriorAuthorization || !turn || turn.unitsUsed < turn.authorization.units) return null;
  const { number, units, startDate, endDate } = turn.authorization;
  const earlier = turn.unitsUsed - turn.unitsBilled;
  const usedBy = [turn.unitsBilled > 0 ? `${turn.unitsBilled} already billed` : "", earlier > 0 ? `${earlier} by earlier billable sessions` : ""].filter(Boolean);
  return issue(
    "AUTH_EXHAUSTED",
    `Prior authorization ${number} (${startDate} to ${endDate}) approved ${count(units, "unit")}, and all of ${units === 1 ? "it is" : "them are"} already used (${usedBy.join(", ")}). ` +
      "Ask the payer for more units or a new authorization and record it (Clients → this member → Prior authorizations: raise the units or add the new one), then re-evaluate.",
  );
}

/** Payers that cap units per member per week or calendar month (frequency.ts): billed lines first, then in date and start order. */
export function frequencyLimit(line: CountedLineFacts): CheckResult {
  return frequencyIssue(line.rules, line.frequency ?? null);
}

/** Payers deny claims filed after their window; unbilled lines warn 14 days ahead and block after (timely-filing.ts). */
export function timelyFiling(line: RuledLineFacts): CheckResult {
  return timelyFilingIssue(line.rules, line.serviceDate, line.today ?? null, line.billed ?? false);
}

/** A claim line carries at most 4 modifiers; payers reject lines with more. */
export function tooManyModifiers(line: RuledLineFacts): CheckResult {
  if (line.modifiers.length <= MAX_MODIFIERS_PER_LINE) return null;
  return issue(
    "TOO_MANY_MODIFIERS",
    `${line.modifiers.length} modifiers apply to this line (${line.modifiers.join(", ")}), but a claim line carries at most ${MAX_MODIFIERS_PER_LINE}. ` +
      "Remove the modifier rules this payer does not need from its rules, then re-evaluate.",
  );
}

/** Every check, in the order its issues appear on a line. */
export const CHECKS: readonly Check[] = [
  { needsRules: false, run: noActiveCoverage },
  { needsRules: false, run: missingDiagnosis },
  { needsRules: false, run: missingRegistration },
  { needsRules: true, run: groupTooSmall },
  { needsRules: true, run: groupTooLarge },
  { needsRules: false, run: useIndividualCode },
  { needsRules: false, run: useFamilyCode },
  { needsRules: false, run: notPsychotherapy },
  { needsRules: true, run: leaderNotLicensed },
  { needsRules: true, run: missingFee },
  { needsRules: true, run: sessionTooShort },
  { needsRules: true, run: sessionTooLong },
  { needsRules: true, run: attendanceTooShort },
  { needsRules: false, run: missingGroupDocumentation },
  { needsRules: false, run: missingMemberNote },
  { needsRules: true, run: noteIncomplete },
  { needsRules: true, run: noteUnsigned },
  { needsRules: true, run: noteSignedLate },
  { needsRules: false, run: otherMemberNamed },
  { needsRules: true, run: documentationReadsAsClass },
  { needsRules: true, run: telehealthNotCovered },
  { needsRules: true, run: interactiveComplexityNotCovered },
  { needsRules: true, countsUnits: true, run: dailyUnitLimit },
  { needsRules: true, countsUnits: true, run: frequencyLimit },
  { needsRules: true, countsUnits: true, run: authRequired },
  { needsRules: true, countsUnits: true, run: authExhausted },
  { needsRules: true, run: tooManyModifiers },
  { needsRules: true, run: timelyFiling },
];
