// submitting → queued, for messages a worker claimed ahead of its window and will not send after all
// (its campaign was paused or cancelled meanwhile, its route stepped aside, the worker is stopping): they
// were never handed to a carrier, so they simply go back to the queue, the claim not counted as an attempt.
// And the check before a message that waited in a worker's buffer goes: is it still this worker's, and
// does its campaign still let it go (the campaign's side of store/queue/claim.ts's rule)?
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';

export async function releaseClaimed(db: Kysely<Database>, workerId: string, ids: readonly number[], t: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('messages')
    .set((eb) => ({ state: 'queued', worker_id: null, attempts: eb('attempts', '-', 1), updated_at: t }))
    .where('id', 'in', [...ids])
    .where('worker_id', '=', workerId)
    .where('state', '=', 'submitting')
    .execute();
}

/** Of `ids`, those still claimed by `workerId` whose campaign still lets them go. */
export async function stillMayGo(db: Kysely<Database>, workerId: string, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select('m.id')
    .where('m.id', 'in', [...ids])
    .where('m.worker_id', '=', workerId)
    .where('m.state', '=', 'submitting')
    .where((eb) =>
      eb.or([
        eb('m.kind', 'in', UNBOUND_KINDS),
        eb.and([eb('m.kind', '!=', STEP_KIND), eb('c.status', '=', 'sending')]),
        eb.and([
          eb('m.kind', '=', STEP_KIND),
          eb('c.status', 'in', ['sending', 'awaiting_receipts', 'completed']),
          eb.exists(eb.selectFrom('cadences as k').select('k.id').whereRef('k.campaign_id', '=', 'c.id').where('k.state', 'in', ['running', 'completed'])),
        ]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
