// When a failed delivery is tried again: quickly at first, then every 15 minutes, for a day. A receiver
// that is down for an hour gets every alert within 15 minutes of coming back.

/** Seconds to wait after the 1st, 2nd, … failed try; the last repeats. */
export const RETRY_DELAYS_SECONDS = [30, 60, 120, 300, 600, 900] as const;
/** A delivery still failing this long after it was queued is given up ("failed"). */
export const GIVE_UP_AFTER_SECONDS = 24 * 3600;

export interface RetryPolicy {
  delaysSeconds: readonly number[];
  giveUpAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  delaysSeconds: RETRY_DELAYS_SECONDS,
  giveUpAfterSeconds: GIVE_UP_AFTER_SECONDS,
};

/** The wait after `tries` failed tries (1 or more). */
export function retryDelaySeconds(tries: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const delays = policy.delaysSeconds;
  return delays[Math.min(Math.max(tries, 1), delays.length) - 1];
}
