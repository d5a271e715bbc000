// What Todoku needs from a payment provider, and nothing more: open a hosted checkout for a debt and
// say where to send the recipient; verify a webhook and say what it means. Stripe Checkout and the
// built-in simulator both fulfil it (src/payments/stripe, src/payments/simulator).
import { TodokuError } from '../core/errors.ts';

export interface Debt {
  messageId: number;
  campaignId: number;
  /** Whole yen (JPY has no minor unit). */
  amount: number;
  currency: 'jpy';
  /** What the checkout page says is being paid for. */
  description: string;
}

export interface ReturnUrls {
  success: string;
  cancel: string;
}

export interface Checkout {
  /** The provider's id of the checkout session; events name it. */
  id: string;
  /** Where to send the recipient (absolute, or a path on this server for the simulator). */
  url: string;
}

/** A provider's event, in our terms. */
export type PaymentEventKind = 'paid' | 'awaiting' | 'failed' | 'expired';

export interface PaymentEvent {
  /** The provider's event id: processing is idempotent on it. */
  id: string;
  kind: PaymentEventKind;
  /** The provider's own name for it, e.g. checkout.session.completed. */
  type: string;
  checkoutId: string;
  /** Ours, from the checkout's metadata; null when the checkout was not opened by Todoku. */
  messageId: number | null;
  amount: number | null;
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(debt: Debt, urls: ReturnUrls): Promise<Checkout>;
  /**
   * Verifies a webhook's signature over the raw body and decodes it. Throws a TodokuError
   * (TODOKU_E_PAYMENT_SIGNATURE) when it is not authentic; null for events about something else.
   */
  verifyWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): PaymentEvent | null;
}

export function signatureError(detail: string): TodokuError {
  return new TodokuError('TODOKU_E_PAYMENT_SIGNATURE', { ja: 'Webhookの署名を確認できません', en: `webhook signature not verified: ${detail}` });
}

export function providerError(provider: string, detail: string): TodokuError {
  return new TodokuError('TODOKU_E_PAYMENT_PROVIDER', {
    ja: '決済サービスに接続できませんでした。しばらくしてからもう一度お試しください',
    en: `the payment provider (${provider}) could not be reached: ${detail}`,
  });
}
