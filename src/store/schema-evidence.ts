// Table shapes of migration 0015: the evidence ledger.
import type { Generated } from 'kysely';
import type { EvidenceKind } from '../core/evidence/entry.ts';

export interface EvidenceEntryTable {
  id: Generated<number>;
  kind: EvidenceKind;
  at: number;
  campaign_id: number | null;
  message_id: number | null;
  /** The entry's data, canonical JSON (core/evidence/entry.ts). */
  data_json: string;
  leaf_index: number | null;
  n: number | null;
  /** Hex SHA-256 of 0x00 ‖ leaf text (RFC 9162). */
  leaf_hash: string | null;
  /**
   * Migration 0023, outside the leaf: the text a hand-over entry's data.text commits to, sealed by the
   * vault (the message's body_enc); null on other entries and once retention has removed it.
   */
  content_enc: string | null;
}

export interface EvidenceNodeTable {
  /** 1 = a pair of leaves; level l covers 2^l leaves starting at idx · 2^l. */
  level: number;
  idx: number;
  hash: string;
}

export interface EvidenceStateTable {
  id: number;
  size: number;
  /** Hex hashes of the complete subtrees on the tree's right edge, largest first. */
  frontier_json: string;
  updated_at: number;
}

export interface EvidenceHeadTable {
  id: Generated<number>;
  tree_size: number;
  root_hash: string;
  signed_at: number;
  key_id: string;
  /** Ed25519 over the head's canonical text (core/evidence/head.ts), base64. */
  signature: string;
  reason: string;
  tsa_url: string | null;
  /** The RFC 3161 TimeStampToken (CMS SignedData), DER, base64. */
  tsa_token: string | null;
  tsa_time: number | null;
  skew_ms: number | null;
}

export interface EvidenceContentTable {
  commitment: string;
  /** The content sealed by the vault (its nonce is derived again from it: core/evidence/commitment.ts). */
  content_enc: string;
  created_at: number;
}

export interface EvidenceTables {
  evidence_entries: EvidenceEntryTable;
  evidence_nodes: EvidenceNodeTable;
  evidence_state: EvidenceStateTable;
  evidence_heads: EvidenceHeadTable;
  evidence_content: EvidenceContentTable;
}
