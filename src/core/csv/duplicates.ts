// Duplicate numbers within one file: the first line of each accepted number, for a million-row list
// in about 24 MB of typed arrays instead of ~80 MB of Map entries and strings (and a million fewer
// objects for the garbage collector to trace on every major collection).
import type { E164 } from '../phone.ts';

// '+' and at most 15 digits, no leading zero: the digits are a safe integer that names the number alone.
const NUMERIC = /^\+[1-9]\d{0,14}$/;
const TWO_32 = 2 ** 32;

/** Remembers the first line of each accepted number: an open-addressing table keyed by the number's digits. */
export class DuplicateTracker {
  #keys = new Float64Array(1 << 12); // 0 marks an empty slot (no number's digits are 0)
  #lines = new Int32Array(1 << 12);
  #count = 0;
  // Anything that is not '+' and ≤ 15 digits (never from normalizePhone, kept for safety).
  readonly #other = new Map<string, number>();

  /** The earlier line with this number, or undefined (and `line` is remembered as the first). */
  check(phone: E164, line: number): number | undefined {
    if (!NUMERIC.test(phone)) {
      const first = this.#other.get(phone);
      if (first === undefined) this.#other.set(phone, line);
      return first;
    }
    const key = Number(phone.slice(1));
    const mask = this.#keys.length - 1;
    for (let i = slot(key) & mask; ; i = (i + 1) & mask) {
      const k = this.#keys[i]!;
      if (k === key) return this.#lines[i];
      if (k === 0) {
        this.#keys[i] = key;
        this.#lines[i] = line;
        if (++this.#count * 2 > this.#keys.length) this.#grow();
        return undefined;
      }
    }
  }

  get size(): number {
    return this.#count + this.#other.size;
  }

  #grow(): void {
    const keys = this.#keys;
    const lines = this.#lines;
    this.#keys = new Float64Array(keys.length * 2);
    this.#lines = new Int32Array(keys.length * 2);
    const mask = this.#keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === 0) continue;
      let i = slot(key) & mask;
      while (this.#keys[i] !== 0) i = (i + 1) & mask;
      this.#keys[i] = key;
      this.#lines[i] = lines[j]!;
    }
  }
}

/** Mixes both 32-bit halves of the number, so that numbers differing only in their last digits spread out. */
function slot(key: number): number {
  const lo = key % TWO_32;
  const hi = (key - lo) / TWO_32;
  let h = Math.imul((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
