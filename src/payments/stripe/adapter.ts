// Stripe Checkout through Stripe's own SDK: a hosted checkout session per debt (JPY, one line), and
// webhooks verified with stripe.webhooks.constructEvent. The API base is configurable so that tests
// (and a stripe-mock) can stand in for api.stripe.com.
import Stripe from 'stripe';
import { randomBytes } from 'node:crypto';
import { providerError, signatureError, type Checkout, type Debt, type PaymentProvider, type ReturnUrls } from '../provider.ts';
import { CAMPAIGN_KEY, MESSAGE_KEY, toPaymentEvent } from '../checkout-event.ts';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** e.g. http://127.0.0.1:12111; unset: api.stripe.com */
  apiBase?: string | undefined;
  timeoutMs?: number;
}

function hostOptions(apiBase: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiBase) return {};
  const u = new URL(apiBase);
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  return { host: u.hostname, port: u.port || (protocol === 'http' ? 80 : 443), protocol };
}

export function stripeProvider(o: StripeOptions): PaymentProvider {
  const stripe = new Stripe(o.secretKey, {
    ...hostOptions(o.apiBase),
    maxNetworkRetries: 2,
    timeout: o.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: 'Todoku', url: 'https://github.com/todoku' },
  });
  return {
    name: 'stripe',

    async createCheckout(debt: Debt, urls: ReturnUrls): Promise<Checkout> {
      const metadata = { [MESSAGE_KEY]: String(debt.messageId), [CAMPAIGN_KEY]: String(debt.campaignId) };
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            locale: 'ja',
            line_items: [{ quantity: 1, price_data: { currency: debt.currency, unit_amount: debt.amount, product_data: { name: debt.description } } }],
            success_url: urls.success,
            cancel_url: urls.cancel,
            client_reference_id: String(debt.messageId),
            metadata,
            payment_intent_data: { metadata },
          },
          // A retried request (SDK network retries) opens one session, not two.
          { idempotencyKey: `todoku-${debt.messageId}-${randomBytes(8).toString('hex')}` },
        );
      } catch (e) {
        throw providerError('stripe', e instanceof Error ? e.message : String(e));
      }
      if (!session.url) throw providerError('stripe', 'the checkout session has no url');
      return { id: session.id, url: session.url };
    },

    verifyWebhook(rawBody, headers) {
      const header = headers['stripe-signature'];
      if (typeof header !== 'string') throw signatureError('no Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, header, o.webhookSecret);
      } catch (e) {
        throw signatureError(e instanceof Error ? e.message : 'invalid');
      }
      return toPaymentEvent(event);
    },
  };
}
