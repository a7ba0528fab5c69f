import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/** Claim batches with frozen lines; a partial unique index makes billing a member-session twice impossible. */
export class ClaimBatches1764190200000 implements MigrationInterface {
  name = "ClaimBatches1764190200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE practices ADD COLUMN phone text, ADD COLUMN clearinghouse_name text, ADD COLUMN clearinghouse_id text`);

    await q.query(`
      CREATE TABLE claim_batches (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        idempotency_key text NOT NULL,
        control_number integer NOT NULL CHECK (control_number BETWEEN 1 AND 999999999),
        from_date date NOT NULL,
        to_date date NOT NULL,
        payer_id uuid,
        line_count integer NOT NULL,
        total_charge_cents bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES users (id),
        voided_at timestamptz,
        voided_by uuid REFERENCES users (id),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT claim_batches_payer_fk FOREIGN KEY (practice_id, payer_id) REFERENCES payers (practice_id, id),
        CONSTRAINT claim_batches_key_unique UNIQUE (practice_id, idempotency_key),
        CONSTRAINT claim_batches_control_unique UNIQUE (practice_id, control_number),
        CHECK (to_date >= from_date),
        CHECK ((voided_at IS NULL) = (voided_by IS NULL))
      )`);
    await q.query(`CREATE INDEX claim_batches_created_idx ON claim_batches (practice_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX claim_batches_creator_idx ON claim_batches (created_by)`);
    await q.query(`CREATE INDEX claim_batches_voider_idx ON claim_batches (voided_by)`);

    // Every value a claim needs is copied in, so later edits and rule changes cannot alter a batch.
    await q.query(`
      CREATE TABLE claim_batch_lines (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        batch_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        session_id uuid NOT NULL,
        client_id uuid NOT NULL,
        voided boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        service_date date NOT NULL,
        session_starts_at timestamptz NOT NULL,
        client_first_name text NOT NULL,
        client_last_name text NOT NULL,
        client_date_of_birth date NOT NULL,
        member_id text NOT NULL,
        payer_id uuid NOT NULL,
        payer_name text NOT NULL,
        payer_code text NOT NULL,
        payer_kind payer_kind NOT NULL,
        rule_version_id uuid NOT NULL,
        cpt_code text NOT NULL,
        modifiers text[] NOT NULL,
        place_of_service char(2) NOT NULL,
        units integer NOT NULL,
        charge_cents integer NOT NULL,
        diagnosis_codes text[] NOT NULL,
        rendering_name text NOT NULL,
        rendering_npi char(10) NOT NULL,
        PRIMARY KEY (practice_id, id),
        CONSTRAINT claim_batch_lines_batch_fk FOREIGN KEY (practice_id, batch_id) REFERENCES claim_batches (practice_id, id),
        CONSTRAINT claim_batch_lines_session_fk FOREIGN KEY (practice_id, session_id) REFERENCES group_sessions (practice_id, id),
        CONSTRAINT claim_batch_lines_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id),
        CONSTRAINT claim_batch_lines_payer_fk FOREIGN KEY (practice_id, payer_id) REFERENCES payers (practice_id, id),
        CONSTRAINT claim_batch_lines_rules_fk FOREIGN KEY (practice_id, rule_version_id) REFERENCES payer_rule_versions (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX claim_batch_lines_billed_once ON claim_batch_lines (practice_id, session_id, client_id) WHERE NOT voided`);
    await q.query(`CREATE INDEX claim_batch_lines_batch_idx ON claim_batch_lines (practice_id, batch_id, position)`);
    await q.query(`CREATE INDEX claim_batch_lines_client_idx ON claim_batch_lines (practice_id, client_id)`);
    await q.query(`CREATE INDEX claim_batch_lines_payer_idx ON claim_batch_lines (practice_id, payer_id)`);
    await q.query(`CREATE INDEX claim_batch_lines_rules_idx ON claim_batch_lines (practice_id, rule_version_id)`);
    await q.query(`CREATE INDEX claim_batch_lines_session_idx ON claim_batch_lines (practice_id, session_id)`);

    for (const table of ["claim_batches", "claim_batch_lines"]) {
      await isolateByPractice(q, table);
    }
    // Once written, a batch may only be voided: nothing else in it can be updated by the application.
    await q.query(`GRANT SELECT, INSERT ON claim_batches, claim_batch_lines TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT UPDATE (voided_at, voided_by) ON claim_batches TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT UPDATE (voided) ON claim_batch_lines TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS claim_batch_lines`);
    await q.query(`DROP TABLE IF EXISTS claim_batches`);
    await q.query(`ALTER TABLE practices DROP COLUMN IF EXISTS phone, DROP COLUMN IF EXISTS clearinghouse_name, DROP COLUMN IF EXISTS clearinghouse_id`);
  }
}
