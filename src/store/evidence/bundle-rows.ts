// What an evidence bundle (src/evidence/export.ts) reads from the ledger, page by page so a million
// entries never sit in memory at once: sequenced entries of one campaign (by their number n, which
// follows the leaf order) or of the whole ledger (by leaf index), below a head's size; heads up to the
// one the bundle ends with; sealed contents by commitment (in evidence_content, or carried on an entry).
import { sql } from 'kysely';
import type { Conn } from './recorder.ts';
import type { LeafRow } from './sequence.ts';
import { normalHead, type HeadRow } from './heads.ts';

export interface EntryRow extends LeafRow {
  leaf_index: number;
  leaf_hash: string;
  /** The entry carries the sealed text its data.text commits to (content_enc, read only when needed). */
  carries: boolean;
}

const ENTRY_COLUMNS = ['leaf_index', 'leaf_hash', 'kind', 'at', 'campaign_id', 'message_id', 'n', 'data_json', sql<number | boolean>`content_enc IS NOT NULL`.as('carries')] as const;

function normal(r: { leaf_index: number | null; leaf_hash: string | null; carries: number | boolean } & LeafRow): EntryRow {
  return {
    ...r,
    carries: Boolean(r.carries),
    leaf_index: Number(r.leaf_index),
    leaf_hash: r.leaf_hash ?? '',
    at: Number(r.at),
    campaign_id: r.campaign_id === null ? null : Number(r.campaign_id),
    message_id: r.message_id === null ? null : Number(r.message_id),
    n: r.n === null ? null : Number(r.n),
  };
}

/** The next page of a campaign's sequenced entries after number `afterN`, with leaf index below `size`. */
export async function campaignEntryPage(conn: Conn, campaignId: number, afterN: number, size: number, limit: number): Promise<EntryRow[]> {
  const rows = await conn
    .selectFrom('evidence_entries')
    .select(ENTRY_COLUMNS)
    .where('campaign_id', '=', campaignId)
    .where('n', '>', afterN)
    .where('leaf_index', '<', size)
    .orderBy('n')
    .limit(limit)
    .execute();
  return rows.map(normal);
}

/** The next page of the whole ledger after leaf `afterIndex` (-1 for the start), below `size`. */
export async function ledgerEntryPage(conn: Conn, afterIndex: number, size: number, limit: number): Promise<EntryRow[]> {
  const rows = await conn.selectFrom('evidence_entries').select(ENTRY_COLUMNS).where('leaf_index', '>', afterIndex).where('leaf_index', '<', size).orderBy('leaf_index').limit(limit).execute();
  return rows.map(normal);
}

/** Heads signed up to and including `last` (by id), smallest first, after head id `afterId`. */
export async function headPage(conn: Conn, last: HeadRow, afterId: number, limit: number): Promise<HeadRow[]> {
  const rows = await conn
    .selectFrom('evidence_heads')
    .selectAll()
    .where('id', '>', afterId)
    .where('id', '<=', last.id)
    .where('tree_size', '<=', last.tree_size)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(normalHead);
}

/** The first head (by size, then id) covering more than `index` leaves, no later than `last`. */
export async function firstHeadCovering(conn: Conn, index: number, last: HeadRow): Promise<HeadRow | null> {
  const row = await conn
    .selectFrom('evidence_heads')
    .selectAll()
    .where('tree_size', '>', index)
    .where('id', '<=', last.id)
    .orderBy('tree_size')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ? normalHead(row) : null;
}

/**
 * Sealed contents (as the vault sealed them) for the commitments given: from evidence_content, else from
 * the entry at the leaf index `carriedAt` names for it (an entry that carries it); unknown ones are absent.
 */
export async function sealedContents(conn: Conn, commitments: readonly string[], carriedAt: ReadonlyMap<string, number>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < commitments.length; i += 500) {
    const rows = await conn.selectFrom('evidence_content').select(['commitment', 'content_enc']).where('commitment', 'in', commitments.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.commitment, r.content_enc);
  }
  const carried = commitments.filter((c) => !out.has(c) && carriedAt.has(c));
  for (let i = 0; i < carried.length; i += 500) {
    const byLeaf = new Map(carried.slice(i, i + 500).map((c) => [carriedAt.get(c)!, c]));
    const rows = await conn.selectFrom('evidence_entries').select(['leaf_index', 'content_enc']).where('leaf_index', 'in', [...byLeaf.keys()]).where('content_enc', 'is not', null).execute();
    for (const r of rows) out.set(byLeaf.get(Number(r.leaf_index))!, r.content_enc!);
  }
  return out;
}
