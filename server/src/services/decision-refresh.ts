import type { DataSource } from "typeorm";
import { inScope } from "../db/tenant-transaction.js";
import { markDueDecisions, nextStaleDates, recomputeDates } from "./decision-store.js";
import { practiceNow } from "./practice-clock.js";

/** About a week of a large practice per transaction: well under a second, so readers never wait long on the lock. */
const DATES_PER_CHUNK = 7;

/**
 * Drains stale claim-decision dates in the background, a bounded chunk per transaction, so a change that touches
 * a year (a back-dated payer rule) is recomputed here rather than inside one request. Reads stay correct without
 * it: they recompute what they touch that is still stale. Each chunk runs in the practice's RLS scope; the only
 * cross-tenant step is practices_with_stale_decisions(), which returns practice ids and nothing else.
 */
export class DecisionRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intervalMs: number,
    private readonly log: (message: string, detail?: unknown) => void,
  ) {}

  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Lets the chunk in progress commit, then stops; no new chunk starts once this is called. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Refreshes until nothing is stale (or stop is called); returns the number of dates recomputed. */
  async drain(): Promise<number> {
    let total = 0;
    await this.markDue();
    for (;;) {
      if (this.stopping) return total;
      const practices: { id: string }[] = await inScope(this.dataSource, { practiceId: null, userId: null }, (m) =>
        m.query(`SELECT practices_with_stale_decisions() AS id`),
      );
      let progressed = 0;
      for (const { id } of practices) {
        if (this.stopping) return total;
        try {
          progressed += await inScope(this.dataSource, { practiceId: id, userId: null }, async (m) =>
            recomputeDates(m, id, await nextStaleDates(m, id, DATES_PER_CHUNK)),
          );
        } catch (error) {
          // One practice's failure must not starve the others; its dates stay stale and reads still recompute them.
          this.log(`Background refresh of claim decisions failed for practice ${id}; retrying later`, error);
        }
      }
      total += progressed;
      // Marks whose dates were already recomputed by a reader leave nothing to do; stop rather than spin.
      if (progressed === 0) return total;
    }
  }

  /**
   * Decisions whose answer changes with the date (timely filing) and whose recheck date has come: their dates are
   * marked stale here, so they are recomputed in the background as days pass even when nobody reads them.
   */
  private async markDue(): Promise<void> {
    const practices: { id: string }[] = await inScope(this.dataSource, { practiceId: null, userId: null }, (m) =>
      m.query(`SELECT practices_with_due_decisions($1::timestamptz) AS id`, [practiceNow().toISOString()]),
    );
    for (const { id } of practices) {
      if (this.stopping) return;
      try {
        await inScope(this.dataSource, { practiceId: id, userId: null }, (m) => markDueDecisions(m, id));
      } catch (error) {
        // Reads mark them too; the next round retries.
        this.log(`Marking claim decisions due for a recheck failed for practice ${id}; retrying later`, error);
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .then(() => undefined)
        .catch((error) => this.log("Background refresh of claim decisions failed; retrying", error))
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
