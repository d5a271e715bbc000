// The evidence ledger's Merkle tree, pure: RFC 9162 §2.1 (the Certificate Transparency tree, the same
// hashes as RFC 6962). Leaves are hashed as SHA-256(0x00 ‖ leaf), interior nodes as
// SHA-256(0x01 ‖ left ‖ right), so a leaf can never pass for a node. Proofs are built from a
// SubtreeHash (the MTH of any range of leaves) so the same code serves an in-memory array (tests,
// bundles) and the stored tree (store/evidence/proofs.ts prefetches the ranges a proof names with
// inclusionRanges / consistencyRanges and then calls these same functions). A Frontier (the
// complete subtrees on the right edge) appends a leaf in O(log n) and names the subtrees it completes.
import { createHash } from 'node:crypto';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** RFC 9162 leaf hash of a leaf's text (UTF-8) or bytes. */
export function leafHash(leaf: string | Uint8Array): Buffer {
  const h = createHash('sha256').update(LEAF_PREFIX);
  return (typeof leaf === 'string' ? h.update(leaf, 'utf8') : h.update(leaf)).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly smaller than n (n ≥ 2): where MTH splits a range of n leaves. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint(${n}): needs n ≥ 2`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The Merkle Tree Hash of the leaves [start, end), for any 0 ≤ start ≤ end ≤ size of the tree at hand. */
export type SubtreeHash = (start: number, end: number) => Buffer;

/** A half-open range of leaves [start, end) whose MTH a proof needs. */
export type LeafRange = readonly [start: number, end: number];

/** MTH (RFC 9162 §2.1.1) of a list of leaf hashes; the empty list has SHA-256 of the empty string. */
export function rootOf(leafHashes: readonly Buffer[]): Buffer {
  return leafHashes.length === 0 ? EMPTY_ROOT : subtreeOf(leafHashes)(0, leafHashes.length);
}

/**
 * A SubtreeHash over an array of leaf hashes, memoising the ranges it has computed (a proof asks for a
 * handful; a test asking for every proof of a tree pays each range once).
 */
export function subtreeOf(leafHashes: readonly Buffer[]): SubtreeHash {
  const memo = new Map<string, Buffer>();
  const mth = (start: number, end: number): Buffer => {
    if (start < 0 || end > leafHashes.length || start > end) throw new RangeError(`subtree [${start}, ${end}) outside 0..${leafHashes.length}`);
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (n === 1) return leafHashes[start]!;
    const key = `${start}:${end}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const k = splitPoint(n);
    const h = nodeHash(mth(start, start + k), mth(start + k, end));
    memo.set(key, h);
    return h;
  };
  return mth;
}

/**
 * A SubtreeHash from a map of already computed ranges (keyed `start:end`), for callers that fetched what
 * a proof needs asynchronously. Asking for a range not in the map is a programming error.
 */
export function subtreeFromRanges(known: ReadonlyMap<string, Buffer>): SubtreeHash {
  return (start, end) => {
    const h = known.get(rangeKey([start, end]));
    if (!h) throw new Error(`subtree [${start}, ${end}) was not fetched`);
    return h;
  };
}

export const rangeKey = (r: LeafRange): string => `${r[0]}:${r[1]}`;

function checkIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
}

/** The ranges whose MTHs form the inclusion proof of leaf `index` in a tree of `size` (PATH, §2.1.3.1), in proof order. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkIndex(index, size);
  const out: LeafRange[] = [];
  // PATH(m, D[start:end]) is PATH of the half holding m followed by the MTH of the other half; walk down
  // from the root collecting siblings, then reverse so the proof runs from the leaf up.
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      out.push([start + k, end]);
      end = start + k;
    } else {
      out.push([start, start + k]);
      start += k;
    }
  }
  return out.reverse();
}

export function inclusionProof(index: number, size: number, subtree: SubtreeHash): Buffer[] {
  return inclusionRanges(index, size).map(([s, e]) => subtree(s, e));
}

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf at `index` is in the tree of `size` with `root`. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** The ranges whose MTHs form the consistency proof from size m to size n (PROOF/SUBPROOF, §2.1.4.1), in proof order. */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const out: LeafRange[] = [];
  // SUBPROOF(m, D[start:end], b), iteratively: each step records the MTH of the half not descended into.
  let start = 0;
  let end = n;
  let b = true;
  for (;;) {
    const size = end - start;
    const mm = m - start;
    if (mm === size) {
      if (!b) out.push([start, end]);
      break;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      out.push([start + k, end]);
      end = start + k;
    } else {
      out.push([start, start + k]);
      start += k;
      b = false;
    }
  }
  return out.reverse();
}

export function consistencyProof(m: number, n: number, subtree: SubtreeHash): Buffer[] {
  return consistencyRanges(m, n).map(([s, e]) => subtree(s, e));
}

/** Whether x is 1, 2, 4, 8 … (arithmetic, not bitwise: sizes may pass 2^31). */
export const isPowerOfTwo = (x: number): boolean => x > 0 && 2 ** Math.round(Math.log2(x)) === x;

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree of size m with `oldRoot` is a prefix of the tree of size n with `newRoot`. */
export function verifyConsistency(m: number, n: number, oldRoot: Buffer, newRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  // The empty tree is a prefix of every tree; equal sizes must have equal roots. Neither takes a proof.
  if (m === 0) return proof.length === 0 && oldRoot.equals(EMPTY_ROOT);
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/** The complete subtrees on the right edge of a tree of `size` leaves, largest first (one per 1-bit of size). */
export interface Frontier {
  size: number;
  hashes: Buffer[];
}

/** A subtree that became complete: level l covers the 2^l leaves starting at idx · 2^l. */
export interface CompletedNode {
  level: number;
  idx: number;
  hash: Buffer;
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

/** The levels of a frontier's hashes, largest first: the set bits of size, high to low. */
export function frontierLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 0, s = size; s > 0; level += 1, s = Math.floor(s / 2)) if (s % 2 === 1) levels.push(level);
  return levels.reverse();
}

/** Appends one leaf; returns the new frontier and each subtree of level ≥ 1 the leaf completed (lowest first). */
export function appendLeaf(f: Frontier, leaf: Buffer): { frontier: Frontier; completed: CompletedNode[] } {
  return appendLeaves(f, [leaf]);
}

/** Appends leaves in order (one check of the frontier, one copy): the new frontier and every subtree completed. */
export function appendLeaves(f: Frontier, leaves: readonly Buffer[]): { frontier: Frontier; completed: CompletedNode[] } {
  if (f.hashes.length !== frontierLevels(f.size).length) throw new Error(`frontier of size ${f.size} holds ${f.hashes.length} hashes`);
  const hashes = [...f.hashes];
  const completed: CompletedNode[] = [];
  let size = f.size;
  for (const leaf of leaves) {
    let h = leaf;
    let level = 0;
    // Each trailing 1-bit of size is a complete subtree that merges with the new one.
    for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
      h = nodeHash(hashes.pop()!, h);
      level += 1;
      completed.push({ level, idx: Math.floor(size / 2 ** level), hash: h });
    }
    hashes.push(h);
    size += 1;
  }
  return { frontier: { size, hashes }, completed };
}

/** The tree's root from its frontier: the right edge folded from the smallest subtree up. */
export function frontierRoot(f: Frontier): Buffer {
  if (f.hashes.length === 0) return EMPTY_ROOT;
  let r = f.hashes[f.hashes.length - 1]!;
  for (let i = f.hashes.length - 2; i >= 0; i -= 1) r = nodeHash(f.hashes[i]!, r);
  return r;
}
