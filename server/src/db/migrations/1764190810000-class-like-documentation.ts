import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Payer rules gain `warn_class_like_documentation`: warn when the group documentation or a member's note
 * reads as a class (DOCUMENTATION_READS_AS_CLASS). Existing versions: false, so no line changes until a
 * practice turns it on for a payer.
 */
export class ClassLikeDocumentation1764190810000 implements MigrationInterface {
  name = "ClassLikeDocumentation1764190810000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions ADD COLUMN warn_class_like_documentation boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN warn_class_like_documentation`);
  }
}
