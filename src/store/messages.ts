// The message queue, all of its state changes in one place: materialise a campaign's messages, claim a
// batch, record what the carrier said, apply receipts (also those that race their submit's answer),
// and recover what a dead worker left in flight.
import { sql, type Kysely } from 'kysely';
import type { Database, Message } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { Receipt } from '../core/carrier.ts';
import type { MessageState } from '../core/message.ts';
import { recordOutcomes, type Outcome } from './queue/record.ts';
import { applyPending, applyToMessages, keepPending } from './queue/receipts.ts';
import { markOrphansUnconfirmed, reconcileUnconfirmed } from './queue/recovery.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../core/webhook-events.ts';
import { CONVERSATION_KINDS } from '../core/inbound/message-kinds.ts';

export interface ClaimedMessage {
  id: number;
  campaignId: number;
  recipientId: number;
  attempts: number;
  /** A reply's text, written by the operator (campaign messages are composed when sent). */
  bodyEnc: string | null;
  /** The recipient's number as a keyed hash (the contact policy counts earlier contacts by it). */
  toHash: string | null;
}

export type { Outcome };

const IN_FLIGHT: MessageState[] = ['queued', 'submitting', 'unconfirmed'];

/** `webhooks`: messages that reach a final state become message.status events (src/store/webhooks.ts). */
export function messageStore(db: Kysely<Database>, dialect: Dialect, now: () => number, webhooks: WebhookOutbox = NO_WEBHOOKS) {
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
        // An operator's reply or an opt-out confirmation answers a person, whatever became of the campaign.
        .where((eb) => eb.or([eb('c.status', '=', 'sending'), eb('m.kind', 'in', CONVERSATION_KINDS)]))
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
        .returning(['id', 'campaign_id', 'recipient_id', 'attempts', 'kind', 'body_enc', 'to_hash'])
        .execute();
      return rows
        .map((r) => ({ id: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id, attempts: r.attempts, bodyEnc: r.kind === 'campaign' ? null : r.body_enc, toHash: r.to_hash }))
        .sort((a, b) => a.id - b.id);
    },

    /** Stores the carriers' answers for a batch, then applies receipts that arrived before them. */
    async record(workerId: string, outcomes: readonly Outcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const t = now();
      await db.transaction().execute(async (trx) => {
        const smscIds = await recordOutcomes(trx, workerId, outcomes, t, webhooks);
        await applyPending(trx, t, smscIds, webhooks);
      });
    },

    /** Applies receipts in one transaction; those whose message isn't known yet wait in pending_receipts. */
    async applyReceipts(route: string, receipts: readonly { receipt: Receipt; toHash: string | null }[]): Promise<void> {
      if (receipts.length === 0) return;
      const t = now();
      const incoming = receipts.map((r) => ({ ...r, receivedAt: t }));
      await db.transaction().execute(async (trx) => {
        const known = await applyToMessages(trx, route, incoming, t, webhooks);
        await keepPending(trx, route, incoming.filter((r) => !known.has(r.receipt.smscId)));
      });
    },

    /**
     * Receipts kept waiting whose message now has its SMSC id. record() applies them at once; this
     * sweep catches the ones that raced it from another connection (PostgreSQL, READ COMMITTED).
     */
    async applyWaitingReceipts(): Promise<number> {
      return db.transaction().execute((trx) => applyPending(trx, now(), undefined, webhooks));
    },

    markOrphansUnconfirmed: (staleBefore: number) => markOrphansUnconfirmed(db, staleBefore, now()),
    reconcileUnconfirmed: (graceMs: number) => reconcileUnconfirmed(db, graceMs, now(), webhooks),

    /** Pending receipts nobody claimed (e.g. for later parts of a long message) are dropped after a day. */
    async prunePendingReceipts(olderThan: number): Promise<void> {
      await db.deleteFrom('pending_receipts').where('received_at', '<', olderThan).execute();
    },

    /** Claimed messages the contact policy holds back: back to the queue until they may go (the claim didn't count as an attempt). */
    async defer(workerId: string, items: readonly { id: number; until: number; code: string; message: { ja: string } }[]): Promise<void> {
      if (items.length === 0) return;
      const t = now();
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
    },

    /** When each of these people was last contacted (sent to a carrier), since `since`, by keyed phone hash. */
    async recentContacts(toHashes: readonly string[], since: number): Promise<Map<string, number[]>> {
      const out = new Map<string, number[]>();
      if (toHashes.length === 0) return out;
      const rows = await db
        .selectFrom('messages')
        .select(['to_hash', 'submitted_at'])
        .where('to_hash', 'in', [...new Set(toHashes)])
        .where('submitted_at', '>=', since)
        .execute();
      for (const r of rows) if (r.to_hash && r.submitted_at !== null) out.set(r.to_hash, [...(out.get(r.to_hash) ?? []), r.submitted_at]);
      return out;
    },

    async cancelQueued(campaignId: number): Promise<number> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const cancel = trx.updateTable('messages').set({ state: 'cancelled', final_at: t, updated_at: t }).where('campaign_id', '=', campaignId).where('state', '=', 'queued');
        if (!(await webhooks.wants(trx, 'message.status'))) return Number((await cancel.executeTakeFirst()).numUpdatedRows);
        const cancelled = await cancel.returning(MESSAGE_STATUS_COLUMNS).execute();
        await webhooks.emitMany(trx, 'message.status', cancelled.map(messageStatusData));
        return cancelled.length;
      });
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
