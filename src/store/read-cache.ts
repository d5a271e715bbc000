// A row read on every verified page view (a message's payment, a recipient's document), kept for a
// moment: the store that writes the row forgets it once the write has committed, so this process sees
// its own writes at once; another process's writes show within the time an entry lives.
import { createTtlCache } from '../core/ttl-cache.ts';

export interface ReadCache<K, V> {
  /** The cached value, or `read()`'s (kept unless a write came while it was being read). */
  get(key: K, read: () => Promise<V>): Promise<V>;
  /** After a write of `key` has committed. */
  forget(key: K): void;
  /** After a write whose keys are not known (a whole upload, a campaign's documents). */
  forgetAll(): void;
}

export function createReadCache<K, V>(maxEntries: number, ttlMs: number, now: () => number): ReadCache<K, V> {
  const entries = createTtlCache<K, V>(maxEntries, ttlMs, now);
  // Counts writes: a read that began before a write may have seen the row as it was, so it is not kept.
  let writes = 0;
  return {
    async get(key, read) {
      const hit = entries.get(key);
      if (hit !== undefined) return hit;
      const before = writes;
      const value = await read();
      if (writes === before) entries.set(key, value);
      return value;
    },
    forget(key) {
      writes++;
      entries.delete(key);
    },
    forgetAll() {
      writes++;
      entries.clear();
    },
  };
}
