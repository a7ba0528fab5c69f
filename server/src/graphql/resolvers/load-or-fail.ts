import type DataLoader from "dataloader";
import { notFound } from "../../errors/domain-error.js";

/** A foreign key guarantees the row exists; failing loudly beats returning null for a non-null field. */
export async function loadOrFail<T>(loader: DataLoader<string, T | null>, id: string, what: string): Promise<T> {
  const row = await loader.load(id);
  if (!row) throw notFound(what);
  return row;
}
