import { addOnChargeOf, evaluateSessions, ruleVersionOn, type ClaimDecisionDraft, type ClaimIssueCode, type ClaimStatus, type RuleVersion } from "../domain/engine/index.js";
import { isValidDate, mergePayerRules, validateDateRange, type PayerRulesPatch } from "../domain/validation/index.js";
import { GroupSessionEntity, PayerEntity } from "../entities/index.js";
import { assertValid, notFound } from "../errors/domain-error.js";
import { loadFactsForDates } from "./claim-facts.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import { evaluateDates, readStoredForSessions, readStoredPage, refreshDecisions, refreshForRead, staleSummary } from "./decision-store.js";
import { decodeCursor, invalidCursor, pageSize, toPage, type Page } from "./pagination.js";
import { rulesBaseFor } from "./payer.service.js";
import { practiceToday } from "./practice-clock.js";
import type { Actor } from "./request-context.js";

export type { ClaimStatus };

export interface ClaimDecisionView extends Omit<ClaimDecisionDraft, "status" | "recheckOn"> {
  id: string;
  status: ClaimStatus;
  batchId: string | null;
  sessionStartsAt: Date;
}

/** What a payer is sent for a line, and why it is or is not billable. */
export interface LineContentsView {
  status: ClaimStatus;
  chargeCents: number;
  modifiers: string[];
  placeOfService: string;
  issueCodes: ClaimIssueCode[];
  /** Add-on codes on the same claim (e.g. 90785), in claim order. */
  addOnCodes: string[];
  /** Their charges together (compared by the preview; the add-on lines' own charges are read on the decision). */
  addOnChargeCents: number;
}

/** addOnLines: an add-on line came or went, or its charge changed (allowing 90785 or its fee). */
export type LineChange = "status" | "chargeCents" | "modifiers" | "placeOfService" | "issues" | "addOnLines";

export interface RulesImpactChangeView {
  sessionId: string;
  clientId: string;
  before: ClaimStatus;
  after: ClaimStatus;
  issueCodes: ClaimIssueCode[];
  changedFields: LineChange[];
  beforeLine: LineContentsView;
  afterLine: LineContentsView;
}

/** A stretch of dates governed by one rules version once the proposal is saved. */
export interface RulesTimelineSegment {
  from: string;
  to: string;
  ruleVersionId: string | null;
  effectiveFrom: string | null;
  proposed: boolean;
}

export interface RulesImpactView {
  decisionsEvaluated: number;
  newlyBlocked: number;
  newlyReady: number;
  /** Same status, but what would be sent (charge, modifiers, place of service) or the reasons change. */
  otherwiseChanged: number;
  unchanged: number;
  changes: RulesImpactChangeView[];
  timeline: RulesTimelineSegment[];
}

const PROPOSED_VERSION_ID = "proposed";

function contentsOf(d: ClaimDecisionDraft): LineContentsView {
  return {
    status: d.status,
    chargeCents: d.chargeCents,
    modifiers: d.modifiers,
    placeOfService: d.placeOfService,
    issueCodes: d.issues.map((i) => i.code),
    addOnCodes: d.addOnLines.map((a) => a.cptCode),
    addOnChargeCents: addOnChargeOf(d),
  };
}

