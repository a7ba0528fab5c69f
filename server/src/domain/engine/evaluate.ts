/**
 * Turns sessions, attendance and notes into one claim-line draft per
 * present member per session. Pure: the same input always gives the same
 * drafts, so callers can re-run it after any change and diff the results.
 */
import { addOnLinesOf } from "./add-on-codes.js";
import { CHECKS, type AuthorizationTurn, type Check, type CheckResult, type CountedLineFacts, type LineFacts } from "./checks.js";
import { FAMILY_WITH_PATIENT_CODE, GROUP_PSYCHOTHERAPY_CODE, MULTIPLE_FAMILY_GROUP_CODE, suggestIndividualCodes } from "./cpt-codes.js";
import { coverageOn, ruleVersionOn } from "./in-force.js";
import { applicableModifiers, claimDiagnosisCodes, modifiersWithCredential, placeOfServiceFor, renderingClinicianOf } from "./line-contents.js";
import { localDateOf } from "./local-date.js";
import { mentionsDidactic } from "./documentation-wording.js";
import { FrequencyCounts, hasFrequencyCaps } from "./frequency.js";
import { timelyFilingRecheckOn } from "./timely-filing.js";
import { NameKeys, memberNameOf, type MemberName } from "./member-names.js";
import type { AuthorizationFacts, BilledLineFacts, ClaimDecisionDraft, ClaimIssue, CoverageFacts, EngineInput, MemberFacts, NoteFacts, RuleVersion, SessionFacts } from "./types.js";

/**
 * One line through the whole evaluation. The same object is what every check reads: it is the LineFacts, and
 * once coverage and rules are known also the RuledLineFacts (modifiers) and the CountedLineFacts (units), so
 * nothing is copied per check or per stage. Every field is set at creation so all lines share one shape.
 */
interface WorkLine extends CountedLineFacts {
  /** Whether coverage and rules were found, i.e. whether the rules-dependent checks apply. */
  ruled: boolean;
  /** Issues in CHECKS order, without the unit checks' (inserted later at their places); null while none. */
  issues: ClaimIssue[] | null;
  /** Whether any issue so far is an ERROR. */
  blocked: boolean;
  member: MemberRecord;
  /** The prior authorization the line uses a unit of, once units are counted. */
  usedAuthorization: AuthorizationFacts | null;
}

/** A present member, looked up once per evaluation. */
interface MemberRecord {
  clientId: string;
  facts: MemberFacts;
  /** Position of clientId among all present members in code-unit order: sorting a session's members compares numbers. */
  rank: number;
  diagnosisCodes: string[];
  /** The member's name as a pattern to find in other members' notes; null when not known. */
  name: MemberName | null;
  /**
   * Units given so far on `usedOn` per payer (lines of this evaluation, after the billed ones): usedCounts[k] to
   * usedPayers[k]. Two short lists reused day after day (a member sees one payer a day, rarely two), not a Map each day.
   */
  usedPayers: string[];
  usedCounts: number[];
  usedOn: string;
}

const NO_MODIFIERS: string[] = [];

/**
 * One draft per present member per session, in session start order (then session id), then clientId order.
 * Lines are judged a local day at a time (start order is also day order, and units never cross a day), so a
 * day's work lines are garbage before the next day starts.
 */
