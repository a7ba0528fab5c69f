import { DataSource } from "typeorm";
import { ensureDatabase } from "../../server/src/db/ensure-database";

/**
 * A database of its own for a test that migrates up and down: undoing a migration on the shared test
 * database would pull tables and columns from under the other test files. Dropped by `drop()`.
 */
export interface ScratchDatabase {
  /** Its connection string, for a server of its own (`startTestServer({ databaseUrl })`). */
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const adminUrl = new URL(process.env.GB_TEST_DATABASE_URL!);
  adminUrl.pathname = "/postgres";
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(adminUrl.toString(), name);
  const admin = new DataSource({ type: "postgres", url: adminUrl.toString() });
  await admin.initialize();
  const dataSource = new DataSource({ type: "postgres", url, installExtensions: false });
  await dataSource.initialize();
  return {
    url,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
