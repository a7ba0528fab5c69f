/**
 * Turns sessions, attendance and notes into one claim-line draft per
 * present member per session. Pure: the same input always gives the same
 * drafts, so callers can re-run it after any change and diff the results.
 */
import { CHECKS, type CheckResult, type LineFacts, type RuledLineFacts } from "./checks.js";
import { FAMILY_PSYCHOTHERAPY_CODES, GROUP_PSYCHOTHERAPY_CODE, suggestIndividualCodes } from "./cpt-codes.js";
import { coverageOn, rulesInForceOn } from "./in-force.js";
import { applicableModifiers, claimDiagnosisCodes, placeOfServiceFor } from "./line-contents.js";
import { localDateOf } from "./local-date.js";
import type { ClaimDecisionDraft, ClaimIssue, EngineInput, MemberFacts, SessionFacts } from "./types.js";

/** One draft per present member per session, in session start order (then session id), then clientId order. */
export function evaluateSessions(input: EngineInput): ClaimDecisionDraft[] {
  const lines = [...input.sessions].sort(byStart).flatMap((session) => linesOf(session, input));
  const unitsOfDay = numberUnitsOfDay(lines);
  return lines.map((line, i) => decide(line, unitsOfDay[i], input.defaultPlaceOfService));
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
    const member: MemberFacts = input.members.get(clientId) ?? { clientId, diagnosisCodes: [], coverages: [] };
    const coverage = coverageOn(member.coverages, serviceDate);
    const payer = coverage ? input.payers.get(coverage.payerId) : undefined;
    return {
      session,
      clientId,
      serviceDate,
      presentCount: present.length,
      diagnosisCodes: claimDiagnosisCodes(member.diagnosisCodes),
      coverage,
      rules: payer ? rulesInForceOn(payer.ruleVersions, serviceDate) : null,
      note: session.notes.find((note) => note.clientId === clientId) ?? null,
    };
  });
}

/**
 * For each line, its 1-based place among the same member's lines on the
 * same local date with the same payer. Lines arrive in start order, so the
 * earlier sessions use up the day's units and the later ones are flagged.
 */
function numberUnitsOfDay(lines: LineFacts[]): number[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    if (!line.coverage) return 0;
    const key = JSON.stringify([line.serviceDate, line.clientId, line.coverage.payerId]);
    const unit = (seen.get(key) ?? 0) + 1;
    seen.set(key, unit);
    return unit;
  });
}

function decide(line: LineFacts, unitOfDay: number, practicePlaceOfService: string): ClaimDecisionDraft {
  const { session, coverage, rules } = line;
  const ruled: RuledLineFacts | null =
    coverage && rules
      ? { ...line, coverage, rules, unitOfDay, modifiers: applicableModifiers(rules, session.modality) }
      : null;

  const issues: ClaimIssue[] = CHECKS.flatMap((check) => {
    if (!check.needsRules) return asList(check.run(line));
    return ruled ? asList(check.run(ruled)) : [];
  });

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
