import DataLoader from "dataloader";

/**
 * A DataLoader by id that also answers, without a promise, the rows it was primed with: a sessions page primes its
 * groups, leaders and 110 clients, and resolving 550 attendance clients through load() cost a promise (and its
 * async-context bookkeeping) each. peek() gives exactly what load() would: a key already asked for or primed keeps
 * its first value, as DataLoader's cache does.
 */
export class PrimedLoader<V extends object> extends DataLoader<string, V | null> {
  private readonly primed = new Map<string, V>();
  /** Keys asked for through load(): priming them later changes nothing in DataLoader's cache, so nothing here either. */
  private readonly asked = new Set<string>();

  override load(key: string): Promise<V | null> {
    if (!this.primed.has(key)) this.asked.add(key);
    return super.load(key);
  }

  override prime(key: string, value: V | null | PromiseLike<V | null> | Error): this {
    if (value !== null && !(value instanceof Error) && !isPromiseLike(value) && !this.asked.has(key) && !this.primed.has(key)) this.primed.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.primed.delete(key);
    this.asked.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.primed.clear();
    this.asked.clear();
    return super.clearAll();
  }

  /** The row primed for the key, if it was primed before anything asked for it. */
  peek(key: string): V | undefined {
    return this.primed.get(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
