import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../../server/src/db/embedded-postgres";
import { ensureDatabase } from "../../server/src/db/ensure-database";

const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** TEST_DATABASE_URL, else the local server, else an embedded PostgreSQL: `npm test` needs nothing but Node. */
async function pickServer(): Promise<{ adminUrl: string; stop?: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL };
  // GB_TEST_EMBEDDED=1 exercises the path a machine without PostgreSQL takes.
  if (process.env.GB_TEST_EMBEDDED !== "1" && (await answers(LOCAL_SERVER))) return { adminUrl: LOCAL_SERVER };
  const dataDir = path.join(os.tmpdir(), `groupbill-test-pg-${process.pid}-${Date.now()}`);
  const embedded = await startEmbeddedPostgres({ dataDir, port: 55000 + (process.pid % 5000) });
  const fs = await import("node:fs/promises");
  return {
    adminUrl: embedded.url,
    stop: async () => {
      await embedded.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function globalSetup(): Promise<void> {
  const server = await pickServer();
  const name = `gb_test_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(server.adminUrl, name);
  // Migrations run from the test files (jest's module mapping does not reach global setup); they are idempotent.
  process.env.GB_TEST_DATABASE_URL = url;
  process.env.GB_TEST_ADMIN_URL = server.adminUrl;
  process.env.GB_TEST_DATABASE_NAME = name;
  (globalThis as { __gbStopServer?: () => Promise<void> }).__gbStopServer = server.stop;
}
