// unconfirmed → submitted / final, → unknown, or → queued. A message whose submit answer was lost may be
// at the carrier: a late receipt for the same number adopts it (it must not be sent again). With none, it
// waits for its route's validity period after it was claimed and then ends 'unknown' (送達不明): the
// operator decides whether to risk a duplicate. Only a route with resendUnconfirmed re-queues it after
// the grace period instead. A receipt that comes after it ended 'unknown' still adopts it. Adoptions
// (message.receipt) and endings (message.final) are evidence entries in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { stateForReceipt } from '../../core/message.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';
import type { ReceiptWaits } from '../../core/queue.ts';
import type { EvidenceInput } from '../../core/evidence/entry.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from '../evidence/recorder.ts';
import { fromPending, receiptEntry } from './receipts.ts';


export interface Reconciled {
  adopted: number;
  requeued: number;
  unknown: number;
}

/** A receipt older than the message's claim by more than this belongs to an earlier message to the same person. */
const ADOPT_WINDOW_MS = 86_400_000;

/** The evidence of a message that ended 送達不明 without a receipt: `no_answer` (its submit's answer was lost) or `no_receipt`. */
export function endedUnknown(m: { id: number; campaign_id: number }, t: number, reason: 'no_answer' | 'no_receipt'): EvidenceInput<'message.final'> {
  return { kind: 'message.final', campaignId: m.campaign_id, messageId: m.id, at: t, data: { state: 'unknown', reason } };
}

export async function reconcileUnconfirmed(
  db: Kysely<Database>,
  waits: ReceiptWaits,
  t: number,
  webhooks: WebhookOutbox = NO_WEBHOOKS,
  evidence: EvidenceRecorder = NO_EVIDENCE,
): Promise<Reconciled> {
  const done: Reconciled = { adopted: 0, requeued: 0, unknown: 0 };
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('messages').select(['id', 'claimed_at', 'to_hash', 'route']).where('state', '=', 'unconfirmed').orderBy('id').limit(5000).execute();
    for (const row of rows) {
      const claimedAt = row.claimed_at ?? 0;
      const receipt = row.to_hash ? await receiptFor(trx, row.to_hash, claimedAt) : undefined;
      if (receipt) {
        if (await adopt(trx, row.id, 'unconfirmed', receipt, t, webhooks, evidence)) done.adopted++;
        continue;
      }
      const wait = (row.route !== null ? waits.byRoute.get(row.route) : undefined) ?? waits.fallback;
      if (wait.resendUnconfirmed) {
        if (claimedAt + waits.graceMs > t) continue;
        const res = await trx
          .updateTable('messages')
          .set({ state: 'queued', worker_id: null, next_attempt_at: t, updated_at: t })
          .where('id', '=', row.id)
          .where('state', '=', 'unconfirmed')
          .executeTakeFirst();
        done.requeued += Number(res.numUpdatedRows);
      } else if (claimedAt + wait.validityMs <= t) {
        const ended = await trx
          .updateTable('messages')
          .set({ state: 'unknown', final_at: t, updated_at: t })
          .where('id', '=', row.id)
          .where('state', '=', 'unconfirmed')
          .returning(MESSAGE_STATUS_COLUMNS)
          .execute();
        await webhooks.emitMany(trx, 'message.status', ended.map(messageStatusData));
        await evidence.append(trx, ended.map((m) => endedUnknown(m, t, 'no_answer')));
        done.unknown += ended.length;
      }
    }
    done.adopted += await adoptIntoUnknown(trx, t, webhooks, evidence);
  });
  return done;
}

type Conn = Transaction<Database>;

/** The oldest waiting receipt for this number since shortly before the claim, unless it is a later part of a long message. */
function receiptFor(trx: Conn, toHash: string, claimedAt: number) {
  return trx
    .selectFrom('pending_receipts')
    .selectAll()
    .where('to_hash', '=', toHash)
    .where('received_at', '>=', claimedAt - ADOPT_WINDOW_MS)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('message_parts as mp').select('mp.message_id').whereRef('mp.smsc_id', '=', 'pending_receipts.smsc_id').where('mp.part', '>', 1))),
    )
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

type Pending = NonNullable<Awaited<ReturnType<typeof receiptFor>>>;

/** The message takes the receipt's SMSC id and state; the receipt is used up. */
async function adopt(trx: Conn, messageId: number, from: 'unconfirmed' | 'unknown', receipt: Pending, t: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder): Promise<boolean> {
  const final = stateForReceipt(receipt.status);
  const adopted = await trx
    .updateTable('messages')
    .set({
      // A non-final receipt (ENROUTE) on a message already ended 'unknown' makes it 'submitted' again: it is
      // at the carrier after all, and the next sweep gives it the rest of its validity.
      state: final ?? 'submitted',
      smsc_id: receipt.smsc_id,
      route: receipt.route,
      carrier_state: receipt.carrier_state,
      error_code: receipt.error_code,
      error_reason: null,
      submitted_at: receipt.received_at,
      updated_at: t,
      final_at: final ? receipt.received_at : null,
      ...(final === 'delivered' ? { delivered_at: receipt.received_at } : {}),
    })
    .where('id', '=', messageId)
    .where('state', '=', from)
    .returning(MESSAGE_STATUS_COLUMNS)
    .execute();
  if (adopted.length === 0) return false;
  if (final || from === 'unknown') await webhooks.emitMany(trx, 'message.status', adopted.map(messageStatusData));
  const r = fromPending(receipt);
  await evidence.append(trx, adopted.map((m) => receiptEntry(m, r.receipt, r.receivedAt)));
  await trx.deleteFrom('pending_receipts').where('id', '=', receipt.id).execute();
  return true;
}

/**
 * Receipts nobody claimed that match, by number, a message which ended 'unknown' without ever getting
 * an SMSC id (its answer was lost): the carrier had it after all. A receipt whose SMSC id some message
 * holds is that message's, never adopted here.
 */
async function adoptIntoUnknown(trx: Conn, t: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder): Promise<number> {
  const candidates = await trx
    .selectFrom('pending_receipts as p')
    .innerJoin('messages as m', 'm.to_hash', 'p.to_hash')
    .select(['p.id as receiptId', 'm.id as messageId', 'm.claimed_at'])
    .where('m.state', '=', 'unknown')
    .where('m.smsc_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('messages as o').select('o.id').whereRef('o.smsc_id', '=', 'p.smsc_id').whereRef('o.route', '=', 'p.route'))),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('message_parts as mp').select('mp.message_id').whereRef('mp.smsc_id', '=', 'p.smsc_id'))))
    .orderBy('p.id')
    .limit(500)
    .execute();
  let adopted = 0;
  const usedReceipts = new Set<number>();
  const settled = new Set<number>();
  for (const c of candidates) {
    if (usedReceipts.has(c.receiptId) || settled.has(c.messageId)) continue;
    const receipt = await trx.selectFrom('pending_receipts').selectAll().where('id', '=', c.receiptId).executeTakeFirst();
    if (!receipt || receipt.received_at < (c.claimed_at ?? 0) - ADOPT_WINDOW_MS) continue;
    if (await adopt(trx, c.messageId, 'unknown', receipt, t, webhooks, evidence)) {
      adopted++;
      usedReceipts.add(c.receiptId);
      settled.add(c.messageId);
    }
  }
  return adopted;
}
