import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 10: the dashboard asks, on every visit, for the past year's lines flagged TIMELY_FILING_EXPIRED and
 * TIMELY_FILING_SOON (a count and the first ten of each). With no index on the codes each ask walked every stored
 * decision of the year (a large practice's 83,600 rows, four times per visit). These partial indexes hold only the
 * flagged lines, in the page's order, so the count and the page read just those; they cost the recomputes that
 * rewrite a date's rows next to nothing, since few lines carry either code.
 *
 * Btree on a predicate, not GIN on the codes: reads run under row-level security, where only leakproof operators
 * may drive an index scan, and array containment is not leakproof. A partial index's predicate is only proved,
 * never evaluated early, so `'CODE' = ANY (issue_codes)` (the work list's flaggedBy filter, planned with its value)
 * selects it.
 */
export class FilingDeadlineIndexes1764191700000 implements MigrationInterface {
  name = "FilingDeadlineIndexes1764191700000";

  async up(q: QueryRunner): Promise<void> {
    for (const [index, code] of INDEXES) {
      await q.query(`CREATE INDEX ${index} ON claim_decisions (practice_id, session_starts_at, id) WHERE '${code}' = ANY (issue_codes)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [index] of INDEXES) await q.query(`DROP INDEX ${index}`);
  }
}

const INDEXES = [
  ["claim_decisions_filing_soon_idx", "TIMELY_FILING_SOON"],
  ["claim_decisions_filing_expired_idx", "TIMELY_FILING_EXPIRED"],
] as const;
