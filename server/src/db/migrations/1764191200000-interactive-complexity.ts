import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 11 item 9: interactive complexity (90785) as an add-on to a member's 90853 line.
 * - attendance: the flag, as its reason (null: not flagged; a flag without a reason is not stored).
 * - payer_rule_versions: whether the payer pays 90785 with group therapy, and its fee (off and 0 for every existing
 *   version, so no line changes).
 * - claim_batch_lines: the add-on lines frozen with the claim (after the 90853 line, in claim order) and their
 *   charges, so the claim's total (CLM02) is charge_cents + add_on_charge_cents.
 * Attendance and rule versions are already watched for decisions (any column), so a flag or a rule change marks
 * its dates stale.
 */
export class InteractiveComplexity1764191200000 implements MigrationInterface {
  name = "InteractiveComplexity1764191200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attendance
        ADD COLUMN interactive_complexity_reason text,
        ADD CONSTRAINT attendance_interactive_complexity_reason_check
          CHECK (interactive_complexity_reason IS NULL OR (btrim(interactive_complexity_reason) <> '' AND length(interactive_complexity_reason) <= 500 AND status = 'PRESENT'))`);
    await q.query(`
      ALTER TABLE payer_rule_versions
        ADD COLUMN allow_interactive_complexity boolean NOT NULL DEFAULT false,
        ADD COLUMN interactive_complexity_fee_cents integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT payer_rule_versions_interactive_complexity_fee_check
          CHECK (interactive_complexity_fee_cents >= 0 AND (NOT allow_interactive_complexity OR interactive_complexity_fee_cents > 0))`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        ADD COLUMN add_on_lines jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN add_on_charge_cents integer NOT NULL DEFAULT 0 CONSTRAINT claim_batch_lines_add_on_charge_check CHECK (add_on_charge_cents >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claim_batch_lines DROP COLUMN add_on_charge_cents, DROP COLUMN add_on_lines`);
    await q.query(`
      ALTER TABLE payer_rule_versions
        DROP CONSTRAINT payer_rule_versions_interactive_complexity_fee_check,
        DROP COLUMN interactive_complexity_fee_cents,
        DROP COLUMN allow_interactive_complexity`);
    await q.query(`ALTER TABLE attendance DROP CONSTRAINT attendance_interactive_complexity_reason_check, DROP COLUMN interactive_complexity_reason`);
  }
}
