import { Client, types } from "pg";
import { createDataSource } from "../../../server/src/db/data-source";
import { TIMESTAMPTZ_OID, connectionTypes, parseTimestamptz } from "../../../server/src/db/timestamp-parser";

const nodePgParser = types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => unknown;

let client: Client;
beforeAll(async () => {
  client = new Client({ connectionString: process.env.GB_TEST_DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

/** Timestamps as PostgreSQL writes them in `timeZone`, with their instants in milliseconds (floored, as a Date holds them). */
async function written(timeZone: string, sql: string): Promise<{ text: string; ms: number | null }[]> {
  await client.query(`SET TimeZone = '${timeZone}'`);
  const { rows } = await client.query<{ text: string; ms: string | null }>(
    `SELECT t::text AS text, CASE WHEN isfinite(t) THEN floor(extract(epoch FROM t) * 1000)::text END AS ms FROM (${sql}) v(t)`,
  );
  return rows.map((r) => ({ text: r.text, ms: r.ms === null ? null : Number(r.ms) }));
}

// Whole offsets, half and three-quarter hours, west and east of UTC, and summer time.
const TIME_ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati"];
const RANDOM = `SELECT timestamptz '1000-01-01 00:00:00+00' + random() * (timestamptz '9999-12-31 00:00:00+00' - timestamptz '1000-01-01 00:00:00+00') FROM generate_series(1, 1500)`;
const NEAR_NOW = `SELECT now() + (random() - 0.5) * interval '4 years' FROM generate_series(1, 500)`;
// Fractions of every length, and times PostgreSQL rounds to the millisecond or not at all.
const FRACTIONS = `SELECT timestamptz '2025-03-01 14:00:00+00' + n * interval '1 microsecond' * m FROM generate_series(0, 9) n, unnest(ARRAY[1, 10, 100, 1000, 10000, 100000, 123457]) m`;
// What the fast reading leaves to node-pg: before the year 1000 (and Date's 0-99 quirk), BC, infinity, past 9999,
// and local mean time (offsets with seconds) before time zones were standardised.
const UNUSUAL = `SELECT unnest(ARRAY[
  timestamptz '0044-03-15 12:00:00+00 BC', timestamptz '0099-12-31 23:59:59.999+00', timestamptz '0999-06-01 00:00:00+00',
  timestamptz 'infinity', timestamptz '-infinity', timestamptz '12000-01-01 00:00:00+00', timestamptz '1850-07-04 12:00:00+00',
  timestamptz '1969-12-31 23:59:59.999999+00', timestamptz '1970-01-01 00:00:00+00', timestamptz '2024-02-29 23:59:59.5+00'])`;

describe("reading timestamp with time zone", () => {
  for (const timeZone of TIME_ZONES) {
    test(`gives node-pg's Date for what PostgreSQL writes in ${timeZone}, and the instant PostgreSQL means`, async () => {
      const values = [...(await written(timeZone, RANDOM)), ...(await written(timeZone, NEAR_NOW)), ...(await written(timeZone, FRACTIONS)), ...(await written(timeZone, UNUSUAL))];
      expect(values.length).toBe(1500 + 500 + 70 + 10);
      const mismatches = values.filter(({ text, ms }) => {
        const fast = parseTimestamptz(text);
        const slow = nodePgParser(text);
        const sameAsNodePg = fast instanceof Date && slow instanceof Date ? fast.getTime() === slow.getTime() || (isNaN(fast.getTime()) && isNaN(slow.getTime())) : fast === slow;
        const sameInstant = ms === null || (fast instanceof Date && fast.getTime() === ms);
        return !sameAsNodePg || !sameInstant;
      });
      expect(mismatches).toEqual([]);
    });
  }

  test("the unusual forms really are written as expected, so the fallbacks above were exercised", async () => {
    const texts = (await written("America/New_York", UNUSUAL)).map((v) => v.text);
    expect(texts).toEqual(expect.arrayContaining(["infinity", "-infinity"]));
    expect(texts.some((t) => t.endsWith(" BC"))).toBe(true);
    // Local mean time in New York: an offset with seconds.
    expect(texts.some((t) => /[+-]\d\d:\d\d:\d\d$/.test(t))).toBe(true);
    expect(parseTimestamptz("infinity")).toBe(Infinity);
    expect(parseTimestamptz("-infinity")).toBe(-Infinity);
  });

  test("text that only looks like a timestamp is left to node-pg, whatever it makes of it", () => {
    for (const text of ["2025-13-01 00:00:00+00", "2025-03-01 1x:00:00+00", "2025-03-01 14:00:00.+00", "2025-03-01 14:00:00.1234567+00", "2025-03-01 14:00:00+0", "2025-03-01 14:00:00+05-30", "2025-03-01 14:00:00Z", "2025-03-01T14:00:00+00"]) {
      const fast = parseTimestamptz(text);
      const slow = nodePgParser(text);
      expect(fast instanceof Date ? fast.getTime() : fast).toEqual(slow instanceof Date ? slow.getTime() : slow);
    }
  });

  test("GroupBill's connections read timestamps with it, and every other type as node-pg does", async () => {
    expect(connectionTypes.getTypeParser(TIMESTAMPTZ_OID)).toBe(parseTimestamptz);
    expect(connectionTypes.getTypeParser(TIMESTAMPTZ_OID, "text")).toBe(parseTimestamptz);
    expect(connectionTypes.getTypeParser(TIMESTAMPTZ_OID, "binary")).toBe(types.getTypeParser(TIMESTAMPTZ_OID, "binary"));
    for (const oid of [20, 23, 1082, 1114, 3802, 1009]) expect(connectionTypes.getTypeParser(oid)).toBe(types.getTypeParser(oid, "text"));
    // node-pg's own registry is untouched: other clients in the process keep its parser.
    expect(types.getTypeParser(TIMESTAMPTZ_OID, "text")).not.toBe(parseTimestamptz);
    const dataSource = createDataSource(process.env.GB_TEST_DATABASE_URL!, 1);
    await dataSource.initialize();
    try {
      // node-pg's pool hands its options to every client it opens.
      const pool = Reflect.get(dataSource.driver, "master") as { options: { types?: unknown } };
      expect(pool.options.types).toBe(connectionTypes);
      const [row] = await dataSource.query(`SELECT timestamptz '2025-03-01 14:00:00.123456-05' AS at, now() AS now, (now())::text AS now_text`);
      expect(row.at).toEqual(new Date("2025-03-01T19:00:00.123Z"));
      expect(row.now.getTime()).toBe((nodePgParser(row.now_text) as Date).getTime());
    } finally {
      await dataSource.destroy();
    }
  });
});
