import type { EntityManager } from "typeorm";
import { insertRecords, type RecordColumn } from "../db/insert-records.js";
import { evaluateSessions } from "../domain/engine/index.js";
import { decisionId, loadFactsForDates, type DateSelection, type LoadedSession } from "./claim-facts.js";
import type { ClaimIssueCode } from "../domain/engine/index.js";
import { addOnChargeOf } from "../domain/engine/index.js";
import type { ClaimDecisionView, ClaimFilter, ClaimStatus } from "./claim.service.js";
import { practiceNow } from "./practice-clock.js";

/**
 * Stored claim decisions (table claim_decisions) and their freshness.
 *
 * Triggers on every engine input mark the service dates a change can affect in claim_decision_stale, in the
 * writing transaction (db/decision-freshness.ts). Before reading decisions, a transaction recomputes the stale
 * dates it is about to read (`refreshDecisions`); the background refresh drains the rest. One rule depends on
 * today's date (timely filing): each decision stores `recheck_on`, the first date on which the passing of days
 * alone changes it, and `markDueDecisions` marks the dates of decisions whose recheck_on has come before anything
 * is read. So a date that is not marked is exactly what a fresh evaluation would give today.
 */

export interface EvaluatedLine {
  view: ClaimDecisionView;
  session: LoadedSession;
  /** Stored beside the decision (claim_decisions.recheck_on), not part of it: when the passing of days alone may change it. */
  recheckOn: string | null;
}

/**
 * Runs the engine on the sessions of the selected dates, billed lines overlaid; in the engine's order. Sessions
 * loaded only for a prior authorization's earlier days are decided too but not returned.
 */
export async function evaluateLines(manager: EntityManager, practiceId: string, range: DateSelection): Promise<EvaluatedLine[]> {
  const { input, sessions, batchOf, billedAuthorizationNumber } = await loadFactsForDates(manager, practiceId, range);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const drafts = evaluateSessions(input);
  // A line changes with the date when one of its member's lines it counts units after does (an earlier line that
  // expires stops holding a unit), so each line is rechecked at the earliest recheck of its member's evaluated lines.
  const recheckOf = new Map<string, string>();
  for (const d of drafts) {
    if (d.recheckOn === null || batchOf.has(`${d.sessionId}:${d.clientId}`)) continue;
    const known = recheckOf.get(d.clientId);
    if (known === undefined || d.recheckOn < known) recheckOf.set(d.clientId, d.recheckOn);
  }
  return drafts.flatMap(({ recheckOn: _own, ...draft }) => {
    const session = sessionById.get(draft.sessionId);
    if (!session) return [];
    const key = `${draft.sessionId}:${draft.clientId}`;
    const batchId = batchOf.get(key) ?? null;
    const view: ClaimDecisionView = {
      ...draft,
      id: decisionId(draft.sessionId, draft.clientId),
      status: batchId ? "BILLED" : draft.status,
      batchId,
      // A billed line reports the authorization number it was sent with, not what today's data would pick.
      ...(batchId ? { authorizationNumber: billedAuthorizationNumber.get(key) ?? null } : {}),
      sessionStartsAt: session.startsAt,
    };
    return [{ view, session, recheckOn: batchId ? null : (recheckOf.get(draft.clientId) ?? null) }];
  });
}

/** A from-scratch evaluation, as every read did before decisions were stored; also the tests' reference. */
export async function evaluateDates(manager: EntityManager, practiceId: string, range: DateSelection): Promise<ClaimDecisionView[]> {
  return (await evaluateLines(manager, practiceId, range)).map((l) => l.view);
}

/**
 * A read recomputes what it covers in one pass (a longest range is 366 days), so its statement count does not
 * depend on how many of its dates were stale; only a longer list of dates is split.
 */
const DATES_PER_RECOMPUTE = 400;
/**
 * Lines turned into rows and written this many at a time, each chunk one statement (insertRecords): a stored
 * decision carries its JSON, so a chunk stays a few MB.
 */
const ROWS_PER_INSERT = 2_000;