function lineChanges(was: LineContentsView, now: LineContentsView): LineChange[] {
  const changed: LineChange[] = [];
  if (was.status !== now.status) changed.push("status");
  if (was.chargeCents !== now.chargeCents) changed.push("chargeCents");
  if (was.modifiers.join(" ") !== now.modifiers.join(" ")) changed.push("modifiers");
  if (was.placeOfService !== now.placeOfService) changed.push("placeOfService");
  if (was.issueCodes.join(" ") !== now.issueCodes.join(" ")) changed.push("issues");
  if (was.addOnCodes.join(" ") !== now.addOnCodes.join(" ") || was.addOnChargeCents !== now.addOnChargeCents) changed.push("addOnLines");
  return changed;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A year of sessions is what a biller reviews at once; larger ranges are refused rather than slow. */
const MAX_RANGE_DAYS = 366;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

export function validateRange(from: string, to: string): void {
  const errors = validateDateRange(from, to, { from: "from", to: "to" });
  if (errors.length === 0 && daysBetween(from, to) >= MAX_RANGE_DAYS) errors.push({ field: "to", message: `A range may span at most ${MAX_RANGE_DAYS} days` });
  assertValid(errors);
}

/** Which version governs each date of [from, to]: the versions can only change on some version's effectiveFrom. */
export function rulesTimeline(versions: RuleVersion[], from: string, to: string): RulesTimelineSegment[] {
  const starts = [from, ...new Set(versions.map((v) => v.effectiveFrom).filter((d) => d > from && d <= to))].sort();
  const segments: (RulesTimelineSegment & { governedBy: string | null })[] = [];
  for (const start of starts) {
    const version = ruleVersionOn(versions, start);
    const governedBy = version?.id ?? null;
    const last = segments.at(-1);
    if (last && last.governedBy === governedBy) continue;
    if (last) last.to = addDays(start, -1);
    const proposed = governedBy === PROPOSED_VERSION_ID;
    segments.push({ governedBy, from: start, to, ruleVersionId: proposed ? null : governedBy, effectiveFrom: version?.effectiveFrom ?? null, proposed });
  }
  return segments.map(({ governedBy: _governedBy, ...segment }) => segment);
}

export { evaluateDates };

/** A cursor is the (session start, id) of the last line seen; anything else was not made by this list. */
function cursorKey(after: (string | number)[] | null): { startsAt: string; id: string } | null {
  if (!after) return null;
  const [startsAt, id] = after.map(String);
  const instant = new Date(startsAt);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== startsAt || !isUuid(id) || id !== id.toLowerCase()) throw invalidCursor();
  return { startsAt, id };
}

/** What a work list narrows lines by; every condition given must hold. */
export interface ClaimFilter {
  payerId?: string | null;
  status?: ClaimStatus | null;
  /** Lines this reason blocks: an ERROR with this code. */
  issueCode?: ClaimIssueCode | null;
  /** Lines with an issue of this code, whatever its severity (a warning such as TIMELY_FILING_SOON too). */
  flaggedBy?: ClaimIssueCode | null;
  /** The session's leader or the rendering provider (a supervisor). */
  clinicianId?: string | null;
  groupId?: string | null;
  clientId?: string | null;
  /** Part of the member's or the group's name, any case. */
  search?: string | null;
}

/** A line with the names a search reads, taken in the same transaction as the line. */
export interface FilterableDecision extends ClaimDecisionView {
  groupId: string;
  groupName: string;
  clientName: string;
}

export function matchesClaimFilter(view: FilterableDecision, filter: ClaimFilter): boolean {
  if (filter.payerId != null && view.payerId !== filter.payerId) return false;
  if (filter.status != null && view.status !== filter.status) return false;
  if (filter.issueCode != null && !view.issues.some((i) => i.code === filter.issueCode && i.severity === "ERROR")) return false;
  if (filter.flaggedBy != null && !view.issues.some((i) => i.code === filter.flaggedBy)) return false;
  if (filter.clinicianId != null && view.renderingClinicianId !== filter.clinicianId && view.supervisedClinicianId !== filter.clinicianId) return false;
  if (filter.groupId != null && view.groupId !== filter.groupId) return false;
  if (filter.clientId != null && view.clientId !== filter.clientId) return false;
  const needle = filter.search?.trim().toLowerCase();
  if (needle && !view.clientName.toLowerCase().includes(needle) && !view.groupName.toLowerCase().includes(needle)) return false;
  return true;
}

/** Ids that are not UUIDs cannot name a row; asking for one matches nothing rather than failing the query. */
export function filterCanMatch(filter: ClaimFilter): boolean {
  return [filter.payerId, filter.clinicianId, filter.groupId, filter.clientId].every((id) => id == null || isUuid(id));
}

export class ClaimService {
  constructor(private readonly db: Database) {}

  async list(
    actor: Actor,
    args: { from: string; to: string; first?: number | null; after?: string | null } & ClaimFilter,
  ): Promise<Page<ClaimDecisionView> & { staleDates: number }> {
    validateRange(args.from, args.to);
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    if (!filterCanMatch(args)) return { nodes: [], hasNextPage: false, totalCount: 0, staleDates: 0 };
    const afterKey = cursorKey(after);
    const { rows, totalCount, staleDates } = await this.db.inPractice(actor, async (m) => {
      const staleDates = await refreshForRead(m, actor.practiceId, { from: args.from, to: args.to });
      const page = await readStoredPage(m, actor.practiceId, {
        from: args.from,
        to: args.to,
        filter: args,
        limit: limit + 1,
        after: afterKey,
      });
      return { ...page, staleDates };
    });
    return { ...toPage(rows, limit, totalCount, (d) => [d.sessionStartsAt.toISOString(), d.id]), staleDates };
  }

