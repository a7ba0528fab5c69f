import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 10: the sessions page lists sessions by start (then id), a page at a time. With no index in that order,
 * PostgreSQL read every session of the range and sorted them to keep the first 50 (a large practice's year: 7,000
 * rows, most of the page's database time). In start order, the page reads its 50 rows and stops.
 */
export class SessionStartIndex1764191800000 implements MigrationInterface {
  name = "SessionStartIndex1764191800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX group_sessions_start_idx ON group_sessions (practice_id, starts_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX group_sessions_start_idx`);
  }
}
