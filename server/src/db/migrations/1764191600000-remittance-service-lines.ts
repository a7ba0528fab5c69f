import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/**
 * Each posting's service lines (loop 2110, SVC) as the payer adjudicated them. A claim is posted whole, but the
 * payer decides per line: it can pay the member's 90853 and refuse the 90785 add-on, and only the line says so.
 * `line_index` is the line's place in its claim, the service_line_index its CAS (remittance_adjustments) and
 * LQ (remittance_remarks) rows already carry, so those stay where they are. Postings made before this table
 * existed have no rows here; remittance_claims.service_line_count is null on them, which tells "not kept" from
 * "the payer sent no lines" (0). Like every received fact, the rows are only ever added to.
 */
export class RemittanceServiceLines1764191600000 implements MigrationInterface {
  name = "RemittanceServiceLines1764191600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE remittance_service_lines (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        line_index integer NOT NULL CONSTRAINT remittance_service_lines_index_check CHECK (line_index >= 0),
        segment_position integer NOT NULL,
        procedure_qualifier text NOT NULL,
        procedure_code text NOT NULL,
        modifiers text[] NOT NULL,
        original_procedure_qualifier text,
        original_procedure_code text,
        original_modifiers text[],
        charge_cents bigint NOT NULL,
        paid_cents bigint NOT NULL,
        denied_cents bigint NOT NULL,
        outcome text NOT NULL CONSTRAINT remittance_service_lines_outcome_check CHECK (outcome IN ('PAID', 'PARTIALLY_PAID', 'DENIED', 'REVERSED')),
        units_paid numeric NOT NULL,
        original_units numeric,
        revenue_code text,
        service_date date,
        service_end_date date,
        line_control_number text,
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, claim_id) REFERENCES remittance_claims (practice_id, id),
        CONSTRAINT remittance_service_lines_original_check CHECK (
          (original_procedure_code IS NULL) = (original_procedure_qualifier IS NULL) AND (original_procedure_code IS NULL) = (original_modifiers IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX remittance_service_lines_claim_line ON remittance_service_lines (practice_id, claim_id, line_index)`);
    await isolateByPractice(q, "remittance_service_lines");
    await q.query(`GRANT SELECT, INSERT ON remittance_service_lines TO ${RUNTIME_ROLE}`);
    await q.query(`ALTER TABLE remittance_claims ADD COLUMN service_line_count integer CONSTRAINT remittance_claims_service_line_count_check CHECK (service_line_count >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE remittance_claims DROP COLUMN service_line_count`);
    await q.query(`DROP TABLE remittance_service_lines`);
  }
}
