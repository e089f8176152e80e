import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { getDb, type Db } from "./index";
import { rateLimits } from "./schema";

// Limits per key per minute, counted in the database by rate-limiter-flexible, so every server on one
// PostgreSQL shares them. A window starts at a key's first hit and lasts the whole minute.

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const OK: LimitResult = { ok: true };

/** Seconds to wait before the window that refused a hit is over (at least 1). */
const refused = (res: RateLimiterRes): LimitResult => ({
  ok: false,
  retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});

// Not in the library's types, but public in its code: how long this process still refuses `rlKey`
// without asking the database.
type InMemoryBlocks = { getInMemoryBlockMsBeforeExpire(rlKey: string): number };

/** One kind of limit (uploads, bad keys, ...): `limit` hits per key per window, 0 meaning unlimited. */
export class SharedLimit {
  // One limiter per database and limit: `points` is fixed per limiter, and a limit set in the team's
  // settings changes at run time. All share the name as key prefix, hence the same counters.
  private readonly limiters = new WeakMap<Db, Map<number, RateLimiterDrizzle>>();

  constructor(
    readonly name: string,
    readonly windowSeconds = 60,
    private readonly database: () => Promise<Db> = getDb,
  ) {}

  private async limiter(limit: number) {
    const db = await this.database();
    let byLimit = this.limiters.get(db);
    if (!byLimit) this.limiters.set(db, (byLimit = new Map()));
    let limiter = byLimit.get(limit);
    if (!limiter) {
      limiter = new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: this.name,
        points: limit,
        duration: this.windowSeconds,
        // Once a key is refused, this process refuses it from memory until its window ends: a client
        // far over its limit costs no more database writes (one per server per window).
        inMemoryBlockOnConsumed: limit + 1,
        clearExpiredByTimeout: false, // db/housekeeping.ts deletes ended windows, once for all limits
      });
      byLimit.set(limit, limiter);
    }
    return limiter;
  }

  /** Records a hit for `key` unless that goes over `limit` in the current window. */
  async hit(key: string, limit: number): Promise<LimitResult> {
    if (limit <= 0) return OK;
    try {
      await (await this.limiter(limit)).consume(key);
      return OK;
    } catch (error) {
      if (error instanceof RateLimiterRes) return refused(error);
      throw error;
    }
  }

  /** Whether this process already refuses `key` from memory (no database work): see inMemoryBlockOnConsumed. */
  async refusedHere(key: string, limit: number): Promise<LimitResult> {
    if (limit <= 0) return OK;
    const limiter = await this.limiter(limit);
    const blockedMs = (limiter as unknown as InMemoryBlocks).getInMemoryBlockMsBeforeExpire(
      limiter.getKey(key),
    );
    return blockedMs > 0 ? refused(new RateLimiterRes(0, blockedMs)) : OK;
  }

  /** Takes back a hit of `key` (an attempt counted before it was known to succeed). */
  async undo(key: string, limit: number) {
    if (limit > 0) await (await this.limiter(limit)).reward(key);
  }
}

// On globalThis: route handlers, pages and server actions are separate bundles in Next and must share
// one set of limiters (and their in-memory refusals).
const store = globalThis as typeof globalThis & { __ccsLimits?: ReturnType<typeof createLimits> };

function createLimits() {
  return {
    /** Uploads per credential (key or session) per minute: the team's setting. */
    uploads: new SharedLimit("uploads"),
    /** Requests with a key that is not valid, per client per minute. */
    badKeys: new SharedLimit("bad-keys"),
    /** Failed sign-ins per client per minute, whatever names they try (each name also backs off). */
    signIns: new SharedLimit("sign-ins"),
    /** Telemetry exports per key per minute: TELEMETRY_RATE_LIMIT_PER_MINUTE. */
    telemetry: new SharedLimit("telemetry"),
  };
}

export const limits = (store.__ccsLimits ??= createLimits());
