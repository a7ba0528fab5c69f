import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/**
 * Issue 15, the rest of it. Provider-level adjustments (PLB) are money a payment holds back or adds that belongs
 * to no claim (an overpayment recovered, interest, a balance forwarded): kept per payment so the payment's total
 * can be explained. A posting keeps what the line was billed when the payer's CLP03 says otherwise (a warning,
 * not a refusal: payers re-price, and a wrong CLP03 is the payer's to explain). A line corrected and rebilled from
 * the denial work list is voided on its own (its batch stays live) and replaced by a line of a new batch, linked by
 * replaces_line_id as issue 14's replacements are; nothing new is needed on claim_batch_lines for that.
 */
export class RebillsAndProviderAdjustments1764191000000 implements MigrationInterface {
  name = "RebillsAndProviderAdjustments1764191000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE remittance_provider_adjustments (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        remittance_id uuid NOT NULL,
        payment_id uuid NOT NULL,
        position integer NOT NULL,
        segment_position integer NOT NULL,
        provider_id text NOT NULL,
        fiscal_period_date date NOT NULL,
        reason_code text NOT NULL,
        reference_id text,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (practice_id, id),
        FOREIGN KEY (practice_id, remittance_id) REFERENCES remittances (practice_id, id),
        FOREIGN KEY (practice_id, payment_id) REFERENCES remittance_payments (practice_id, id)
      )`);
    await q.query(`CREATE INDEX remittance_provider_adjustments_remittance_idx ON remittance_provider_adjustments (practice_id, remittance_id)`);
    await q.query(`CREATE INDEX remittance_provider_adjustments_payment_idx ON remittance_provider_adjustments (practice_id, payment_id)`);
    await isolateByPractice(q, "remittance_provider_adjustments");
    await q.query(`GRANT SELECT, INSERT ON remittance_provider_adjustments TO ${RUNTIME_ROLE}`);

    // Null when CLP03 matched the billed charge; postings made before this column existed were not compared.
    await q.query(`ALTER TABLE remittance_claims ADD COLUMN billed_charge_cents bigint, ADD COLUMN charge_warning text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE remittance_claims DROP COLUMN charge_warning, DROP COLUMN billed_charge_cents`);
    await q.query(`DROP TABLE remittance_provider_adjustments`);
  }
}
