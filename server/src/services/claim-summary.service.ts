import { CLAIM_ISSUE_CODES, type ClaimIssueCode } from "../domain/engine/index.js";
import { decisionsMatching, validateRange, type ClaimDecisionView, type ClaimFilter, type ClaimStatus } from "./claim.service.js";
import type { Database } from "./database.js";
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

const STATUSES: readonly ClaimStatus[] = ["READY", "BLOCKED", "BILLED"];
export const OLDEST_UNBILLED_LIMIT = 5;

function add(total: LineTotal, line: ClaimDecisionView): void {
  total.lineCount += 1;
  total.chargeCents += line.chargeCents;
}

/**
 * Totals of a list of lines, pure so that it can later become one SQL aggregate. A blocked line counts under each
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

  const largestFirst = (a: LineTotal, b: LineTotal) => b.chargeCents - a.chargeCents || b.lineCount - a.lineCount;
  const payersLargestFirst = (totals: Map<string | null, PayerTotal>) =>
    [...totals.values()].sort((a, b) => largestFirst(a, b) || String(a.payerId).localeCompare(String(b.payerId)));
  return {
    ...range,
    total,
    byStatus: [...byStatus.values()],
    blockedByIssue: [...byIssue.values()].sort((a, b) => largestFirst(a, b) || CLAIM_ISSUE_CODES.indexOf(a.code) - CLAIM_ISSUE_CODES.indexOf(b.code)),
    blockedByPayer: payersLargestFirst(byPayer),
    readyByPayer: payersLargestFirst(readyByPayer),
    oldestUnbilled: [...unbilled.values()]
      .sort((a, b) => a.startsAt - b.startsAt || a.sessionId.localeCompare(b.sessionId))
      .slice(0, oldestLimit)
      .map(({ startsAt: _startsAt, ...session }) => session),
  };
}

export class ClaimSummaryService {
  constructor(private readonly db: Database) {}

  /** The totals of exactly the lines `claimDecisions` lists for the same range and filter (without status). */
  async summarize(actor: Actor, args: { from: string; to: string } & Omit<ClaimFilter, "status">): Promise<ClaimSummaryView> {
    validateRange(args.from, args.to);
    const range = { from: args.from, to: args.to };
    const lines = await this.db.inPractice(actor, (m) => decisionsMatching(m, actor.practiceId, range, { ...args, status: null }));
    return summarizeClaims(lines, range);
  }
}
