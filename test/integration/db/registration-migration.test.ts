/**
 * The issue-14 migration on clinicians that existed before it: each gets a legal first/last name split from
 * the display name (honorific and credentials dropped, exactly as personNameParts does for new input); and
 * the migration can be undone and applied again. Runs on its own scratch database, because undoing it would
 * pull columns from under the other test files.
 */
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { ClaimsAClearinghouseAccepts1764190510000 } from "../../../server/src/db/migrations/1764190510000-claims-a-clearinghouse-accepts";
import { migrations } from "../../../server/src/db/migrations/index";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";
import { personNameParts } from "../../../server/src/domain/validation";

const NAMES = ["Riley Chen", "Dr. Amara Obi, PhD", "Jane Q Doe, LCSW", "Cher", "  Ms   Kim   Lee  ", "DR Sam  O'Neil"];

let database: ScratchDatabase;
let scratch: DataSource;

beforeAll(async () => {
  database = await createScratchDatabase("gb_migration");
  scratch = database.dataSource;
});

afterAll(async () => {
  await database?.drop();
});

it("splits existing clinicians' names as new input is split, and undoes cleanly", async () => {
  const runner = scratch.createQueryRunner();
  // The schema as it stood just before this migration: later ones may depend on its columns.
  const before = migrations.slice(0, migrations.indexOf(ClaimsAClearinghouseAccepts1764190510000));
  expect(before.length).toBeGreaterThan(0);
  for (const M of before) await new M().up(runner);

  const practiceId = randomUUID();
  await runner.query(`INSERT INTO practices (id, name, npi, timezone) VALUES ($1, 'P', '1245319599', 'America/New_York')`, [practiceId]);
  const ids = NAMES.map(() => randomUUID());
  for (const [i, display] of NAMES.entries()) {
    await runner.query(`INSERT INTO clinicians (practice_id, id, name, npi, credential, licensed) VALUES ($1, $2, $3, $4, 'LCSW', true)`, [practiceId, ids[i], display, String(1000000000 + i)]);
  }

  const migration = new ClaimsAClearinghouseAccepts1764190510000();
  await migration.up(runner);
  const rows: { id: string; first_name: string | null; last_name: string; taxonomy_code: string | null }[] = await runner.query(
    `SELECT id, first_name, last_name, taxonomy_code FROM clinicians WHERE practice_id = $1`,
    [practiceId],
  );
  for (const [i, display] of NAMES.entries()) {
    const row = rows.find((r) => r.id === ids[i])!;
    const expected = personNameParts(display);
    expect({ display, first: row.first_name, last: row.last_name }).toEqual({ display, first: expected.first, last: expected.last });
    expect(row.taxonomy_code).toBeNull();
  }
  expect(rows.find((r) => r.id === ids[1])).toMatchObject({ first_name: "Amara", last_name: "Obi" });
  expect(rows.find((r) => r.id === ids[3])).toMatchObject({ first_name: null, last_name: "Cher" });

  await migration.down(runner);
  const columns: { column_name: string }[] = await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'clinicians'`);
  expect(columns.map((c) => c.column_name)).not.toContain("last_name");
  await migration.up(runner);
  const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM clinicians WHERE last_name IS NOT NULL`);
  expect(n).toBe(NAMES.length);
  await runner.release();
});
