import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A payer's undated first rules hold since always; sessions may name a licensed supervisor; addenda
 * name the note element they complete; billed lines keep the supervised leader beside the rendering one.
 */
export class RulesTimelineAndSupervision1764190300000 implements MigrationInterface {
  name = "RulesTimelineAndSupervision1764190300000";

  async up(q: QueryRunner): Promise<void> {
    // Until now a payer's first version was dated the day it was typed in, which made a later back-dated
    // change govern only until that day. A first version dated its own creation day (in the practice's
    // zone) was set up without a date, so it becomes what it was meant to be: in force since always.
    await q.query(`
      UPDATE payer_rule_versions v SET effective_from = DATE '0001-01-01'
      FROM practices p
      WHERE p.id = v.practice_id
        AND v.effective_from = (v.created_at AT TIME ZONE p.timezone)::date
        AND NOT EXISTS (
          SELECT 1 FROM payer_rule_versions earlier
          WHERE earlier.practice_id = v.practice_id AND earlier.payer_id = v.payer_id
            AND (earlier.created_at, earlier.id) < (v.created_at, v.id))`);

    await q.query(`ALTER TABLE group_sessions ADD COLUMN supervisor_id uuid`);
    await q.query(`
      ALTER TABLE group_sessions
        ADD CONSTRAINT group_sessions_supervisor_fk FOREIGN KEY (practice_id, supervisor_id) REFERENCES clinicians (practice_id, id),
        ADD CONSTRAINT group_sessions_supervisor_not_leader CHECK (supervisor_id IS NULL OR supervisor_id <> leader_id)`);
    await q.query(`CREATE INDEX group_sessions_supervisor_idx ON group_sessions (practice_id, supervisor_id)`);

    await q.query(`
      ALTER TABLE note_addenda ADD COLUMN element text
        CONSTRAINT note_addenda_element_check CHECK (element IN ('PARTICIPATION', 'RESPONSE', 'INTERVENTIONS', 'PROGRESS', 'PLAN', 'RISK'))`);

    // Lines billed before this migration keep only the rendering name and NPI they were sent with.
    await q.query(`
      ALTER TABLE claim_batch_lines
        ADD COLUMN rendering_clinician_id uuid,
        ADD COLUMN supervised_clinician_id uuid,
        ADD COLUMN supervised_name text,
        ADD COLUMN supervised_npi char(10),
        ADD CONSTRAINT claim_batch_lines_rendering_fk FOREIGN KEY (practice_id, rendering_clinician_id) REFERENCES clinicians (practice_id, id),
        ADD CONSTRAINT claim_batch_lines_supervised_fk FOREIGN KEY (practice_id, supervised_clinician_id) REFERENCES clinicians (practice_id, id),
        ADD CONSTRAINT claim_batch_lines_supervised_complete CHECK (
          (supervised_clinician_id IS NULL AND supervised_name IS NULL AND supervised_npi IS NULL)
          OR (supervised_clinician_id IS NOT NULL AND supervised_name IS NOT NULL AND supervised_npi IS NOT NULL))`);
    await q.query(`CREATE INDEX claim_batch_lines_rendering_idx ON claim_batch_lines (practice_id, rendering_clinician_id)`);
    await q.query(`CREATE INDEX claim_batch_lines_supervised_idx ON claim_batch_lines (practice_id, supervised_clinician_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_batch_lines_supervised_idx`);
    await q.query(`DROP INDEX claim_batch_lines_rendering_idx`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        DROP CONSTRAINT claim_batch_lines_supervised_complete,
        DROP CONSTRAINT claim_batch_lines_supervised_fk,
        DROP CONSTRAINT claim_batch_lines_rendering_fk,
        DROP COLUMN supervised_npi, DROP COLUMN supervised_name, DROP COLUMN supervised_clinician_id, DROP COLUMN rendering_clinician_id`);
    await q.query(`ALTER TABLE note_addenda DROP COLUMN element`);
    await q.query(`DROP INDEX group_sessions_supervisor_idx`);
    await q.query(`ALTER TABLE group_sessions DROP CONSTRAINT group_sessions_supervisor_not_leader, DROP CONSTRAINT group_sessions_supervisor_fk, DROP COLUMN supervisor_id`);
    // A since-always version cannot know the day it was typed in; its creation day is the closest truth.
    await q.query(`
      UPDATE payer_rule_versions v SET effective_from = (v.created_at AT TIME ZONE p.timezone)::date
      FROM practices p WHERE p.id = v.practice_id AND v.effective_from = DATE '0001-01-01'`);
  }
}
