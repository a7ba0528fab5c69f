import { CLAIM_ISSUE_CODES, CLAIM_STATUSES, addOnChargeOf, type ClaimIssueCode } from "../domain/engine/index.js";
import { filterCanMatch, validateRange, type ClaimDecisionView, type ClaimFilter, type ClaimStatus } from "./claim.service.js";
import type { Database } from "./database.js";
import { readStoredTotals, refreshForRead } from "./decision-store.js";
import type { Actor } from "./request-context.js";

export interface LineTotal {
  lineCount: number;
  chargeCents: number;
}

export interface StatusTotal extends LineTotal {
  status: ClaimStatus;
}

export interface IssueTotal extends LineTotal {
  code: ClaimIssueCode;
}

export interface PayerTotal extends LineTotal {
  /** Null for lines of members without coverage on the date. */
  payerId: string | null;
}

export interface UnbilledSession {
  sessionId: string;
  serviceDate: string;
  readyCount: number;
  blockedCount: number;
}

export interface ClaimSummaryView {
  from: string;
  to: string;
  total: LineTotal;
  byStatus: StatusTotal[];
  blockedByIssue: IssueTotal[];
  blockedByPayer: PayerTotal[];
  readyByPayer: PayerTotal[];
  oldestUnbilled: UnbilledSession[];
}

const STATUSES = CLAIM_STATUSES;
export const OLDEST_UNBILLED_LIMIT = 5;

/** A line's charge is its claim's: the 90853 line and its add-on lines (90785). */
function add(total: LineTotal, line: ClaimDecisionView): void {
  total.lineCount += 1;
  total.chargeCents += line.chargeCents + addOnChargeOf(line);
}

const largestFirst = (a: LineTotal, b: LineTotal) => b.chargeCents - a.chargeCents || b.lineCount - a.lineCount;
const payersLargestFirst = (totals: Iterable<PayerTotal>) =>
  [...totals].sort((a, b) => largestFirst(a, b) || String(a.payerId).localeCompare(String(b.payerId)));
const issuesLargestFirst = (totals: Iterable<IssueTotal>) =>
  [...totals].sort((a, b) => largestFirst(a, b) || CLAIM_ISSUE_CODES.indexOf(a.code) - CLAIM_ISSUE_CODES.indexOf(b.code));

/**
 * Totals of a list of lines: the specification of the SQL aggregates `summarize` answers with (the unit tests
 * pin it down; the integration tests compare the two over the listed lines). A blocked line counts under each
 * of its ERROR reasons (the reasons' totals can add up to more than the blocked total), and once under its payer;
 * READY lines are also totalled by payer, for what a batch would send to each.
 * Reasons and payers come largest first (dollars, then lines), ties in a fixed order so the answer is stable.
 */
export function summarizeClaims(lines: readonly ClaimDecisionView[], range: { from: string; to: string }, oldestLimit = OLDEST_UNBILLED_LIMIT): ClaimSummaryView {
  const total: LineTotal = { lineCount: 0, chargeCents: 0 };
  const byStatus = new Map<ClaimStatus, StatusTotal>(STATUSES.map((status) => [status, { status, lineCount: 0, chargeCents: 0 }]));
  const byIssue = new Map<ClaimIssueCode, IssueTotal>();
  const byPayer = new Map<string | null, PayerTotal>();
  const readyByPayer = new Map<string | null, PayerTotal>();
  const addToPayer = (totals: Map<string | null, PayerTotal>, line: ClaimDecisionView) => {
    const payer = totals.get(line.payerId) ?? { payerId: line.payerId, lineCount: 0, chargeCents: 0 };
    totals.set(line.payerId, payer);
    add(payer, line);
  };
  const unbilled = new Map<string, UnbilledSession & { startsAt: number }>();

  for (const line of lines) {
    add(total, line);
    add(byStatus.get(line.status)!, line);
    if (line.status === "BILLED") continue;
    let session = unbilled.get(line.sessionId);
    if (!session) {
      session = { sessionId: line.sessionId, serviceDate: line.serviceDate, readyCount: 0, blockedCount: 0, startsAt: line.sessionStartsAt.getTime() };
      unbilled.set(line.sessionId, session);
    }
    if (line.status === "READY") {
      session.readyCount += 1;
      addToPayer(readyByPayer, line);
      continue;
    }
    session.blockedCount += 1;
    for (const code of new Set(line.issues.filter((i) => i.severity === "ERROR").map((i) => i.code))) {
      const issue = byIssue.get(code) ?? { code, lineCount: 0, chargeCents: 0 };
      byIssue.set(code, issue);
      add(issue, line);
    }
    addToPayer(byPayer, line);
  }

  return {
    ...range,
    total,
    byStatus: [...byStatus.values()],
    blockedByIssue: issuesLargestFirst(byIssue.values()),
    blockedByPayer: payersLargestFirst(byPayer.values()),
    readyByPayer: payersLargestFirst(readyByPayer.values()),
    oldestUnbilled: [...unbilled.values()]
      .sort((a, b) => a.startsAt - b.startsAt || a.sessionId.localeCompare(b.sessionId))
      .slice(0, oldestLimit)
      .map(({ startsAt: _startsAt, ...session }) => session),
  };
}

export class ClaimSummaryService {
  constructor(private readonly db: Database) {}

  /** The totals of exactly the lines `claimDecisions` lists for the same range and filter (without status), aggregated in SQL over the stored decisions. */
  /** With the dates of the range still waiting for the background refresh when it was read (see refreshForRead). */
  async summarize(actor: Actor, args: { from: string; to: string } & Omit<ClaimFilter, "status">): Promise<ClaimSummaryView & { staleDates: number }> {
    validateRange(args.from, args.to);
    const range = { from: args.from, to: args.to };
    const filter: ClaimFilter = { ...args, status: null };
    if (!filterCanMatch(filter)) return { ...summarizeClaims([], range), staleDates: 0 };
    const { totals, staleDates } = await this.db.inPractice(actor, async (m) => {
      const staleDates = await refreshForRead(m, actor.practiceId, range);
      return { totals: await readStoredTotals(m, actor.practiceId, range, filter, OLDEST_UNBILLED_LIMIT), staleDates };
    });
    const byStatus = new Map(totals.byStatus.map((t) => [t.status, t]));
    return {
      ...range,
      total: totals.total,
      byStatus: STATUSES.map((status) => ({ status, lineCount: byStatus.get(status)?.lineCount ?? 0, chargeCents: byStatus.get(status)?.chargeCents ?? 0 })),
      blockedByIssue: issuesLargestFirst(totals.blockedByIssue),
      blockedByPayer: payersLargestFirst(totals.blockedByPayer),
      readyByPayer: payersLargestFirst(totals.readyByPayer),
      oldestUnbilled: totals.oldestUnbilled,
      staleDates,
    };
  }
}
