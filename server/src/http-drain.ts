import type http from "node:http";
import type { NextFunction, Request, Response } from "express";

export interface DrainResult {
  /** Requests still running when the grace period ended; their connections were cut. */
  interrupted: number;
}

/** Resolves true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// A connection that has not finished sending its request by then is not a request in flight.
const STRAGGLER_MS = 1000;
/**
 * Closing the listening socket resets every connection still in the kernel's accept queue, and closing "idle"
 * connections resets those whose request has arrived but not been read yet: so listening stops only after this
 * long without a new connection or request (each of which got its 503), within the grace period.
 */
export const DEFAULT_QUIET_MS = 250;

/**
 * Stops an HTTP server without dropping work. While draining, every new request is answered by `refuse` (a 503)
 * and its connection closed; every request already started finishes and writes its whole answer; only then does
 * the server stop listening and close what is left. So each request is either answered or never started, and a
 * client never sees a reset for work that was done.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private whenIdle: (() => void) | null = null;
  private lastArrival = Date.now();

  constructor(
    private readonly server: http.Server,
    private readonly refuse: (req: Request, res: Response) => void,
  ) {
    server.on("connection", () => {
      this.lastArrival = Date.now();
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware: counts the requests in flight, and refuses new ones once draining. */
  readonly track = (req: Request, res: Response, next: NextFunction): void => {
    this.lastArrival = Date.now();
    if (this.draining) {
      res.setHeader("connection", "close");
      this.refuse(req, res);
      return;
    }
    this.inFlight.add(res);
    // "close" comes after the answer was handed to the socket, or when the client went away.
    res.once("close", () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.whenIdle?.();
    });
    next();
  };

  async drain(graceMs: number, quietMs = DEFAULT_QUIET_MS): Promise<DrainResult> {
    this.draining = true;
    // Answers still to come end their connection, so no kept-alive socket outlives its last request.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    const idle = new Promise<void>((resolve) => {
      this.whenIdle = resolve;
    });
    const deadline = Date.now() + graceMs;
    const finished = this.inFlight.size === 0 || (await within(idle, graceMs));
    if (finished) await this.quiet(quietMs, deadline);
    const interrupted = this.inFlight.size;

    // Listening stops only now: until here a newcomer got a 503 rather than a refused connection.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (!finished || !(await within(closed, STRAGGLER_MS))) this.server.closeAllConnections();
    await closed;
    return { interrupted };
  }

  /** Until nothing has arrived for `quietMs` (a request arriving meanwhile is refused, so it ends quickly), or the deadline. */
  private async quiet(quietMs: number, deadline: number): Promise<void> {
    for (;;) {
      const wait = Math.min(this.lastArrival + quietMs, deadline) - Date.now();
      if (wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
