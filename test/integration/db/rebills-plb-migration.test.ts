/**
 * The migration for provider-level adjustments and charge warnings (issue 15) undoes and applies again cleanly, on
 * a scratch database (undoing it would pull a table from under the other test files), and its new table is
 * isolated per practice and only ever inserted into and read by the runtime role.
 */
import { DataSource } from "typeorm";
import { RebillsAndProviderAdjustments1764191000000 } from "../../../server/src/db/migrations/1764191000000-rebills-and-provider-adjustments";
import { migrations } from "../../../server/src/db/migrations/index";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";
import { RUNTIME_ROLE } from "../../../server/src/db/runtime-role";

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_rebills_plb_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

it("adds the PLB table (isolated, insert and read only) and the posting's charge columns, and undoes and redoes cleanly", async () => {
  const runner = scratch.createQueryRunner();
  const at = migrations.indexOf(RebillsAndProviderAdjustments1764191000000);
  expect(at).toBeGreaterThan(0);
  for (const M of migrations.slice(0, at)) await new M().up(runner);
  const state = async () => ({
    table: (await runner.query(`SELECT relrowsecurity AS rls, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'remittance_provider_adjustments'`))[0] ?? null,
    grants: (
      await runner.query(`SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'remittance_provider_adjustments' AND grantee = $1 ORDER BY 1`, [RUNTIME_ROLE])
    ).map((r: { privilege_type: string }) => r.privilege_type),
    columns: (
      await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'remittance_claims' AND column_name IN ('billed_charge_cents', 'charge_warning') ORDER BY 1`)
    ).map((r: { column_name: string }) => r.column_name),
  });
  const migration = new RebillsAndProviderAdjustments1764191000000();
  await migration.up(runner);
  const applied = { table: { rls: true, forced: true }, grants: ["INSERT", "SELECT"], columns: ["billed_charge_cents", "charge_warning"] };
  expect(await state()).toEqual(applied);
  await migration.down(runner);
  expect(await state()).toEqual({ table: null, grants: [], columns: [] });
  await migration.up(runner);
  expect(await state()).toEqual(applied);
  for (const M of migrations.slice(at + 1)) await new M().up(runner);
  await runner.release();
});