function staleFilter(range: DateSelection, n = 2): { where: string; param: string[] } {
  return "dates" in range
    ? { where: `service_date = ANY($${n}::date[])`, param: range.dates }
    : { where: `service_date BETWEEN ($${n}::date[])[1] AND ($${n}::date[])[2]`, param: [range.from, range.to] };
}

/** Makes the stored decisions of the selected dates current in this transaction; returns how many dates it recomputed. */
export async function refreshDecisions(manager: EntityManager, practiceId: string, range: DateSelection): Promise<number> {
  if ("dates" in range && range.dates.length === 0) return 0;
  return oneAtATime(manager, () => refreshUnlocked(manager, practiceId, range));
}

/**
 * Marks stale the dates of decisions whose answer changed because today reached their recheck_on (the practice's
 * local today at the clock's instant), through claim_decisions_mark_keys so the dates they reach through units
 * are marked too; clears recheck_on on them so the next read does not mark them again. Returns how many
 * decisions were due. The common case (none due) is one indexed lookup and no lock.
 */
export async function markDueDecisions(manager: EntityManager, practiceId: string): Promise<number> {
  return oneAtATime(manager, () => markDueUnlocked(manager, practiceId));
}

/** The practice's local today at parameter `$n` (an instant), for decisions' recheck_on; `$1` is the practice. */
const dueOn = (n: number) => `(SELECT ($${n}::timestamptz AT TIME ZONE p.timezone)::date FROM practices p WHERE p.id = $1)`;
/**
 * One row: the practice's today (`today`, at the instant `$2`) and whether a decision of it is due (`due`). Asked as the
 * earliest recheck_on, which is one probe of claim_decisions_recheck_idx whatever the statistics say: an EXISTS of
 * `recheck_on <= today` is planned before today is known, guesses that a third of the rows match and scans the
 * whole table, which on a fresh practice (none due, as on most reads) costs more than the rest of the read.
 */
const TODAY_AND_DUE = `SELECT to_char(t.today, 'YYYY-MM-DD') AS today,
         COALESCE((SELECT min(recheck_on) FROM claim_decisions WHERE practice_id = $1) <= t.today, false) AS due
  FROM (SELECT ${dueOn(2)} AS today) t`;

/** `today` is the practice's local today when the caller has read it (with TODAY_AND_DUE) and found decisions due. */
async function markDueUnlocked(manager: EntityManager, practiceId: string, known?: { today: string }): Promise<number> {
  let today = known?.today;
  if (today === undefined) {
    const [row]: { today: string; due: boolean }[] = await manager.query(TODAY_AND_DUE, [practiceId, practiceNow().toISOString()]);
    if (!row.due) return 0;
    today = row.today;
  }
  // Under the recompute lock: a recompute rewriting these rows at the same time would otherwise deadlock with it.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('claim_decisions:' || $1::text, 0))`, [practiceId]);
  // Today as a value, not a subquery, so the planner reads the few due rows through the recheck index.
  const [{ marked }] = await manager.query(
    `WITH due AS (
       UPDATE claim_decisions SET recheck_on = NULL
       WHERE practice_id = $1 AND recheck_on <= $2::date
       RETURNING session_date
     ), marked AS (
       SELECT claim_decisions_mark_keys($1, 'date', ARRAY(SELECT DISTINCT to_char(session_date, 'YYYY-MM-DD') FROM due), NULL)
       WHERE EXISTS (SELECT 1 FROM due)
     )
     SELECT (SELECT count(*) FROM due)::int AS marked, (SELECT count(*) FROM marked) AS calls`,
    [practiceId, today],
  );
  return marked;
}

/**
 * The stale dates of the range, earliest first, after marking the due decisions' dates (timely filing moved on
 * with the clock), so what a read answers is what today gives. One statement when none is due (most reads).
 */
