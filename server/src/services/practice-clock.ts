import type { EntityManager } from "typeorm";
import { localDateOf } from "../domain/engine/index.js";
import { PracticeEntity } from "../entities/index.js";

/** "Today" is the practice's calendar day, not the server's: rules in force and defaults follow it. */
export async function practiceToday(manager: EntityManager, practiceId: string, now = new Date()): Promise<string> {
  const practice = await manager.findOneByOrFail(PracticeEntity, { id: practiceId });
  return localDateOf(now, practice.timezone);
}
