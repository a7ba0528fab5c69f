/**
 * Turns sessions, attendance and notes into one claim-line draft per
 * present member per session. Pure: the same input always gives the same
 * drafts, so callers can re-run it after any change and diff the results.
 */
import { CHECKS, type AuthorizationTurn, type CheckResult, type CountedLineFacts, type LineFacts, type RuledLineFacts } from "./checks.js";
import { FAMILY_PSYCHOTHERAPY_CODES, GROUP_PSYCHOTHERAPY_CODE, suggestIndividualCodes } from "./cpt-codes.js";
import { coverageOn, ruleVersionOn } from "./in-force.js";
import { applicableModifiers, claimDiagnosisCodes, placeOfServiceFor, renderingProviderOf } from "./line-contents.js";
import { localDateOf } from "./local-date.js";
import type { AuthorizationFacts, BilledLineFacts, ClaimDecisionDraft, ClaimIssue, EngineInput, MemberFacts, SessionFacts } from "./types.js";

/** A line with every check run but the unit count, which needs the whole day judged first. */
interface JudgedLine {
  line: LineFacts;
  ruled: RuledLineFacts | null;
  /** Issues per entry of CHECKS, so the unit check's issue lands in its place in the table's order. */
  issuesByCheck: ClaimIssue[][];
  /** The prior authorization the line uses a unit of, once units are counted. */
  authorization: AuthorizationFacts | null;
}

/** One draft per present member per session, in session start order (then session id), then clientId order. */
export function evaluateSessions(input: EngineInput): ClaimDecisionDraft[] {
  const judged = [...input.sessions].sort(byStart).flatMap((session) => linesOf(session, input)).map(judge);
  countUnits(judged, input.billed, input.authorizations ?? []);
  return judged.map((j) => draftOf(j, input.defaultPlaceOfService));
}

function byStart(a: SessionFacts, b: SessionFacts): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  // Code-unit order, not localeCompare: output order must not depend on the host's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

function linesOf(session: SessionFacts, input: EngineInput): LineFacts[] {
  const serviceDate = localDateOf(session.startsAt, input.timezone);
  // A client marked present twice is still one member and one unit.
  const present = [...new Set(session.presentClientIds)].sort(compareStrings);
  return present.map((clientId) => {
    // The caller promises every present client; a missing one is blocked for lack of coverage, never guessed at.
    const member: MemberFacts = input.members.get(clientId) ?? { clientId, diagnosisCodes: [], coverages: [], registration: { sex: null, address: null } };
    const coverage = coverageOn(member.coverages, serviceDate);
    const payer = coverage ? input.payers.get(coverage.payerId) : undefined;
    return {
      session,
      clientId,
      serviceDate,
      presentCount: present.length,
      diagnosisCodes: claimDiagnosisCodes(member.diagnosisCodes),
      registration: member.registration,
      coverage,
      rules: payer ? ruleVersionOn(payer.ruleVersions, serviceDate) : null,
      note: session.notes.find((note) => note.clientId === clientId) ?? null,
    };
  });
}

function judge(line: LineFacts): JudgedLine {
  const { coverage, rules } = line;
  const ruled: RuledLineFacts | null =
    coverage && rules ? { ...line, coverage, rules, modifiers: applicableModifiers(rules, line.session.modality) } : null;
  const issuesByCheck = CHECKS.map((check) => {
    if (!check.needsRules) return asList(check.run(line));
    if (!ruled || check.countsUnits) return [];
    return asList(check.run(ruled));
  });
  return { line, ruled, issuesByCheck, authorization: null };
}

/**
 * DESIGN §4: a member's units that day with a payer go first to lines already billed, then to the
 * day's lines with no other ERROR, in start order. A line with another ERROR uses none (and is
 * flagged too when the units are already gone); billed lines are frozen and never flagged.
 * A prior authorization's units are counted the same way over its whole date range: lines are taken
 * in start order across days, and a line uses a unit of both counts only when no check blocks it.
 */
