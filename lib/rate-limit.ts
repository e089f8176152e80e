// Sliding-window limits, in memory and per server process: behind several servers a client may send up
// to (servers x limit) per window, which still stops a runaway cron loop or a guessing script.

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Hits per key over the last `windowMs`, for at most `maxKeys` keys (the oldest are forgotten first). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly windowMs: number,
    readonly maxKeys = 10_000,
  ) {}

  /** Records a hit for `key` unless it already has `limit` in the window (0 means unlimited). */
  hit(key: string, limit: number, now = Date.now()): LimitResult {
    return this.take(key, limit, now, true);
  }

  /** Whether `key` is within `limit`, without recording anything. */
  check(key: string, limit: number, now = Date.now()): LimitResult {
    return this.take(key, limit, now, false);
  }

  private take(key: string, limit: number, now: number, record: boolean): LimitResult {
    if (limit <= 0) return { ok: true };
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.hits.delete(key); // re-inserted below: Map order is then least recently hit first
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)),
      };
    }
    if (record) recent.push(now);
    if (recent.length > 0) this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { ok: true };
  }

  /** Takes back `key`'s latest hit (an attempt reserved before it was known to succeed). */
  undo(key: string) {
    this.hits.get(key)?.pop();
  }
}

// On globalThis: route handlers, pages and server actions are separate bundles in Next and must count
// against the same windows.
const store = globalThis as typeof globalThis & { __ccsLimits?: ReturnType<typeof createLimits> };

function createLimits() {
  return {
    /** Uploads per credential (key or session) per minute: the team's setting. */
    uploads: new RateLimiter(60_000),
    /** Requests with a key that is not valid, per client per minute. */
    badKeys: new RateLimiter(60_000),
    /** Failed sign-ins per client per minute, whatever names they try (each name also backs off). */
    signIns: new RateLimiter(60_000),
    /** Telemetry exports per key per minute: TELEMETRY_RATE_LIMIT_PER_MINUTE. */
    telemetry: new RateLimiter(60_000),
  };
}

export const limits = (store.__ccsLimits ??= createLimits());

export const BAD_KEYS_PER_CLIENT_PER_MINUTE = 60;
export const FAILED_SIGN_INS_PER_CLIENT_PER_MINUTE = 20;

/**
 * The client's address: the last X-Forwarded-For entry, which the proxy in front appended (Next sets it
 * from the socket when there is no proxy). A client reaching the app directly could forge it, which is
 * one more reason the README puts a proxy in front.
 */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim().slice(0, 64) || "unknown";
}
