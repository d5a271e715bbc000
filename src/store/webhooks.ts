// Outbound webhooks in the store: subscriptions, the event outbox (emit, used by other stores inside
// their own transactions) and the delivery queue with its log.
//
// For code that changes state and wants integrators told:
//     await store.webhooks.emit(trx, 'message.reply', { … })        // inside your transaction
// or, in a store module, take a `WebhookOutbox` parameter (createStore passes store.webhooks.outbox).
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { Vault } from '../core/vault.ts';
import { isoTime, type CampaignCompletedData } from '../core/webhook-events.ts';
import { webhookOutbox, type Conn } from './webhooks/outbox.ts';
import { subscriptionStore } from './webhooks/subscriptions.ts';
import { deliveryStore } from './webhooks/deliveries.ts';

export { NO_WEBHOOKS, type WebhookOutbox } from './webhooks/outbox.ts';

export function webhookStore(db: Kysely<Database>, dialect: Dialect, vault: Vault, now: () => number) {
  const outbox = webhookOutbox(vault, now);
  return {
    outbox,
    emit: outbox.emit,
    emitMany: outbox.emitMany,
    subscriptions: subscriptionStore(db, vault, outbox, now),
    deliveries: deliveryStore(db, dialect, vault, now),
  };
}

export type WebhookStore = ReturnType<typeof webhookStore>;

/** campaign.completed events for campaigns just marked completed, with their messages counted by state. */
export async function campaignCompletedData(conn: Conn, campaigns: readonly { id: number; name: string; completed_at: number | null }[]): Promise<CampaignCompletedData[]> {
  if (campaigns.length === 0) return [];
  const rows = await conn
    .selectFrom('messages')
    .select(['campaign_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', campaigns.map((c) => c.id))
    .groupBy(['campaign_id', 'state'])
    .execute();
  return campaigns.map((c) => ({
    campaignId: c.id,
    name: c.name,
    completedAt: isoTime(c.completed_at)!,
    counts: Object.fromEntries(rows.filter((r) => r.campaign_id === c.id).map((r) => [r.state, Number(r.n)])),
  }));
}
