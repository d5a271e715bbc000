// The sequencer: gives waiting evidence entries (leaf_index NULL) their place in the Merkle tree, in
// one transaction that holds the single evidence_state row, so only one process appends at a time
// and a crash leaves either the whole batch sequenced or none of it. Each entry gets the next leaf
// index, the next number within its campaign, and its RFC 9162 leaf hash; the subtrees it completes
// go to evidence_nodes and the tree's right edge (the frontier) to evidence_state. The statements are
// batched (it runs for every message sent): one read of the batch, one MAX(n) per group of campaigns,
// then multi-row updates and inserts (on SQLite, statements prepared once on the handle and run per row:
// building a 1,000-row statement through the query builder cost more than running it).
import { sql, type Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import type { Db } from '../db.ts';
import type { EvidenceKind, Leaf } from '../../core/evidence/entry.ts';
import { appendLeaves, leafHash, type Frontier } from '../../core/evidence/merkle.ts';
import type { Conn } from './recorder.ts';

/** The columns a leaf is made of: the leaf text is recomputed from these alone. */
export interface LeafRow {
  kind: EvidenceKind;
  at: number;
  campaign_id: number | null;
  message_id: number | null;
  n: number | null;
  data_json: string;
}

/**
 * The leaf's text for a row the recorder wrote (its data_json already canonical JSON), put together
 * without parsing: the same text as leafText(leafOfRow(row)), which stays the definition (verification
 * uses it, so a data_json that is not canonical shows up there as a changed entry). Keys in canonical
 * order: at, c, d, kind, m, n, v.
 */
export const recordedLeafText = (row: LeafRow): string =>
  `{"at":${Number(row.at)},"c":${row.campaign_id === null ? 'null' : Number(row.campaign_id)},"d":${row.data_json},"kind":${JSON.stringify(row.kind)},"m":${row.message_id === null ? 'null' : Number(row.message_id)},"n":${row.n === null ? 'null' : Number(row.n)},"v":1}`;

/** The leaf an entry's row stands for (certificates, bundles and verification use this, never their own copy). */
export const leafOfRow = (row: LeafRow): Leaf => ({
  v: 1,
  kind: row.kind,
  at: Number(row.at),
  c: row.campaign_id === null ? null : Number(row.campaign_id),
  m: row.message_id === null ? null : Number(row.message_id),
  n: row.n === null ? null : Number(row.n),
  d: JSON.parse(row.data_json) as unknown,
});

export interface SequenceResult {
  /** Entries given a place by this call. */
  appended: number;
  /** The tree's size after it. */
  size: number;
  /** How many of them were campaign.completed (a head is due at once). */
  completedCampaigns: number;
}

/** The tree's state as stored: size and frontier (hex hashes, largest subtree first). */
export async function readState(conn: Conn): Promise<Frontier & { updatedAt: number }> {
  const row = await conn.selectFrom('evidence_state').select(['size', 'frontier_json', 'updated_at']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { size: Number(row.size), hashes: (JSON.parse(row.frontier_json) as string[]).map((h) => Buffer.from(h, 'hex')), updatedAt: Number(row.updated_at) };
}

/** Takes the sequencer's lock (the evidence_state row) for the rest of the transaction. */
export async function lockState(trx: Transaction<Database>, dialect: Dialect, t: number): Promise<void> {
  if (dialect === 'postgres') {
    await trx.selectFrom('evidence_state').select('id').where('id', '=', 1).forUpdate().execute();
  } else {
    // SQLite: a write first turns the transaction into the one writer at once (a read first could not
    // be upgraded once another process has committed), so two processes on one file take turns.
    await trx.updateTable('evidence_state').set({ updated_at: t }).where('id', '=', 1).execute();
  }
}

/** How many entries wait for their place (read through the index of unsequenced entries). */
export async function waitingCount(conn: Conn): Promise<number> {
  const row = await conn.selectFrom('evidence_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('leaf_index', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** PostgreSQL: node rows per insert. */
const ROWS_PER_STATEMENT = 1000;
const CAMPAIGNS_PER_READ = 500;

/** The sequencer's statements on one SQLite handle, prepared once (used inside the sequencing transaction). */
const sqliteStatements = new WeakMap<SqliteDatabase.Database, ReturnType<typeof prepareSqlite>>();
function prepareSqlite(sqlite: SqliteDatabase.Database) {
  return {
    waiting: sqlite.prepare<[number], WaitingRow>('SELECT id, kind, at, campaign_id, message_id, data_json FROM evidence_entries WHERE leaf_index IS NULL ORDER BY id LIMIT ?'),
    place: sqlite.prepare<[number, number | null, string, number]>('UPDATE evidence_entries SET leaf_index = ?, n = ?, leaf_hash = ? WHERE id = ?'),
    node: sqlite.prepare<[number, number, string]>('INSERT INTO evidence_nodes (level, idx, hash) VALUES (?, ?, ?)'),
  };
}

type WaitingRow = Omit<LeafRow, 'n'> & { id: number };

export async function sequence(store: Pick<Db, 'kysely' | 'dialect' | 'sqlite'>, now: () => number, limit = 5000): Promise<SequenceResult> {
  const { kysely: db, dialect } = store;
  if (dialect === 'sqlite' && !store.sqlite) throw new Error('sequence: the SQLite handle is needed');
  const sqlite = store.sqlite ? (sqliteStatements.get(store.sqlite) ?? sqliteStatements.set(store.sqlite, prepareSqlite(store.sqlite)).get(store.sqlite)!) : null;
  // Nothing waiting (most ticks): no transaction at all, so an idle ledger writes nothing.
  const waiting = await db.selectFrom('evidence_entries').select('id').where('leaf_index', 'is', null).limit(1).executeTakeFirst();
  if (!waiting) return { appended: 0, size: (await readState(db)).size, completedCampaigns: 0 };
  return db.transaction().execute(async (trx) => {
    const t = now();
    await lockState(trx, dialect, t);
    const state = await readState(trx);
    const rows: WaitingRow[] = sqlite
      ? sqlite.waiting.all(limit)
      : await trx.selectFrom('evidence_entries').select(['id', 'kind', 'at', 'campaign_id', 'message_id', 'data_json']).where('leaf_index', 'is', null).orderBy('id').limit(limit).execute();
    if (rows.length === 0) return { appended: 0, size: state.size, completedCampaigns: 0 };

    const lastN = await lastNumbers(trx, [...new Set(rows.flatMap((r) => (r.campaign_id === null ? [] : [Number(r.campaign_id)])))]);
    const leaves = rows.map((row, k) => {
      const campaign = row.campaign_id === null ? null : Number(row.campaign_id);
      let n: number | null = null;
      if (campaign !== null) {
        n = (lastN.get(campaign) ?? 0) + 1;
        lastN.set(campaign, n);
      }
      return { id: Number(row.id), leafIndex: state.size + k, n, hash: leafHash(recordedLeafText({ ...row, n })) };
    });
    const { frontier, completed: nodes } = appendLeaves(state, leaves.map((l) => l.hash));
    const updates = leaves.map((l) => ({ ...l, hash: l.hash.toString('hex') }));

    if (sqlite) {
      for (const u of updates) sqlite.place.run(u.leafIndex, u.n, u.hash, u.id);
      for (const c of nodes) sqlite.node.run(c.level, c.idx, c.hash.toString('hex'));
    } else {
      // Four arrays, one statement: a VALUES list there is planned as a nested loop rescanning the list per row.
      await sql`
        UPDATE evidence_entries SET leaf_index = v.leaf_index, n = v.n, leaf_hash = v.leaf_hash
          FROM unnest(${updates.map((u) => u.id)}::bigint[], ${updates.map((u) => u.leafIndex)}::bigint[], ${updates.map((u) => u.n)}::integer[], ${updates.map((u) => u.hash)}::text[])
               AS v(id, leaf_index, n, leaf_hash)
         WHERE evidence_entries.id = v.id
      `.execute(trx);
      for (let i = 0; i < nodes.length; i += ROWS_PER_STATEMENT) {
        await trx
          .insertInto('evidence_nodes')
          .values(nodes.slice(i, i + ROWS_PER_STATEMENT).map((c) => ({ level: c.level, idx: c.idx, hash: c.hash.toString('hex') })))
          .execute();
      }
    }
    await trx
      .updateTable('evidence_state')
      .set({ size: frontier.size, frontier_json: JSON.stringify(frontier.hashes.map((h) => h.toString('hex'))), updated_at: t })
      .where('id', '=', 1)
      .execute();
    return { appended: rows.length, size: frontier.size, completedCampaigns: rows.filter((r) => r.kind === 'campaign.completed').length };
  });
}

/**
 * The highest number given so far within each campaign: one MAX per campaign, each a single seek on the
 * (campaign_id, n) index (a GROUP BY would read every entry of a large campaign).
 */
async function lastNumbers(trx: Transaction<Database>, campaigns: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < campaigns.length; i += CAMPAIGNS_PER_READ) {
    const ids = campaigns.slice(i, i + CAMPAIGNS_PER_READ).map((id) => sql`(CAST(${id} AS bigint))`);
    const { rows } = await sql<{ id: number; n: number | null }>`
      WITH c(id) AS (VALUES ${sql.join(ids)})
      SELECT c.id AS id, (SELECT MAX(e.n) FROM evidence_entries e WHERE e.campaign_id = c.id) AS n FROM c
    `.execute(trx);
    for (const r of rows) if (r.n !== null) out.set(Number(r.id), Number(r.n));
  }
  return out;
}
