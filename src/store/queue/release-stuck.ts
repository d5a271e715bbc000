// submitting → unconfirmed: messages in flight whose worker stopped (no heartbeat since `staleBefore`)
// may have reached the carrier, so they are not simply re-queued: they wait for a late receipt (see
// reconcile-unconfirmed.ts). Webhook deliveries have their own release (store/webhooks/deliveries.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export async function markOrphansUnconfirmed(db: Kysely<Database>, staleBefore: number, t: number): Promise<number> {
  const res = await db
    .updateTable('messages')
    .set({ state: 'unconfirmed', claimed_at: t, updated_at: t })
    .where('state', '=', 'submitting')
    .where((eb) =>
      eb.or([
        eb('worker_id', 'is', null),
        eb('worker_id', 'not in', eb.selectFrom('workers').select('workers.id').where('workers.heartbeat_at', '>=', staleBefore)),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
