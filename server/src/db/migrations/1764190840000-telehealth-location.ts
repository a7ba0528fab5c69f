import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Where a member joined a telehealth session from (HOME or OTHER), and payer rules' choice to bill telehealth
 * place of service by it (10 at home, 02 elsewhere) instead of their one fixed telehealth place of service.
 * Existing rows: no location and the fixed place of service, so no line changes.
 */
export class TelehealthLocation1764190840000 implements MigrationInterface {
  name = "TelehealthLocation1764190840000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance ADD COLUMN location text, ADD CONSTRAINT attendance_location_check CHECK (location IS NULL OR location IN ('HOME', 'OTHER'))`);
    await q.query(`ALTER TABLE payer_rule_versions ADD COLUMN telehealth_pos_by_location boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN telehealth_pos_by_location`);
    await q.query(`ALTER TABLE attendance DROP COLUMN location`);
  }
}
