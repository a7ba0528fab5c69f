import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";

/**
 * Issue 14 item 5: corrected and void claims. A batch is "sent" once its 837P was written (exported_at) or a
 * payer answered for any of its lines (a remittance posting). Voiding a sent batch does not unsay what the payer
 * received: its lines are either replaced (a rebilled line carries replaces_line_id and frequency 7) or voided
 * in a void-claims file (frequency 8), which takes its own interchange control number from the practice's
 * sequence. Once that file was written, the payer's claims are void, so later rebills are originals again.
 */
export class CorrectedAndVoidClaims1764190900000 implements MigrationInterface {
  name = "CorrectedAndVoidClaims1764190900000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claim_batches
        ADD COLUMN exported_at timestamptz,
        ADD COLUMN void_control_number integer,
        ADD COLUMN void_exported_at timestamptz`);
    await q.query(`CREATE UNIQUE INDEX claim_batches_void_control_number_key ON claim_batches (practice_id, void_control_number) WHERE void_control_number IS NOT NULL`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        ADD COLUMN frequency_code char(1) NOT NULL DEFAULT '1' CONSTRAINT claim_batch_lines_frequency_check CHECK (frequency_code IN ('1', '7')),
        ADD COLUMN replaces_line_id uuid,
        ADD CONSTRAINT claim_batch_lines_replaces_fk FOREIGN KEY (practice_id, replaces_line_id) REFERENCES claim_batch_lines (practice_id, id),
        ADD CONSTRAINT claim_batch_lines_replacement_check CHECK ((frequency_code = '7') = (replaces_line_id IS NOT NULL))`);
    await q.query(`CREATE INDEX claim_batch_lines_replaces_idx ON claim_batch_lines (practice_id, replaces_line_id) WHERE replaces_line_id IS NOT NULL`);
    // Stamped once by the server when files are written; nothing else about a batch changes after it is made.
    await q.query(`GRANT UPDATE (exported_at, void_control_number, void_exported_at) ON claim_batches TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (exported_at, void_control_number, void_exported_at) ON claim_batches FROM ${RUNTIME_ROLE}`);
    await q.query(`DROP INDEX claim_batch_lines_replaces_idx`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        DROP CONSTRAINT claim_batch_lines_replacement_check,
        DROP CONSTRAINT claim_batch_lines_replaces_fk,
        DROP COLUMN replaces_line_id,
        DROP COLUMN frequency_code`);
    await q.query(`DROP INDEX claim_batches_void_control_number_key`);
    await q.query(`ALTER TABLE claim_batches DROP COLUMN void_exported_at, DROP COLUMN void_control_number, DROP COLUMN exported_at`);
  }
}
