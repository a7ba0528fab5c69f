/**
 * The issue-15 migration undoes cleanly and applies again (on a scratch database: undoing it would pull tables
 * from under the other test files), and lines billed before it read as billed with no issues.
 */
import type { DataSource } from "typeorm";
import { Remittances1764190700000 } from "../../../server/src/db/migrations/1764190700000-remittances";
import { migrations } from "../../../server/src/db/migrations/index";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_remit_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

const REMITTANCE_TABLES = ["denial_actions", "remittance_adjustments", "remittance_claims", "remittance_payments", "remittance_remarks", "remittances"];

it("adds the remittance tables and billed lines' issues, and undoes and redoes cleanly", async () => {
  const runner = scratch.createQueryRunner();
  const index = migrations.indexOf(Remittances1764190700000);
  expect(index).toBeGreaterThan(0);
  for (const M of migrations.slice(0, index)) await new M().up(runner);
  const tables = async () =>
    (await runner.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name`, [REMITTANCE_TABLES])).map(
      (r: { table_name: string }) => r.table_name,
    );
  const hasIssues = async () => (await runner.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'claim_batch_lines' AND column_name = 'issues'`)).length === 1;

  const migration = new Remittances1764190700000();
  await migration.up(runner);
  expect(await tables()).toEqual(REMITTANCE_TABLES);
  expect(await hasIssues()).toBe(true);
  const [{ def }] = await runner.query(`SELECT column_default AS def FROM information_schema.columns WHERE table_name = 'claim_batch_lines' AND column_name = 'issues'`);
  expect(def).toContain("'[]'");

  await migration.down(runner);
  expect(await tables()).toEqual([]);
  expect(await hasIssues()).toBe(false);
  await migration.up(runner);
  expect(await tables()).toEqual(REMITTANCE_TABLES);
  // Every later migration still applies on top.
  for (const M of migrations.slice(index + 1)) await new M().up(runner);
  await runner.release();
});
