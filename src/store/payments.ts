// Payments: one row per message (its state and current checkout), every checkout opened, and every
// provider event processed once (the idempotency record). State changes are conditional updates on
// the state read, so two processes applying events at once cannot both win.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { PaymentState, PaymentTable } from './schema-recipient-actions.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import { canonicalJson } from '../core/evidence/entry.ts';
import { createReadCache, type ReadCache } from './read-cache.ts';

export interface PaymentRow {
  messageId: number;
  campaignId: number;
  amount: number;
  currency: string;
  state: PaymentState;
  provider: string | null;
  checkoutId: string | null;
  paidAmount: number | null;
  paidAt: number | null;
  updatedAt: number;
}

export interface CheckoutRow {
  provider: string;
  checkoutId: string;
  messageId: number;
  amount: number;
  url: string;
  createdAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

function toRow(r: Selectable<PaymentTable>): PaymentRow {
  return {
    messageId: r.message_id,
    campaignId: r.campaign_id,
    amount: Number(r.amount),
    currency: r.currency,
    state: r.state,
    provider: r.provider,
    checkoutId: r.checkout_id,
    paidAmount: r.paid_amount === null ? null : Number(r.paid_amount),
    paidAt: r.paid_at,
    updatedAt: r.updated_at,
  };
}

async function paymentOf(db: Db, messageId: number): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  return r && toRow(r);
}

/**
 * How long the recipient's page may show a payment as read: every write through this process's stores
 * forgets the message's entry once committed (paymentStore's own, and creditReceived's callers through
 * paymentWritten: operator marks, bank transfers), so only another process's write (a second web
 * process taking a webhook) shows this late.
 */
export const SHOWN_PAYMENT_MS = 1000;
const MAX_SHOWN_PAYMENTS = 10_000;

// One cache per database handle, shared by every store of this process that writes payments through it.
const shownPayments = new WeakMap<Kysely<Database>, ReadCache<number, PaymentRow | null>>();
function shownOf(db: Kysely<Database>, now: () => number): ReadCache<number, PaymentRow | null> {
  let c = shownPayments.get(db);
  if (!c) shownPayments.set(db, (c = createReadCache(MAX_SHOWN_PAYMENTS, SHOWN_PAYMENT_MS, now)));
  return c;
}

/** After a transaction that wrote the message's payments row (creditReceived) has committed. */
export function paymentWritten(db: Kysely<Database>, messageId: number): void {
  shownPayments.get(db)?.forget(messageId);
}

/**
 * `webhooks`: a payment that becomes paid is a payment.succeeded event, in the same transaction;
 * `evidence`: and a payment.succeeded ledger entry (amount and the provider's reference committed, sealed).
 */
