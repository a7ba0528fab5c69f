import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Minutes each member attended. Attendance gains the minutes (entered, or worked out from arrival and
 * departure, which are kept as entered); payer rules gain a minimum in minutes and one as a percent of the
 * session. Existing rows hold null everywhere: a member with no minutes recorded attended the whole session,
 * and a rule left null checks nothing, so no line changes status until a practice sets one.
 */
export class AttendanceMinutes1764190800000 implements MigrationInterface {
  name = "AttendanceMinutes1764190800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attendance
        ADD COLUMN minutes_attended integer,
        ADD COLUMN arrived_at timestamptz,
        ADD COLUMN departed_at timestamptz,
        ADD CONSTRAINT attendance_minutes_check CHECK (minutes_attended IS NULL OR minutes_attended BETWEEN 0 AND 1440),
        ADD CONSTRAINT attendance_arrival_check CHECK ((arrived_at IS NULL) = (departed_at IS NULL) AND (departed_at IS NULL OR departed_at > arrived_at))`);
    await q.query(`
      ALTER TABLE payer_rule_versions
        ADD COLUMN min_attended_minutes integer,
        ADD COLUMN min_attended_percent integer,
        ADD CONSTRAINT payer_rule_versions_min_attended_minutes_check CHECK (min_attended_minutes IS NULL OR min_attended_minutes BETWEEN 1 AND 480),
        ADD CONSTRAINT payer_rule_versions_min_attended_percent_check CHECK (min_attended_percent IS NULL OR min_attended_percent BETWEEN 1 AND 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN min_attended_percent, DROP COLUMN min_attended_minutes`);
    await q.query(`ALTER TABLE attendance DROP COLUMN departed_at, DROP COLUMN arrived_at, DROP COLUMN minutes_attended`);
  }
}
