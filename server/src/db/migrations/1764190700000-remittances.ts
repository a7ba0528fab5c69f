import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/**
 * Issue 15: what payers send back. A remittance is an 835 file as received; each ST/SE payment in it is keyed
 * twice (the payer's trace number, the sender's control numbers) so the same money is never posted twice; each
 * CLP is a posting on the billed line it names, with its CAS adjustments and remark codes. Postings are facts
 * from outside and are never edited: a reversal or a correction is a later posting. Denial work (write-offs,
 * appeal notes) is kept beside them. Billed lines also keep the issues they carried when billed, so the
 * predicted-vs-actual report can tell a denial GroupBill warned about from one it missed.
 */
export class Remittances1764190700000 implements MigrationInterface {
  name = "Remittances1764190700000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claim_batch_lines ADD COLUMN issues jsonb NOT NULL DEFAULT '[]'::jsonb`);

    await q.query(`
      CREATE TABLE remittances (
        practice_id uuid NOT NULL REFERENCES practices (id),
        id uuid NOT NULL,
        file_name text,
        file_text text NOT NULL,
        interchange_control_number text NOT NULL,
        sender_id text NOT NULL,
        usage_indicator text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE INDEX remittances_imported_idx ON remittances (practice_id, imported_at DESC)`);

    await q.query(`
      CREATE TABLE remittance_payments (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        remittance_id uuid NOT NULL,
        position integer NOT NULL,
        trace_key text NOT NULL,
        control_key text NOT NULL,
        trace_number text NOT NULL,
        payer_name text NOT NULL,
        payer_identifier text,
        payee_name text NOT NULL,
        payee_npi text,
        payment_cents bigint NOT NULL,
        credit_debit char(1) NOT NULL,
        payment_method text NOT NULL,
        payment_date date NOT NULL,
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, remittance_id) REFERENCES remittances (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX remittance_payments_trace_key ON remittance_payments (practice_id, trace_key)`);
    await q.query(`CREATE UNIQUE INDEX remittance_payments_control_key ON remittance_payments (practice_id, control_key)`);
    await q.query(`CREATE INDEX remittance_payments_remittance_idx ON remittance_payments (practice_id, remittance_id)`);

    await q.query(`
      CREATE TABLE remittance_claims (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        remittance_id uuid NOT NULL,
        payment_id uuid NOT NULL,
        line_id uuid NOT NULL,
        position integer NOT NULL,
        patient_control_number text NOT NULL,
        status_code text NOT NULL,
        outcome text NOT NULL CONSTRAINT remittance_claims_outcome_check CHECK (outcome IN ('PAID', 'PARTIALLY_PAID', 'DENIED', 'REVERSED')),
        charge_cents bigint NOT NULL,
        paid_cents bigint NOT NULL,
        patient_responsibility_cents bigint NOT NULL,
        denied_cents bigint NOT NULL,
        payer_claim_control_number text,
        posted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, remittance_id) REFERENCES remittances (practice_id, id),
        FOREIGN KEY (practice_id, payment_id) REFERENCES remittance_payments (practice_id, id),
        FOREIGN KEY (practice_id, line_id) REFERENCES claim_batch_lines (practice_id, id)
      )`);
    await q.query(`CREATE INDEX remittance_claims_remittance_idx ON remittance_claims (practice_id, remittance_id)`);
    await q.query(`CREATE INDEX remittance_claims_payment_idx ON remittance_claims (practice_id, payment_id)`);
    await q.query(`CREATE INDEX remittance_claims_line_idx ON remittance_claims (practice_id, line_id, posted_at)`);

    await q.query(`
      CREATE TABLE remittance_adjustments (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        position integer NOT NULL,
        level text NOT NULL CONSTRAINT remittance_adjustments_level_check CHECK (level IN ('CLAIM', 'SERVICE_LINE')),
        service_line_index integer,
        group_code text NOT NULL,
        reason_code text NOT NULL,
        amount_cents bigint NOT NULL,
        quantity numeric,
        kind text NOT NULL,
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, claim_id) REFERENCES remittance_claims (practice_id, id)
      )`);
    await q.query(`CREATE INDEX remittance_adjustments_claim_idx ON remittance_adjustments (practice_id, claim_id)`);

    await q.query(`
      CREATE TABLE remittance_remarks (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        position integer NOT NULL,
        level text NOT NULL CONSTRAINT remittance_remarks_level_check CHECK (level IN ('CLAIM', 'SERVICE_LINE')),
        service_line_index integer,
        code text NOT NULL,
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, claim_id) REFERENCES remittance_claims (practice_id, id)
      )`);
    await q.query(`CREATE INDEX remittance_remarks_claim_idx ON remittance_remarks (practice_id, claim_id)`);

    // What billers do about a denial. A write-off settles one posting, once (the unique index); appeal notes pile up.
    await q.query(`
      CREATE TABLE denial_actions (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        line_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT denial_actions_kind_check CHECK (kind IN ('WRITE_OFF', 'APPEAL_NOTE')),
        note text NOT NULL,
        amount_cents bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, line_id) REFERENCES claim_batch_lines (practice_id, id),
        FOREIGN KEY (practice_id, claim_id) REFERENCES remittance_claims (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX denial_actions_written_off_once ON denial_actions (practice_id, claim_id) WHERE kind = 'WRITE_OFF'`);
    await q.query(`CREATE INDEX denial_actions_line_idx ON denial_actions (practice_id, line_id)`);
    await q.query(`CREATE INDEX denial_actions_claim_idx ON denial_actions (practice_id, claim_id)`);

    await q.query(`CREATE INDEX remittances_importer_idx ON remittances (imported_by)`);
    await q.query(`CREATE INDEX denial_actions_creator_idx ON denial_actions (created_by)`);

    const tables = ["remittances", "remittance_payments", "remittance_claims", "remittance_adjustments", "remittance_remarks", "denial_actions"];
    for (const table of tables) await isolateByPractice(q, table);
    // Received facts and what was done about them are only ever added to: no UPDATE, no DELETE.
    await q.query(`GRANT SELECT, INSERT ON ${tables.join(", ")} TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["denial_actions", "remittance_remarks", "remittance_adjustments", "remittance_claims", "remittance_payments", "remittances"]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE claim_batch_lines DROP COLUMN issues`);
  }
}
