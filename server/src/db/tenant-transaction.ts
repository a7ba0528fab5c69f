import { AsyncLocalStorage } from "node:async_hooks";
import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from "typeorm";
import { driverErrorText } from "../services/db-errors.js";
import { RUNTIME_ROLE } from "./runtime-role.js";

/** Who the database should act for: RLS reads both settings, so nothing else needs trusting. */
export interface DbScope {
  practiceId: string | null;
  userId: string | null;
}

const SET_SCOPE = "SELECT set_config('role', $1, true), set_config('app.practice_id', $2, true), set_config('app.user_id', $3, true)";

function scopeParams(scope: DbScope): string[] {
  return [RUNTIME_ROLE, scope.practiceId ?? "", scope.userId ?? ""];
}

function scopeKey(scope: DbScope): string {
  return `${scope.practiceId ?? ""}/${scope.userId ?? ""}`;
}

/**
 * Runs `work` in one transaction as the runtime role with the practice and user set transaction-locally,
 * so a pooled connection never carries one request's tenant into the next.
 */
export async function inScope<T>(dataSource: DataSource, scope: DbScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(SET_SCOPE, scopeParams(scope));
    return work(manager);
  });
}

/** Narrows an open scoped transaction once sign-in has proven who the user is and which practice they chose. */
export async function rescope(manager: EntityManager, scope: DbScope): Promise<void> {
  await manager.query("SELECT set_config('app.practice_id', $1, true), set_config('app.user_id', $2, true)", [
    scope.practiceId ?? "",
    scope.userId ?? "",
  ]);
  noteRescoped(manager, scope);
}

/** The scope was narrowed by a statement that did more than rescope (the token check): the request's transaction learns it. */
export function noteRescoped(manager: EntityManager, scope: DbScope): void {
  requestTransactions.getStore()?.noteRescope(manager, scope);
}

/** The request being served, if any: services reach its transaction through Database without passing it around. */
export const requestTransactions = new AsyncLocalStorage<RequestTransaction>();

/** The request-transaction call the current code runs inside, to tell a nested call from a concurrent one. */
const currentCall = new AsyncLocalStorage<{ transaction: RequestTransaction; scope: string }>();

/** PostgreSQL aborts the whole transaction after any failed statement; later statements fail with this code. */
const IN_FAILED_TRANSACTION = "25P02";

function failedStatementCode(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  return driverErrorText(error, "code") ?? "unknown";
}

/**
 * Concurrent calls send their statements one after another on the shared connection, in the order they were
 * issued (node-pg would queue them too, but deprecates handing a busy client a second query).
 */
function queueStatements(runner: QueryRunner): void {
  const send = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  // query() is generic in its result type (and overloaded); the wrapper forwards the arguments and the promise as they are.
  runner.query = ((...args: Parameters<QueryRunner["query"]>) => {
    const sent = tail.then(() => send(...args));
    tail = sent.catch(() => undefined);
    return sent;
  }) as QueryRunner["query"];
}

interface Entry {
  manager: EntityManager;
  leave(): void;
}

/**
 * One transaction for a whole read request, opened on first use and shared by every service call and DataLoader
 * batch of the request: node-pg queues their statements on the one connection, so a page costs BEGIN, one scope
 * statement, its reads and COMMIT instead of three wrapping statements per call. The scope (role, practice, user)
 * is set once; a call for another scope (sign-in narrowing, a user-level read) waits until no other call is running
 * and switches it. A failed statement aborts a PostgreSQL transaction, so after one the next call first starts a
 * fresh transaction on the same connection, and calls that failed only because of that abort run again there.
 * Once `finish` has begun (end of the request, or a mutation's execution starts) every later call runs in a
 * transaction of its own, exactly as without a request transaction. A request holds at most one pooled
 * connection at any time, so concurrent requests cannot deadlock on the pool.
 */
export class RequestTransaction {
  private runner: QueryRunner | null = null;
  /** The scope the open transaction has set; null when unknown (nothing open, or a rescope we did not see). */
  private scope: string | null = null;
  private aborted = false;
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  /** Held while the transaction is being opened, restarted or switched to another scope. */
  private gate: Promise<void> | null = null;
  private finishing: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Whether calls still join this transaction (false once the request has finished or chose transactions per call). */
  get sharing(): boolean {
    return this.finishing === null;
  }

