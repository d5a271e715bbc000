// Appending to the evidence ledger: code that records a fact calls append() inside its own transaction
// (like the webhook outbox), so an entry exists exactly when its fact was committed. Entries wait
// unsequenced (leaf_index NULL) until the sequencer (store/evidence/sequence.ts) gives them their place
// in the Merkle tree, a few seconds later at most. seal() keeps content that entries commit to (an SMS
// text, a reply, a page) sealed by the vault and returns its commitment, for the entry's data.
import type { Kysely, Transaction } from 'kysely';
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

export function evidenceRecorder(vault: Vault, now: () => number): EvidenceRecorder {
  async function keepSealed(conn: Conn, rows: readonly { commitment: Commitment; contentEnc: string }[]): Promise<void> {
    const t = now();
    const unique = [...new Map(rows.map((r) => [r.commitment, { commitment: r.commitment, content_enc: r.contentEnc, created_at: t }])).values()];
    for (let i = 0; i < unique.length; i += CHUNK) {
      await conn.insertInto('evidence_content').values(unique.slice(i, i + CHUNK)).onConflict((oc) => oc.column('commitment').doNothing()).execute();
    }
  }
  return {
    enabled: true,
    async append(conn, entries) {
      if (entries.length === 0) return;
      const t = now();
      for (let i = 0; i < entries.length; i += CHUNK) {
        await conn
          .insertInto('evidence_entries')
          .values(
            entries.slice(i, i + CHUNK).map((e) => ({
              kind: e.kind,
              at: e.at ?? t,
              campaign_id: e.campaignId,
              message_id: e.messageId,
              data_json: canonicalJson(e.data),
            })),
          )
          .execute();
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
