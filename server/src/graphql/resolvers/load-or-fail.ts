import type DataLoader from "dataloader";
import { notFound } from "../../errors/domain-error.js";
import { PrimedLoader } from "../primed-loader.js";

/**
 * A foreign key guarantees the row exists; failing loudly beats returning null for a non-null field. A row the
 * request already primed is answered as it is: GraphQL completes a plain value without a promise.
 */
export function loadOrFail<T extends object>(loader: DataLoader<string, T | null>, id: string, what: string): T | Promise<T> {
  const primed = loader instanceof PrimedLoader ? (loader.peek(id) as T | undefined) : undefined;
  if (primed !== undefined) return primed;
  return loader.load(id).then((row) => {
    if (!row) throw notFound(what);
    return row;
  });
}
