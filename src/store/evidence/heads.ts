// Signed tree heads (evidence_heads): written by the ledger (evidence/ledger.ts), read by certificates,
// bundles and verification. Heads only grow: each one inserted covers more leaves than the one before.
import type { Insertable, Selectable } from 'kysely';
import type { Conn } from './recorder.ts';
import type { EvidenceHeadTable } from '../schema-evidence.ts';

export type HeadRow = Selectable<EvidenceHeadTable>;
export type NewHead = Omit<Insertable<EvidenceHeadTable>, 'id'>;

/** pg returns bigint columns as numbers (store/db.ts); SQLite already does. Normalised once here. */
export const normalHead = (r: HeadRow): HeadRow => ({
  ...r,
  id: Number(r.id),
  tree_size: Number(r.tree_size),
  signed_at: Number(r.signed_at),
  tsa_time: r.tsa_time === null ? null : Number(r.tsa_time),
  skew_ms: r.skew_ms === null ? null : Number(r.skew_ms),
});

export async function insertHead(conn: Conn, row: NewHead): Promise<HeadRow> {
  return normalHead(await conn.insertInto('evidence_heads').values(row).returningAll().executeTakeFirstOrThrow());
}

/** The head covering the most leaves (the last one signed). */
export async function latestHead(conn: Conn): Promise<HeadRow | null> {
  const row = await conn.selectFrom('evidence_heads').selectAll().orderBy('tree_size', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? normalHead(row) : null;
}

/** The first head that covers the first `size` leaves (tree_size ≥ size), or null when none does yet. */
export async function headCovering(conn: Conn, size: number): Promise<HeadRow | null> {
  const row = await conn.selectFrom('evidence_heads').selectAll().where('tree_size', '>=', size).orderBy('tree_size').orderBy('id').limit(1).executeTakeFirst();
  return row ? normalHead(row) : null;
}

export async function headById(conn: Conn, id: number): Promise<HeadRow | null> {
  const row = await conn.selectFrom('evidence_heads').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalHead(row) : null;
}

/** Every head, oldest first. */
export async function listHeads(conn: Conn): Promise<HeadRow[]> {
  return (await conn.selectFrom('evidence_heads').selectAll().orderBy('id').execute()).map(normalHead);
}

/** The last head that carries a time stamp. */
export async function lastStampedHead(conn: Conn): Promise<HeadRow | null> {
  const row = await conn.selectFrom('evidence_heads').selectAll().where('tsa_token', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? normalHead(row) : null;
}

/** Heads signed without a time stamp since the last stamped one (the TSA has been unreachable that long). */
export async function unstampedSinceLastStamp(conn: Conn): Promise<number> {
  const last = await conn.selectFrom('evidence_heads').select('id').where('tsa_token', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  let q = conn.selectFrom('evidence_heads').select((eb) => eb.fn.countAll<number>().as('n')).where('tsa_token', 'is', null);
  if (last) q = q.where('id', '>', last.id);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
