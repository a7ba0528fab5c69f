import path from "node:path";

/** Everything the server reads from the environment, parsed once. */
export interface AppConfig {
  /** Empty when the embedded PostgreSQL should be used. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPostgresPort: number;
  port: number;
  host: string;
  production: boolean;
  /** Serve the built console from this folder when it exists. */
  consoleDir: string;
  /** Load the demo practice when a start finds an empty database (default: only for the embedded one). */
  seedDemoOnFirstStart: boolean;
  /** ISA15 of 837P files: T (test) unless told otherwise, so a demo file is never mistaken for a real claim. */
  /** Bigger pools help throughput only up to the database's core count. */
  databasePoolSize: number;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut (below the orchestrator's own kill timeout). */
  shutdownGraceSeconds: number;
  /** How often the background refresh of stored claim decisions runs when idle. */
  decisionRefreshIntervalMs: number;
}

export class ConfigError extends Error {}

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}"`);
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must use postgres:// or postgresql://; got ${url.protocol}//`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = env.NODE_ENV ?? "development";
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  return {
    databaseUrl,
    dataDir: path.resolve(cwd, env.DATA_DIR && env.DATA_DIR.trim() !== "" ? env.DATA_DIR : "data"),
    embeddedPostgresPort: parseInteger(env, "EMBEDDED_PG_PORT", 54329, 1024, 65535),
    port: parseInteger(env, "PORT", 4000, 0, 65535),
    host: env.HOST && env.HOST.trim() !== "" ? env.HOST : "0.0.0.0",
    production: nodeEnv === "production",
    consoleDir: path.resolve(__dirname, "../../../console/dist"),
    seedDemoOnFirstStart: parseBoolean(env, "SEED_DEMO", databaseUrl === null),
    databasePoolSize: parseInteger(env, "DATABASE_POOL_SIZE", 10, 1, 100),
    shutdownGraceSeconds: parseInteger(env, "SHUTDOWN_GRACE_SECONDS", 25, 1, 600),
    decisionRefreshIntervalMs: parseInteger(env, "DECISION_REFRESH_INTERVAL_MS", 1000, 50, 600_000),
  };
}
