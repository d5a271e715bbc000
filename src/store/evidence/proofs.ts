// Proofs from the stored tree. A range of leaves [start, end) splits (as MTH splits it) into aligned
// complete subtrees: level 0 is a leaf hash (evidence_entries.leaf_hash), level ≥ 1 a stored node
// (evidence_nodes). A proof names its ranges (core/evidence/merkle.ts inclusionRanges /
// consistencyRanges); the pieces of all of them are read in two queries, the ranges' hashes folded
// from them, and the pure inclusionProof / consistencyProof build the proof from those: one algorithm
// for the memory and the database.
import { sql } from 'kysely';
import type { Conn } from './recorder.ts';
import {
  consistencyProof,
  consistencyRanges,
  EMPTY_ROOT,
  inclusionProof,
  inclusionRanges,
  isPowerOfTwo,
  nodeHash,
  rangeKey,
  splitPoint,
  subtreeFromRanges,
  type LeafRange,
} from '../../core/evidence/merkle.ts';

/** A stored hash was not found where the tree needs it (a deleted node or an unsequenced leaf). */
export class MissingTreeHash extends Error {
  constructor(
    readonly level: number,
    readonly idx: number,
  ) {
    super(level === 0 ? `the leaf at index ${idx} has no hash in the ledger` : `the tree node ${level}/${idx} is missing from the ledger`);
  }
}

type Piece = readonly [level: number, idx: number];

/** The aligned complete subtrees whose hashes make up the MTH of [start, end), as MTH splits it. */
export function piecesOf(start: number, end: number, out: Piece[] = []): Piece[] {
  const n = end - start;
  if (n <= 0) return out;
  if (isPowerOfTwo(n) && start % n === 0) {
    out.push([Math.log2(n), start / n]);
    return out;
  }
  const k = splitPoint(n);
  piecesOf(start, start + k, out);
  return piecesOf(start + k, end, out);
}

const pieceKey = (level: number, idx: number): string => `${level}/${idx}`;

/** Reads the hashes of the pieces (deduplicated) in at most two queries per 500. */
async function readPieces(conn: Conn, pieces: readonly Piece[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const unique = [...new Map(pieces.map((p) => [pieceKey(p[0], p[1]), p])).values()];
  const leaves = unique.filter((p) => p[0] === 0).map((p) => p[1]);
  const nodes = unique.filter((p) => p[0] > 0);
  for (let i = 0; i < leaves.length; i += 500) {
    const rows = await conn.selectFrom('evidence_entries').select(['leaf_index', 'leaf_hash']).where('leaf_index', 'in', leaves.slice(i, i + 500)).execute();
    for (const r of rows) if (r.leaf_index !== null && r.leaf_hash !== null) out.set(pieceKey(0, Number(r.leaf_index)), Buffer.from(r.leaf_hash, 'hex'));
  }
  for (let i = 0; i < nodes.length; i += 500) {
    const wanted = nodes.slice(i, i + 500).map(([level, idx]) => sql`(CAST(${level} AS integer), CAST(${idx} AS bigint))`);
    const { rows } = await sql<{ level: number; idx: number; hash: string }>`
      WITH w(level, idx) AS (VALUES ${sql.join(wanted)})
      SELECT n.level AS level, n.idx AS idx, n.hash AS hash FROM evidence_nodes n JOIN w ON n.level = w.level AND n.idx = w.idx
    `.execute(conn);
    for (const r of rows) out.set(pieceKey(Number(r.level), Number(r.idx)), Buffer.from(r.hash, 'hex'));
  }
  return out;
}

/** The MTH of a range from its pieces' hashes (the same split as the pieces were found by). */
function foldRange(start: number, end: number, hashes: ReadonlyMap<string, Buffer>): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && start % n === 0) {
    const level = Math.log2(n);
    const h = hashes.get(pieceKey(level, start / n));
    if (!h) throw new MissingTreeHash(level, start / n);
    return h;
  }
  const k = splitPoint(n);
  return nodeHash(foldRange(start, start + k, hashes), foldRange(start + k, end, hashes));
}

/** The MTHs of several ranges, read in one go. */
export async function rangeHashes(conn: Conn, ranges: readonly LeafRange[]): Promise<Map<string, Buffer>> {
  const pieces = ranges.flatMap(([s, e]) => piecesOf(s, e));
  const hashes = await readPieces(conn, pieces);
  return new Map(ranges.map((r) => [rangeKey(r), foldRange(r[0], r[1], hashes)]));
}

/** An async MTH over [start, end) of the stored tree, caching what it has read within this one object. */
export function subtreeHashFrom(conn: Conn): (start: number, end: number) => Promise<Buffer> {
  const cache = new Map<string, Buffer>();
  return async (start, end) => {
    const key = rangeKey([start, end]);
    const hit = cache.get(key);
    if (hit) return hit;
    const h = (await rangeHashes(conn, [[start, end]])).get(key)!;
    cache.set(key, h);
    return h;
  };
}

export async function inclusionProofAt(conn: Conn, index: number, size: number): Promise<Buffer[]> {
  const ranges = inclusionRanges(index, size);
  return inclusionProof(index, size, subtreeFromRanges(await rangeHashes(conn, ranges)));
}

export async function consistencyProofAt(conn: Conn, m: number, n: number): Promise<Buffer[]> {
  const ranges = consistencyRanges(m, n);
  return consistencyProof(m, n, subtreeFromRanges(await rangeHashes(conn, ranges)));
}

/** The tree's root when it had `size` leaves. */
export async function rootAt(conn: Conn, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_ROOT;
  return (await rangeHashes(conn, [[0, size]])).get(rangeKey([0, size]))!;
}

/** The stored hash of one leaf (hex), or null when the index is not (yet) in the tree. */
export async function leafHashAt(conn: Conn, index: number): Promise<string | null> {
  const row = await conn.selectFrom('evidence_entries').select('leaf_hash').where('leaf_index', '=', index).executeTakeFirst();
  return row?.leaf_hash ?? null;
}
