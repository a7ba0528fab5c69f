import type { EntityManager } from "typeorm";

/** How many passwords an address may try before it is locked, and for how long. */
export interface LoginThrottlePolicy {
  /** Attempts allowed before the address is locked; each attempt after a lock doubles the wait. */
  freeAttempts: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = { freeAttempts: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000 };

// 2^30 times any base is already past any sensible maximum; the cap keeps power() from overflowing.
const MAX_DOUBLINGS = 30;

/**
 * Per-address throttle for anything that checks a password or reveals whether an account exists.
 * An attempt is counted before its password is checked, in one statement that also sets the lock, so a
 * burst of parallel guesses gets no more checks than guesses made one at a time; a success clears the count.
 */
export class LoginThrottle {
  constructor(private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE) {}

  /** Counts one attempt; returns 0 when it may go ahead, else the milliseconds the address stays locked. */
  async reserve(manager: EntityManager, email: string): Promise<number> {
    const { freeAttempts, baseLockMs, maxLockMs } = this.policy;
    // The lock is set by the same statement that counts the attempt that reaches the limit; while locked,
    // the WHERE leaves the row alone, so nothing is counted and RETURNING yields no row.
    const counted: unknown[] = await manager.query(
      `INSERT INTO login_throttle AS t (email, failures, locked_until, updated_at)
       VALUES ($1, 1, CASE WHEN 1 >= $2::int THEN now() + make_interval(secs => $3::float8 / 1000) END, now())
       ON CONFLICT (email) DO UPDATE
         SET failures = t.failures + 1,
             locked_until = CASE WHEN t.failures + 1 >= $2::int
               THEN now() + make_interval(secs => LEAST($4::float8, $3::float8 * power(2, LEAST($5::int, t.failures + 1 - $2::int))) / 1000)
             END,
             updated_at = now()
         WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING t.failures`,
      [email, freeAttempts, baseLockMs, maxLockMs, MAX_DOUBLINGS],
    );
    if (counted.length > 0) return 0;
    const rows: { wait_ms: number }[] = await manager.query(
      "SELECT GREATEST(1, EXTRACT(EPOCH FROM (locked_until - now())) * 1000)::float8 AS wait_ms FROM login_throttle WHERE email = $1",
      [email],
    );
    return rows.length ? Number(rows[0].wait_ms) : 1;
  }

  /** A proven owner of the address starts afresh. */
  async clear(manager: EntityManager, email: string): Promise<void> {
    await manager.query("DELETE FROM login_throttle WHERE email = $1", [email]);
  }
}
