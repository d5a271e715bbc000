// Per-IP brake on guessing: every unknown link code, anti-smishing miss and wrong identity answer
// spends a token from that address's bucket; an empty bucket refuses all link lookups from it for a
// while, hits included, so that the answer reveals nothing about which codes exist.
//
// Per process: each web process keeps its own buckets (N processes allow N times the budget). The
// key is a keyed hash of the address, kept only in memory, and the table is bounded.
import { createHmac, randomBytes } from 'node:crypto';

export interface RateLimitOptions {
  /** Misses allowed per window per address. */
  misses: number;
  windowMs: number;
  /** Addresses tracked at most; the oldest are forgotten first. */
  maxTracked?: number;
}

export interface MissLimiter {
  /** Whether this address has spent its budget. */
  blocked(ip: string, now: number): boolean;
  /** Spends one token; returns true when the budget is now spent. */
  miss(ip: string, now: number): boolean;
  /** Seconds until the address may try again. */
  retryAfter(ip: string, now: number): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createMissLimiter(opts: RateLimitOptions): MissLimiter {
  const key = randomBytes(32);
  const buckets = new Map<string, Bucket>();
  const max = opts.maxTracked ?? 100_000;
  const perMs = opts.misses / opts.windowMs;
  const id = (ip: string) => createHmac('sha256', key).update(ip).digest('base64url').slice(0, 22);

  function refill(b: Bucket, now: number): Bucket {
    b.tokens = Math.min(opts.misses, b.tokens + (now - b.updatedAt) * perMs);
    b.updatedAt = now;
    return b;
  }
  function current(ip: string, now: number): Bucket | undefined {
    const b = buckets.get(id(ip));
    return b && refill(b, now);
  }

  return {
    blocked(ip, now) {
      const b = current(ip, now);
      return b !== undefined && b.tokens < 1;
    },
    miss(ip, now) {
      const k = id(ip);
      let b = buckets.get(k);
      if (b) {
        refill(b, now);
        // Re-inserted so that the Map's order stays oldest-first for eviction.
        buckets.delete(k);
      } else {
        b = { tokens: opts.misses, updatedAt: now };
      }
      b.tokens = Math.max(0, b.tokens - 1);
      buckets.set(k, b);
      while (buckets.size > max) buckets.delete(buckets.keys().next().value!);
      return b.tokens < 1;
    },
    retryAfter(ip, now) {
      const b = current(ip, now);
      if (!b || b.tokens >= 1) return 0;
      return Math.ceil((1 - b.tokens) / perMs / 1000);
    },
  };
}
