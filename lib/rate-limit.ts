// A sliding-window limit per key, in memory. Limits are per server process: behind several servers
// a key may send up to (servers x limit) per minute, which still stops a runaway cron loop.

const WINDOW_MS = 60_000;

// On globalThis: the API route and the upload page's server action are separate bundles in Next,
// and must count against the same window.
const store = globalThis as typeof globalThis & { __ccsRateLimit?: Map<string, number[]> };
const hits = (store.__ccsRateLimit ??= new Map<string, number[]>());

/** Records a hit for `key`; returns the seconds to wait when over `perMinute` (0 means unlimited). */
export function hitRateLimit(
  key: string,
  perMinute: number,
  now = Date.now(),
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  if (perMinute <= 0) return { ok: true };
  const recent = (hits.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= perMinute) {
    hits.set(key, recent);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + WINDOW_MS - now) / 1000)) };
  }
  recent.push(now);
  hits.set(key, recent);
  if (hits.size > 10_000) {
    for (const [k, times] of hits) if (now - times.at(-1)! >= WINDOW_MS) hits.delete(k);
  }
  return { ok: true };
}
