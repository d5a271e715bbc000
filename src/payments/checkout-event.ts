// Stripe's Checkout events (and the simulator's, which copy their shape) in our terms. Completed
// with payment_status "paid" is money received; "unpaid" means an asynchronous method (konbini, bank
// transfer) is still to be paid, and its async_payment_* event settles it later.
import type { PaymentEvent } from './provider.ts';

export interface CheckoutSessionLike {
  id: string;
  payment_status?: string | null;
  amount_total?: number | null;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
}

export interface EventLike {
  id: string;
  type: string;
  data: { object: unknown };
}

export const MESSAGE_KEY = 'todoku_message_id';
export const CAMPAIGN_KEY = 'todoku_campaign_id';

export function toPaymentEvent(e: EventLike): PaymentEvent | null {
  const s = e.data.object as CheckoutSessionLike;
  if (!s || typeof s.id !== 'string' || !e.type.startsWith('checkout.session.')) return null;
  let kind: PaymentEvent['kind'];
  switch (e.type) {
    case 'checkout.session.completed':
      kind = s.payment_status === 'paid' || s.payment_status === 'no_payment_required' ? 'paid' : 'awaiting';
      break;
    case 'checkout.session.async_payment_succeeded':
      kind = 'paid';
      break;
    case 'checkout.session.async_payment_failed':
      kind = 'failed';
      break;
    case 'checkout.session.expired':
      kind = 'expired';
      break;
    default:
      return null;
  }
  const raw = s.metadata?.[MESSAGE_KEY];
  const messageId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  return { id: e.id, kind, type: e.type, checkoutId: s.id, messageId, amount: typeof s.amount_total === 'number' ? s.amount_total : null };
}