export function evaluateSessions(input: EngineInput): ClaimDecisionDraft[] {
  const sessions = [...input.sessions].sort(byStart);
  const plan = checkPlan();
  const billed = new BilledUnits(input.billed);
  const prepared = new Prepared(input, billed.lines);
  // An authorization's units span days, so its counts live for the whole evaluation (lines come in start order).
  const authorizations = new AuthorizationCounts(input.authorizations ?? [], input.billed);
  // A week or month spans days too; only payers with such a cap are counted (and their billed lines).
  const frequencies = new FrequencyCounts(input.billed.filter((b) => prepared.capsFrequency(b.payerId)));
  const shared = new SharedArrays();
  const drafts: ClaimDecisionDraft[] = [];
  let day: WorkLine[] = [];
  let dayDate = "";
  // Where each unit check's issues go in a line's list: the list's length when that check's turn came. One array
  // for every day, grown to the busiest day's lines.
  let unitSlots = plan.unitChecks.length > 0 ? new Int32Array(256 * plan.unitChecks.length) : null;
  const finishDay = () => {
    if (unitSlots && unitSlots.length < day.length * plan.unitChecks.length) unitSlots = new Int32Array(2 * day.length * plan.unitChecks.length);
    judgeDay(day, plan, unitSlots);
    if (unitSlots) countUnits(day, plan, unitSlots, billed, authorizations, frequencies, prepared);
    for (const line of day) drafts.push(draftOf(line, input.defaultPlaceOfService, shared));
    day = [];
  };
  const membersOf = sessions.map((session) => session.presentClientIds.map((clientId) => prepared.member(clientId)));
  prepared.rankMembers();
  for (let i = 0; i < sessions.length; i++) {
    const session = sessions[i];
    const serviceDate = localDateOf(session.startsAt, input.timezone);
    if (serviceDate !== dayDate && day.length > 0) finishDay();
    dayDate = serviceDate;
    addLinesOf(session, presentMembers(membersOf[i]), serviceDate, prepared, day);
  }
  finishDay();
  return drafts;
}

interface CheckPlan {
  /** Indexes into CHECKS of the unit checks, in order. */
  unitChecks: number[];
}

function checkPlan(): CheckPlan {
  const unitChecks: number[] = [];
  CHECKS.forEach((check, index) => {
    if (check.needsRules && check.countsUnits) unitChecks.push(index);
  });
  return { unitChecks };
}

/** What many lines share, worked out once per evaluation instead of once per line. */
class Prepared {
  private readonly members = new Map<string, MemberRecord>();
  private readonly modifiers = new Map<RuleVersion, Map<string, string[]>>();
  private readonly credentialModifiers = new Map<RuleVersion, Map<string, Map<string, string[]>>>();
  private readonly frequencyCapped = new Map<string, boolean>();
  readonly today: string | null;

  constructor(
    private readonly input: EngineInput,
    private readonly billedLines: Map<string, string[]>,
  ) {
    this.today = input.today ?? null;
  }

  /** The session's clients whose lines are billed; undefined when none are. Looked up once per session, not per line. */
  billedClientsOf(sessionId: string): string[] | undefined {
    return this.billedLines.size > 0 ? this.billedLines.get(sessionId) : undefined;
  }

  /** Whether any of the payer's rule versions caps units per week or month: then all its lines are counted. */
  capsFrequency(payerId: string): boolean {
    let capped = this.frequencyCapped.get(payerId);
    if (capped === undefined) {
      capped = this.input.payers.get(payerId)?.ruleVersions.some(hasFrequencyCaps) ?? false;
      this.frequencyCapped.set(payerId, capped);
    }
    return capped;
  }

  get timezone(): string {
    return this.input.timezone;
  }

  member(clientId: string): MemberRecord {
    let record = this.members.get(clientId);
    if (!record) {
      // The caller promises every present client; a missing one is blocked for lack of coverage, never guessed at.
      const facts = this.input.members.get(clientId) ?? { clientId, diagnosisCodes: [], coverages: [], registration: { sex: null, address: null } };
      record = { clientId, facts, rank: 0, diagnosisCodes: claimDiagnosisCodes(facts.diagnosisCodes), name: memberNameOf(clientId, facts.firstName, facts.lastName), usedPayers: [], usedCounts: [], usedOn: "" };
      this.members.set(clientId, record);
    }
    return record;
  }

  /** Ranks every member met so far by clientId, once, instead of comparing id strings in every session. */
  rankMembers(): void {
    const records = [...this.members.values()].sort((a, b) => compareStrings(a.clientId, b.clientId));
    for (let i = 0; i < records.length; i++) records[i].rank = i;
  }

  /** With credential rules, the rendering clinician's credential adds its modifiers; one list per rules, modality and credential. */
  modifiersFor(rules: RuleVersion, session: SessionFacts, serviceDate: string): string[] {
    if (!rules.credentialModifiers || rules.credentialModifiers.length === 0) return this.modifiersOf(rules, session.modality);
    const credential = renderingClinicianOf(session, serviceDate, rules).credential ?? "";
    let byModality = this.credentialModifiers.get(rules);
    if (!byModality) this.credentialModifiers.set(rules, (byModality = new Map()));
    let byCredential = byModality.get(session.modality);
    if (!byCredential) byModality.set(session.modality, (byCredential = new Map()));
    let modifiers = byCredential.get(credential);
    if (!modifiers) byCredential.set(credential, (modifiers = modifiersWithCredential(rules, session.modality, credential)));
    return modifiers;
  }

