// queued → cancelled: a campaign's messages not yet handed to a worker are cancelled, each becoming a
// message.status event when someone subscribes to those. What is in flight finishes as it would. Each
// cancelled message ends in the evidence ledger (message.final), with one entry for the operator's
// cancellation itself, in the same transaction. cancelMessages is the same ending for queued messages
// found after the cancellation (a worker's claimed-ahead messages given back: store/queue/release-claimed.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from '../evidence/recorder.ts';
import type { EvidenceActor } from '../../core/evidence/actor.ts';
import type { AnyEvidenceInput } from '../../core/evidence/entry.ts';

export async function cancelQueued(
  db: Kysely<Database>,
  campaignId: number,
  t: number,
  webhooks: WebhookOutbox,
  evidence: EvidenceRecorder = NO_EVIDENCE,
  operator: EvidenceActor = { by: null },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const action = (count: number): AnyEvidenceInput => ({ kind: 'operator.action', campaignId, messageId: null, at: t, data: { action: 'cancel', ...operator, count } });
    return cancelMessages(trx, campaignId, null, t, webhooks, evidence, action);
  });
}

/**
 * Cancels a campaign's queued messages (all, or those of `ids`), with their events and ledger entries; how
 * many. `lead`: an entry that comes before theirs, given their count (the operator's cancellation).
 */
export async function cancelMessages(
  trx: Transaction<Database>,
  campaignId: number,
  ids: readonly number[] | null,
  t: number,
  webhooks: WebhookOutbox,
  evidence: EvidenceRecorder,
  lead?: (count: number) => AnyEvidenceInput,
): Promise<number> {
  let cancel = trx.updateTable('messages').set({ state: 'cancelled', final_at: t, updated_at: t }).where('campaign_id', '=', campaignId).where('state', '=', 'queued');
  if (ids !== null) {
    if (ids.length === 0) return 0;
    cancel = cancel.where('id', 'in', [...ids]);
  }
  const tell = await webhooks.wants(trx, 'message.status');
  if (!tell && !evidence.enabled) return Number((await cancel.executeTakeFirst()).numUpdatedRows);
  const cancelled = await cancel.returning(MESSAGE_STATUS_COLUMNS).execute();
  if (tell) await webhooks.emitMany(trx, 'message.status', cancelled.map(messageStatusData));
  await evidence.append(trx, [
    ...(lead ? [lead(cancelled.length)] : []),
    ...cancelled.map((m) => ({ kind: 'message.final' as const, campaignId, messageId: m.id, at: t, data: { state: 'cancelled', reason: 'operator' } })),
  ]);
  return cancelled.length;
}
