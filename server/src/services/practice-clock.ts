import type { EntityManager } from "typeorm";
import { localDateOf } from "../domain/engine/index.js";
import { PracticeEntity } from "../entities/index.js";

let clock: () => Date = () => new Date();

/**
 * The instant the server takes as now for everything that depends on the date (defaults, timely filing).
 * Tests move it with `setPracticeClock` instead of waiting for days to pass.
 */
export function practiceNow(): Date {
  return clock();
}

/** Replaces the clock (tests); null restores the system clock. */
export function setPracticeClock(next: (() => Date) | null): void {
  clock = next ?? (() => new Date());
}

/** "Today" is the practice's calendar day, not the server's: rules in force and defaults follow it. */
export async function practiceToday(manager: EntityManager, practiceId: string, now = practiceNow()): Promise<string> {
  const practice = await manager.findOneByOrFail(PracticeEntity, { id: practiceId });
  return localDateOf(now, practice.timezone);
}
