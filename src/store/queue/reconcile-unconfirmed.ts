// unconfirmed → submitted / final, or → queued: a late receipt for the same number adopts an
// unconfirmed message (it reached the carrier, so it must not be sent again); with none after the grace
// period it goes back to the queue.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { stateForReceipt } from '../../core/message.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';

export async function reconcileUnconfirmed(db: Kysely<Database>, graceMs: number, t: number, webhooks: WebhookOutbox = NO_WEBHOOKS): Promise<{ adopted: number; requeued: number }> {
  let adopted = 0;
  let requeued = 0;
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('messages')
      .select(['id', 'claimed_at', 'to_hash'])
      .where('state', '=', 'unconfirmed')
      .orderBy('id')
      .limit(5000)
      .execute();
    for (const row of rows) {
      const receipt = row.to_hash
        ? await trx
            .selectFrom('pending_receipts')
            .selectAll()
            .where('to_hash', '=', row.to_hash)
            .where('received_at', '>=', (row.claimed_at ?? 0) - 86_400_000)
            // A later part's receipt belongs to another (long) message to the same person.
            .where(({ not, exists, selectFrom }) =>
              not(exists(selectFrom('message_parts as mp').select('mp.message_id').whereRef('mp.smsc_id', '=', 'pending_receipts.smsc_id').where('mp.part', '>', 1))),
            )
            .orderBy('id')
            .limit(1)
            .executeTakeFirst()
        : undefined;
      if (receipt) {
        const final = stateForReceipt(receipt.status);
        const adoptedRows = await trx
          .updateTable('messages')
          .set({
            state: final ?? 'submitted',
            smsc_id: receipt.smsc_id,
            route: receipt.route,
            carrier_state: receipt.carrier_state,
            error_code: receipt.error_code,
            error_reason: null,
            submitted_at: receipt.received_at,
            updated_at: t,
            ...(final ? { final_at: receipt.received_at, ...(final === 'delivered' ? { delivered_at: receipt.received_at } : {}) } : {}),
          })
          .where('id', '=', row.id)
          .returning(MESSAGE_STATUS_COLUMNS)
          .execute();
        if (final) await webhooks.emitMany(trx, 'message.status', adoptedRows.map(messageStatusData));
        await trx.deleteFrom('pending_receipts').where('id', '=', receipt.id).execute();
        adopted++;
      } else if ((row.claimed_at ?? 0) + graceMs <= t) {
        await trx
          .updateTable('messages')
          .set({ state: 'queued', worker_id: null, next_attempt_at: t, updated_at: t })
          .where('id', '=', row.id)
          .where('state', '=', 'unconfirmed')
          .execute();
        requeued++;
      }
    }
  });
  return { adopted, requeued };
}
