/**
 * The interactive complexity migration (issue 11 item 9) adds its columns with defaults that change no existing
 * row, guards them in the database too, and undoes and redoes cleanly (on a scratch database: undoing it would pull
 * columns from under the other test files).
 */
import { DataSource, type QueryRunner } from "typeorm";
import { InteractiveComplexity1764191200000 } from "../../../server/src/db/migrations/1764191200000-interactive-complexity";
import { migrations } from "../../../server/src/db/migrations/index";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_complexity_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

const NEW_COLUMNS = [
  ["payer_rule_versions", "allow_interactive_complexity"],
  ["payer_rule_versions", "interactive_complexity_fee_cents"],
  ["claim_batch_lines", "add_on_charge_cents"],
  ["claim_batch_lines", "add_on_lines"],
  ["attendance", "interactive_complexity_reason"],
];

async function columns(runner: QueryRunner): Promise<string[][]> {
  const rows: { table_name: string; column_name: string }[] = await runner.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND (table_name, column_name) IN (${NEW_COLUMNS.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ")}) ORDER BY table_name DESC, column_name`,
    NEW_COLUMNS.flat(),
  );
  return rows.map((r) => [r.table_name, r.column_name]);
}

it("adds the columns off and empty for existing rows, refuses what the API refuses, and undoes and redoes cleanly", async () => {
  const runner = scratch.createQueryRunner();
  const at = migrations.indexOf(InteractiveComplexity1764191200000);
  expect(at).toBeGreaterThan(0);
  for (const M of migrations.slice(0, at)) await new M().up(runner);
  const migration = new InteractiveComplexity1764191200000();
  await migration.up(runner);
  expect(await columns(runner)).toEqual(NEW_COLUMNS);
  expect(
    (await runner.query(`SELECT column_name, column_default FROM information_schema.columns WHERE table_name IN ('payer_rule_versions', 'claim_batch_lines') AND column_name = ANY($1) ORDER BY column_name`, [
      ["allow_interactive_complexity", "interactive_complexity_fee_cents", "add_on_lines", "add_on_charge_cents"],
    ])).map((r: { column_name: string; column_default: string }) => [r.column_name, r.column_default]),
  ).toEqual([
    ["add_on_charge_cents", "0"],
    ["add_on_lines", "'[]'::jsonb"],
    ["allow_interactive_complexity", "false"],
    ["interactive_complexity_fee_cents", "0"],
  ]);

  // The database guards what the API refuses: a flag on a member not present or with a blank reason, 90785 paid at $0.
  const definition = async (constraint: string) =>
    (await runner.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [constraint]))[0]?.def as string | undefined;
  expect(await definition("attendance_interactive_complexity_reason_check")).toMatch(/btrim\(interactive_complexity_reason\).*length\(interactive_complexity_reason\) <= 500.*status = 'PRESENT'/);
  expect(await definition("payer_rule_versions_interactive_complexity_fee_check")).toMatch(/interactive_complexity_fee_cents >= 0.*NOT allow_interactive_complexity\) OR \(interactive_complexity_fee_cents > 0/);

  await migration.down(runner);
  expect(await columns(runner)).toEqual([]);
  await migration.up(runner);
  expect(await columns(runner)).toEqual(NEW_COLUMNS);
  for (const M of migrations.slice(at + 1)) await new M().up(runner);
  await runner.release();
});