function countUnits(judged: JudgedLine[], billed: readonly BilledLineFacts[], authorizations: readonly AuthorizationFacts[]): void {
  const dayKey = (serviceDate: string, clientId: string, payerId: string) => JSON.stringify([serviceDate, clientId, payerId]);
  const billedUnits = new Map<string, number>();
  const billedLines = new Set<string>();
  const authorizationCounts = new AuthorizationCounts(authorizations);
  for (const b of billed) {
    const key = dayKey(b.serviceDate, b.clientId, b.payerId);
    const lineKey = `${b.sessionId}:${b.clientId}`;
    if (billedLines.has(lineKey)) continue;
    billedLines.add(lineKey);
    billedUnits.set(key, (billedUnits.get(key) ?? 0) + 1);
    if (b.authorizationId) authorizationCounts.useBilled(b.authorizationId);
  }
  const used = new Map(billedUnits);
  const countingChecks = CHECKS.flatMap((check, index) => (check.needsRules && check.countsUnits ? [{ run: check.run, index }] : []));
  for (const j of judged) {
    if (!j.ruled || billedLines.has(`${j.line.session.id}:${j.line.clientId}`)) continue;
    const key = dayKey(j.ruled.serviceDate, j.ruled.clientId, j.ruled.coverage.payerId);
    const authorization = authorizationCounts.turnOf(j.ruled.clientId, j.ruled.coverage.payerId, j.ruled.serviceDate);
    const counted: CountedLineFacts = { ...j.ruled, unitsUsed: used.get(key) ?? 0, unitsBilled: billedUnits.get(key) ?? 0, authorization };
    for (const { run, index } of countingChecks) j.issuesByCheck[index] = asList(run(counted));
    const blocked = j.issuesByCheck.some((list) => list.some((i) => i.severity === "ERROR"));
    if (blocked) continue;
    used.set(key, counted.unitsUsed + 1);
    // A payer that does not require authorization still gets the number while units are left; past them the line goes without.
    if (authorization && authorization.unitsUsed < authorization.authorization.units) {
      authorizationCounts.use(authorization.authorization.id);
      j.authorization = authorization.authorization;
    }
  }
}

/** Units used per prior authorization, and which one a line draws on. */
class AuthorizationCounts {
  private readonly used = new Map<string, number>();
  private readonly billed = new Map<string, number>();
  /** By client and payer, ending first (then starting first, then by id): the order lines draw on them. */
  private readonly byMember = new Map<string, AuthorizationFacts[]>();

  constructor(authorizations: readonly AuthorizationFacts[]) {
    const ordered = [...authorizations].sort((a, b) => compareStrings(a.endDate, b.endDate) || compareStrings(a.startDate, b.startDate) || compareStrings(a.id, b.id));
    for (const a of ordered) {
      const key = JSON.stringify([a.clientId, a.payerId]);
      const list = this.byMember.get(key);
      if (list) list.push(a);
      else this.byMember.set(key, [a]);
    }
  }

  useBilled(authorizationId: string): void {
    this.billed.set(authorizationId, (this.billed.get(authorizationId) ?? 0) + 1);
    this.use(authorizationId);
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
    const inForce = (this.byMember.get(JSON.stringify([clientId, payerId])) ?? []).filter((a) => a.startDate <= serviceDate && serviceDate <= a.endDate);
    const turns = inForce.map((authorization) => ({
      authorization,
      unitsUsed: this.used.get(authorization.id) ?? 0,
      unitsBilled: this.billed.get(authorization.id) ?? 0,
    }));
    return turns.find((t) => t.unitsUsed < t.authorization.units) ?? turns[0] ?? null;
  }
}

function draftOf({ line, ruled, issuesByCheck, authorization }: JudgedLine, practicePlaceOfService: string): ClaimDecisionDraft {
  const { session, coverage } = line;
  const issues = issuesByCheck.flat();
  return {
    sessionId: session.id,
    clientId: line.clientId,
    serviceDate: line.serviceDate,
    payerId: coverage?.payerId ?? null,
    memberId: coverage?.memberId ?? null,
    ruleVersionId: ruled?.rules.id ?? null,
    status: issues.some((i) => i.severity === "ERROR") ? "BLOCKED" : "READY",
    cptCode: GROUP_PSYCHOTHERAPY_CODE,
    suggestedCptCodes: suggestedCodes(line),
    modifiers: ruled?.modifiers ?? [],
    placeOfService: placeOfServiceFor(session.modality, session.placeOfService, practicePlaceOfService, ruled?.rules ?? null),
    units: 1,
    diagnosisCodes: line.diagnosisCodes,
    chargeCents: ruled?.rules.feeCents ?? 0,
    ...renderingProviderOf(session, line.serviceDate, ruled?.rules ?? null),
    requiredNoteElements: ruled ? [...ruled.rules.requiredNoteElements] : [],
    authorizationId: authorization?.id ?? null,
    authorizationNumber: authorization?.number ?? null,
    issues,
  };
}

function asList(result: CheckResult): ClaimIssue[] {
  if (result === null) return [];
  return Array.isArray(result) ? result : [result];
}

/**
 * The codes to bill instead of 90853. A family group stays family therapy
 * even when only one client record is present, so the family codes win
 * over the individual ones when both issues are raised.
 */
function suggestedCodes(line: LineFacts): string[] {
  if (line.session.groupKind === "FAMILY") return [...FAMILY_PSYCHOTHERAPY_CODES];
  if (line.presentCount === 1) return suggestIndividualCodes(line.session.durationMinutes);
  return [];
}
