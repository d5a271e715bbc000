// The message queue, all of its state changes in one place: materialise a campaign's messages, claim a
// batch, record what the carrier said, apply receipts (also those that race their submit's answer),
// and recover what a dead worker left in flight.
import type { Kysely, Transaction } from 'kysely';
import type { Selectable } from 'kysely';
import type { Database, Message, PendingReceiptTable } from './schema.ts';
import type { Dialect } from './db.ts';
import type { Receipt } from '../routes/route.ts';
import { MAX_ATTEMPTS, retryDelayMs, stateForReceipt, type MessageState } from '../core/message.ts';

export interface ClaimedMessage {
  id: number;
  campaignId: number;
  recipientId: number;
  attempts: number;
}

export type Outcome =
  | { id: number; kind: 'accepted'; smscId: string; route: string; bodyEnc: string; linkCode: string | null; parts: number }
  | { id: number; kind: 'retry'; code: string; reason: string; attempts: number }
  | { id: number; kind: 'failed'; code: string; reason: string; bodyEnc?: string };

const IN_FLIGHT: MessageState[] = ['queued', 'submitting', 'unconfirmed'];

export function messageStore(db: Kysely<Database>, dialect: Dialect, now: () => number) {
  // Receipts' own "done date" has minute precision, so the time we received the receipt is kept instead.
  async function applyReceiptTo(trx: Kysely<Database> | Transaction<Database>, where: { route: string; smscId: string }, r: Receipt, receivedAt: number = now()): Promise<'applied' | 'known' | 'unknown'> {
    const t = now();
    const final = stateForReceipt(r.status);
    const doneAt = receivedAt;
    const res = await trx
      .updateTable('messages')
      .set({
        carrier_state: r.carrierState,
        error_code: r.errorCode ?? null,
        updated_at: t,
        ...(final ? { state: final, final_at: doneAt, ...(final === 'delivered' ? { delivered_at: doneAt } : {}) } : {}),
      })
      .where('route', '=', where.route)
      .where('smsc_id', '=', where.smscId)
      .where('state', '=', 'submitted')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return 'applied';
    const known = await trx.selectFrom('messages').select('id').where('route', '=', where.route).where('smsc_id', '=', where.smscId).executeTakeFirst();
    return known ? 'known' : 'unknown';
  }

  return {
    /** Creates one queued message per recipient; running it again adds nothing (exactly once). */
    async materialise(campaignId: number): Promise<number> {
      const t = now();
      const res = await db
        .insertInto('messages')
        .columns(['campaign_id', 'recipient_id', 'state', 'next_attempt_at', 'created_at', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom('recipients')
            .select((s) => [
              'campaign_id',
              'id',
              s.val('queued').as('state'),
              s.val(t).as('next_attempt_at'),
              s.val(t).as('created_at'),
              s.val(t).as('updated_at'),
            ])
            .where('campaign_id', '=', campaignId)
            .orderBy('id'),
        )
        .onConflict((oc) => oc.columns(['campaign_id', 'recipient_id']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0);
    },

    /** Claims up to `limit` due messages of sending campaigns for this worker. */
    async claim(workerId: string, limit: number): Promise<ClaimedMessage[]> {
      if (limit <= 0) return [];
      const t = now();
      let due = db
        .selectFrom('messages as m')
        .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
        .select('m.id')
        .where('m.state', '=', 'queued')
        .where('m.next_attempt_at', '<=', t)
        .where('c.status', '=', 'sending')
        .orderBy('m.next_attempt_at')
        .orderBy('m.id')
        .limit(limit);
      if (dialect === 'postgres') due = due.forUpdate('m').skipLocked();
      // A materialised CTE: PostgreSQL may otherwise re-run a LIMIT … SKIP LOCKED subquery per row
      // and claim more than asked.
      const rows = await db
        .with((cte) => cte('due').materialized(), () => due)
        .updateTable('messages')
        .set((eb) => ({ state: 'submitting', worker_id: workerId, claimed_at: t, updated_at: t, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
        .where('state', '=', 'queued')
        .returning(['id', 'campaign_id', 'recipient_id', 'attempts'])
        .execute();
      return rows
        .map((r) => ({ id: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id, attempts: r.attempts }))
        .sort((a, b) => a.id - b.id);
    },

    /** Stores the carriers' answers for a batch, then applies receipts that arrived before them. */
    async record(workerId: string, outcomes: readonly Outcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const t = now();
      await db.transaction().execute(async (trx) => {
        for (const o of outcomes) {
          const mine = trx
            .updateTable('messages')
            .where('id', '=', o.id)
            .where('worker_id', '=', workerId)
            .where('state', 'in', ['submitting', 'unconfirmed']);
          if (o.kind === 'accepted') {
            await mine
              .set({ state: 'submitted', smsc_id: o.smscId, route: o.route, body_enc: o.bodyEnc, link_code: o.linkCode, parts: o.parts, submitted_at: t, updated_at: t, error_code: null, error_reason: null })
              .execute();
          } else if (o.kind === 'retry' && o.attempts < MAX_ATTEMPTS) {
            await mine
              .set({ state: 'queued', next_attempt_at: t + retryDelayMs(o.attempts), error_code: o.code, error_reason: o.reason, worker_id: null, updated_at: t })
              .execute();
          } else {
            await mine
              .set({ state: 'failed', error_code: o.code, error_reason: o.reason, final_at: t, updated_at: t, ...(o.kind === 'failed' && o.bodyEnc ? { body_enc: o.bodyEnc } : {}) })
              .execute();
          }
        }
        const accepted = outcomes.filter((o) => o.kind === 'accepted');
        if (accepted.length === 0) return;
        const pending = await trx
          .selectFrom('pending_receipts')
          .selectAll()
          .where('smsc_id', 'in', accepted.map((o) => o.smscId))
          .execute();
        for (const p of pending) {
          const outcome = await applyReceiptTo(trx, { route: p.route, smscId: p.smsc_id }, pendingToReceipt(p), p.received_at);
          if (outcome !== 'unknown') await trx.deleteFrom('pending_receipts').where('id', '=', p.id).execute();
        }
      });
    },

    /**
     * Applies receipts in one transaction; one for a message whose answer isn't stored yet is kept
     * (with the recipient's number as a keyed hash) until it is.
     */
    async applyReceipts(route: string, receipts: readonly { receipt: Receipt; toHash: string | null }[]): Promise<void> {
      if (receipts.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const { receipt: r, toHash } of receipts) {
          const outcome = await applyReceiptTo(trx, { route, smscId: r.smscId }, r);
          if (outcome !== 'unknown') continue;
          await trx
            .insertInto('pending_receipts')
            .values({
              route,
              smsc_id: r.smscId,
              to_hash: toHash,
              status: r.status,
              carrier_state: r.carrierState,
              error_code: r.errorCode ?? null,
              done_at: r.doneAt?.getTime() ?? null,
              received_at: now(),
            })
            .execute();
        }
      });
    },

    /**
     * Receipts kept waiting whose message now has its SMSC id. record() applies them at once; this
     * sweep catches the ones that raced it from another connection (PostgreSQL, READ COMMITTED).
     */
    async applyWaitingReceipts(limit = 1000): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const waiting = await trx
          .selectFrom('pending_receipts as p')
          .innerJoin('messages as m', (j) => j.onRef('m.smsc_id', '=', 'p.smsc_id').onRef('m.route', '=', 'p.route'))
          .selectAll('p')
          .limit(limit)
          .execute();
        for (const p of waiting) {
          await applyReceiptTo(trx, { route: p.route, smscId: p.smsc_id }, pendingToReceipt(p), p.received_at);
          await trx.deleteFrom('pending_receipts').where('id', '=', p.id).execute();
        }
        return waiting.length;
      });
    },

    /** Messages in flight with a worker that stopped beating: their outcome is unknown. */
    async markOrphansUnconfirmed(staleBefore: number): Promise<number> {
      const t = now();
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
    },

    /**
     * Unconfirmed messages: a late receipt for the same number adopts the message (it did reach the
     * carrier, so it must not be sent again); with none after the grace period, it goes back to the queue.
     */
    async reconcileUnconfirmed(graceMs: number): Promise<{ adopted: number; requeued: number }> {
      const t = now();
      let adopted = 0;
      let requeued = 0;
      await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('messages as m')
          .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
          .select(['m.id', 'm.claimed_at', 'r.phone_hash'])
          .where('m.state', '=', 'unconfirmed')
          .orderBy('m.id')
          .execute();
        for (const row of rows) {
          const receipt = await trx
            .selectFrom('pending_receipts')
            .selectAll()
            .where('to_hash', '=', row.phone_hash)
            .orderBy('id')
            .limit(1)
            .executeTakeFirst();
          if (receipt) {
            const final = stateForReceipt(receipt.status as Receipt['status']);
            const doneAt = receipt.received_at;
            await trx
              .updateTable('messages')
              .set({
                state: final ?? 'submitted',
                smsc_id: receipt.smsc_id,
                route: receipt.route,
                carrier_state: receipt.carrier_state,
                error_code: receipt.error_code,
                submitted_at: receipt.received_at,
                updated_at: t,
                ...(final ? { final_at: doneAt, ...(final === 'delivered' ? { delivered_at: doneAt } : {}) } : {}),
              })
              .where('id', '=', row.id)
              .execute();
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
    },

    /** Pending receipts nobody claimed (e.g. for later parts of a long message) are dropped after a day. */
    async prunePendingReceipts(olderThan: number): Promise<void> {
      await db.deleteFrom('pending_receipts').where('received_at', '<', olderThan).execute();
    },

    async cancelQueued(campaignId: number): Promise<number> {
      const t = now();
      const res = await db
        .updateTable('messages')
        .set({ state: 'cancelled', final_at: t, updated_at: t })
        .where('campaign_id', '=', campaignId)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async countsByState(campaignId: number): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('messages')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('state')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },

    async inFlight(campaignId: number): Promise<number> {
      const r = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .where('state', 'in', IN_FLIGHT)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async list(campaignId: number, opts: { state?: string | undefined; after?: number | undefined; limit: number }): Promise<Message[]> {
      let q = db.selectFrom('messages').selectAll().where('campaign_id', '=', campaignId);
      if (opts.state) q = q.where('state', '=', opts.state);
      if (opts.after !== undefined) q = q.where('id', '>', opts.after);
      return q.orderBy('id').limit(opts.limit).execute();
    },
  };
}

function pendingToReceipt(p: Selectable<PendingReceiptTable>): Receipt {
  return {
    smscId: p.smsc_id,
    status: p.status as Receipt['status'],
    carrierState: p.carrier_state,
    ...(p.error_code ? { errorCode: p.error_code } : {}),
    ...(p.done_at ? { doneAt: new Date(p.done_at) } : {}),
  };
}

export type MessageStore = ReturnType<typeof messageStore>;
