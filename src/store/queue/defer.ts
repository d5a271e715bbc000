// submitting → queued: claimed messages the contact policy holds back go back to the queue until they
// may go. The claim did not count as an attempt; the reason is kept (in Japanese, as the operator reads it).
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Deferral } from '../../core/queue.ts';

export async function deferClaimed(db: Kysely<Database>, workerId: string, items: readonly Deferral[], t: number): Promise<void> {
  if (items.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const d of items) {
      await trx
        .updateTable('messages')
        .set((eb) => ({ state: 'queued', next_attempt_at: d.until, worker_id: null, attempts: eb('attempts', '-', 1), error_code: d.code, error_reason: d.message.ja, updated_at: t }))
        .where('id', '=', d.id)
        .where('worker_id', '=', workerId)
        .where('state', '=', 'submitting')
        .execute();
    }
  });
}
