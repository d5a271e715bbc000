// queued → cancelled: a campaign's messages not yet handed to a worker are cancelled, each becoming a
// message.status event when someone subscribes to those. What is in flight finishes as it would.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';

export async function cancelQueued(db: Kysely<Database>, campaignId: number, t: number, webhooks: WebhookOutbox): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cancel = trx.updateTable('messages').set({ state: 'cancelled', final_at: t, updated_at: t }).where('campaign_id', '=', campaignId).where('state', '=', 'queued');
    if (!(await webhooks.wants(trx, 'message.status'))) return Number((await cancel.executeTakeFirst()).numUpdatedRows);
    const cancelled = await cancel.returning(MESSAGE_STATUS_COLUMNS).execute();
    await webhooks.emitMany(trx, 'message.status', cancelled.map(messageStatusData));
    return cancelled.length;
  });
}
