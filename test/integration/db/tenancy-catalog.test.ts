import { randomUUID } from "node:crypto";
import { RUNTIME_ROLE } from "../../../server/src/db/runtime-role";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { expectOk, signUpPractice, startTestServer, type TestServer } from "../../support/api";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const q = (sql: string, params: unknown[] = []) => server.dataSource.query(sql, params);

describe("the catalog", () => {
  it("has row-level security enabled and forced, with a policy, on every table that has practice_id", async () => {
    const tables: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }[] = await q(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'practice_id' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r'`);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const t of tables) {
      expect({ table: t.relname, enabled: t.relrowsecurity, forced: t.relforcerowsecurity, hasPolicy: t.policies > 0 }).toEqual({
        table: t.relname,
        enabled: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });

  it("keys every tenant table by (practice_id, id) and makes foreign keys between tenant tables include practice_id", async () => {
    const pks: { relname: string; cols: string[] }[] = await q(`
      SELECT c.relname, array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
      CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE con.contype = 'p' AND c.relnamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'practice_id')
      GROUP BY c.relname`);
    for (const pk of pks) {
      if (pk.relname === "memberships") expect(pk.cols).toEqual(["practice_id", "user_id"]);
      else expect({ table: pk.relname, cols: pk.cols }).toEqual({ table: pk.relname, cols: ["practice_id", "id"] });
    }
    const fks: { name: string; target: string; cols: string[] }[] = await q(`
      SELECT con.conname AS name, t.relname AS target, array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_constraint con JOIN pg_class t ON t.oid = con.confrelid
      CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = t.oid AND x.attname = 'practice_id')
      GROUP BY con.conname, t.relname`);
    expect(fks.length).toBeGreaterThan(0);
    for (const fk of fks) expect({ fk: fk.name, startsWithPractice: fk.cols[0] }).toEqual({ fk: fk.name, startsWithPractice: "practice_id" });
  });

  it("includes practice_id in every unique index and constraint of a tenant table, as a table distributed by practice_id requires", async () => {
    // Unique constraints and primary keys are backed by unique indexes, so the index catalog covers all three.
    const uniques: { index: string; table: string; hasPractice: boolean }[] = await q(`
      SELECT i.relname AS index, c.relname AS table,
             EXISTS (SELECT 1 FROM unnest(x.indkey::int2[]) AS k(attnum)
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                     WHERE a.attname = 'practice_id') AS "hasPractice"
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE x.indisunique AND c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = c.oid AND p.attname = 'practice_id' AND NOT p.attisdropped)`);
    // Positive control: the primary keys alone are unique indexes of tenant tables.
    expect(uniques.length).toBeGreaterThanOrEqual(7);
    for (const u of uniques) expect(u).toEqual({ index: u.index, table: u.table, hasPractice: true });
    // Exclusion constraints are unique in effect too; a distributed table needs practice_id in them as well.
    const exclusions: { name: string; cols: string[] }[] = await q(`
      SELECT con.conname AS name, array_agg(a.attname::text) AS cols
      FROM pg_constraint con CROSS JOIN LATERAL unnest(con.conkey) AS k(attnum)
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE con.contype = 'x' AND con.connamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = con.conrelid AND p.attname = 'practice_id')
      GROUP BY con.conname`);
    for (const x of exclusions) expect({ name: x.name, hasPractice: x.cols.includes("practice_id") }).toEqual({ name: x.name, hasPractice: true });
  });

  it("has a runtime role that cannot log in, is no superuser, cannot bypass RLS and owns nothing", async () => {
    const [role] = await q(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1`, [RUNTIME_ROLE]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const [owned] = await q(
      `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int
            + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)::int
            + (SELECT count(*) FROM pg_type WHERE typowner = r.oid)::int
            + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)::int AS n
       FROM pg_roles r WHERE r.rolname = $1`,
      [RUNTIME_ROLE],
    );
    expect(owned.n).toBe(0);
  });

  it("lets the runtime role only insert and read audit events and rule versions", async () => {
    for (const table of ["audit_events", "payer_rule_versions"]) {
      const [p] = await q(
        `SELECT has_table_privilege($1, $2, 'SELECT') AS s, has_table_privilege($1, $2, 'INSERT') AS i,
                has_table_privilege($1, $2, 'UPDATE') AS u, has_table_privilege($1, $2, 'DELETE') AS d, has_table_privilege($1, $2, 'TRUNCATE') AS t`,
        [RUNTIME_ROLE, table],
      );
      expect({ table, ...p }).toEqual({ table, s: true, i: true, u: false, d: false, t: false });
    }
  });
});

describe("row-level security at work", () => {
  it("hides other practices' rows and every row when no practice is set, even for a superuser connection", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    expectOk(await server.gql(`mutation { createPayer(input: { name: "A1", kind: OTHER, payerCode: "A1" }) { id } }`, {}, a.token));
    expectOk(await server.gql(`mutation { createPayer(input: { name: "B1", kind: OTHER, payerCode: "B1" }) { id } }`, {}, b.token));

    // Positive control: the owner connection (no role switch) sees both rows.
    const all = await q(`SELECT practice_id FROM payers WHERE practice_id = ANY($1)`, [[a.practiceId, b.practiceId]]);
    expect(all).toHaveLength(2);

    const asA = await inScope(server.dataSource, { practiceId: a.practiceId, userId: a.userId }, (m) => m.query(`SELECT practice_id FROM payers`));
    expect(asA).toEqual([{ practice_id: a.practiceId }]);
    const asNobody = await inScope(server.dataSource, { practiceId: null, userId: null }, (m) => m.query(`SELECT count(*)::int AS n FROM payers`));
    expect(asNobody).toEqual([{ n: 0 }]);
    const role = await inScope(server.dataSource, { practiceId: null, userId: null }, (m) => m.query(`SELECT current_user AS u`));
    expect(role).toEqual([{ u: RUNTIME_ROLE }]);
  });

  it("refuses to write a row into another practice", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    await expect(
      inScope(server.dataSource, { practiceId: a.practiceId, userId: a.userId }, (m) =>
        m.query(`INSERT INTO payers (practice_id, id, name, kind, payer_code) VALUES ($1, $2, 'Sneaky', 'OTHER', 'S')`, [b.practiceId, randomUUID()]),
      ),
    ).rejects.toThrow(/row-level security/);
    const [n] = await q(`SELECT count(*)::int AS n FROM payers WHERE name = 'Sneaky'`);
    expect(n.n).toBe(0);
  });

  it("keeps a row from pointing into another practice, even for the owner connection", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const aClient = expectOk(
      await server.gql(`mutation { createClient(input: { firstName: "A", lastName: "C", dateOfBirth: "1990-01-01", diagnosisCodes: [], coverages: [] }) { id } }`, {}, a.token),
    ).createClient;
    const bPayer = expectOk(await server.gql(`mutation { createPayer(input: { name: "BP", kind: OTHER, payerCode: "B1" }) { id } }`, {}, b.token)).createPayer;
    await expect(
      q(`INSERT INTO coverages (practice_id, id, client_id, payer_id, member_id, priority, effective_from, position) VALUES ($1, $2, $3, $4, 'X', 'PRIMARY', '2026-01-01', 0)`, [
        a.practiceId,
        randomUUID(),
        aClient.id,
        bPayer.id,
      ]),
    ).rejects.toThrow(/foreign key/);
  });
});
