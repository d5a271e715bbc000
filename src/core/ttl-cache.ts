// A small bounded map whose entries expire: the landing pages keep a few things they read on every
// view (the organisation, recipients' rows, which never change once sent) for a short while instead
// of asking the database each time, and the store its read-through caches (store/read-cache.ts).
// Pure: the clock is passed in.

export interface TtlCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  clear(): void;
}

export function createTtlCache<K, V>(maxEntries: number, ttlMs: number, now: () => number): TtlCache<K, V> {
  const entries = new Map<K, { value: V; expiresAt: number }>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      // Oldest first in a Map's order: evict from the front.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as K);
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}
