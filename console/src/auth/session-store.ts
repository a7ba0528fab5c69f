/**
 * The bearer token and when it will expire. Kept in sessionStorage (one browser tab), never the
 * password. The server ends a token after 30 idle minutes and 12 hours at most; the console signs
 * out on its own at the same moments so no patient data stays on an unattended screen.
 */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;
const KEY = "groupbill.session";

export interface StoredSession {
  token: string;
  startedAt: number;
  lastActiveAt: number;
}

export interface SessionState {
  session: StoredSession | null;
  /** Why the last session ended, shown on the sign-in page. */
  endedBecause: string | null;
}

type Listener = () => void;

function read(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    return typeof s.token === "string" ? s : null;
  } catch {
    return null;
  }
}

function write(s: StoredSession | null): void {
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage can be unavailable (private mode quotas); the session then lasts as long as the page.
  }
}

export function isExpired(s: StoredSession, now: number): boolean {
  return now - s.lastActiveAt >= IDLE_LIMIT_MS || now - s.startedAt >= ABSOLUTE_LIMIT_MS;
}

class SessionStore {
  private state: SessionState;
  private listeners = new Set<Listener>();

  constructor() {
    const stored = read();
    const live = stored && !isExpired(stored, Date.now()) ? stored : null;
    if (stored && !live) write(null);
    this.state = { session: live, endedBecause: stored && !live ? "Your session ended after a period of inactivity. Sign in again." : null };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  token(): string | null {
    return this.state.session?.token ?? null;
  }

  start(token: string, now = Date.now()): void {
    this.set({ session: { token, startedAt: now, lastActiveAt: now }, endedBecause: null });
  }

  /** A request succeeded: the server's idle clock restarted too. Not broadcast (nothing on screen changes). */
  touch(now = Date.now()): void {
    const s = this.state.session;
    if (!s) return;
    s.lastActiveAt = now;
    write(s);
  }

  end(reason: string | null = null): void {
    if (!this.state.session && this.state.endedBecause === reason) return;
    this.set({ session: null, endedBecause: reason });
  }

  /** Ends the session when its time is up; returns whether it did. */
  expireIfDue(now = Date.now()): boolean {
    const s = this.state.session;
    if (!s || !isExpired(s, now)) return false;
    const idle = now - s.lastActiveAt >= IDLE_LIMIT_MS;
    this.end(idle ? "Your session ended after 30 minutes without activity. Sign in again." : "Sessions last 12 hours at most. Sign in again.");
    return true;
  }

  private set(next: SessionState): void {
    this.state = next;
    write(next.session);
    for (const l of this.listeners) l();
  }
}

export const sessionStore = new SessionStore();