  /** The decisions of the given sessions, computed with every other session of their days. */
  async forSessions(actor: Actor, sessions: Pick<GroupSessionEntity, "id" | "serviceDate">[]): Promise<Map<string, ClaimDecisionView[]>> {
    const dates = [...new Set(sessions.map((s) => s.serviceDate))];
    const decisions = await this.db.inPractice(actor, async (m) => {
      await refreshDecisions(m, actor.practiceId, { dates });
      return readStoredForSessions(m, actor.practiceId, sessions);
    });
    const bySession = new Map<string, ClaimDecisionView[]>(sessions.map((s) => [s.id, []]));
    for (const d of decisions) bySession.get(d.sessionId)?.push(d);
    return bySession;
  }

  /** How many service dates of the actor's practice wait for the background refresh. */
  async refreshProgress(actor: Actor): Promise<{ staleDates: number; oldestStaleDate: string | null; newestStaleDate: string | null }> {
    const summary = await this.db.inPractice(actor, (m) => staleSummary(m, actor.practiceId));
    return { staleDates: summary.staleDates, oldestStaleDate: summary.oldest, newestStaleDate: summary.newest };
  }

  /** What a rules change would do to existing lines, without saving anything. */
  async previewRules(actor: Actor, payerId: string, patch: PayerRulesPatch, range: { from?: string | null; to?: string | null }): Promise<RulesImpactView> {
    if (!isUuid(payerId)) throw notFound("Payer");
    return this.db.inPractice(actor, async (manager) => {
      const payer = await manager.findOneBy(PayerEntity, { id: payerId });
      if (!payer) throw notFound("Payer");
      const today = await practiceToday(manager, actor.practiceId);
      const { base, versions, effectiveFrom } = await rulesBaseFor(manager, payer, patch, today);
      const { values, errors } = mergePayerRules({ ...base, effectiveFrom }, patch, "rules");
      assertValid(errors);
      // By default from the change's start to today, at most a year back (a since-always version starts in year 1).
      let from = range.from ?? values.effectiveFrom;
      const to = range.to ?? (today > from ? today : from);
      if (range.from == null && daysBetween(from, to) >= MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
      validateRange(from, to);

      // With this payer's lines counted per week and month even when only the proposal caps them.
      const { input, batchOf, sessions } = await loadFactsForDates(manager, actor.practiceId, { from, to }, { frequencyPayerIds: [payerId] });
      // Sessions loaded only for a prior authorization's earlier days are outside the range previewed.
      const inRange = new Set(sessions.map((s) => s.id));
      const before = evaluateSessions(input).filter((d) => inRange.has(d.sessionId));
      // The newest createdAt makes the proposal win a tie with a version of the same effectiveFrom, as a save would.
      const proposed: RuleVersion = { id: PROPOSED_VERSION_ID, ...values, createdAt: new Date(8.64e15) };
      const timelineVersions = [...versions, proposed];
      const payerFacts = input.payers.get(payerId);
      if (payerFacts) payerFacts.ruleVersions = timelineVersions;
      const after = evaluateSessions(input);

      const key = (d: ClaimDecisionDraft) => `${d.sessionId}:${d.clientId}`;
      const afterByKey = new Map(after.map((d) => [key(d), d]));
      const impact: RulesImpactView = {
        decisionsEvaluated: 0,
        newlyBlocked: 0,
        newlyReady: 0,
        otherwiseChanged: 0,
        unchanged: 0,
        changes: [],
        timeline: rulesTimeline(timelineVersions, from, to),
      };
      for (const was of before) {
        const now = afterByKey.get(key(was))!;
        if (was.payerId !== payerId && now.payerId !== payerId) continue;
        impact.decisionsEvaluated += 1;
        const beforeLine = contentsOf(was);
        const afterLine = contentsOf(now);
        const changedFields = lineChanges(beforeLine, afterLine);
        // A billed line is frozen in its batch; new rules cannot change it.
        if (changedFields.length === 0 || batchOf.has(key(was))) {
          impact.unchanged += 1;
          continue;
        }
        if (was.status === now.status) impact.otherwiseChanged += 1;
        else if (now.status === "BLOCKED") impact.newlyBlocked += 1;
        else impact.newlyReady += 1;
        impact.changes.push({
          sessionId: was.sessionId,
          clientId: was.clientId,
          before: was.status,
          after: now.status,
          issueCodes: afterLine.issueCodes,
          changedFields,
          beforeLine,
          afterLine,
        });
      }
      return impact;
    });
  }
}
