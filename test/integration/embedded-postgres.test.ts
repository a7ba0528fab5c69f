import { spawn, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/src/db/embedded-postgres.js";

jest.setTimeout(60_000);

const MODULE_FILE = path.resolve(__dirname, "../../server/src/db/embedded-postgres.ts");
const timings: Record<string, number> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Alive and not a zombie (an orphan whose parent died may linger as a zombie until init reaps it). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  const content = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  return Number.parseInt(content.split("\n")[0] ?? "", 10);
}

/** A pid that certainly belongs to no process: a short-lived child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  const pid = child.pid!;
  expect(await isRunning(pid)).toBe(false);
  return pid;
}

/**
 * Runs the real launcher in a separate node process (compiled on the fly with
 * SWC, as jest does) and resolves once the database is ready.
 */
function startInChildProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    const swc = require("@swc/core");
    const Module = require("node:module");
    const path = require("node:path");
    const file = process.env.GB_MODULE_FILE;
    const { code } = swc.transformFileSync(file, {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs", ignoreDynamic: true },
    });
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(path.dirname(file));
    mod._compile(code, file);
    mod.exports
      .startEmbeddedPostgres({ dataDir: process.env.GB_DATA_DIR, port: Number(process.env.GB_PORT) })
      .then((db) => console.log("READY " + db.url), (error) => { console.error(error); process.exit(1); });
    setInterval(() => {}, 60000);
  `;
  const child = spawn(process.execPath, ["-e", script], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, NODE_OPTIONS: "", GB_MODULE_FILE: MODULE_FILE, GB_DATA_DIR: dataDir, GB_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^READY (\S+)$/m.exec(stdout);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`child exited (${code ?? signal}) before ready:\n${stderr}`)));
  });
}

describe("startEmbeddedPostgres", () => {
  let tempDir: string;
  let dataDir: string;
  let port: number;
  let db: EmbeddedDatabase | undefined;
  let child: ChildProcess | undefined;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "gb-embedded-pg-"));
    dataDir = path.join(tempDir, "data", "pg");
    port = await freePort();
  });

  afterAll(async () => {
    await db?.stop();
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    // A postmaster that a failed test left behind must not outlive the run.
    const leftover = await postmasterPid(dataDir).catch(() => null);
    if (leftover && (await isRunning(leftover))) process.kill(leftover, "SIGQUIT");
    await fs.rm(tempDir, { recursive: true, force: true });
    if (process.env.EMBEDDED_PG_TIMINGS) console.log(JSON.stringify(timings));
  });

  it("initialises a new cluster and answers queries on 127.0.0.1 only", async () => {
    const signalListeners = ["SIGINT", "SIGTERM", "SIGHUP"].map((event) => process.listenerCount(event));
    const started = Date.now();
    db = await startEmbeddedPostgres({ dataDir, port, log });
    timings.coldStartMs = Date.now() - started;

    expect(db.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/postgres$`));
    expect(await fs.readFile(path.join(dataDir, "PG_VERSION"), "utf8")).toMatch(/^18/);
    expect(await query(db.url, "select 1 as one")).toEqual([{ one: 1 }]);
    const [{ server_version }] = await query<{ server_version: string }>(db.url, "show server_version");
    expect(server_version).toMatch(/^18\./);
    const [{ listen_addresses }] = await query<{ listen_addresses: string }>(db.url, "show listen_addresses");
    expect(listen_addresses).toBe("127.0.0.1");
    const [{ unix_socket_directories }] = await query<{ unix_socket_directories: string }>(
      db.url,
      "show unix_socket_directories",
    );
    expect(unix_socket_directories).toBe("");
    const [{ encoding }] = await query<{ encoding: string }>(
      db.url,
      "select pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()",
    );
    expect(encoding).toBe("UTF8");
    // Importing embedded-postgres must not leave signal handlers behind.
    expect(["SIGINT", "SIGTERM", "SIGHUP"].map((event) => process.listenerCount(event))).toEqual(signalListeners);
    // PostgreSQL's output went to the log callback.
    expect(lines.some((line) => line.includes("ready to accept connections"))).toBe(true);

    await query(db.url, "create table persisted (id int primary key, note text)");
    await query(db.url, "insert into persisted values (1, 'survives restarts')");

    const stopping = Date.now();
    await db.stop();
    timings.stopMs = Date.now() - stopping;
    await db.stop(); // idempotent
    await expect(fs.access(path.join(dataDir, "postmaster.pid"))).rejects.toThrow();
    db = undefined;
  });

  it("starts again on the same data folder and keeps the data", async () => {
    const started = Date.now();
    db = await startEmbeddedPostgres({ dataDir, port, log });
    timings.warmStartMs = Date.now() - started;
    expect(await query(db.url, "select id, note from persisted")).toEqual([{ id: 1, note: "survives restarts" }]);
    await db.stop();
    db = undefined;
  });

  it("removes a stale postmaster.pid whose process is gone", async () => {
    const pid = await deadPid();
    await fs.writeFile(
      path.join(dataDir, "postmaster.pid"),
      `${pid}\n${dataDir}\n${Math.floor(Date.now() / 1000)}\n${port}\n\n127.0.0.1\n  5432001   1\nready   \n`,
    );
    lines.length = 0;
    db = await startEmbeddedPostgres({ dataDir, port, log });
    expect(lines.some((line) => line.includes(`removing stale`) && line.includes(`pid ${pid}`))).toBe(true);
    expect(await query(db.url, "select count(*)::int as n from persisted")).toEqual([{ n: 1 }]);
    await db.stop();
    db = undefined;
  });

  it("stops a postmaster left running by a SIGKILLed node process", async () => {
    const first = await startInChildProcess(dataDir, port);
    child = first.child;
    const orphanPid = await postmasterPid(dataDir);
    await query(first.url, "insert into persisted values (2, 'written before the kill')");

    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    expect(await isRunning(orphanPid)).toBe(true); // the postmaster outlives its node process

    lines.length = 0;
    const started = Date.now();
    db = await startEmbeddedPostgres({ dataDir, port, log });
    timings.startAfterKillMs = Date.now() - started;
    expect(lines.some((line) => line.includes(`stopping PostgreSQL (pid ${orphanPid})`))).toBe(true);
    expect(await isRunning(orphanPid)).toBe(false);
    expect(await postmasterPid(dataDir)).not.toBe(orphanPid);
    expect(await query(db.url, "select id from persisted order by id")).toEqual([{ id: 1 }, { id: 2 }]);
    await db.stop();
    db = undefined;
  });
});
