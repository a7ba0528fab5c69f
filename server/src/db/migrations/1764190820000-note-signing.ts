import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Who signs notes, and how soon. A clinician may be linked to the user who signs in as them (one user per
 * clinician in a practice); once a session's leader or supervisor is linked, only the linked users sign its
 * notes. Payer rules gain `sign_within_days` (null: no deadline) and the severity of a late signature.
 * Existing rows: no links and no deadline, so nothing changes until a practice sets them.
 */
export class NoteSigning1764190820000 implements MigrationInterface {
  name = "NoteSigning1764190820000";

  async up(q: QueryRunner): Promise<void> {
    // Through the membership: a user who leaves the practice is unlinked with it (SET NULL of user_id alone).
    await q.query(`
      ALTER TABLE clinicians ADD COLUMN user_id uuid,
        ADD CONSTRAINT clinicians_user_fk FOREIGN KEY (practice_id, user_id) REFERENCES memberships (practice_id, user_id) ON DELETE SET NULL (user_id)`);
    await q.query(`CREATE UNIQUE INDEX clinicians_user_key ON clinicians (practice_id, user_id) WHERE user_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE payer_rule_versions
        ADD COLUMN sign_within_days integer,
        ADD COLUMN late_signature_severity text NOT NULL DEFAULT 'WARNING',
        ADD CONSTRAINT payer_rule_versions_sign_within_days_check CHECK (sign_within_days IS NULL OR sign_within_days BETWEEN 0 AND 365),
        ADD CONSTRAINT payer_rule_versions_late_signature_severity_check CHECK (late_signature_severity IN ('WARNING', 'ERROR'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN late_signature_severity, DROP COLUMN sign_within_days`);
    await q.query(`DROP INDEX clinicians_user_key`);
    await q.query(`ALTER TABLE clinicians DROP COLUMN user_id`);
  }
}
