import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Payer rules gain `credential_modifiers`: an ordered list of {credential, modifier} (e.g. LCSW → AJ) that adds
 * the modifier to lines whose rendering clinician holds the credential. Existing versions: an empty list.
 */
export class CredentialModifiers1764190830000 implements MigrationInterface {
  name = "CredentialModifiers1764190830000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions ADD COLUMN credential_modifiers jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN credential_modifiers`);
  }
}
