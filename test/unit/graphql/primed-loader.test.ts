import { PrimedLoader } from "../../../server/src/graphql/primed-loader";
import { loadOrFail } from "../../../server/src/graphql/resolvers/load-or-fail";

interface Row {
  id: string;
  name: string;
}

/** A loader over a fixed table that records every batch it was asked for. */
function loaderOver(table: Row[]) {
  const batches: string[][] = [];
  const loader = new PrimedLoader<Row>(async (ids) => {
    batches.push([...ids]);
    return ids.map((id) => table.find((r) => r.id === id) ?? null);
  });
  return { loader, batches };
}

describe("PrimedLoader", () => {
  test("a primed row is answered at once, as the very object primed, and never read", async () => {
    const { loader, batches } = loaderOver([{ id: "a", name: "from the database" }]);
    const primed = { id: "a", name: "primed" };
    loader.prime("a", primed);
    const answer = loadOrFail(loader, "a", "Client");
    expect(answer).toBe(primed);
    await expect(loader.load("a")).resolves.toBe(primed);
    expect(batches).toEqual([]);
  });

  test("a key asked for before it was primed keeps what it loaded, as DataLoader's cache does", async () => {
    const { loader, batches } = loaderOver([{ id: "a", name: "from the database" }]);
    const loaded = loader.load("a");
    loader.prime("a", { id: "a", name: "primed too late" });
    expect(loader.peek("a")).toBeUndefined();
    await expect(loaded).resolves.toEqual({ id: "a", name: "from the database" });
    const again = loadOrFail(loader, "a", "Client");
    expect(again).toBeInstanceOf(Promise);
    await expect(again).resolves.toEqual({ id: "a", name: "from the database" });
    expect(batches).toEqual([["a"]]);
  });

  test("a second prime of a key changes nothing; null, errors and promises are left to load()", async () => {
    const { loader } = loaderOver([]);
    const first = { id: "a", name: "first" };
    loader.prime("a", first);
    loader.prime("a", { id: "a", name: "second" });
    expect(loader.peek("a")).toBe(first);
    loader.prime("b", null);
    loader.prime("c", new Error("gone"));
    loader.prime("d", Promise.resolve({ id: "d", name: "later" }));
    for (const key of ["b", "c", "d"]) expect(loader.peek(key)).toBeUndefined();
    await expect(loader.load("b")).resolves.toBeNull();
    await expect(loader.load("c")).rejects.toThrow("gone");
    await expect(loader.load("d")).resolves.toEqual({ id: "d", name: "later" });
  });

  test("clearing a key or all keys forgets the primed rows with DataLoader's cache", async () => {
    const { loader, batches } = loaderOver([{ id: "a", name: "from the database" }, { id: "b", name: "b from the database" }]);
    loader.prime("a", { id: "a", name: "primed" });
    loader.prime("b", { id: "b", name: "primed" });
    loader.clear("a");
    expect(loader.peek("a")).toBeUndefined();
    await expect(loader.load("a")).resolves.toEqual({ id: "a", name: "from the database" });
    loader.clearAll();
    expect(loader.peek("b")).toBeUndefined();
    loader.prime("a", { id: "a", name: "primed again" });
    expect(loader.peek("a")).toEqual({ id: "a", name: "primed again" });
    expect(batches).toEqual([["a"]]);
  });

  test("a row that does not exist fails as not found, primed or not", async () => {
    const { loader } = loaderOver([]);
    await expect(loadOrFail(loader, "missing", "Client")).rejects.toThrow("Client not found");
  });
});
