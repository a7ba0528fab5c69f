import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What an 837P needs that was not stored (issue 14): the client's sex and address, the subscriber when the
 * client is not the insured, clinicians' legal first and last names and taxonomy, the practice's submitter
 * and ISA15 settings, and on every billed line the patient control number (CLM01) remittances match on,
 * plus the registration as it was when the line was frozen.
 */
export class ClaimsAClearinghouseAccepts1764190510000 implements MigrationInterface {
  name = "ClaimsAClearinghouseAccepts1764190510000";

  async up(q: QueryRunner): Promise<void> {
    const sex = (column: string) => `${column} text CONSTRAINT ${column.replace(/\W/g, "")}_check CHECK (${column} IN ('FEMALE', 'MALE', 'UNKNOWN'))`;
    await q.query(`
      ALTER TABLE clients
        ADD COLUMN sex text CONSTRAINT clients_sex_check CHECK (sex IN ('FEMALE', 'MALE', 'UNKNOWN')),
        ADD COLUMN address_line1 text,
        ADD COLUMN address_line2 text,
        ADD COLUMN address_city text,
        ADD COLUMN address_state char(2),
        ADD COLUMN address_zip text,
        ADD CONSTRAINT clients_address_complete CHECK (
          (address_line1 IS NULL AND address_line2 IS NULL AND address_city IS NULL AND address_state IS NULL AND address_zip IS NULL)
          OR (address_line1 IS NOT NULL AND address_city IS NOT NULL AND address_state IS NOT NULL AND address_zip IS NOT NULL))`);

    // Every coverage so far was the client's own: SELF.
    await q.query(`
      ALTER TABLE coverages
        ADD COLUMN relationship text NOT NULL DEFAULT 'SELF' CONSTRAINT coverages_relationship_check CHECK (relationship IN ('SELF', 'SPOUSE', 'CHILD', 'OTHER')),
        ADD COLUMN subscriber_first_name text,
        ADD COLUMN subscriber_last_name text,
        ADD COLUMN subscriber_date_of_birth date,
        ADD COLUMN ${sex("subscriber_sex")},
        ADD COLUMN subscriber_address_line1 text,
        ADD COLUMN subscriber_address_line2 text,
        ADD COLUMN subscriber_address_city text,
        ADD COLUMN subscriber_address_state char(2),
        ADD COLUMN subscriber_address_zip text,
        ADD CONSTRAINT coverages_subscriber_iff_not_self CHECK (
          (relationship = 'SELF' AND subscriber_first_name IS NULL AND subscriber_last_name IS NULL AND subscriber_date_of_birth IS NULL
            AND subscriber_sex IS NULL AND subscriber_address_line1 IS NULL AND subscriber_address_line2 IS NULL
            AND subscriber_address_city IS NULL AND subscriber_address_state IS NULL AND subscriber_address_zip IS NULL)
          OR (relationship <> 'SELF' AND subscriber_first_name IS NOT NULL AND subscriber_last_name IS NOT NULL AND subscriber_date_of_birth IS NOT NULL
            AND subscriber_sex IS NOT NULL AND subscriber_address_line1 IS NOT NULL AND subscriber_address_city IS NOT NULL
            AND subscriber_address_state IS NOT NULL AND subscriber_address_zip IS NOT NULL))`);

    // The display name was the only name: honorifics and credentials after a comma are not part of the legal
    // name, the last word is the last name and the rest the first (as splitPersonName does for new input).
    await q.query(`ALTER TABLE clinicians ADD COLUMN first_name text, ADD COLUMN last_name text, ADD COLUMN taxonomy_code text`);
    await q.query(`
      UPDATE clinicians SET
        last_name = regexp_replace(bare, '^.*\\s', ''),
        first_name = NULLIF(btrim(regexp_replace(bare, '\\s*\\S+$', '')), '')
      FROM (SELECT practice_id AS p, id AS i,
              btrim(regexp_replace(regexp_replace(btrim(split_part(name, ',', 1)), '^(dr|mr|mrs|ms|mx)\\.?\\s+', '', 'i'), '\\s+', ' ', 'g')) AS bare
            FROM clinicians) parts
      WHERE clinicians.practice_id = parts.p AND clinicians.id = parts.i`);
    await q.query(`ALTER TABLE clinicians ALTER COLUMN last_name SET NOT NULL`);

    await q.query(`
      ALTER TABLE practices
        ADD COLUMN submitter_id text,
        ADD COLUMN submitter_name text,
        ADD COLUMN submitter_contact_name text,
        ADD COLUMN x12_usage_indicator char(1) CONSTRAINT practices_x12_usage_indicator_check CHECK (x12_usage_indicator IN ('T', 'P'))`);

    // Batches made so far were written with the server-wide default, T.
    await q.query(`ALTER TABLE claim_batches ADD COLUMN usage_indicator char(1) NOT NULL DEFAULT 'T' CONSTRAINT claim_batches_usage_indicator_check CHECK (usage_indicator IN ('T', 'P'))`);
    await q.query(`ALTER TABLE claim_batches ALTER COLUMN usage_indicator DROP DEFAULT`);

    await q.query(`
      ALTER TABLE claim_batch_lines
        ADD COLUMN patient_control_number text,
        ADD COLUMN ${sex("client_sex")},
        ADD COLUMN client_address jsonb,
        ADD COLUMN subscriber_relationship text NOT NULL DEFAULT 'SELF' CONSTRAINT claim_batch_lines_relationship_check CHECK (subscriber_relationship IN ('SELF', 'SPOUSE', 'CHILD', 'OTHER')),
        ADD COLUMN subscriber jsonb,
        ADD COLUMN rendering_first_name text,
        ADD COLUMN rendering_last_name text,
        ADD COLUMN rendering_taxonomy_code text,
        ADD COLUMN supervisor_clinician_id uuid,
        ADD COLUMN supervisor_first_name text,
        ADD COLUMN supervisor_last_name text,
        ADD COLUMN supervisor_npi char(10),
        ADD CONSTRAINT claim_batch_lines_supervisor_fk FOREIGN KEY (practice_id, supervisor_clinician_id) REFERENCES clinicians (practice_id, id),
        ADD CONSTRAINT claim_batch_lines_subscriber_iff_not_self CHECK ((subscriber_relationship = 'SELF') = (subscriber IS NULL))`);
    await q.query(`ALTER TABLE claim_batch_lines ALTER COLUMN subscriber_relationship DROP DEFAULT`);
    // Lines billed before keep their batch's control number and position as their control number.
    await q.query(`
      UPDATE claim_batch_lines l SET patient_control_number = 'B' || b.control_number || 'L' || (l.position + 1)
      FROM claim_batches b WHERE b.practice_id = l.practice_id AND b.id = l.batch_id`);
    await q.query(`
      UPDATE claim_batch_lines SET
        rendering_last_name = regexp_replace(bare, '^.*\\s', ''),
        rendering_first_name = NULLIF(btrim(regexp_replace(bare, '\\s*\\S+$', '')), '')
      FROM (SELECT practice_id AS p, id AS i,
              btrim(regexp_replace(regexp_replace(btrim(split_part(rendering_name, ',', 1)), '^(dr|mr|mrs|ms|mx)\\.?\\s+', '', 'i'), '\\s+', ' ', 'g')) AS bare
            FROM claim_batch_lines) parts
      WHERE claim_batch_lines.practice_id = parts.p AND claim_batch_lines.id = parts.i`);
    await q.query(`ALTER TABLE claim_batch_lines ALTER COLUMN patient_control_number SET NOT NULL, ALTER COLUMN rendering_last_name SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX claim_batch_lines_patient_control_number_key ON claim_batch_lines (practice_id, patient_control_number)`);
    await q.query(`CREATE INDEX claim_batch_lines_supervisor_idx ON claim_batch_lines (practice_id, supervisor_clinician_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claim_batch_lines_supervisor_idx`);
    await q.query(`DROP INDEX claim_batch_lines_patient_control_number_key`);
    await q.query(`
      ALTER TABLE claim_batch_lines
        DROP CONSTRAINT claim_batch_lines_subscriber_iff_not_self, DROP CONSTRAINT claim_batch_lines_supervisor_fk,
        DROP COLUMN supervisor_npi, DROP COLUMN supervisor_last_name, DROP COLUMN supervisor_first_name, DROP COLUMN supervisor_clinician_id,
        DROP COLUMN rendering_taxonomy_code, DROP COLUMN rendering_last_name, DROP COLUMN rendering_first_name,
        DROP COLUMN subscriber, DROP COLUMN subscriber_relationship, DROP COLUMN client_address, DROP COLUMN client_sex, DROP COLUMN patient_control_number`);
    await q.query(`ALTER TABLE claim_batches DROP COLUMN usage_indicator`);
    await q.query(`ALTER TABLE practices DROP COLUMN x12_usage_indicator, DROP COLUMN submitter_contact_name, DROP COLUMN submitter_name, DROP COLUMN submitter_id`);
    await q.query(`ALTER TABLE clinicians DROP COLUMN taxonomy_code, DROP COLUMN last_name, DROP COLUMN first_name`);
    await q.query(`
      ALTER TABLE coverages
        DROP CONSTRAINT coverages_subscriber_iff_not_self,
        DROP COLUMN subscriber_address_zip, DROP COLUMN subscriber_address_state, DROP COLUMN subscriber_address_city,
        DROP COLUMN subscriber_address_line2, DROP COLUMN subscriber_address_line1, DROP COLUMN subscriber_sex,
        DROP COLUMN subscriber_date_of_birth, DROP COLUMN subscriber_last_name, DROP COLUMN subscriber_first_name, DROP COLUMN relationship`);
    await q.query(`
      ALTER TABLE clients
        DROP CONSTRAINT clients_address_complete,
        DROP COLUMN address_zip, DROP COLUMN address_state, DROP COLUMN address_city, DROP COLUMN address_line2, DROP COLUMN address_line1, DROP COLUMN sex`);
  }
}
