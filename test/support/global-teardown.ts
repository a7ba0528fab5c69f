import { Client } from "pg";

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.GB_TEST_ADMIN_URL;
  const name = process.env.GB_TEST_DATABASE_NAME;
  if (adminUrl && name && process.env.GB_KEEP_TEST_DATABASE !== "1") {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
  await (globalThis as { __gbStopServer?: () => Promise<void> }).__gbStopServer?.();
}
