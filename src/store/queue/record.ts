// Storing the carriers' answers for a batch of submits: accepted ones in one statement, then the rest.
// Only the worker that claimed a message may record its answer.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { MAX_ATTEMPTS, retryDelayMs } from '../../core/message.ts';
import type { MessageOutcome } from '../../core/queue.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';

type Accepted = Extract<MessageOutcome, { kind: 'accepted' }>;

export async function recordOutcomes(trx: Transaction<Database>, workerId: string, outcomes: readonly MessageOutcome[], t: number, webhooks: WebhookOutbox = NO_WEBHOOKS): Promise<string[]> {
  const accepted = outcomes.filter((o): o is Accepted => o.kind === 'accepted');
  for (let i = 0; i < accepted.length; i += 400) await recordAccepted(trx, workerId, accepted.slice(i, i + 400), t);
  const parts = accepted.flatMap((o) => (o.partIds ?? []).map((smscId, i) => ({ route: o.route, smsc_id: smscId, message_id: o.id, part: i + 1 })));
  if (parts.length > 0) await trx.insertInto('message_parts').values(parts).onConflict((oc) => oc.doNothing()).execute();

  for (const o of outcomes) {
    if (o.kind === 'accepted') continue;
    const mine = trx.updateTable('messages').where('id', '=', o.id).where('worker_id', '=', workerId).where('state', 'in', ['submitting', 'unconfirmed']);
    if (o.kind === 'unconfirmed') {
      // The grace period for a late receipt starts now (claimed_at); recovery re-queues it after that.
      await mine
        .set({ state: 'unconfirmed', claimed_at: t, route: o.route, body_enc: o.bodyEnc, link_code: o.linkCode, parts: o.parts, error_code: o.code, error_reason: o.reason, updated_at: t })
        .execute();
    } else if (o.kind === 'retry' && o.attempts < MAX_ATTEMPTS) {
      await mine.set({ state: 'queued', next_attempt_at: t + retryDelayMs(o.attempts), error_code: o.code, error_reason: o.reason, worker_id: null, updated_at: t }).execute();
    } else {
      const failed = await mine
        .set({ state: 'failed', error_code: o.code, error_reason: o.reason, final_at: t, updated_at: t, ...(o.kind === 'failed' && o.bodyEnc ? { body_enc: o.bodyEnc } : {}) })
        .returning(MESSAGE_STATUS_COLUMNS)
        .execute();
      await webhooks.emitMany(trx, 'message.status', failed.map(messageStatusData));
    }
  }
  return accepted.map((o) => o.smscId);
}

/** One UPDATE … FROM (VALUES …) for many accepted submits (a statement per row would be the bottleneck). */
async function recordAccepted(trx: Transaction<Database>, workerId: string, rows: readonly Accepted[], t: number): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((o) => sql`(CAST(${o.id} AS bigint), ${o.smscId}, ${o.route}, ${o.bodyEnc}, ${o.linkCode}, CAST(${o.parts} AS integer))`);
  await sql`
    WITH v(id, smsc_id, route, body_enc, link_code, parts) AS (VALUES ${sql.join(values)})
    UPDATE messages
       SET state = 'submitted', smsc_id = v.smsc_id, route = v.route, body_enc = v.body_enc, link_code = v.link_code,
           parts = v.parts, submitted_at = ${t}, updated_at = ${t}, error_code = NULL, error_reason = NULL
      FROM v
     WHERE messages.id = v.id AND messages.worker_id = ${workerId} AND messages.state IN ('submitting', 'unconfirmed')
  `.execute(trx);
}