  modifiersOf(rules: RuleVersion, modality: SessionFacts["modality"]): string[] {
    let byModality = this.modifiers.get(rules);
    if (!byModality) {
      byModality = new Map();
      this.modifiers.set(rules, byModality);
    }
    let modifiers = byModality.get(modality);
    if (!modifiers) {
      modifiers = applicableModifiers(rules, modality);
      byModality.set(modality, modifiers);
    }
    return modifiers;
  }

  rulesOn(payerId: string, serviceDate: string): RuleVersion | null {
    const payer = this.input.payers.get(payerId);
    return payer ? ruleVersionOn(payer.ruleVersions, serviceDate) : null;
  }
}

function byStart(a: SessionFacts, b: SessionFacts): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  // Code-unit order, not localeCompare: output order must not depend on the host's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

function addLinesOf(session: SessionFacts, present: MemberRecord[], serviceDate: string, prepared: Prepared, out: WorkLine[]): void {
  const presentNames = namesOf(present);
  const presentNameKeys = presentNames ? new NameKeys(presentNames) : null;
  // The same for every line of the session, worked out for the first line whose payer warns (most payers do not).
  let groupDidactic: boolean | undefined;
  const billedClients = prepared.billedClientsOf(session.id);
  for (const record of present) {
    const clientId = record.clientId;
    const coverage = coverageOn(record.facts.coverages, serviceDate);
    const rules = coverage ? prepared.rulesOn(coverage.payerId, serviceDate) : null;
    const ruled = coverage !== null && rules !== null;
    const note = noteOf(session, clientId);
    const attendance = session.attendance?.get(clientId);
    out.push({
      session,
      clientId,
      serviceDate,
      presentCount: present.length,
      diagnosisCodes: record.diagnosisCodes,
      registration: record.facts.registration,
      // Null unless `ruled`: the line types them as present for the rules-dependent checks, which run only on ruled
      // lines; draftOf reads the coverage back as nullable.
      coverage: coverage as CoverageFacts,
      rules: rules as RuleVersion,
      note,
      // Worked out only for payers with a deadline: every other line leaves it null.
      noteSignedOn: ruled && rules.signWithinDays != null && note?.signedAt ? localDateOf(note.signedAt, prepared.timezone) : null,
      minutesAttended: attendance?.minutesAttended ?? null,
      memberLocation: attendance?.location ?? null,
      interactiveComplexityReason: attendance?.interactiveComplexityReason ?? null,
      presentNames,
      presentNameKeys,
      groupDocumentationDidactic: ruled && rules.warnClassLikeDocumentation ? (groupDidactic ??= mentionsDidactic(session.topics) || mentionsDidactic(session.interventions)) : undefined,
      today: prepared.today,
      billed: billedClients !== undefined && billedClients.includes(clientId),
      modifiers: ruled ? prepared.modifiersFor(rules, session, serviceDate) : NO_MODIFIERS,
      unitsUsed: 0,
      unitsBilled: 0,
      authorization: null,
      frequency: null,
      ruled,
      issues: null,
      blocked: false,
      member: record,
      usedAuthorization: null,
    });
  }
}

/** One list per session, shared by its lines; null (nothing allocated) when no present member's name is known. */
function namesOf(present: MemberRecord[]): MemberName[] | null {
  let names: MemberName[] | null = null;
  for (const record of present) if (record.name) (names ??= []).push(record.name);
  return names;
}