async function staleDatesAfterDue(manager: EntityManager, practiceId: string, range: DateSelection): Promise<string[]> {
  const filter = staleFilter(range, 3);
  const at = practiceNow().toISOString();
  const staleOrDue = (): Promise<{ date: string | null; today: string | null }[]> =>
    manager.query(
      `SELECT * FROM (SELECT DISTINCT to_char(service_date, 'YYYY-MM-DD') AS date, NULL AS today FROM claim_decision_stale WHERE practice_id = $1 AND ${filter.where} ORDER BY 1) stale
       UNION ALL SELECT NULL, today FROM (${TODAY_AND_DUE}) due WHERE due`,
      [practiceId, at, filter.param],
    );
  let rows = await staleOrDue();
  const due = rows.find((r) => r.date === null);
  if (due?.today) {
    await markDueUnlocked(manager, practiceId, { today: due.today });
    rows = await staleOrDue();
  }
  return rows.flatMap((r) => (r.date === null ? [] : [r.date])).sort();
}

/**
 * The fields of one request share its transaction and run interleaved on its connection (services/database.ts),
 * and the database lock is the transaction's own, so it does not keep two of them apart: two recomputes of the
 * same dates interleaved would both rewrite them (and count their lines twice). Within a transaction they take
 * turns; the second then finds the marks gone and reads what the first wrote.
 */
const turns = new WeakMap<object, Promise<unknown>>();

async function oneAtATime<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const key: object = manager.queryRunner ?? manager;
  const mine = (turns.get(key) ?? Promise.resolve()).then(work);
  turns.set(key, mine.catch(() => undefined));
  return mine;
}

async function refreshUnlocked(manager: EntityManager, practiceId: string, range: DateSelection): Promise<number> {
  const stale = await staleDatesAfterDue(manager, practiceId, range);
  let recomputed = 0;
  for (let start = 0; start < stale.length; start += DATES_PER_RECOMPUTE) {
    recomputed += await recomputeUnlocked(
      manager,
      practiceId,
      stale.slice(start, start + DATES_PER_RECOMPUTE),
    );
  }
  return recomputed;
}

/**
 * How many lines a read recomputes itself before answering: at most `lineBudget`, and no more than this server
 * recomputes in `timeBudgetMs` at the rate of its recent recomputes (reads' and the background refresh's), so a
 * slower or busier machine answers about as soon as a fast one instead of taking proportionally longer; but at
 * least `minLines`, a month of a mid-size practice, so the read after a month's batch still shows it billed. A
 * change that left more of a read's range stale (a back-dated rules change, a bulk load) is the background
 * refresh's work; the read answers with what is stored and says how many dates are still waiting. Mutable for
 * tests only.
 */
export const readRecompute = {
  lineBudget: 6_000,
  minLines: 3_000,
  timeBudgetMs: 400,
  /** Milliseconds per line of recent recomputes large enough to tell; null until one was. */
  msPerLine: null as number | null,
};

/** Below this many lines a recompute's time is mostly its statements' round trips, which say little of its rate. */
const RATE_SAMPLE_LINES = 500;

function noteRecomputeRate(lines: number, ms: number): void {
  if (lines < RATE_SAMPLE_LINES) return;
  const rate = ms / lines;
  // Half the last sample, half the history: one slow recompute (a checkpoint, a busy moment) moves the rate halfway,
  // and the next ones pull it back.
  readRecompute.msPerLine = readRecompute.msPerLine === null ? rate : (readRecompute.msPerLine + rate) / 2;
}

/** The lines a read may recompute now. */
export function readLineBudget(): number {
  const { lineBudget, minLines, timeBudgetMs, msPerLine } = readRecompute;
  return msPerLine === null ? lineBudget : Math.min(lineBudget, Math.max(minLines, Math.floor(timeBudgetMs / msPerLine)));
}

/**
 * Before a read of a range: recomputes its stale dates earliest first (a page starts at the range's start) while
 * their lines fit the budget (at least one date, so every read makes progress), in one pass. Answers how many of
 * the range's dates it left stale.
 */
