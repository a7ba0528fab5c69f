import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Audit events are ordered by (at, id) within their practice instead of a global identity column: the
 * sequence number in every cursor let one practice count another's actions between two of its own.
 */
export class AuditOrderByTime1764190410000 implements MigrationInterface {
  name = "AuditOrderByTime1764190410000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_events_order_idx`);
    await q.query(`DROP INDEX IF EXISTS audit_events_entity_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN seq`);
    await q.query(`CREATE INDEX audit_events_order_idx ON audit_events (practice_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (practice_id, entity_type, entity_id, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_events_order_idx`);
    await q.query(`DROP INDEX IF EXISTS audit_events_entity_idx`);
    // Numbers the existing rows in an arbitrary order; only rows written afterwards are in write order again.
    await q.query(`ALTER TABLE audit_events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`CREATE INDEX audit_events_order_idx ON audit_events (practice_id, seq DESC)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (practice_id, entity_type, entity_id, seq DESC)`);
  }
}
