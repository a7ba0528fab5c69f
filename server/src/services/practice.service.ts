import { PracticeEntity } from "../entities/index.js";
import type { Database } from "./database.js";
import type { Actor } from "./request-context.js";

export class PracticeService {
  constructor(private readonly db: Database) {}

  current(actor: Actor): Promise<PracticeEntity> {
    return this.db.inPractice(actor, (m) => m.findOneByOrFail(PracticeEntity, { id: actor.practiceId }));
  }
}
