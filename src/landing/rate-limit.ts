// Per-address brake on guessing: every unknown link code, anti-smishing miss and wrong identity answer
// spends a token from that address's bucket; an empty bucket refuses all link lookups from it for a
// while, hits included, so that the answer reveals nothing about which codes exist. The bucket holds
// `misses` tokens and refills evenly over `windowMs`.
//
// Shared by every process: the buckets live in the database (store/rate-limits.ts), spent by one atomic
// statement each, so N web processes allow the same budget as one. The key is a keyed hash of the
// address (never the address in clear); an IPv6 client counts by its /64, the block one subscriber
// gets, since rotating within it costs nothing. Rows untouched for a window are pruned.
import { isIP } from 'node:net';

/** What the brake asks of storage: token buckets shared by every process (store/rate-limits.ts). */
export interface SharedBuckets {
  spend(scope: string, bucket: string, now: number, rule: { capacity: number; windowMs: number }): Promise<number>;
  take(scope: string, bucket: string, now: number, rule: { capacity: number; windowMs: number }): Promise<number>;
  refund(scope: string, bucket: string, rule: { capacity: number; windowMs: number }): Promise<void>;
  remaining(scope: string, bucket: string, now: number, rule: { capacity: number; windowMs: number }): Promise<number>;
  prune(scope: string, before: number): Promise<number>;
}

export interface RateLimitOptions {
  buckets: SharedBuckets;
  /** The keyed hash that stands for an address in storage (a vault-derived MAC: the same in every process). */
  hash: (address: string) => string;
  /** Misses allowed per window per address. */
  misses: number;
  windowMs: number;
}

export interface MissLimiter {
  /**
   * Seconds until this address may try again, or null while it has budget left. `recent`: a reading of
   * the last second that found budget will do (page views of codes known to exist, see RECENT_MS).
   */
  blocked(ip: string, now: number, opts?: { recent?: boolean }): Promise<{ retryAfterSeconds: number } | null>;
  /** Spends one token; true when the budget is now spent. */
  miss(ip: string, now: number): Promise<boolean>;
  /**
   * Takes a token before a lookup that may be a guess (atomic across processes): null when granted,
   * else how long to wait. Under a burst, exactly the budget's worth of lookups are made.
   */
  reserve(ip: string, now: number): Promise<{ retryAfterSeconds: number } | null>;
  /** Gives the reserved token back: the lookup found a real code, so it was no guess. */
  refund(ip: string): Promise<void>;
}

const SCOPE = 'landing_guess';
/**
 * How long a reading that found budget may stand in for another, where the caller allows it (a page view
 * of a code this process knows exists: no guess). Any spending through this process drops the reading at
 * once; spending through another process shows here within this time. Guesses (reserve) and wrong
 * answers (miss) always go to the database.
 */
export const RECENT_MS = 1000;
const MAX_RECENT = 10_000;

/** The part of an address that names one client: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function addressKey(ip: string): string {
  const bare = ip.replace(/%.*$/u, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIP(bare) !== 6) return bare;
  const groups = ipv6Groups(bare);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function ipv6Groups(ip: string): string[] {
  let text = ip;
  // An embedded IPv4 tail (64:ff9b::192.0.2.1) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/u.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/u, ''));
}

export function createMissLimiter(opts: RateLimitOptions): MissLimiter {
  const rule = { capacity: opts.misses, windowMs: opts.windowMs };
  const perMs = opts.misses / opts.windowMs;
  const bucket = (ip: string) => opts.hash(addressKey(ip));
  // Pruning is cheap (an indexed delete) but needs no more than a few runs per window in each process.
  const pruneEveryMs = Math.max(1000, Math.floor(opts.windowMs / 10));
  let prunedAt = -Infinity;
  // Bucket → when it was last read with budget left.
  const hadBudget = new Map<string, number>();
  // Counts spending through this limiter: a reading begun before one is not kept.
  let spends = 0;
  const spending = (key: string) => {
    spends++;
    hadBudget.delete(key);
  };

  const waitFor = (tokens: number) => ({ retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) });
  const prune = async (now: number) => {
    if (now - prunedAt < pruneEveryMs) return;
    prunedAt = now;
    await opts.buckets.prune(SCOPE, now - opts.windowMs);
  };

  return {
    async blocked(ip, now, o) {
      const key = bucket(ip);
      const seenAt = o?.recent ? hadBudget.get(key) : undefined;
      if (seenAt !== undefined && now >= seenAt && now - seenAt < RECENT_MS) return null;
      const before = spends;
      const tokens = await opts.buckets.remaining(SCOPE, key, now, rule);
      if (tokens < 1) {
        hadBudget.delete(key);
        return waitFor(tokens);
      }
      if (before === spends) {
        if (hadBudget.size >= MAX_RECENT) hadBudget.clear();
        hadBudget.set(key, now);
      }
      return null;
    },
    async reserve(ip, now) {
      const key = bucket(ip);
      spending(key);
      const left = await opts.buckets.take(SCOPE, key, now, rule);
      spending(key);
      await prune(now);
      // A refused take left `left` (< 0) in the bucket: wait until a whole token is back.
      return left < 0 ? waitFor(left) : null;
    },
    async refund(ip) {
      await opts.buckets.refund(SCOPE, bucket(ip), rule);
    },
    async miss(ip, now) {
      const key = bucket(ip);
      spending(key);
      const left = await opts.buckets.spend(SCOPE, key, now, rule);
      spending(key);
      await prune(now);
      return left < 1;
    },
  };
}
