// Appending to the evidence ledger: code that records a fact calls append() inside its own transaction
// (like the webhook outbox), so an entry exists exactly when its fact was committed. Entries wait
// unsequenced (leaf_index NULL) until the sequencer (store/evidence/sequence.ts) gives them their place
// in the Merkle tree, a few seconds later (up to 30 s while a large send keeps adding entries:
// evidence/ledger.ts). seal() keeps content that entries commit to (a reply, a page, a template) sealed
// by the vault in evidence_content and returns its commitment, for the entry's data. A message's text is
// kept on its own hand-over entry instead (contentEnc: the body_enc already sealed, in the same insert),
// so a send appends rows in order and writes no index keyed by random commitments.
import type { Kysely, Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../schema.ts';
import type { Vault } from '../../core/vault.ts';
import { canonicalJson, type AnyEvidenceInput, type Commitment } from '../../core/evidence/entry.ts';
import { commitContent, commitmentNonce, opensTo } from '../../core/evidence/commitment.ts';

export type Conn = Kysely<Database> | Transaction<Database>;

/**
 * An entry to append. A message's hand-over entry (message.submitted, message.refused when the carrier
 * may have it) carries the text its data.text commits to, as the vault already sealed it (body_enc, with
 * the commitment computed where the text was composed: no second encryption on the sending path).
 */
export type AppendedEntry = AnyEvidenceInput & { contentEnc?: string };

export interface EvidenceRecorder {
  /** Whether entries are recorded at all (off only for benchmarks comparing the ledger's cost). */
  readonly enabled: boolean;
  append(conn: Conn, entries: readonly AppendedEntry[]): Promise<void>;
  /** Seals each content (once per distinct content) and returns their commitments, in order. */
  seal(conn: Conn, contents: readonly string[]): Promise<Commitment[]>;
  /** The commitment a content has (or would have), without storing anything. */
  commitmentOf(content: string): Commitment;
}

/** For stores built without a ledger (tests of other areas, the benchmark's "ledger off"). */
export const NO_EVIDENCE: EvidenceRecorder = {
  enabled: false,
  append: async () => undefined,
  seal: async (_conn, contents) => contents.map(() => ''),
  commitmentOf: () => '',
};

const CHUNK = 400;

/**
 * Multi-row INSERTs on the SQLite handle, prepared once per row count: inside a transaction the handle is
 * that transaction's (Kysely holds the one connection for it), and building each insert through the
 * query builder cost more than running it (two entries and a sealed text for every message sent).
 */
function sqliteInserts(sqlite: SqliteDatabase.Database) {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  return (head: string, columns: number, tail: string, values: readonly unknown[]): void => {
    const rows = values.length / columns;
    const key = `${head}\0${rows}`;
    let stmt = prepared.get(key);
    if (!stmt) {
      const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
      stmt = sqlite.prepare(`${head} VALUES ${Array.from({ length: rows }, () => row).join(', ')}${tail}`);
      prepared.set(key, stmt);
    }
    stmt.run(values);
  };
}

const ENTRY_INSERT = 'INSERT INTO evidence_entries (kind, at, campaign_id, message_id, data_json, content_enc)';
const CONTENT_INSERT = 'INSERT INTO evidence_content (commitment, content_enc, created_at)';
const CONTENT_TAIL = ' ON CONFLICT (commitment) DO NOTHING';

/** `sqlite`: the SQLite handle, for appending inside transactions without building queries (absent on PostgreSQL). */
export function evidenceRecorder(vault: Vault, now: () => number, sqlite?: SqliteDatabase.Database): EvidenceRecorder {
  const insert = sqlite ? sqliteInserts(sqlite) : null;
  async function keepSealed(conn: Conn, rows: readonly { commitment: Commitment; contentEnc: string }[]): Promise<void> {
    const t = now();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({ commitment: r.commitment, content_enc: r.contentEnc, created_at: t }));
      if (insert && conn.isTransaction) insert(CONTENT_INSERT, 3, CONTENT_TAIL, chunk.flatMap((r) => [r.commitment, r.content_enc, r.created_at]));
      else await conn.insertInto('evidence_content').values(chunk).onConflict((oc) => oc.column('commitment').doNothing()).execute();
    }
  }
  return {
    enabled: true,
    async append(conn, entries) {
      if (entries.length === 0) return;
      const t = now();
      for (let i = 0; i < entries.length; i += CHUNK) {
        const rows = entries.slice(i, i + CHUNK).map((e) => ({
          kind: e.kind,
          at: e.at ?? t,
          campaign_id: e.campaignId,
          message_id: e.messageId,
          data_json: canonicalJson(e.data),
          content_enc: e.contentEnc ?? null,
        }));
        if (insert && conn.isTransaction) insert(ENTRY_INSERT, 6, '', rows.flatMap((r) => [r.kind, r.at, r.campaign_id, r.message_id, r.data_json, r.content_enc]));
        else await conn.insertInto('evidence_entries').values(rows).execute();
      }
    },
    async seal(conn, contents) {
      const distinct = new Map<string, string>();
      const out = contents.map((content) => {
        const { commitment } = commitContent(vault, content);
        if (!distinct.has(commitment)) distinct.set(commitment, content);
        return commitment;
      });
      await keepSealed(conn, [...distinct].map(([commitment, content]) => ({ commitment, contentEnc: vault.encrypt(content) })));
      return out;
    },
    commitmentOf: (content) => commitContent(vault, content).commitment,
  };
}

/** The commitment of the text an entry carries on its row (content_enc): its data's `text`. */
export function carriedCommitment(data: unknown): string | null {
  const text = (data as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : null;
}

/**
 * A sealed content opened again (for certificates): the content and its nonce (derived again from the
 * content with the installation's key), or null when unknown or when it does not open to the commitment.
 * Looked for in evidence_content, then (a message's text) on the entries of `messageId`.
 */
export async function openContent(conn: Conn, vault: Vault, commitment: string, messageId: number | null): Promise<{ nonce: string; content: string } | null> {
  const opened = (sealed: string) => {
    const content = vault.decrypt(sealed);
    const nonce = commitmentNonce(vault, content).toString('hex');
    return opensTo(commitment, nonce, content) ? { nonce, content } : null;
  };
  const row = await conn.selectFrom('evidence_content').select('content_enc').where('commitment', '=', commitment).executeTakeFirst();
  if (row) return opened(row.content_enc);
  if (messageId === null) return null;
  const carried = await conn.selectFrom('evidence_entries').select(['data_json', 'content_enc']).where('message_id', '=', messageId).where('content_enc', 'is not', null).orderBy('id').execute();
  const own = carried.find((r) => carriedCommitment(JSON.parse(r.data_json)) === commitment);
  return own ? opened(own.content_enc!) : null;
}
