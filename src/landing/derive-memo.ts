// Page views repeat the same keyed MACs: a visitor's address (its budget bucket, its open mark, its
// hash in the page's history), the browser's CSRF nonce and its session cookie. A MAC is a pure
// function of its input, so recent ones are kept (bounded, for a while) instead of computed per view.
// Identity answers are never kept: they are compared once and must not stay in memory.
import type { Vault } from '../core/vault.ts';
import { createTtlCache } from '../core/ttl-cache.ts';

const MAX_ENTRIES = 20_000;
const TTL_MS = 10 * 60_000;
const NEVER_KEPT = new Set(['landing/answer']);

/** The vault with its `derive` answered from recent results; callers must not modify the returned bytes. */
export function withDeriveMemo(vault: Vault, now: () => number): Vault {
  const memo = createTtlCache<string, Buffer>(MAX_ENTRIES, TTL_MS, now);
  return {
    encrypt: (plain) => vault.encrypt(plain),
    decrypt: (sealed) => vault.decrypt(sealed),
    blindIndex: (value) => vault.blindIndex(value),
    derive(purpose, value, bytes) {
      if (NEVER_KEPT.has(purpose)) return vault.derive(purpose, value, bytes);
      const key = `${purpose}\0${bytes}\0${value}`;
      let out = memo.get(key);
      if (!out) {
        out = vault.derive(purpose, value, bytes);
        memo.set(key, out);
      }
      return out;
    },
  };
}
