import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 14 item 3: secondary claims. A secondary line bills a member's secondary payer for a primary line the
 * primary adjudicated; it keeps the primary's adjudication frozen (other_payer: payer, insured, paid amount,
 * adjustments) for loops 2320/2330. "Billed once" now holds per payer sequence: one live primary line and one
 * live secondary line per member and session.
 */
export class SecondaryClaims1764190910000 implements MigrationInterface {
  name = "SecondaryClaims1764190910000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_batch_lines
        ADD COLUMN payer_sequence char(1) NOT NULL DEFAULT 'P' CONSTRAINT claim_batch_lines_payer_sequence_check CHECK (payer_sequence IN ('P', 'S')),
        ADD COLUMN primary_line_id uuid,
        ADD COLUMN other_payer jsonb,
        ADD CONSTRAINT claim_batch_lines_primary_fk FOREIGN KEY (practice_id, primary_line_id) REFERENCES claim_batch_lines (practice_id, id),
        ADD CONSTRAINT claim_batch_lines_secondary_check CHECK ((payer_sequence = 'S') = (primary_line_id IS NOT NULL AND other_payer IS NOT NULL))`);
    await q.query(`DROP INDEX claim_batch_lines_billed_once`);
    await q.query(`CREATE UNIQUE INDEX claim_batch_lines_billed_once ON claim_batch_lines (practice_id, session_id, client_id) WHERE NOT voided AND payer_sequence = 'P'`);
    await q.query(`CREATE UNIQUE INDEX claim_batch_lines_secondary_once ON claim_batch_lines (practice_id, session_id, client_id) WHERE NOT voided AND payer_sequence = 'S'`);
    await q.query(`CREATE INDEX claim_batch_lines_primary_idx ON claim_batch_lines (practice_id, primary_line_id) WHERE primary_line_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM claim_batch_lines WHERE payer_sequence = 'S'`);
    await q.query(`DROP INDEX claim_batch_lines_primary_idx`);
    await q.query(`DROP INDEX claim_batch_lines_secondary_once`);
    await q.query(`DROP INDEX claim_batch_lines_billed_once`);
    await q.query(`CREATE UNIQUE INDEX claim_batch_lines_billed_once ON claim_batch_lines (practice_id, session_id, client_id) WHERE NOT voided`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        DROP CONSTRAINT claim_batch_lines_secondary_check,
        DROP CONSTRAINT claim_batch_lines_primary_fk,
        DROP COLUMN other_payer,
        DROP COLUMN primary_line_id,
        DROP COLUMN payer_sequence`);
  }
}
