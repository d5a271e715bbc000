// Webhook use-cases for the API: subscribe (a new secret, shown once), change, rotate the secret,
// retry a delivery. URLs are checked here (their host resolved, every address checked) before anything is
// stored; the delivery loop checks again at every attempt.
import { TodokuError } from '../core/errors.ts';
import type { Store } from '../store/index.ts';
import type { SubscriptionInput, WebhookSubscription } from '../store/webhooks/subscriptions.ts';
import { checkWebhookUrl } from './endpoint.ts';
import { newSigningSecret } from './secret.ts';
import type { LookupAll } from './target.ts';

/** How long a rotated-out secret keeps signing by default: a day to deploy the new one. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;

export interface WebhookServiceDeps {
  store: Pick<Store, 'webhooks'>;
  now?: () => number;
  /** TODOKU_WEBHOOK_ALLOW_HOSTS: internal hosts (and plain http) the operator allows. */
  allowHosts?: readonly string[];
  lookup?: LookupAll;
}

export function createWebhookService(deps: WebhookServiceDeps) {
  const { subscriptions, deliveries } = deps.store.webhooks;
  const now = deps.now ?? Date.now;
  const policy = { allowHosts: deps.allowHosts ?? [], lookup: deps.lookup };
  return {
    async subscribe(input: SubscriptionInput): Promise<{ subscription: WebhookSubscription; secret: string }> {
      const secret = newSigningSecret();
      const subscription = await subscriptions.create({ ...input, url: await checkWebhookUrl(input.url, policy) }, secret);
      return { subscription, secret };
    },

    async change(id: number, patch: Partial<SubscriptionInput>): Promise<WebhookSubscription | undefined> {
      return subscriptions.update(id, patch.url === undefined ? patch : { ...patch, url: await checkWebhookUrl(patch.url, policy) });
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
