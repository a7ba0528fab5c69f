import type { DataSource, EntityManager } from "typeorm";
import { LeanColumns } from "../db/lean-rows.js";
import { inScope, requestTransactions, type DbScope } from "../db/tenant-transaction.js";
import type { Actor } from "./request-context.js";

/**
 * The only way services reach the database: every transaction is scoped to a practice or a user. Inside a
 * GraphQL read request every call joins the request's one transaction (see RequestTransaction); elsewhere, and
 * in mutations, each call is a transaction of its own.
 */
export class Database {
  /** Plain rows for hot reads (see LeanColumns). */
  readonly lean: LeanColumns;

  constructor(readonly dataSource: DataSource) {
    this.lean = new LeanColumns(dataSource);
  }

  /** The actor's active practice: RLS hides every other practice's rows. */
  inPractice<T>(actor: Actor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scoped({ practiceId: actor.practiceId, userId: actor.userId }, work, false);
  }

  /** Before a practice is chosen (sign-up, sign-in, token checks): tenant tables answer nothing. */
  asUser<T>(userId: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Such work may narrow the scope itself (rescope), so it never runs beside other calls.
    return this.scoped({ practiceId: null, userId }, work, true);
  }

  /** Creating a practice: the new id must be the scope before its first row can be written. */
  inNewPractice<T>(practiceId: string, userId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scoped({ practiceId, userId }, work, true);
  }

  private scoped<T>(scope: DbScope, work: (manager: EntityManager) => Promise<T>, exclusive: boolean): Promise<T> {
    const request = requestTransactions.getStore();
    if (request?.sharing) return request.run(scope, work, exclusive);
    return inScope(this.dataSource, scope, work);
  }
}
