// The ledger entries a message's 記録証明書 proves: the message's own, the campaign-level ones its
// sending depended on (list accepted, content fixed, approvals, send confirmed) and the person's
// recorded consent, each already in the tree of the head the certificate is for (leaf_index < size), in
// ledger order. Indexed reads (by message, by campaign) rather than one OR that would scan.
import type { EvidenceKind } from '../../core/evidence/entry.ts';
import type { Conn } from './recorder.ts';
import type { LeafRow } from './sequence.ts';

export interface SequencedEntryRow extends LeafRow {
  leaf_index: number;
  leaf_hash: string;
}

export async function certificateEntries(
  conn: Conn,
  q: { messageId: number; campaignId: number; size: number; campaignKinds: readonly EvidenceKind[]; recipientId?: number },
): Promise<SequencedEntryRow[]> {
  const columns = ['kind', 'at', 'campaign_id', 'message_id', 'n', 'data_json', 'leaf_index', 'leaf_hash'] as const;
  const own = await conn
    .selectFrom('evidence_entries')
    .select(columns)
    .where('message_id', '=', q.messageId)
    .where('leaf_index', 'is not', null)
    .where('leaf_index', '<', q.size)
    .execute();
  const campaign =
    q.campaignKinds.length === 0
      ? []
      : await conn
          .selectFrom('evidence_entries')
          .select(columns)
          .where('campaign_id', '=', q.campaignId)
          .where('message_id', 'is', null)
          .where('kind', 'in', [...q.campaignKinds])
          .where('leaf_index', 'is not', null)
          .where('leaf_index', '<', q.size)
          .execute();
  // The person's prior consent (consent.recorded names the list's row in its data, which is canonical
  // JSON: `"recipient":ID` followed by `,` or `}`); parsed again below to be sure.
  const consent =
    q.recipientId === undefined
      ? []
      : (
          await conn
            .selectFrom('evidence_entries')
            .select(columns)
            .where('campaign_id', '=', q.campaignId)
            .where('message_id', 'is', null)
            .where('kind', '=', 'consent.recorded')
            .where((eb) => eb.or([eb('data_json', 'like', `%"recipient":${q.recipientId}}%`), eb('data_json', 'like', `%"recipient":${q.recipientId},%`)]))
            .where('leaf_index', 'is not', null)
            .where('leaf_index', '<', q.size)
            .execute()
        ).filter((r) => (JSON.parse(r.data_json) as { recipient?: unknown }).recipient === q.recipientId);
  return [...own, ...campaign, ...consent]
    .map((r) => ({ ...r, at: Number(r.at), leaf_index: Number(r.leaf_index), leaf_hash: r.leaf_hash! }))
    .sort((a, b) => a.leaf_index - b.leaf_index);
}
