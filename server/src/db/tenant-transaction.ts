import type { DataSource, EntityManager } from "typeorm";
import { RUNTIME_ROLE } from "./runtime-role.js";

/** Who the database should act for: RLS reads both settings, so nothing else needs trusting. */
export interface DbScope {
  practiceId: string | null;
  userId: string | null;
}

/**
 * Runs `work` in one transaction as the runtime role with the practice and user set transaction-locally,
 * so a pooled connection never carries one request's tenant into the next.
 */
export async function inScope<T>(dataSource: DataSource, scope: DbScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      "SELECT set_config('role', $1, true), set_config('app.practice_id', $2, true), set_config('app.user_id', $3, true)",
      [RUNTIME_ROLE, scope.practiceId ?? "", scope.userId ?? ""],
    );
    return work(manager);
  });
}

/** Narrows an open scoped transaction once sign-in has proven who the user is and which practice they chose. */
export async function rescope(manager: EntityManager, scope: DbScope): Promise<void> {
  await manager.query("SELECT set_config('app.practice_id', $1, true), set_config('app.user_id', $2, true)", [
    scope.practiceId ?? "",
    scope.userId ?? "",
  ]);
}
