// When a failed webhook delivery is tried again, pure: capped exponential backoff with jitter. With the
// default base of 10 s the waits are about 10 s, 30 s, 90 s, 4.5 min, 13.5 min, 40 min, 2 h, then 6 h
// each; 12 attempts span roughly a day before a delivery is given up as failed.
export const MAX_DELIVERY_ATTEMPTS = 12;
export const DEFAULT_BACKOFF_BASE_MS = 10_000;

/** The cap is a fixed multiple of the base (6 h for 10 s), so a short test base shortens everything. */
const CAP_FACTOR = 2160;
const GROWTH = 3;
/** ±20 %: receivers that failed together are not all hit again in the same second. */
const JITTER = 0.2;

/** The wait after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, baseMs: number, random: number): number {
  const plain = Math.min(baseMs * CAP_FACTOR, baseMs * GROWTH ** Math.max(0, attempt - 1));
  return Math.round(plain * (1 - JITTER + 2 * JITTER * random));
}

/** What follows failed attempt `attempt`: another try at `at`, or giving up. */
export function afterFailure(attempt: number, now: number, baseMs: number, random: number, maxAttempts = MAX_DELIVERY_ATTEMPTS): { retry: true; at: number } | { retry: false } {
  if (attempt >= maxAttempts) return { retry: false };
  return { retry: true, at: now + retryDelayMs(attempt, baseMs, random) };
}
