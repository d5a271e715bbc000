// The message queue, all of its state changes in one place: materialise a campaign's messages, claim a
// batch, record what the carrier said, apply receipts (also those that race their submit's answer),
// and recover what a dead worker left in flight.
import { sql, type Kysely } from 'kysely';
import type { Database, Message } from './schema.ts';
import type { Dialect } from './db.ts';
import type { Receipt } from '../routes/route.ts';
import type { MessageState } from '../core/message.ts';
import { recordOutcomes, type Outcome } from './queue/record.ts';
import { applyPending, applyToMessages, keepPending } from './queue/receipts.ts';
import { markOrphansUnconfirmed, reconcileUnconfirmed } from './queue/recovery.ts';

export interface ClaimedMessage {
  id: number;
  campaignId: number;
  recipientId: number;
  attempts: number;
  /** A reply's text, written by the operator (campaign messages are composed when sent). */
  bodyEnc: string | null;
}

export type { Outcome };

const IN_FLIGHT: MessageState[] = ['queued', 'submitting', 'unconfirmed'];

export function messageStore(db: Kysely<Database>, dialect: Dialect, now: () => number) {
  return {
    /** Creates one queued message per recipient; running it again adds nothing (exactly once). */
    async materialise(campaignId: number): Promise<number> {
      const t = now();
      const res = await db
        .insertInto('messages')
        .columns(['campaign_id', 'recipient_id', 'to_hash', 'state', 'next_attempt_at', 'created_at', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom('recipients')
            .select((s) => [
              'campaign_id',
              'id',
              'phone_hash',
              s.val('queued').as('state'),
              s.val(t).as('next_attempt_at'),
              s.val(t).as('created_at'),
              s.val(t).as('updated_at'),
            ])
            .where('campaign_id', '=', campaignId)
            .orderBy('id'),
        )
        .onConflict((oc) => oc.columns(['campaign_id', 'recipient_id', 'seq']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0);
    },

    /** Claims up to `limit` due messages of sending campaigns whose route profile is `profile`. */
    async claim(workerId: string, limit: number, profile = 'default'): Promise<ClaimedMessage[]> {
      if (limit <= 0) return [];
      const t = now();
      let due = db
        .selectFrom('messages as m')
        .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
        .select('m.id')
        .where('m.state', '=', 'queued')
        .where('m.next_attempt_at', '<=', t)
        .where('c.status', '=', 'sending')
        .where((eb) => eb.fn.coalesce('c.route_profile', sql.lit('default')), '=', profile)
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
        .returning(['id', 'campaign_id', 'recipient_id', 'attempts', 'kind', 'body_enc'])
        .execute();
      return rows
        .map((r) => ({ id: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id, attempts: r.attempts, bodyEnc: r.kind === 'campaign' ? null : r.body_enc }))
        .sort((a, b) => a.id - b.id);
    },

    /** Stores the carriers' answers for a batch, then applies receipts that arrived before them. */
    async record(workerId: string, outcomes: readonly Outcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const t = now();
      await db.transaction().execute(async (trx) => {
        const smscIds = await recordOutcomes(trx, workerId, outcomes, t);
        await applyPending(trx, t, smscIds);
      });
    },

    /** Applies receipts in one transaction; those whose message isn't known yet wait in pending_receipts. */
    async applyReceipts(route: string, receipts: readonly { receipt: Receipt; toHash: string | null }[]): Promise<void> {
      if (receipts.length === 0) return;
      const t = now();
      const incoming = receipts.map((r) => ({ ...r, receivedAt: t }));
      await db.transaction().execute(async (trx) => {
        const known = await applyToMessages(trx, route, incoming, t);
        await keepPending(trx, route, incoming.filter((r) => !known.has(r.receipt.smscId)));
      });
    },

    /**
     * Receipts kept waiting whose message now has its SMSC id. record() applies them at once; this
     * sweep catches the ones that raced it from another connection (PostgreSQL, READ COMMITTED).
     */
    async applyWaitingReceipts(): Promise<number> {
      return db.transaction().execute((trx) => applyPending(trx, now()));
    },

    markOrphansUnconfirmed: (staleBefore: number) => markOrphansUnconfirmed(db, staleBefore, now()),
    reconcileUnconfirmed: (graceMs: number) => reconcileUnconfirmed(db, graceMs, now()),

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

export type MessageStore = ReturnType<typeof messageStore>;
