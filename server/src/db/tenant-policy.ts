import type { QueryRunner } from "typeorm";

/**
 * Row-level security as every tenant table has it: enabled, forced (the owner too), and one policy that
 * fails closed when no practice is set (NULLIF turns the empty leftover setting into NULL).
 */
export async function isolateByPractice(q: QueryRunner, table: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`
    CREATE POLICY tenant_isolation ON ${table}
      USING (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid)
      WITH CHECK (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid)`);
}
