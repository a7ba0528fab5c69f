import type { DataSource } from "typeorm";
import { createDataSource } from "../../../server/src/db/data-source";
import { LeanColumns } from "../../../server/src/db/lean-rows";
import { AttendanceEntity } from "../../../server/src/entities";

let dataSource: DataSource;
let lean: LeanColumns;
beforeAll(async () => {
  dataSource = createDataSource(process.env.GB_TEST_DATABASE_URL!, 1);
  await dataSource.initialize();
  lean = new LeanColumns(dataSource);
});
afterAll(async () => {
  await dataSource?.destroy();
});

/** One attendance row as PostgreSQL answers `SELECT select(AttendanceEntity, "a")` plus what `extra` adds. */
async function attendanceRows(extra = ""): Promise<Record<string, unknown>[]> {
  const values = `SELECT gen_random_uuid() AS practice_id, gen_random_uuid() AS id, gen_random_uuid() AS session_id, gen_random_uuid() AS client_id,
    'PRESENT' AS status, now() AS recorded_at, 50 AS minutes_attended, NULL::timestamptz AS arrived_at, NULL::timestamptz AS departed_at,
    'HOME' AS location, NULL::text AS interactive_complexity_reason`;
  return dataSource.query(`SELECT ${lean.select(AttendanceEntity, "a")}${extra} FROM (${values}) a`);
}

describe("lean rows read whole", () => {
  test("rows of the entity's select alone are handed back as they are, with the entity's properties", async () => {
    const rows = await attendanceRows();
    const entities = lean.entities(AttendanceEntity, rows);
    expect(entities[0]).toBe(rows[0]);
    expect(Object.keys(entities[0])).toEqual(dataSource.getMetadata(AttendanceEntity).columns.map((c) => c.propertyName));
    expect(entities[0].status).toBe("PRESENT");
    expect(entities[0].minutesAttended).toBe(50);
    expect(entities[0].recordedAt).toBeInstanceOf(Date);
  });

  test("a statement that reads any other column is refused, not passed off as the entity", async () => {
    const rows = await attendanceRows(`, 1 AS "pageTotal"`);
    expect(() => lean.entities(AttendanceEntity, rows)).toThrow(/not read with select\(AttendanceEntity\) alone/);
    const renamed = (await attendanceRows()).map(({ status, ...rest }) => ({ ...rest, state: status }));
    expect(() => lean.entities(AttendanceEntity, renamed)).toThrow(/not read with select/);
    expect(lean.entities(AttendanceEntity, [])).toEqual([]);
  });
});