/** Sorted, and a client marked present twice is still one member and one unit. */
function presentMembers(members: MemberRecord[]): MemberRecord[] {
  // Sorted in place by insertion: a session has about ten members, and Array.prototype.sort calling back into a
  // comparator for them cost more than this. Ranks are distinct per member, so stability does not matter.
  for (let i = 1; i < members.length; i++) {
    const member = members[i];
    let j = i;
    for (; j > 0 && members[j - 1].rank > member.rank; j--) members[j] = members[j - 1];
    members[j] = member;
  }
  let kept = 0;
  for (let i = 0; i < members.length; i++) if (i === 0 || members[i] !== members[kept - 1]) members[kept++] = members[i];
  // Setting an array's length is a call into the runtime even when it does not change.
  if (kept < members.length) members.length = kept;
  return members;
}

function noteOf(session: SessionFacts, clientId: string): NoteFacts | null {
  for (const note of session.notes) if (note.clientId === clientId) return note;
  return null;
}

function addIssues(line: WorkLine, result: CheckResult, at: number): void {
  if (result === null) return;
  const issues = (line.issues ??= []);
  if (Array.isArray(result)) {
    for (const issue of result) {
      if (at === issues.length) issues.push(issue);
      else issues.splice(at, 0, issue);
      at += 1;
      if (issue.severity === "ERROR") line.blocked = true;
    }
  } else if (at === issues.length) {
    issues.push(result);
    if (result.severity === "ERROR") line.blocked = true;
  } else {
    issues.splice(at, 0, result);
    if (result.severity === "ERROR") line.blocked = true;
  }
}

/**
 * Runs every check but the unit checks on the day's lines, remembering where each unit check's issues will go. One
 * check at a time over all the lines, not all checks on one line at a time: a check then runs its code over a few
 * hundred lines in a row instead of taking turns with 27 others on every line (about 5% of the engine's time on
 * the realistic mix). Each line still gets its issues in CHECKS order, since the checks come in that order.
 */
function judgeDay(lines: WorkLine[], plan: CheckPlan, unitSlots: Int32Array | null): void {
  const unitCheckCount = plan.unitChecks.length;
  let unit = 0;
  for (const check of CHECKS) {
    if (!check.needsRules) {
      for (const line of lines) {
        const result = check.run(line);
        if (result !== null) addIssues(line, result, line.issues?.length ?? 0);
      }
    } else if (check.countsUnits) {
      for (let n = 0; n < lines.length; n++) unitSlots![n * unitCheckCount + unit] = lines[n].issues?.length ?? 0;
      unit += 1;
    } else {
      for (const line of lines) {
        if (!line.ruled) continue;
        const result = check.run(line);
        if (result !== null) addIssues(line, result, line.issues?.length ?? 0);
      }
    }
  }
}

/**
 * DESIGN §4: a member's units that day with a payer go first to lines already billed, then to the
 * day's lines with no other ERROR, in start order. A line with another ERROR uses none (and is
 * flagged too when the units are already gone); billed lines are frozen and never flagged.
 * A prior authorization's units are counted the same way over its whole date range: every unit check
 * of a line runs before the next line's, and a line uses a unit of both counts only when no check blocks it.
 */
function countUnits(
  lines: WorkLine[],
  plan: CheckPlan,
  unitSlots: Int32Array,
  billed: BilledUnits,
  authorizations: AuthorizationCounts,
  frequencies: FrequencyCounts,
  prepared: Prepared,
): void {
  const unitCheckCount = plan.unitChecks.length;
  // Every line of the list has the same local date.
  const billedThatDay = lines.length > 0 ? billed.unitsOn(lines[0].serviceDate) : null;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (!line.ruled) continue;
    if (line.billed) continue;
    const { member, serviceDate } = line;
    const payerId = line.coverage.payerId;
    line.unitsBilled = billedThatDay?.get(line.clientId)?.get(payerId) ?? 0;
    // The lines come a day at a time: a member's count from an earlier day is done with.
    if (member.usedOn !== serviceDate) {
      member.usedOn = serviceDate;
      member.usedPayers.length = 0;
      member.usedCounts.length = 0;
    }
    const usedAt = member.usedPayers.indexOf(payerId);
    line.unitsUsed = usedAt >= 0 ? member.usedCounts[usedAt] : line.unitsBilled;
    line.authorization = authorizations.turnOf(line.clientId, payerId, serviceDate);
    const countsFrequency = prepared.capsFrequency(payerId);
    line.frequency = countsFrequency ? frequencies.turnOf(line.clientId, payerId, serviceDate) : null;
    // Issues an earlier unit check gave this line: a later check's land after them.
    let inserted = 0;
    for (let u = 0; u < unitCheckCount; u++) {
      // plan.unitChecks holds the indexes of the checks that count units, and only those.
      const check = CHECKS[plan.unitChecks[u]] as Extract<Check, { countsUnits: true }>;
      const result = check.run(line);
      if (result === null) continue;
      const before = line.issues?.length ?? 0;
      addIssues(line, result, unitSlots[n * unitCheckCount + u] + inserted);
      inserted += (line.issues?.length ?? 0) - before;
    }
    if (line.blocked) continue;
    if (usedAt >= 0) member.usedCounts[usedAt] = line.unitsUsed + 1;
    else {
      member.usedPayers.push(payerId);
      member.usedCounts.push(line.unitsUsed + 1);
    }
    if (countsFrequency) frequencies.use(line.clientId, payerId, serviceDate);
    // A payer that does not require authorization still gets the number while units are left; past them the line goes without.
    const turn = line.authorization;
    if (turn && turn.unitsUsed < turn.authorization.units) {
      authorizations.use(turn.authorization.id);
      line.usedAuthorization = turn.authorization;
    }
  }
}

