// Webhook use-cases for the API: subscribe (a new secret, shown once), change, rotate the secret,
// retry a delivery. URLs are checked here, once, before anything is stored.
import { TodokuError } from '../core/errors.ts';
import type { Store } from '../store/index.ts';
import type { SubscriptionInput, WebhookSubscription } from '../store/webhooks/subscriptions.ts';
import { checkWebhookUrl } from './endpoint.ts';
import { newSigningSecret } from './secret.ts';

/** How long a rotated-out secret keeps signing by default: a day to deploy the new one. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;

export function createWebhookService(deps: { store: Pick<Store, 'webhooks'>; now?: () => number }) {
  const { subscriptions, deliveries } = deps.store.webhooks;
  const now = deps.now ?? Date.now;
  return {
    async subscribe(input: SubscriptionInput): Promise<{ subscription: WebhookSubscription; secret: string }> {
      const secret = newSigningSecret();
      const subscription = await subscriptions.create({ ...input, url: checkWebhookUrl(input.url) }, secret);
      return { subscription, secret };
    },

    async change(id: number, patch: Partial<SubscriptionInput>): Promise<WebhookSubscription | undefined> {
      return subscriptions.update(id, patch.url === undefined ? patch : { ...patch, url: checkWebhookUrl(patch.url) });
    },

    /** A new secret; the old one also signs for `graceSeconds` (0: stops at once). */
    async rotateSecret(id: number, graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS): Promise<{ subscription: WebhookSubscription; secret: string } | undefined> {
      const secret = newSigningSecret();
      const subscription = await subscriptions.rotateSecret(id, secret, now() + graceSeconds * 1000);
      return subscription && { subscription, secret };
    },

    async retry(deliveryId: number): Promise<boolean> {
      const r = await deliveries.retry(deliveryId);
      if (r === 'busy') {
        throw new TodokuError('TODOKU_E_WEBHOOK_DELIVERY_BUSY', {
          ja: 'この配信は現在送信中です。終わってからやり直してください',
          en: 'this delivery is being sent right now; retry once it has finished',
        });
      }
      return r === 'queued';
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
