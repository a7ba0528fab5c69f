/**
 * The issue-14 migrations for corrected/void claims and secondary claims undo cleanly and apply again (on a
 * scratch database: undoing them would pull columns from under the other test files).
 */
import { DataSource } from "typeorm";
import { CorrectedAndVoidClaims1764190900000 } from "../../../server/src/db/migrations/1764190900000-corrected-and-void-claims";
import { SecondaryClaims1764190910000 } from "../../../server/src/db/migrations/1764190910000-secondary-claims";
import { migrations } from "../../../server/src/db/migrations/index";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_corrections_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

const NEW_COLUMNS = [
  ["claim_batches", "exported_at"],
  ["claim_batches", "void_control_number"],
  ["claim_batches", "void_exported_at"],
  ["claim_batch_lines", "frequency_code"],
  ["claim_batch_lines", "other_payer"],
  ["claim_batch_lines", "payer_sequence"],
  ["claim_batch_lines", "primary_line_id"],
  ["claim_batch_lines", "replaces_line_id"],
];

it("adds the correction and secondary columns, and undoes and redoes cleanly, restoring billed-once", async () => {
  const runner = scratch.createQueryRunner();
  const first = migrations.indexOf(CorrectedAndVoidClaims1764190900000);
  expect(migrations.indexOf(SecondaryClaims1764190910000)).toBe(first + 1);
  for (const M of migrations.slice(0, first)) await new M().up(runner);
  const columns = async () =>
    (
      await runner.query(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND (table_name, column_name) IN (${NEW_COLUMNS.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ")}) ORDER BY table_name DESC, column_name`,
        NEW_COLUMNS.flat(),
      )
    ).map((r: { table_name: string; column_name: string }) => [r.table_name, r.column_name]);
  const billedOnce = async () => (await runner.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_batch_lines_billed_once'`))[0].indexdef as string;
  const before = await billedOnce();

  const corrected = new CorrectedAndVoidClaims1764190900000();
  const secondary = new SecondaryClaims1764190910000();
  await corrected.up(runner);
  await secondary.up(runner);
  expect(await columns()).toEqual(NEW_COLUMNS);
  expect(await billedOnce()).toContain("payer_sequence");

  await secondary.down(runner);
  await corrected.down(runner);
  expect(await columns()).toEqual([]);
  expect(await billedOnce()).toBe(before);

  await corrected.up(runner);
  await secondary.up(runner);
  expect(await columns()).toEqual(NEW_COLUMNS);
  for (const M of migrations.slice(first + 2)) await new M().up(runner);
  await runner.release();
});
