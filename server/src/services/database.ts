import type { DataSource, EntityManager } from "typeorm";
import { inScope } from "../db/tenant-transaction.js";
import type { Actor } from "./request-context.js";

/** The only way services reach the database: every transaction is scoped to a practice or a user. */
export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** The actor's active practice: RLS hides every other practice's rows. */
  inPractice<T>(actor: Actor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inScope(this.dataSource, { practiceId: actor.practiceId, userId: actor.userId }, work);
  }

  /** Before a practice is chosen (sign-up, sign-in, token checks): tenant tables answer nothing. */
  asUser<T>(userId: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inScope(this.dataSource, { practiceId: null, userId }, work);
  }

  /** Creating a practice: the new id must be the scope before its first row can be written. */
  inNewPractice<T>(practiceId: string, userId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inScope(this.dataSource, { practiceId, userId }, work);
  }
}