export async function refreshForRead(manager: EntityManager, practiceId: string, range: { from: string; to: string }): Promise<number> {
  return oneAtATime(manager, async () => {
    const stale = await staleDatesAfterDue(manager, practiceId, range);
    // The first date is taken whatever its size, so only two or more stale dates need their lines counted; asked
    // apart, so the fresh read's statement does not carry a per-date count whose estimate (every date of a year
    // stale) is costly enough to have PostgreSQL compile it (JIT) on every read.
    const lines = new Map<string, number>();
    if (stale.length > 1) {
      const counted: { date: string; lines: number }[] = await manager.query(
        `SELECT to_char(s.service_date, 'YYYY-MM-DD') AS date, count(*)::int AS lines
         FROM group_sessions s
         JOIN attendance a ON a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'
         WHERE s.practice_id = $1 AND s.service_date = ANY($2::date[])
         GROUP BY s.service_date`,
        [practiceId, stale.slice(0, DATES_PER_RECOMPUTE)],
      );
      for (const c of counted) lines.set(c.date, c.lines);
    }
    const budget = readLineBudget();
    let taken = 0;
    let total = 0;
    while (taken < stale.length && taken < DATES_PER_RECOMPUTE) {
      const next = lines.get(stale[taken]) ?? 0;
      if (taken > 0 && total + next > budget) break;
      total += next;
      taken += 1;
    }
    if (taken > 0) await recomputeUnlocked(manager, practiceId, stale.slice(0, taken));
    return stale.length - taken;
  });
}

/** The latest stale dates of the practice, at most `limit`: what the background refresh takes next (recent months are read most). */
export async function nextStaleDates(manager: EntityManager, practiceId: string, limit: number): Promise<string[]> {
  const rows: { date: string }[] = await manager.query(
    `SELECT DISTINCT to_char(service_date, 'YYYY-MM-DD') AS date FROM claim_decision_stale WHERE practice_id = $1 ORDER BY 1 DESC LIMIT $2`,
    [practiceId, limit],
  );
  return rows.map((r) => r.date);
}

/**
 * Recomputes the dates that are still stale once this transaction holds the practice's recompute lock: two
 * transactions never rewrite the same date at once, and one that waited finds the marks gone and does nothing.
 * Only the marks read before the facts are removed, so a change committed while this runs stays marked.
 */
export async function recomputeDates(manager: EntityManager, practiceId: string, dates: string[]): Promise<number> {
  if (dates.length === 0) return 0;
  return oneAtATime(manager, () => recomputeUnlocked(manager, practiceId, dates));
}

