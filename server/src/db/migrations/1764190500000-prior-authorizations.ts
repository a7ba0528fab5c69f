import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/**
 * Prior authorizations: a payer's approval of a number of 90853 units for one client over a date range.
 * They belong to the client and the payer, not to a coverage row, because coverages are replaced wholesale
 * whenever a client is edited. Payer rules gain `require_prior_authorization` (existing versions: false,
 * so no line changes status until a practice turns it on). Billed lines keep the authorization they used.
 */
export class PriorAuthorizations1764190500000 implements MigrationInterface {
  name = "PriorAuthorizations1764190500000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payer_rule_versions ADD COLUMN require_prior_authorization boolean NOT NULL DEFAULT false`);

    await q.query(`
      CREATE TABLE prior_authorizations (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        client_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        number text NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        units integer NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT prior_authorizations_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id) ON DELETE CASCADE,
        CONSTRAINT prior_authorizations_payer_fk FOREIGN KEY (practice_id, payer_id) REFERENCES payers (practice_id, id),
        CONSTRAINT prior_authorizations_dates_check CHECK (end_date >= start_date),
        CONSTRAINT prior_authorizations_units_check CHECK (units >= 1),
        CONSTRAINT prior_authorizations_number_check CHECK (length(number) BETWEEN 1 AND 30)
      )`);
    await q.query(`CREATE INDEX prior_authorizations_client_idx ON prior_authorizations (practice_id, client_id, payer_id, start_date)`);
    await q.query(`CREATE INDEX prior_authorizations_payer_idx ON prior_authorizations (practice_id, payer_id)`);
    await isolateByPractice(q, "prior_authorizations");
    await q.query(`GRANT SELECT, INSERT, DELETE ON prior_authorizations TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT UPDATE (number, start_date, end_date, units, note) ON prior_authorizations TO ${RUNTIME_ROLE}`);

    // No foreign key: a billed line is a frozen record and keeps the number it was sent with even if the
    // authorization row is later changed; removing an authorization that billed lines used is refused instead.
    await q.query(`ALTER TABLE claim_batch_lines ADD COLUMN authorization_id uuid, ADD COLUMN authorization_number text`);
    await q.query(`CREATE INDEX claim_batch_lines_authorization_idx ON claim_batch_lines (practice_id, authorization_id) WHERE authorization_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS claim_batch_lines_authorization_idx`);
    await q.query(`ALTER TABLE claim_batch_lines DROP COLUMN authorization_number, DROP COLUMN authorization_id`);
    await q.query(`DROP TABLE prior_authorizations`);
    await q.query(`ALTER TABLE payer_rule_versions DROP COLUMN require_prior_authorization`);
  }
}