export function paymentStore(db: Kysely<Database>, now: () => number, webhooks: WebhookOutbox = NO_WEBHOOKS, evidence: EvidenceRecorder = NO_EVIDENCE) {
  const shown = shownOf(db, now);
  return {
    byMessage: (messageId: number) => paymentOf(db, messageId),

    /** What the recipient's page shows (read within SHOWN_PAYMENT_MS); decisions use byMessage. */
    async shown(messageId: number): Promise<PaymentRow | undefined> {
      return (await shown.get(messageId, async () => (await paymentOf(db, messageId)) ?? null)) ?? undefined;
    },

    /** Payments of many messages at once (an export page), by message id. */
    async byMessages(messageIds: readonly number[]): Promise<Map<number, PaymentRow>> {
      if (messageIds.length === 0) return new Map();
      const rows = await db.selectFrom('payments').selectAll().where('message_id', 'in', [...messageIds]).execute();
      return new Map(rows.map((r) => [Number(r.message_id), toRow(r)]));
    },

    /** Records a checkout and makes it the message's current one (pending). False if paid meanwhile. */
    async startCheckout(input: { messageId: number; campaignId: number; amount: number; currency: string; provider: string; checkoutId: string; url: string }): Promise<boolean> {
      const started = await db.transaction().execute(async (trx) => {
        const t = now();
        await trx
          .insertInto('payment_checkouts')
          .values({ provider: input.provider, checkout_id: input.checkoutId, message_id: input.messageId, amount: input.amount, url: input.url, created_at: t })
          .execute();
        await trx
          .insertInto('payments')
          .values({
            message_id: input.messageId,
            campaign_id: input.campaignId,
            amount: input.amount,
            currency: input.currency,
            state: 'pending',
            provider: input.provider,
            checkout_id: input.checkoutId,
            paid_amount: null,
            paid_at: null,
            created_at: t,
            updated_at: t,
          })
          .onConflict((oc) => oc.column('message_id').doNothing())
          .execute();
        const r = await trx
          .updateTable('payments')
          .set({ state: 'pending', provider: input.provider, checkout_id: input.checkoutId, amount: input.amount, updated_at: t })
          .where('message_id', '=', input.messageId)
          .where('state', '!=', 'paid')
          .executeTakeFirst();
        return Number(r.numUpdatedRows) > 0;
      });
      shown.forget(input.messageId);
      return started;
    },

    async checkout(provider: string, checkoutId: string): Promise<CheckoutRow | undefined> {
      const r = await db.selectFrom('payment_checkouts').selectAll().where('provider', '=', provider).where('checkout_id', '=', checkoutId).executeTakeFirst();
      return r && { provider: r.provider, checkoutId: r.checkout_id, messageId: r.message_id, amount: Number(r.amount), url: r.url, createdAt: r.created_at };
    },

    /**
     * Applies a provider event once: records it (a second delivery of the same id is a 'duplicate'),
     * then lets `decide` compute the new state from the current one and writes it only if the row is
     * still as read.
     */
    async applyEvent(
      event: { provider: string; eventId: string; type: string; checkoutId: string | null; messageId: number | null; amount: number | null },
      decide: (current: PaymentRow | undefined) => PaymentState | null,
    ): Promise<{ outcome: 'applied' | 'ignored' | 'duplicate' | 'unknown'; state: PaymentState | null; changed: boolean }> {
      const applied = await db.transaction().execute(async (trx) => {
        const t = now();
        const inserted = await trx
          .insertInto('payment_events')
          .values({ provider: event.provider, event_id: event.eventId, type: event.type, checkout_id: event.checkoutId, message_id: event.messageId, outcome: 'processing', received_at: t })
          .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return { outcome: 'duplicate' as const, state: null, changed: false };
        const finish = async (outcome: 'applied' | 'ignored' | 'unknown', state: PaymentState | null, changed: boolean) => {
          await trx.updateTable('payment_events').set({ outcome }).where('id', '=', inserted.id).execute();
          return { outcome, state, changed };
        };
        if (event.messageId === null) return finish('unknown', null, false);
        const current = await paymentOf(trx, event.messageId);
        const next = decide(current);
        if (!current || next === null) return finish(current ? 'ignored' : 'unknown', current?.state ?? null, false);
        let q = trx
          .updateTable('payments')
          // Paid: the checkout that took the money becomes the current one, so a second payment on another shows.
          .set({ state: next, updated_at: t, ...(next === 'paid' ? { paid_at: t, paid_amount: event.amount ?? current.amount, checkout_id: event.checkoutId } : {}) })
          .where('message_id', '=', event.messageId)
          .where('state', '=', current.state);
        q = current.checkoutId === null ? q.where('checkout_id', 'is', null) : q.where('checkout_id', '=', current.checkoutId);
        const r = await q.executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new Error('payment changed while an event was applied; retry');
        if (next === 'paid' && current.state !== 'paid') {
          const amount = event.amount ?? current.amount;
          const paid = { campaignId: current.campaignId, messageId: event.messageId, amount, currency: current.currency, provider: event.provider, providerEventId: event.eventId, at: t };
          await recordPaid(trx, { webhooks, evidence }, { ...paid, reference: canonicalJson({ provider: event.provider, eventId: event.eventId, checkoutId: event.checkoutId }) });
        }
        return finish('applied', next, true);
      });
      if (applied.changed && event.messageId !== null) shown.forget(event.messageId);
      return applied;
    },

    /** A state change the recipient caused (came back through cancel): conditional like events. */
    async transition(messageId: number, from: { state: PaymentState; checkoutId: string | null }, to: PaymentState): Promise<boolean> {
      let q = db.updateTable('payments').set({ state: to, updated_at: now() }).where('message_id', '=', messageId).where('state', '=', from.state);
      q = from.checkoutId === null ? q.where('checkout_id', 'is', null) : q.where('checkout_id', '=', from.checkoutId);
      const changed = Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
      shown.forget(messageId);
      return changed;
    },

    /** Messages per payment state; messages without a payment row are unpaid. */
    async counts(campaignId: number): Promise<Record<PaymentState, number>> {
      const rows = await db
        .selectFrom('payments')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('state')
        .execute();
      const messages = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
      const out: Record<PaymentState, number> = { unpaid: 0, pending: 0, paid: 0, cancelled: 0, expired: 0 };
      for (const r of rows) out[r.state] = Number(r.n);
      out.unpaid = Number(messages?.n ?? 0) - out.pending - out.paid - out.cancelled - out.expired;
      return out;
    },

    async list(campaignId: number, opts: { state?: PaymentState; after?: number; limit: number }): Promise<PaymentRow[]> {
      let q = db.selectFrom('payments').selectAll().where('campaign_id', '=', campaignId);
      if (opts.state) q = q.where('state', '=', opts.state);
      if (opts.after !== undefined) q = q.where('message_id', '>', opts.after);
      return (await q.orderBy('message_id').limit(opts.limit).execute()).map(toRow);
    },

    async events(messageId: number): Promise<{ provider: string; eventId: string; type: string; outcome: string; receivedAt: number }[]> {
      const rows = await db.selectFrom('payment_events').selectAll().where('message_id', '=', messageId).orderBy('id').execute();
      return rows.map((r) => ({ provider: r.provider, eventId: r.event_id, type: r.type, outcome: r.outcome, receivedAt: r.received_at }));
    },
  };
}

export type PaymentStore = ReturnType<typeof paymentStore>;