async function recomputeUnlocked(manager: EntityManager, practiceId: string, dates: string[]): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('claim_decisions:' || $1::text, 0))`, [practiceId]);
  const marks: { id: string; date: string }[] = await manager.query(
    `SELECT id, to_char(service_date, 'YYYY-MM-DD') AS date FROM claim_decision_stale WHERE practice_id = $1 AND service_date = ANY($2::date[])`,
    [practiceId, dates],
  );
  if (marks.length === 0) return 0;
  const stillStale = [...new Set(marks.map((m) => m.date))].sort();
  const started = performance.now();
  const lines = await evaluateLines(manager, practiceId, { dates: stillStale });
  await manager.query(`DELETE FROM claim_decisions WHERE practice_id = $1 AND session_date = ANY($2::date[])`, [practiceId, stillStale]);
  for (let start = 0; start < lines.length; start += ROWS_PER_INSERT) {
    await insertLines(manager, practiceId, lines.slice(start, start + ROWS_PER_INSERT));
  }
  await manager.query(`DELETE FROM claim_decision_counts WHERE practice_id = $1 AND session_date = ANY($2::date[])`, [practiceId, stillStale]);
  await manager.query(
    `INSERT INTO claim_decision_counts (practice_id, session_date, status, payer_id, lines)
     SELECT $1, c.session_date, c.status, c.payer_id, c.lines
     FROM jsonb_to_recordset($2::jsonb) AS c(session_date date, status text, payer_id uuid, lines integer)`,
    [practiceId, JSON.stringify(countsOf(lines))],
  );
  await manager.query(`DELETE FROM claim_decision_stale WHERE practice_id = $1 AND id = ANY($2::bigint[])`, [practiceId, marks.map((m) => m.id)]);
  noteRecomputeRate(lines.length, performance.now() - started);
  return stillStale.length;
}

function countsOf(lines: EvaluatedLine[]): { session_date: string; status: ClaimStatus; payer_id: string | null; lines: number }[] {
  const counts = new Map<string, { session_date: string; status: ClaimStatus; payer_id: string | null; lines: number }>();
  for (const { view, session } of lines) {
    const key = `${session.serviceDate} ${view.status} ${view.payerId}`;
    const count = counts.get(key);
    if (count) count.lines += 1;
    else counts.set(key, { session_date: session.serviceDate, status: view.status, payer_id: view.payerId, lines: 1 });
  }
  return [...counts.values()];
}

const COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"],
  ["session_id", "uuid"],
  ["client_id", "uuid"],
  ["session_date", "date"],
  ["session_starts_at", "timestamptz"],
  ["service_date", "date"],
  ["payer_id", "uuid"],
  ["status", "text"],
  ["batch_id", "uuid"],
  ["charge_cents", "integer"],
  ["issue_codes", "text[]"],
  ["error_codes", "text[]"],
  ["group_id", "uuid"],
  ["leader_id", "uuid"],
  ["rendering_clinician_id", "uuid"],
  ["supervised_clinician_id", "uuid"],
  ["rule_version_id", "uuid"],
  ["recheck_on", "date"],
  ["decision", "jsonb"],
];
const COLUMN_NAMES = COLUMNS.map(([name]) => name);
// A session moved to another date keeps its line ids: the upsert moves a line its old date still holds.
const UPSERT = `ON CONFLICT (practice_id, id) DO UPDATE SET ${COLUMN_NAMES.filter((n) => n !== "id")
  .map((n) => `${n} = EXCLUDED.${n}`)
  .join(", ")}, computed_at = now()`;

async function insertLines(manager: EntityManager, practiceId: string, lines: EvaluatedLine[]): Promise<void> {
  const rows = lines.map(({ view, session, recheckOn }) => {
    const { sessionStartsAt: _startsAt, ...decision } = view;
    return {
      id: view.id,
      session_id: view.sessionId,
      client_id: view.clientId,
      session_date: session.serviceDate,
      session_starts_at: session.startsAt.toISOString(),
      service_date: view.serviceDate,
      payer_id: view.payerId,
      status: view.status,
      batch_id: view.batchId,
      // The claim's charge (90853 and its add-on lines): what the work list's and summary's totals add up.
      charge_cents: view.chargeCents + addOnChargeOf(view),
      issue_codes: view.issues.map((i) => i.code),
      error_codes: [...new Set(view.issues.filter((i) => i.severity === "ERROR").map((i) => i.code))],
      group_id: session.groupId,
      leader_id: session.leaderId,
      rendering_clinician_id: view.renderingClinicianId,
      supervised_clinician_id: view.supervisedClinicianId,
      rule_version_id: view.ruleVersionId,
      recheck_on: recheckOn,
      decision,
    };
  });
  await insertRecords(manager, "claim_decisions", practiceId, COLUMNS, rows, { onConflict: UPSERT });
}

interface StoredRow {
  decision: Omit<ClaimDecisionView, "sessionStartsAt">;
  startsAt: Date;
}

// Decisions stored before add-on lines existed have none.
const toView = (row: StoredRow): ClaimDecisionView => ({ ...row.decision, addOnLines: row.decision.addOnLines ?? [], sessionStartsAt: row.startsAt });


export interface StoredPageQuery {
  from: string;
  to: string;
  /** Ids in it are UUIDs (the caller answers an empty page otherwise). */
  filter: ClaimFilter;
  /** Rows to return (the caller asks one more than it shows, to know whether there is a next page). */
  limit: number;
  after: { startsAt: string; id: string } | null;
}

/**
 * The work-list filter as conditions on claim_decisions (alias d), exactly as matchesClaimFilter (its
 * specification) decides a line; appends its parameters to `params`.
 */
function filterConditions(filter: ClaimFilter, params: unknown[]): string[] {
  const conditions: string[] = [];
  if (filter.payerId != null) conditions.push(`d.payer_id = $${params.push(filter.payerId)}::uuid`);
  if (filter.status != null) conditions.push(`d.status = $${params.push(filter.status)}`);
  if (filter.issueCode != null) conditions.push(`$${params.push(filter.issueCode)}::text = ANY (d.error_codes)`);
  // In this form (planned with its value) it selects the filing deadlines' partial indexes (migration 1764191700000).
  if (filter.flaggedBy != null) conditions.push(`$${params.push(filter.flaggedBy)}::text = ANY (d.issue_codes)`);
  if (filter.clinicianId != null) {
    const n = params.push(filter.clinicianId);
    conditions.push(`(d.rendering_clinician_id = $${n}::uuid OR d.supervised_clinician_id = $${n}::uuid)`);
  }
  if (filter.groupId != null) conditions.push(`d.group_id = $${params.push(filter.groupId)}::uuid`);
  if (filter.clientId != null) conditions.push(`d.client_id = $${params.push(filter.clientId)}::uuid`);
  const needle = filter.search?.trim().toLowerCase();
  if (needle) {
    // Names are read now, not stored with the decision: renaming a client or group changes no decision.
    // strpos, not LIKE: a % or _ typed into the search is a character to find.
    const n = params.push(needle);
    conditions.push(`(EXISTS (SELECT 1 FROM clients c WHERE c.practice_id = d.practice_id AND c.id = d.client_id
                              AND strpos(lower(c.first_name || ' ' || c.last_name), $${n}) > 0)
                   OR EXISTS (SELECT 1 FROM therapy_groups g WHERE g.practice_id = d.practice_id AND g.id = d.group_id
                              AND strpos(lower(g.name), $${n}) > 0))`);
  }
  return conditions;
}

/** Only payer and status narrow the per-date counts; any other filter counts the lines themselves. */
const countsSuffice = (filter: ClaimFilter) =>
  filter.issueCode == null && filter.flaggedBy == null && filter.clinicianId == null && filter.groupId == null && filter.clientId == null && !filter.search?.trim();

/** One statement: the number of matching lines and one keyset page, in (session start, id) order. */
export async function readStoredPage(manager: EntityManager, practiceId: string, query: StoredPageQuery): Promise<{ rows: ClaimDecisionView[]; totalCount: number }> {
  const params: unknown[] = [practiceId, query.from, query.to];
  // The same filters select the lines of the page and the lines (or per-date counts) that add up to totalCount.
  const filters = ["d.practice_id = $1", "d.session_date BETWEEN $2::date AND $3::date", ...filterConditions(query.filter, params)];
  const counted = countsSuffice(query.filter)
    ? `SELECT COALESCE(sum(lines), 0)::int AS total FROM claim_decision_counts d WHERE ${filters.join(" AND ")}`
    : `SELECT count(*)::int AS total FROM claim_decisions d WHERE ${filters.join(" AND ")}`;
  // Start instants of a date range's sessions lie within a day of it in any time zone (two days is margin); the
  // bounds let the page scan start at the range in start order. Computed in SQL, which has dates before year 1.
  const page = [
    ...filters,
    `d.session_starts_at >= ($2::date - 2)::timestamp AT TIME ZONE 'UTC'`,
    `d.session_starts_at < ($3::date + 3)::timestamp AT TIME ZONE 'UTC'`,
  ];
  if (query.after) page.push(`(d.session_starts_at, d.id) > ($${params.push(query.after.startsAt)}::timestamptz, $${params.push(query.after.id)}::uuid)`);
  const rows: (StoredRow & { total: number })[] = await manager.query(
    `SELECT counted.total, p.decision, p."startsAt"
     FROM (${counted}) counted
     LEFT JOIN LATERAL (
       SELECT d.decision, d.session_starts_at AS "startsAt" FROM claim_decisions d
       WHERE ${page.join(" AND ")}
       ORDER BY d.session_starts_at, d.id
       LIMIT $${params.push(query.limit)}
     ) p ON true`,
    params,
  );
  return { totalCount: rows[0]?.total ?? 0, rows: rows.filter((r) => r.decision !== null).map(toView) };
}

interface TotalRow {
  lineCount: number;
  chargeCents: number;
}

/** The aggregates a claim summary is made of, over the stored lines of the range that match the filter. */
export interface StoredTotals {
  total: TotalRow;
  byStatus: (TotalRow & { status: ClaimStatus })[];
  blockedByIssue: (TotalRow & { code: ClaimIssueCode })[];
  blockedByPayer: (TotalRow & { payerId: string | null })[];
  readyByPayer: (TotalRow & { payerId: string | null })[];
  /** Unbilled sessions, earliest start first (then session id), at most `oldestLimit`. */
  oldestUnbilled: { sessionId: string; serviceDate: string; readyCount: number; blockedCount: number }[];
}

/** One statement of aggregates; the ordering of reasons and payers is the caller's (claim-summary.service.ts). */
export async function readStoredTotals(
  manager: EntityManager,
  practiceId: string,
  range: { from: string; to: string },
  filter: ClaimFilter,
  oldestLimit: number,
): Promise<StoredTotals> {
  const params: unknown[] = [practiceId, range.from, range.to];
  const filters = ["d.practice_id = $1", "d.session_date BETWEEN $2::date AND $3::date", ...filterConditions(filter, params)];
  const limit = params.push(oldestLimit);
  const totals = (from: string, extra = "") =>
    `json_build_object('lineCount', count(*), 'chargeCents', COALESCE(sum(charge_cents), 0))${extra} FROM ${from}`;
  const [row] = await manager.query(
    `WITH lines AS (
       SELECT d.session_id, d.session_starts_at, d.service_date, d.status, d.payer_id, d.charge_cents, d.error_codes
       FROM claim_decisions d WHERE ${filters.join(" AND ")}
     )
     SELECT
       (SELECT ${totals("lines")}) AS total,
       (SELECT COALESCE(json_agg(t), '[]') FROM (SELECT status, count(*) AS "lineCount", sum(charge_cents) AS "chargeCents" FROM lines GROUP BY status) t) AS "byStatus",
       (SELECT COALESCE(json_agg(t), '[]') FROM (
          SELECT code, count(*) AS "lineCount", sum(charge_cents) AS "chargeCents"
          FROM lines, unnest(error_codes) AS code WHERE status = 'BLOCKED' GROUP BY code) t) AS "blockedByIssue",
       (SELECT COALESCE(json_agg(t), '[]') FROM (
          SELECT payer_id AS "payerId", count(*) AS "lineCount", sum(charge_cents) AS "chargeCents" FROM lines WHERE status = 'BLOCKED' GROUP BY payer_id) t) AS "blockedByPayer",
       (SELECT COALESCE(json_agg(t), '[]') FROM (
          SELECT payer_id AS "payerId", count(*) AS "lineCount", sum(charge_cents) AS "chargeCents" FROM lines WHERE status = 'READY' GROUP BY payer_id) t) AS "readyByPayer",
       (SELECT COALESCE(json_agg(t ORDER BY t."startsAt", t."sessionId"), '[]') FROM (
          SELECT session_id AS "sessionId", to_char(min(service_date), 'YYYY-MM-DD') AS "serviceDate",
                 count(*) FILTER (WHERE status = 'READY') AS "readyCount", count(*) FILTER (WHERE status = 'BLOCKED') AS "blockedCount",
                 min(session_starts_at) AS "startsAt"
          FROM lines WHERE status <> 'BILLED' GROUP BY session_id ORDER BY min(session_starts_at), session_id LIMIT $${limit}) t) AS "oldestUnbilled"`,
    params,
  );
  return {
    total: row.total,
    byStatus: row.byStatus,
    blockedByIssue: row.blockedByIssue,
    blockedByPayer: row.blockedByPayer,
    readyByPayer: row.readyByPayer,
    oldestUnbilled: row.oldestUnbilled.map(({ startsAt: _startsAt, ...session }: { startsAt: string }) => session),
  };
}

/** The stored decisions of these sessions (on these dates), each session's lines in client order as the engine gives them. */
export async function readStoredForSessions(manager: EntityManager, practiceId: string, sessions: { id: string; serviceDate: string }[]): Promise<ClaimDecisionView[]> {
  if (sessions.length === 0) return [];
  const rows: StoredRow[] = await manager.query(
    `SELECT decision, session_starts_at AS "startsAt" FROM claim_decisions
     WHERE practice_id = $1 AND session_date = ANY($2::date[]) AND session_id = ANY($3::uuid[]) ORDER BY session_starts_at, session_id, client_id`,
    [practiceId, [...new Set(sessions.map((s) => s.serviceDate))], sessions.map((s) => s.id)],
  );
  return rows.map(toView);
}

/** Stored decisions of the selected dates in the engine's order (session start, session, client), optionally narrowed. */
export async function readStoredOnDates(
  manager: EntityManager,
  practiceId: string,
  range: DateSelection,
  only: { status?: ClaimStatus; payerId?: string | null } = {},
): Promise<ClaimDecisionView[]> {
  const params: unknown[] = [practiceId];
  const filters = ["practice_id = $1"];
  if ("dates" in range) filters.push(`session_date = ANY($${params.push(range.dates)}::date[])`);
  else filters.push(`session_date BETWEEN $${params.push(range.from)}::date AND $${params.push(range.to)}::date`);
  if (only.status) filters.push(`status = $${params.push(only.status)}`);
  if (only.payerId) filters.push(`payer_id = $${params.push(only.payerId)}::uuid`);
  const rows: StoredRow[] = await manager.query(
    `SELECT decision, session_starts_at AS "startsAt" FROM claim_decisions WHERE ${filters.join(" AND ")}
     ORDER BY session_starts_at, session_id, client_id`,
    params,
  );
  return rows.map(toView);
}

/**
 * Units used per prior authorization over its whole range, as the work list has them: its billed lines (primary,
 * not void) plus the stored decisions that draw one of its units. Those decisions were computed with everything the
 * engine needs around a line (today's filing windows, the week and month of a capped payer, the day's other
 * sessions), so the client page cannot disagree with the work list. The stored decisions of every date the
 * authorized clients attended within the ranges are brought up to date first, however many are stale: a count
 * left partly stale would be wrong, and those dates are few (one client's sessions in at most a year each).
 */
export async function authorizationUnitsUsed(manager: EntityManager, practiceId: string, authorizationIds: readonly string[]): Promise<Map<string, number>> {
  const used = new Map(authorizationIds.map((id) => [id, 0]));
  if (authorizationIds.length === 0) return used;
  const ids = [...authorizationIds];
  const dates: { date: string }[] = await manager.query(
    `SELECT DISTINCT to_char(s.service_date, 'YYYY-MM-DD') AS date FROM group_sessions s
     JOIN attendance a ON a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'
     JOIN prior_authorizations pa ON pa.practice_id = a.practice_id AND pa.client_id = a.client_id
     WHERE s.practice_id = $1 AND pa.id = ANY($2::uuid[]) AND s.service_date BETWEEN pa.start_date AND pa.end_date`,
    [practiceId, ids],
  );
  const on = dates.map((d) => d.date);
  await refreshDecisions(manager, practiceId, { dates: on });
  // A billed line's decision names no authorization (its unit is the batch line's), so nothing is counted twice.
  const counts: { id: string; units: number }[] = await manager.query(
    `SELECT u.id, count(*)::int AS units FROM (
       SELECT DISTINCT l.authorization_id AS id, l.session_id, l.client_id FROM claim_batch_lines l
       WHERE l.practice_id = $1 AND NOT l.voided AND l.payer_sequence = 'P' AND l.authorization_id = ANY($2::uuid[])
       UNION ALL
       SELECT (d.decision->>'authorizationId')::uuid, d.session_id, d.client_id FROM claim_decisions d
       WHERE d.practice_id = $1 AND d.session_date = ANY($3::date[]) AND d.batch_id IS NULL
         AND d.decision->>'authorizationId' = ANY($4::text[])
     ) u GROUP BY u.id`,
    [practiceId, ids, on, ids],
  );
  for (const c of counts) if (used.has(c.id)) used.set(c.id, c.units);
  return used;
}

/** How far the practice's stored decisions are behind its data, for the progress query. */
export async function staleSummary(manager: EntityManager, practiceId: string): Promise<{ staleDates: number; oldest: string | null; newest: string | null }> {
  const [row] = await manager.query(
    `SELECT count(DISTINCT service_date)::int AS "staleDates", to_char(min(service_date), 'YYYY-MM-DD') AS oldest, to_char(max(service_date), 'YYYY-MM-DD') AS newest
     FROM claim_decision_stale WHERE practice_id = $1`,
    [practiceId],
  );
  return row;
}
