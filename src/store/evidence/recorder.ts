// Appending to the evidence ledger: code that records a fact calls append() inside its own transaction
// (like the webhook outbox), so an entry exists exactly when its fact was committed. Entries wait
// unsequenced (leaf_index NULL) until the sequencer (store/evidence/sequence.ts) gives them their place
// in the Merkle tree, a few seconds later (up to 30 s while a large send keeps adding entries:
// evidence/ledger.ts). seal() keeps content that entries commit to (an SMS
// text, a reply, a page) sealed by the vault and returns its commitment, for the entry's data.
import type { Kysely, Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../schema.ts';
import type { Vault } from '../../core/vault.ts';
import { canonicalJson, type AnyEvidenceInput, type Commitment } from '../../core/evidence/entry.ts';
import { commitContent, commitmentNonce, opensTo } from '../../core/evidence/commitment.ts';

export type Conn = Kysely<Database> | Transaction<Database>;

export interface EvidenceRecorder {
  /** Whether entries are recorded at all (off only for benchmarks comparing the ledger's cost). */
  readonly enabled: boolean;
  append(conn: Conn, entries: readonly AnyEvidenceInput[]): Promise<void>;
  /** Seals each content (once per distinct content) and returns their commitments, in order. */
  seal(conn: Conn, contents: readonly string[]): Promise<Commitment[]>;
  /**
   * Keeps content already sealed by the vault (a message's body_enc) under a commitment computed where the
   * text was composed (commitContent): no second encryption on the sending path.
   */
  keepSealed(conn: Conn, rows: readonly { commitment: Commitment; contentEnc: string }[]): Promise<void>;
  /** The commitment a content has (or would have), without storing anything. */
  commitmentOf(content: string): Commitment;
}

/** For stores built without a ledger (tests of other areas, the benchmark's "ledger off"). */
export const NO_EVIDENCE: EvidenceRecorder = {
  enabled: false,
  append: async () => undefined,
  seal: async (_conn, contents) => contents.map(() => ''),
  keepSealed: async () => undefined,
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

const ENTRY_INSERT = 'INSERT INTO evidence_entries (kind, at, campaign_id, message_id, data_json)';
const CONTENT_INSERT = 'INSERT INTO evidence_content (commitment, content_enc, created_at)';
const CONTENT_TAIL = ' ON CONFLICT (commitment) DO NOTHING';

/** `sqlite`: the SQLite handle, for appending inside transactions without building queries (absent on PostgreSQL). */
export function evidenceRecorder(vault: Vault, now: () => number, sqlite?: SqliteDatabase.Database): EvidenceRecorder {
  const insert = sqlite ? sqliteInserts(sqlite) : null;
  async function keepSealed(conn: Conn, rows: readonly { commitment: Commitment; contentEnc: string }[]): Promise<void> {
    const t = now();
    const unique = [...new Map(rows.map((r) => [r.commitment, { commitment: r.commitment, content_enc: r.contentEnc, created_at: t }])).values()];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
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
        }));
        if (insert && conn.isTransaction) insert(ENTRY_INSERT, 5, '', rows.flatMap((r) => [r.kind, r.at, r.campaign_id, r.message_id, r.data_json]));
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
    keepSealed,
    commitmentOf: (content) => commitContent(vault, content).commitment,
  };
}

/**
 * A sealed content opened again (for certificates): the content and its nonce (derived again from the
 * content with the installation's key), or null when unknown or when it does not open to the commitment.
 */
export async function openContent(conn: Conn, vault: Vault, commitment: string): Promise<{ nonce: string; content: string } | null> {
  const row = await conn.selectFrom('evidence_content').select('content_enc').where('commitment', '=', commitment).executeTakeFirst();
  if (!row) return null;
  const content = vault.decrypt(row.content_enc);
  const nonce = commitmentNonce(vault, content).toString('hex');
  return opensTo(commitment, nonce, content) ? { nonce, content } : null;
}
