// The built-in payment simulator as a provider: checkouts are pages on this server (/pay-sim/…), and
// its webhooks are Stripe-shaped events signed like Stripe's (header Paysim-Signature: t=…,v1=…).
// For development and demos only: whoever reaches its page can "pay" without money.
import type { Vault } from '../../security/vault.ts';
import { signatureError, type Checkout, type Debt, type PaymentProvider, type ReturnUrls } from '../provider.ts';
import { toPaymentEvent, type EventLike } from '../checkout-event.ts';
import { checkSignature } from './signature.ts';
import { SESSION_LIFETIME_MS, newSessionId, sessionToken } from './session.ts';

export const SIMULATOR_SIGNATURE_HEADER = 'paysim-signature';
export const SIMULATOR_PATH = '/pay-sim';

export interface SimulatorSecrets {
  /** Signs checkout tokens (the session in the URL). */
  token: Buffer;
  /** Signs webhooks. */
  webhook: string;
}

export function simulatorSecrets(vault: Vault): SimulatorSecrets {
  return {
    token: vault.derive('payment-simulator', 'checkout-token', 32),
    webhook: vault.derive('payment-simulator', 'webhook', 32).toString('hex'),
  };
}

export function simulatorProvider(secrets: SimulatorSecrets, now: () => number = Date.now): PaymentProvider {
  return {
    name: 'simulator',

    async createCheckout(debt: Debt, urls: ReturnUrls): Promise<Checkout> {
      const id = newSessionId();
      const token = sessionToken(
        { id, messageId: debt.messageId, campaignId: debt.campaignId, amount: debt.amount, currency: debt.currency, description: debt.description, success: urls.success, cancel: urls.cancel, expiresAt: now() + SESSION_LIFETIME_MS },
        secrets.token,
      );
      return { id, url: `${SIMULATOR_PATH}/checkout?s=${token}` };
    },

    verifyWebhook(rawBody, headers) {
      const header = headers[SIMULATOR_SIGNATURE_HEADER];
      if (typeof header !== 'string') throw signatureError(`no ${SIMULATOR_SIGNATURE_HEADER} header`);
      const check = checkSignature(rawBody, header, secrets.webhook, Math.floor(now() / 1000));
      if (!check.ok) throw signatureError(check.reason);
      let event: EventLike;
      try {
        event = JSON.parse(rawBody.toString('utf8')) as EventLike;
      } catch {
        throw signatureError('body is not JSON');
      }
      if (typeof event?.id !== 'string' || typeof event.type !== 'string' || !event.data) throw signatureError('not an event');
      return toPaymentEvent(event);
    },
  };
}
