// Appending to the evidence ledger: code that records a fact calls append() inside its own transaction
// (like the webhook outbox), so an entry exists exactly when its fact was committed. Entries wait
// unsequenced (leaf_index NULL) until the sequencer (store/evidence/sequence.ts) gives them their place
// in the Merkle tree, a few seconds later at most. seal() keeps content that entries commit to (an SMS
// text, a reply, a page) sealed by the vault and returns its commitment, for the entry's data.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { Vault } from '../../core/vault.ts';
import { canonicalJson, type AnyEvidenceInput, type Commitment } from '../../core/evidence/entry.ts';
import { commitContent } from '../../core/evidence/commitment.ts';

export type Conn = Kysely<Database> | Transaction<Database>;

export interface EvidenceRecorder {
  /** Whether entries are recorded at all (off only for benchmarks comparing the ledger's cost). */
  readonly enabled: boolean;
  append(conn: Conn, entries: readonly AnyEvidenceInput[]): Promise<void>;
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

export function evidenceRecorder(vault: Vault, now: () => number): EvidenceRecorder {
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
      const t = now();
      const sealed = new Map<string, { commitment: string; content_enc: string; created_at: number }>();
      const out = contents.map((content) => {
        const { commitment, nonce } = commitContent(vault, content);
        if (!sealed.has(commitment)) sealed.set(commitment, { commitment, content_enc: vault.encrypt(JSON.stringify({ nonce, content })), created_at: t });
        return commitment;
      });
      const rows = [...sealed.values()];
      for (let i = 0; i < rows.length; i += CHUNK) {
        await conn.insertInto('evidence_content').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.column('commitment').doNothing()).execute();
      }
      return out;
    },
    commitmentOf: (content) => commitContent(vault, content).commitment,
  };
}

/** A sealed content opened again (for certificates): the nonce and the content, or null when unknown. */
export async function openContent(conn: Conn, vault: Vault, commitment: string): Promise<{ nonce: string; content: string } | null> {
  const row = await conn.selectFrom('evidence_content').select('content_enc').where('commitment', '=', commitment).executeTakeFirst();
  return row ? (JSON.parse(vault.decrypt(row.content_enc)) as { nonce: string; content: string }) : null;
}
