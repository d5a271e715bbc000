// submitted → unknown: the carrier accepted the message but no final receipt came within the route's
// validity period plus a margin for late receipts. Past that the carrier has given up on it, so it ends
// 送達不明 instead of showing 「送信済み（配達確認待ち）」 forever; a receipt that comes later still settles it
// (receipts.ts applies to 'unknown' as to 'submitted'). Each one ended is a message.final evidence entry.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { ReceiptWaits } from '../../core/queue.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from '../evidence/recorder.ts';
import { endedUnknown } from './reconcile-unconfirmed.ts';

export async function expireUnreceipted(
  db: Kysely<Database>,
  waits: ReceiptWaits,
  marginMs: number,
  t: number,
  webhooks: WebhookOutbox = NO_WEBHOOKS,
  evidence: EvidenceRecorder = NO_EVIDENCE,
): Promise<number> {
  const known = [...waits.byRoute.keys()];
  return db.transaction().execute(async (trx) => {
    let ended = 0;
    const end = async (cutoff: number, route: { name: string } | { notIn: string[] }) => {
      let q = trx
        .updateTable('messages')
        .set({ state: 'unknown', final_at: t, updated_at: t })
        .where('state', '=', 'submitted')
        .where('submitted_at', '<=', cutoff);
      if ('name' in route) q = q.where('route', '=', route.name);
      else if (route.notIn.length > 0) q = q.where((eb) => eb.or([eb('route', 'is', null), eb('route', 'not in', route.notIn)]));
      const rows = await q.returning(MESSAGE_STATUS_COLUMNS).execute();
      await webhooks.emitMany(trx, 'message.status', rows.map(messageStatusData));
      await evidence.append(trx, rows.map((r) => endedUnknown(r, t, 'no_receipt')));
      ended += rows.length;
    };
    for (const [name, wait] of waits.byRoute) await end(t - wait.validityMs - marginMs, { name });
    await end(t - waits.fallback.validityMs - marginMs, { notIn: known });
    return ended;
  });
}
