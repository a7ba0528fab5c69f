import type { QueryRunner } from "typeorm";

/** Owns the one function that may list which practices have stale decisions; it sees nothing else. */
export const DECISION_SCAN_ROLE = "groupbill_decision_scan";

/**
 * How a changed row of an engine input reaches the service dates whose decisions it can change
 * (the key is the row's `column`):
 * - date: the column is a session's service date;
 * - session: a group session id (that session's date);
 * - note: a member note id (its session's date);
 * - client: a client id (every date the client has attendance recorded);
 * - coverage: a coverage id (every date its client has attendance recorded);
 * - clinician: a clinician id (every date they lead or supervise);
 * - group: a therapy group id (every date of its sessions);
 * - payer, payer_rules: a payer id (dates where a member covered by it attended; from the row's `since` column
 *   on when one is given);
 * - authorization: a prior authorization id (every date its client attended within its range: a line billed
 *   under it holds one of its units whatever its date, so it changes earlier days of the range too);
 * - practice: the practice id (all its dates).
 */
export type DecisionInputKind =
  | "date"
  | "session"
  | "note"
  | "client"
  | "coverage"
  | "clinician"
  | "group"
  | "payer"
  | "payer_rules"
  | "authorization"
  | "practice";

/**
 * Marks the dates a table's inserted, updated or deleted rows can change, in the writing transaction, so stored
 * claim decisions are recomputed before anyone reads them. Every table the rules engine reads (directly or through
 * the facts loader in services/claim-facts.ts) must be watched: a new one needs only, in its migration,
 *
 *     await watchForDecisions(q, "prior_authorizations", "client", "client_id");
 *
 * Whatever the kind, the marked dates then reach later dates through prior authorizations (see
 * claim_decisions_mark_keys): a line's units used come from the client's earlier lines in the authorization.
 * The table needs a practice_id column; a table watched through two columns gets two calls. `since` names a date column from which on the row matters (payer rules'
 * effective_from); without it every date the key reaches is marked. The triggers are statement-level, so a bulk
 * write marks each date once. test/integration/api/decision-freshness.test.ts recomputes everything from scratch
 * after random changes and catches a table that was forgotten, once its changes are part of that test.
 */
export async function watchForDecisions(q: QueryRunner, table: string, kind: DecisionInputKind, column: string, since?: string): Promise<void> {
  const args = [kind, column, ...(since ? [since] : [])].map((a) => `'${a}'`).join(", ");
  const name = triggerName(table, column);
  // PostgreSQL allows transition tables only on single-event triggers, hence three.
  await q.query(`CREATE TRIGGER ${name}_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION claim_decisions_mark_stale(${args})`);
  await q.query(`CREATE TRIGGER ${name}_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION claim_decisions_mark_stale(${args})`);
  await q.query(`CREATE TRIGGER ${name}_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
                 FOR EACH STATEMENT EXECUTE FUNCTION claim_decisions_mark_stale(${args})`);
}

export async function unwatchForDecisions(q: QueryRunner, table: string, column: string): Promise<void> {
  for (const event of ["ins", "upd", "del"]) await q.query(`DROP TRIGGER IF EXISTS ${triggerName(table, column)}_${event} ON ${table}`);
}

/** One set of triggers per (table, key column), so a table can reach dates through two of its columns. */
const triggerName = (table: string, column: string) => `${table}_${column}_decisions_stale`;
