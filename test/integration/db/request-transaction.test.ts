import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { RequestTransaction, type DbScope } from "../../../server/src/db/tenant-transaction";
import { startTestServer, type TestServer } from "../../support/api";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Seen {
  txid: string;
  pid: number;
  practice: string;
}

const whereAmI = async (m: EntityManager, sleepSeconds = 0): Promise<Seen> => {
  if (sleepSeconds > 0) await m.query("SELECT pg_sleep($1)", [sleepSeconds]);
  const [row] = await m.query("SELECT txid_current()::text AS txid, pg_backend_pid() AS pid, current_setting('app.practice_id', true) AS practice");
  return row;
};

function pool(): { totalCount: number; idleCount: number } {
  return (server.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
}

const scopeOf = (practiceId: string): DbScope => ({ practiceId, userId: randomUUID() });

describe("a request transaction", () => {
  it("runs every call of the request in one transaction on one connection, and commits it once at the end", async () => {
    const tx = new RequestTransaction(server.dataSource);
    const practiceId = randomUUID();
    const scope = scopeOf(practiceId);
    const seen = await Promise.all(Array.from({ length: 6 }, (_, i) => tx.run(scope, (m) => whereAmI(m, i % 2 ? 0.02 : 0), false)));
    expect(new Set(seen.map((s) => s.txid)).size).toBe(1);
    expect(new Set(seen.map((s) => s.pid)).size).toBe(1);
    expect(seen.every((s) => s.practice === practiceId)).toBe(true);
    await tx.finish();
    const [{ status }] = await server.dataSource.query("SELECT txid_status($1::bigint) AS status", [seen[0].txid]);
    expect(status).toBe("committed");
    expect(pool().idleCount).toBe(pool().totalCount);
    // Once finished, a straggler gets a transaction of its own instead of a closed one.
    const after = await tx.run(scope, (m) => whereAmI(m), false);
    expect(after.txid).not.toBe(seen[0].txid);
    expect(after.practice).toBe(practiceId);
  });

  it("switches to another scope only when no other call is running, so no call ever reads another tenant's setting", async () => {
    const tx = new RequestTransaction(server.dataSource);
    const a = randomUUID();
    const b = randomUUID();
    const [slowA, exclusiveB, laterA] = await Promise.all([
      tx.run(scopeOf(a), (m) => whereAmI(m, 0.1), false),
      tx.run(scopeOf(b), (m) => whereAmI(m, 0.05), true),
      tx.run(scopeOf(a), (m) => whereAmI(m), false),
    ]);
    expect(slowA.practice).toBe(a);
    expect(exclusiveB.practice).toBe(b);
    expect(laterA.practice).toBe(a);
    expect(new Set([slowA.txid, exclusiveB.txid, laterA.txid]).size).toBe(1);
    await tx.finish();
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it("fails only the call whose statement failed: the others run again in a fresh transaction; the aborted one is rolled back", async () => {
    const tx = new RequestTransaction(server.dataSource);
    const practiceId = randomUUID();
    const scope = scopeOf(practiceId);
    const first = await tx.run(scope, (m) => whereAmI(m), false);
    const [failed, bystander] = await Promise.allSettled([
      tx.run(scope, (m) => m.query("SELECT 1 / 0"), false),
      // Queued behind the failing statement: PostgreSQL refuses it (25P02) in the aborted transaction.
      tx.run(scope, (m) => whereAmI(m), false),
    ]);
    expect(failed.status).toBe("rejected");
    expect(String((failed as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    expect(bystander.status).toBe("fulfilled");
    const again = (bystander as PromiseFulfilledResult<Seen>).value;
    expect(again.practice).toBe(practiceId);
    expect(again.txid).not.toBe(first.txid);
    expect(again.pid).toBe(first.pid);
    const later = await tx.run(scope, (m) => whereAmI(m), false);
    expect(later.txid).toBe(again.txid);
    await tx.finish();
    const [{ status }] = await server.dataSource.query("SELECT txid_status($1::bigint) AS status", [first.txid]);
    expect(status).toBe("aborted");
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it("runs a call made from inside another call's work instead of waiting for that call to end", async () => {
    const tx = new RequestTransaction(server.dataSource);
    const a = scopeOf(randomUUID());
    const b = scopeOf(randomUUID());
    const [outer, sameScope, otherScope] = await tx.run(
      a,
      async (m) => [await whereAmI(m), await tx.run(a, (inner) => whereAmI(inner), false), await tx.run(b, (inner) => whereAmI(inner), true)],
      true,
    );
    expect(sameScope.txid).toBe(outer.txid);
    expect(otherScope.txid).not.toBe(outer.txid);
    expect(otherScope.practice).toBe(b.practiceId);
    await tx.finish();
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it("opens nothing when the request never reaches the database", async () => {
    const before = pool().totalCount - pool().idleCount;
    const tx = new RequestTransaction(server.dataSource);
    await tx.finish();
    expect(pool().totalCount - pool().idleCount).toBe(before);
  });
});
