import { DataSource, type Logger } from "typeorm";
import { entities } from "../entities/index.js";
import { migrations } from "./migrations/index.js";
import { connectionTypes } from "./timestamp-parser.js";

export function createDataSource(databaseUrl: string, poolSize = 10, logger?: Logger): DataSource {
  return new DataSource({
    type: "postgres",
    url: databaseUrl,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    // TypeORM would otherwise try to create uuid-ossp on every connect; ids come from the application.
    installExtensions: false,
    logging: false,
    ...(logger ? { logger } : {}),
    extra: { max: poolSize, application_name: "groupbill", types: connectionTypes },
  });
}

/** Applies pending migrations in one transaction each, as the connecting (owner) role. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: "each" });
  return applied.map((m) => m.name);
}