/** Units used per prior authorization, and which one a line draws on. */
class AuthorizationCounts {
  private readonly used = new Map<string, number>();
  private readonly billed = new Map<string, number>();
  /** By client, then payer, ending first (then starting first, then by id): the order lines draw on them. */
  private readonly byMember = new Map<string, Map<string, AuthorizationFacts[]>>();

  constructor(authorizations: readonly AuthorizationFacts[], billedLines: readonly BilledLineFacts[]) {
    const ordered = [...authorizations].sort((a, b) => compareStrings(a.endDate, b.endDate) || compareStrings(a.startDate, b.startDate) || compareStrings(a.id, b.id));
    for (const a of ordered) {
      let byPayer = this.byMember.get(a.clientId);
      if (!byPayer) this.byMember.set(a.clientId, (byPayer = new Map()));
      const list = byPayer.get(a.payerId);
      if (list) list.push(a);
      else byPayer.set(a.payerId, [a]);
    }
    // Billed lines hold their units first; a line billed twice in the input still used one.
    const seen = new Set<string>();
    for (const b of billedLines) {
      if (!b.authorizationId) continue;
      const lineKey = `${b.sessionId}:${b.clientId}`;
      if (seen.has(lineKey)) continue;
      seen.add(lineKey);
      this.billed.set(b.authorizationId, (this.billed.get(b.authorizationId) ?? 0) + 1);
      this.use(b.authorizationId);
    }
  }

  use(authorizationId: string): void {
    this.used.set(authorizationId, (this.used.get(authorizationId) ?? 0) + 1);
  }

  /**
   * Of the authorizations in force on the date, the one ending first that still has units (then the one
   * starting first, then by id), so a line never draws on a later authorization while an earlier one
   * would lapse unused; when every one is used up, the one ending first, to name in the issue.
   */
  turnOf(clientId: string, payerId: string, serviceDate: string): AuthorizationTurn | null {
    const list = this.byMember.get(clientId)?.get(payerId);
    if (!list) return null;
    let first: AuthorizationTurn | null = null;
    for (const authorization of list) {
      if (authorization.startDate > serviceDate || serviceDate > authorization.endDate) continue;
      const turn = { authorization, unitsUsed: this.used.get(authorization.id) ?? 0, unitsBilled: this.billed.get(authorization.id) ?? 0 };
      if (turn.unitsUsed < authorization.units) return turn;
      first ??= turn;
    }
    return first;
  }
}

/**
 * Lines already billed: which clients of each session (frozen, they use their unit and are never flagged), and by
 * service date as billed, each line once. A day's units per member and payer are counted when that day's lines are,
 * so the counts are short-lived garbage instead of a map per member and day kept for the whole evaluation.
 */
class BilledUnits {
  readonly lines = new Map<string, string[]>();
  private readonly byDate = new Map<string, BilledLineFacts[]>();