  /**
   * Runs `work` in the request's transaction under `scope`. `exclusive` work runs alone (nothing else uses the
   * connection meanwhile), which work that may change the scope itself (sign-in) needs.
   */
  async run<T>(scope: DbScope, work: (manager: EntityManager) => Promise<T>, exclusive: boolean): Promise<T> {
    const key = scopeKey(scope);
    const outer = currentCall.getStore();
    if (outer?.transaction === this) {
      // Called from inside another call's work, which holds its place (and for exclusive work, the gate): waiting
      // for the connection would wait for ourselves. Same scope joins the outer call; another scope gets its own
      // transaction, as every call did before requests shared one.
      if (outer.scope === key && this.runner) return work(this.runner.manager);
      return inScope(this.dataSource, scope, work);
    }
    for (let attempt = 0; ; attempt++) {
      const entry = await this.enter(scope, exclusive);
      if (!entry) return inScope(this.dataSource, scope, work);
      try {
        return await currentCall.run({ transaction: this, scope: key }, () => work(entry.manager));
      } catch (error) {
        const code = failedStatementCode(error);
        if (code !== null) this.aborted = true;
        // Aborted by another call's failure, not by its own statement: it gets a fresh transaction once.
        if (code === IN_FAILED_TRANSACTION && attempt === 0) continue;
        throw error;
      } finally {
        entry.leave();
      }
    }
  }

  /** The sign-in narrowed the scope inside this transaction: later calls for that scope can share it. */
  noteRescope(manager: EntityManager, scope: DbScope): void {
    if (this.runner && manager === this.runner.manager) this.scope = scopeKey(scope);
  }

  /**
   * Ends the transaction once every call using it has settled: COMMIT, or ROLLBACK after a failed statement. The
   * connection goes back to the pool whatever happens. Idempotent; calls arriving later run on their own.
   */
  finish(): Promise<void> {
    // Never rejects: close() already destroys a connection it could not end cleanly, and the answer is decided.
    this.finishing ??= this.close().catch(() => undefined);
    return this.finishing;
  }

  private async close(): Promise<void> {
    while (this.gate) await this.gate;
    await this.whenIdle();
    const runner = this.runner;
    if (!runner) return;
    this.runner = null;
    try {
      if (this.aborted) await runner.rollbackTransaction();
      else await runner.commitTransaction();
      await runner.release();
    } catch {
      // The connection is in an unknown state (or gone): destroy it rather than hand it to the next request.
      // PostgresQueryRunner's releasePostgresConnection(error) destroys the client instead of pooling it; it is private in
      // TypeORM's types, hence the lookup by name.
      const destroy: unknown = Reflect.get(runner, "releasePostgresConnection");
      if (typeof destroy === "function") await destroy.call(runner, new Error("request transaction failed to end"));
      if (!runner.isReleased) await runner.release().catch(() => undefined);
    }
  }

  private whenIdle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private left(): void {
    this.running -= 1;
    if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async enter(scope: DbScope, exclusive: boolean): Promise<Entry | null> {
    const key = scopeKey(scope);
    while (this.gate) await this.gate;
    if (this.finishing) return null;
    if (!exclusive && this.runner && !this.aborted && this.scope === key) {
      this.running += 1;
      return { manager: this.runner.manager, leave: () => this.left() };
    }
    let openGate!: () => void;
    this.gate = new Promise((resolve) => (openGate = resolve));
    const releaseGate = () => {
      this.gate = null;
      openGate();
    };
    try {
      await this.whenIdle();
      await this.prepare(scope, key);
    } catch (error) {
      releaseGate();
      throw error;
    }
    this.running += 1;
    const manager = this.runner!.manager;
    if (exclusive) {
      return {
        manager,
        leave: () => {
          this.left();
          releaseGate();
        },
      };
    }
    releaseGate();
    return { manager, leave: () => this.left() };
  }

  /** Opens (or after a failed statement, restarts) the transaction and sets the scope; nothing else is running. */
  private async prepare(scope: DbScope, key: string): Promise<void> {
    if (!this.runner) {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
        await runner.startTransaction();
      } catch (error) {
        await runner.release().catch(() => undefined);
        throw error;
      }
      queueStatements(runner);
      this.runner = runner;
      this.scope = null;
      this.aborted = false;
    } else if (this.aborted) {
      await this.runner.rollbackTransaction();
      await this.runner.startTransaction();
      this.scope = null;
      this.aborted = false;
    }
    if (this.scope !== key) {
      try {
        await this.runner.query(SET_SCOPE, scopeParams(scope));
      } catch (error) {
        this.aborted = true;
        throw error;
      }
      this.scope = key;
    }
  }
}
