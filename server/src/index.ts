import "reflect-metadata";
import path from "node:path";
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { createDataSource, migrate } from "./db/data-source.js";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded-postgres.js";
import { ensureDatabase } from "./db/ensure-database.js";
import { migrations } from "./db/migrations/index.js";
import { DEMO_PRACTICE, seedDemo } from "./db/seed.js";
import { buildGroupBillSchema } from "./graphql/schema.js";
import { tuneServerHeap } from "./server-heap.js";

async function main(): Promise<void> {
  tuneServerHeap();
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.join(config.dataDir, "pg")}`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, "pg"), port: config.embeddedPostgresPort });
    databaseUrl = await ensureDatabase(embedded.url, "groupbill");
  }

  const dataSource = createDataSource(databaseUrl, config.databasePoolSize);
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  const freshDatabase = applied.includes(migrations[0].name);
  if (freshDatabase && config.seedDemoOnFirstStart) {
    const demo = await seedDemo(dataSource);
    console.log(`Loaded the demo practice "${DEMO_PRACTICE}". Sign in as ${demo.email} with the password ${demo.password}`);
  }

  const app = await createApp({ dataSource, schema: await buildGroupBillSchema(), production: config.production, consoleDir: config.consoleDir, decisionRefreshIntervalMs: config.decisionRefreshIntervalMs });
  const port = await app.listen(config.port, config.host);
  console.log(`GroupBill is serving the API at http://localhost:${port}/graphql and the console at http://localhost:${port}/`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const grace = config.shutdownGraceSeconds;
    console.log(`${signal}: finishing the requests in flight (for at most ${grace} s), then shutting down`);
    // A pool that will not close must not keep the process, or the embedded PostgreSQL, up long after the grace period.
    setTimeout(() => {
      console.error("Shutdown took too long; exiting");
      void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, (grace + 5) * 1000).unref();
    let interrupted = 0;
    try {
      ({ interrupted } = await app.stop({ graceMs: grace * 1000 }));
    } catch (e) {
      console.error(e);
    }
    if (interrupted > 0) {
      // Their transactions still hold pooled connections, so closing the pool would wait for them; exiting drops
      // those connections and PostgreSQL rolls back what they had not committed.
      console.error(`${interrupted} request(s) still running after ${grace} s were cut`);
    } else {
      await dataSource.destroy().catch((e) => console.error(e));
    }
    await embedded?.stop().catch((e) => console.error(e));
    process.exit(interrupted > 0 ? 1 : 0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
