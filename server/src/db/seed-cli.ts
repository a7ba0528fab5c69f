import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "../config/config.js";
import { createDataSource, migrate } from "./data-source.js";
import { startEmbeddedPostgres } from "./embedded-postgres.js";
import { ensureDatabase } from "./ensure-database.js";
import { seedDemo } from "./seed.js";

/** `npm run seed`: loads the demo practice into DATABASE_URL, or into the embedded database in DATA_DIR. */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, "pg"), port: config.embeddedPostgresPort });
  const url = config.databaseUrl ?? (await ensureDatabase(embedded!.url, "groupbill"));
  const dataSource = createDataSource(url, 2);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    const result = await seedDemo(dataSource);
    console.log(result.created ? "Loaded the demo practice." : "The demo practice is already there.");
    console.log(`Sign in as ${result.email} with the password ${result.password}`);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
