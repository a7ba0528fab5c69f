/**
 * The migration for service lines of postings undoes and applies again cleanly, on a scratch database (undoing it
 * would pull a table from under the other test files), and its table is isolated per practice and only ever
 * inserted into and read by the runtime role.
 */
import { DataSource } from "typeorm";
import { RemittanceServiceLines1764191600000 } from "../../../server/src/db/migrations/1764191600000-remittance-service-lines";
import { migrations } from "../../../server/src/db/migrations/index";
import { RUNTIME_ROLE } from "../../../server/src/db/runtime-role";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_service_lines_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

it("adds the service-line table (isolated, insert and read only) and the posting's line count, and undoes and redoes cleanly", async () => {
  const runner = scratch.createQueryRunner();
  const at = migrations.indexOf(RemittanceServiceLines1764191600000);
  expect(at).toBeGreaterThan(0);
  for (const M of migrations.slice(0, at)) await new M().up(runner);
  const state = async () => ({
    table: (await runner.query(`SELECT relrowsecurity AS rls, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'remittance_service_lines'`))[0] ?? null,
    policies: (await runner.query(`SELECT polname FROM pg_policy WHERE polrelid = to_regclass('remittance_service_lines')`)).map((r: { polname: string }) => r.polname),
    grants: (
      await runner.query(`SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'remittance_service_lines' AND grantee = $1 ORDER BY 1`, [RUNTIME_ROLE])
    ).map((r: { privilege_type: string }) => r.privilege_type),
    column: (await runner.query(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'remittance_claims' AND column_name = 'service_line_count'`))[0] ?? null,
  });
  const migration = new RemittanceServiceLines1764191600000();
  await migration.up(runner);
  const applied = { table: { rls: true, forced: true }, policies: ["tenant_isolation"], grants: ["INSERT", "SELECT"], column: { is_nullable: "YES" } };
  expect(await state()).toEqual(applied);
  await migration.down(runner);
  expect(await state()).toEqual({ table: null, policies: [], grants: [], column: null });
  await migration.up(runner);
  expect(await state()).toEqual(applied);
  for (const M of migrations.slice(at + 1)) await new M().up(runner);
  await runner.release();
});
