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
 * - clinician: a clinician id (every date they lead or supervise);
 * - group: a therapy group id (every date of its sessions);
 * - payer_rules: a payer id, with the row's effective_from (dates from it on where a covered member attended);
 * - practice: the practice id (all its dates).
 */
export type DecisionInputKind = "date" | "session" | "note" | "client" | "clinician" | "group" | "payer_rules" | "practice";

/**
 * Marks the dates a table's inserted, updated or deleted rows can change, in the writing transaction, so stored
 * claim decisions are recomputed before anyone reads them. Every table the rules engine reads (directly or through
 * the facts loader in services/claim-facts.ts) must be watched: a new one needs only, in its migration,
 *
 *     await watchForDecisions(q, "prior_authorizations", "client", "client_id");
 *
 * The test in test/integration/api/decision-freshness.test.ts recomputes everything from scratch after random
 * changes and catches a table that was forgotten, once its changes are part of that test.
 */
export async function watchForDecisions(q: QueryRunner, table: string, kind: DecisionInputKind, column: string): Promise<void> {
  await q.query(`
    CREATE TRIGGER ${table}_claim_decisions_stale AFTER INSERT OR UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION claim_decisions_mark_stale('${kind}', '${column}')`);
}