  constructor(billed: readonly BilledLineFacts[]) {
    for (const b of billed) {
      const clients = this.lines.get(b.sessionId);
      if (!clients) this.lines.set(b.sessionId, [b.clientId]);
      else if (clients.includes(b.clientId)) continue;
      else clients.push(b.clientId);
      const onDate = this.byDate.get(b.serviceDate);
      if (onDate) onDate.push(b);
      else this.byDate.set(b.serviceDate, [b]);
    }
  }

  /** Units billed on the date per client and payer; null when none were. */
  unitsOn(serviceDate: string): Map<string, Map<string, number>> | null {
    const onDate = this.byDate.get(serviceDate);
    if (!onDate) return null;
    const units = new Map<string, Map<string, number>>();
    for (const b of onDate) {
      let byPayer = units.get(b.clientId);
      if (!byPayer) units.set(b.clientId, (byPayer = new Map()));
      byPayer.set(b.payerId, (byPayer.get(b.payerId) ?? 0) + 1);
    }
    return units;
  }
}

/**
 * Drafts of one evaluation share their equal lists (no modifiers, a member's diagnoses, a rule version's note
 * elements) instead of copying them per line: callers read drafts and never change them.
 */
class SharedArrays {
  readonly none: never[] = [];
  // Every line's member was present: family therapy with the patient (DESIGN §1), not the code for a session without them.
  private readonly familyCodes = [FAMILY_WITH_PATIENT_CODE];
  private readonly multipleFamilyCodes = [MULTIPLE_FAMILY_GROUP_CODE];
  private readonly noteElements = new Map<RuleVersion, RuleVersion["requiredNoteElements"]>();

  noteElementsOf(rules: RuleVersion): RuleVersion["requiredNoteElements"] {
    let elements = this.noteElements.get(rules);
    if (!elements) this.noteElements.set(rules, (elements = [...rules.requiredNoteElements]));
    return elements;
  }

  /**
   * The codes to bill instead of 90853. A family group stays family therapy
   * even when only one client record is present, so the family codes win
   * over the individual ones when both issues are raised.
   */
  suggestedCodes(line: LineFacts): string[] {
    if (line.session.groupKind === "FAMILY") return this.familyCodes;
    if (line.session.groupKind === "MULTI_FAMILY") return this.multipleFamilyCodes;
    if (line.presentCount === 1) return suggestIndividualCodes(line.session.durationMinutes);
    return this.none;
  }
}

function draftOf(line: WorkLine, practicePlaceOfService: string, shared: SharedArrays): ClaimDecisionDraft {
  const { session } = line;
  const coverage = line.coverage as CoverageFacts | null; // null when the member had no coverage that day (see addLinesOf)
  const rules = line.ruled ? line.rules : null;
  // renderingClinicianOf, not renderingProviderOf: the same answer without an object per line.
  const renderer = renderingClinicianOf(session, line.serviceDate, rules);
  const modifiers = rules ? line.modifiers : shared.none;
  const placeOfService = placeOfServiceFor(session.modality, session.placeOfService, practicePlaceOfService, rules, line.memberLocation);
  return {
    sessionId: session.id,
    clientId: line.clientId,
    serviceDate: line.serviceDate,
    payerId: coverage?.payerId ?? null,
    memberId: coverage?.memberId ?? null,
    ruleVersionId: rules?.id ?? null,
    status: line.blocked ? "BLOCKED" : "READY",
    cptCode: GROUP_PSYCHOTHERAPY_CODE,
    suggestedCptCodes: shared.suggestedCodes(line),
    modifiers,
    placeOfService,
    units: 1,
    diagnosisCodes: line.diagnosisCodes,
    chargeCents: rules?.feeCents ?? 0,
    renderingClinicianId: renderer.id,
    supervisedClinicianId: renderer === session.leader ? null : session.leader.id,
    requiredNoteElements: rules ? shared.noteElementsOf(rules) : shared.none,
    authorizationId: line.usedAuthorization?.id ?? null,
    authorizationNumber: line.usedAuthorization?.number ?? null,
    issues: line.issues ?? shared.none,
    addOnLines: addOnLinesOf(line.interactiveComplexityReason, rules, modifiers, placeOfService) ?? shared.none,
    recheckOn: timelyFilingRecheckOn(rules, line.serviceDate, line.today ?? null, line.billed ?? false),
  };
}
