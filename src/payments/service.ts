// Payment use-cases: what a recipient owes, sending them to the provider's checkout, and applying the
// provider's verified webhooks (idempotent by event id, ordered by the state machine in state.ts).
import { TodokuError } from '../core/errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { PaymentRow } from '../store/payments.ts';
import { yen } from '../documents/invoice/format.ts';
import type { PaymentProvider, ReturnUrls } from './provider.ts';
import { afterCancelReturn, afterEvent, canStartCheckout, type PaymentState } from './state.ts';

/** Tapping "pay" again within this time goes back to the same checkout instead of opening another. */
const REUSE_CHECKOUT_MS = 30 * 60 * 1000;

export interface PaymentStatus {
  state: PaymentState;
  amount: number | null;
  paidAt: number | null;
}

export type CheckoutStart = { kind: 'redirect'; url: string } | { kind: 'paid' } | { kind: 'no_debt' };

export interface WebhookResult {
  eventId: string | null;
  outcome: 'applied' | 'ignored' | 'duplicate' | 'unknown' | 'irrelevant' | 'paid_twice';
  state: PaymentState | null;
}

export function createPaymentService(deps: { store: Store; provider: PaymentProvider | null; log: Logger; now?: () => number }) {
  const { store, provider, log } = deps;
  const now = deps.now ?? Date.now;

  /** Whole yen from the recipient's amount column; nothing to pay if absent, zero or negative. */
  function amountOf(fields: Readonly<Record<string, string>>): number | null {
    const a = yen(fields.amount);
    return a && a.value > 0 ? a.value : null;
  }

  /** What the recipient's page shows: this process's own writes at once, another's within a second (store.payments.shown). */
  async function status(messageId: number, fields?: Readonly<Record<string, string>>): Promise<PaymentStatus> {
    const p = await store.payments.shown(messageId);
    if (p) return { state: p.state, amount: p.amount, paidAt: p.paidAt };
    return { state: 'unpaid', amount: fields ? amountOf(fields) : null, paidAt: null };
  }

  async function reusable(p: PaymentRow | undefined): Promise<string | null> {
    if (!provider || !p || p.state !== 'pending' || !p.checkoutId || p.provider !== provider.name) return null;
    const c = await store.payments.checkout(p.provider, p.checkoutId);
    return c && now() - c.createdAt < REUSE_CHECKOUT_MS ? c.url : null;
  }

  return {
    provider,
    amountOf,
    status,

    async startCheckout(ref: { campaignId: number; messageId: number; fields: Readonly<Record<string, string>> }, urls: ReturnUrls): Promise<CheckoutStart> {
      if (!provider) throw new TodokuError('TODOKU_E_PAYMENT_OFF', { ja: 'オンライン決済は利用できません', en: 'online payment is not available' });
      const current = await store.payments.byMessage(ref.messageId);
      if (current && !canStartCheckout(current.state)) return { kind: 'paid' };
      const amount = amountOf(ref.fields);
      if (amount === null) return { kind: 'no_debt' };
      const again = await reusable(current);
      if (again) return { kind: 'redirect', url: again };
      const organisation = (await store.landing.organisation())?.name;
      const checkout = await provider.createCheckout(
        { messageId: ref.messageId, campaignId: ref.campaignId, amount, currency: 'jpy', description: organisation ? `${organisation} ご請求金額` : 'ご請求金額' },
        urls,
      );
      const started = await store.payments.startCheckout({ messageId: ref.messageId, campaignId: ref.campaignId, amount, currency: 'jpy', provider: provider.name, checkoutId: checkout.id, url: checkout.url });
      if (!started) return { kind: 'paid' };
      log.info({ messageId: ref.messageId, provider: provider.name }, 'checkout opened');
      return { kind: 'redirect', url: checkout.url };
    },

    /** The recipient came back through the checkout's cancel link. */
    async cancelReturn(messageId: number): Promise<PaymentState> {
      const p = await store.payments.byMessage(messageId);
      if (!p) return 'unpaid';
      const next = p.checkoutId ? afterCancelReturn(p, p.checkoutId) : null;
      if (next && (await store.payments.transition(messageId, p, next))) return next;
      return (await store.payments.byMessage(messageId))?.state ?? p.state;
    },

    /** A provider's webhook: verified by that provider, then applied once. */
    async webhook(providerName: string, rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): Promise<WebhookResult> {
      if (!provider || provider.name !== providerName) {
        throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `決済サービス「${providerName}」は使われていません`, en: `payment provider "${providerName}" is not in use` });
      }
      const event = provider.verifyWebhook(rawBody, headers);
      if (!event) return { eventId: null, outcome: 'irrelevant', state: null };
      // Our own record of the checkout decides whose payment it is; the event's metadata is only a hint.
      const checkout = await store.payments.checkout(provider.name, event.checkoutId);
      const messageId = checkout?.messageId ?? null;
      const applied = await store.payments.applyEvent(
        { provider: provider.name, eventId: event.id, type: event.type, checkoutId: event.checkoutId, messageId, amount: event.amount },
        (current) => (current ? afterEvent(current, event) : null),
      );
      if (applied.outcome === 'applied' && messageId !== null) {
        log.info({ messageId, provider: provider.name, state: applied.state }, 'payment state changed by webhook');
        if (applied.state === 'paid') {
          await store.audit.append({ actor: `payment:${provider.name}`, action: 'payment.paid', target: `message:${messageId}`, details: { eventId: event.id, amount: event.amount } });
        }
      } else if (applied.outcome === 'ignored' && event.kind === 'paid' && messageId !== null) {
        // Paid already, on another checkout (a second tab): money came in twice and needs a refund.
        const p = await store.payments.byMessage(messageId);
        if (p && p.checkoutId !== event.checkoutId) {
          log.warn({ messageId, provider: provider.name }, 'a debt already paid was paid again on another checkout');
          await store.audit.append({ actor: `payment:${provider.name}`, action: 'payment.paid_twice', target: `message:${messageId}`, details: { eventId: event.id, checkoutId: event.checkoutId, amount: event.amount } });
          return { eventId: event.id, outcome: 'paid_twice', state: applied.state };
        }
      } else if (applied.outcome === 'unknown') {
        log.warn({ provider: provider.name, type: event.type }, 'webhook for a checkout this installation did not open');
      }
      return { eventId: event.id, outcome: applied.outcome, state: applied.state };
    },

    counts: (campaignId: number) => store.payments.counts(campaignId),
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