/** Where a payment's facts go, inside the transaction that records it. */
export interface PaymentOutputs {
  webhooks: WebhookOutbox;
  evidence: EvidenceRecorder;
}

/** Money received for a message: what, from whom (provider), under which reference of theirs, when. */
export interface PaidFacts {
  campaignId: number;
  messageId: number;
  /** In the currency's smallest unit (yen). */
  amount: number;
  currency: string;
  /** card providers by name; bank transfers 'bank_transfer'. */
  provider: string;
  /** The provider's id of what confirmed it (an event id, a transfer's bank reference). */
  providerEventId: string;
  /** What the ledger commits to as the reference (sealed; canonical JSON of the provider's ids). */
  reference: string;
  at: number;
  /** This payment's own amount when it completes earlier part payments (`amount` is then the total): what the ledger records. */
  credit?: number;
}

/** The payment.succeeded ledger entry of money received (the amount and the reference committed, sealed). */
export async function recordPaymentEvidence(trx: Transaction<Database>, evidence: EvidenceRecorder, f: PaidFacts): Promise<void> {
  if (!evidence.enabled) return;
  const [amount, ref] = await evidence.seal(trx, [String(f.credit ?? f.amount), f.reference]);
  await evidence.append(trx, [{ kind: 'payment.succeeded', campaignId: f.campaignId, messageId: f.messageId, at: f.at, data: { amount: amount!, currency: f.currency, provider: f.provider, reference: ref! } }]);
}

/**
 * The one "mark paid" of every way money comes in (card webhooks here, bank transfers in
 * bank-transfers.ts): the payment.succeeded webhook and ledger entry, in the caller's transaction, once
 * the payments row says paid.
 */
export async function recordPaid(trx: Transaction<Database>, out: PaymentOutputs, f: PaidFacts): Promise<void> {
  await out.webhooks.emit(trx, 'payment.succeeded', {
    campaignId: f.campaignId,
    messageId: f.messageId,
    amount: f.amount,
    currency: f.currency,
    provider: f.provider,
    providerEventId: f.providerEventId,
    paidAt: new Date(f.at).toISOString(),
  });
  await recordPaymentEvidence(trx, out.evidence, f);
}

/** A credit received outside a checkout (a bank transfer), for a message. */
export interface CreditReceived {
  campaignId: number;
  messageId: number;
  /** What the list says is owed, for a message without a payments row yet (null: no amount on the list). */
  listAmount: number | null;
  amount: number;
  currency: string;
  provider: string;
  providerEventId: string;
  reference: string;
  at: number;
  /** When it was recorded, if later than `at` (an operator entering a payment of an earlier day): the row's updated_at. */
  recordedAt?: number;
}

/**
 * Adds a credit to a message's payment, in the caller's transaction (the caller calls paymentWritten once
 * it has committed): what was received adds up
 * (paid_amount), and the payment becomes paid once it covers the amount owed (or at once when the list
 * has no amount), with recordPaid's webhook and ledger entry; a part payment is a ledger entry alone.
 * A payment paid already keeps its state and counts the money (an overpayment to refund).
 * Returns the received total and the amount owed (null: unknown).
 */
export async function creditReceived(trx: Transaction<Database>, out: PaymentOutputs, c: CreditReceived): Promise<{ received: number; owed: number | null; state: PaymentState; becamePaid: boolean }> {
  const current = await paymentOf(trx, c.messageId);
  const owed = current ? current.amount : c.listAmount;
  const received = (current?.paidAmount ?? 0) + c.amount;
  const wasPaid = current?.state === 'paid';
  const paid = wasPaid || owed === null || received >= owed;
  const state: PaymentState = paid ? 'paid' : (current?.state ?? 'unpaid');
  if (!current) {
    await trx
      .insertInto('payments')
      .values({ message_id: c.messageId, campaign_id: c.campaignId, amount: owed ?? c.amount, currency: c.currency, state, provider: c.provider, checkout_id: null, paid_amount: received, paid_at: paid ? c.at : null, created_at: c.recordedAt ?? c.at, updated_at: c.recordedAt ?? c.at })
      .execute();
  } else {
    let q = trx
      .updateTable('payments')
      .set({ paid_amount: received, updated_at: c.recordedAt ?? c.at, ...(paid && !wasPaid ? { state: 'paid' as const, paid_at: c.at, provider: c.provider } : {}) })
      .where('message_id', '=', c.messageId)
      .where('state', '=', current.state);
    q = current.paidAmount === null ? q.where('paid_amount', 'is', null) : q.where('paid_amount', '=', current.paidAmount);
    if (Number((await q.executeTakeFirst()).numUpdatedRows) === 0) throw new Error('payment changed while a credit was applied; retry');
  }
  const facts = { campaignId: c.campaignId, messageId: c.messageId, currency: c.currency, provider: c.provider, providerEventId: c.providerEventId, reference: c.reference, at: c.at };
  if (paid && !wasPaid) await recordPaid(trx, out, { ...facts, amount: received, credit: c.amount });
  else await recordPaymentEvidence(trx, out.evidence, { ...facts, amount: c.amount });
  return { received, owed: owed ?? null, state, becamePaid: paid && !wasPaid };
}
