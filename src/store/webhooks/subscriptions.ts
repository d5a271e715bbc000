// Webhook subscriptions: where to send which events. The signing secret is sealed at rest and only
// leaves the store to sign (and once, to the administrator who created or rotated it).
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { WebhookSubscriptionRow } from '../schema-webhooks.ts';
import type { Vault } from '../../core/vault.ts';
import type { WebhookEventType } from '../../core/webhook-events.ts';
import type { WebhookOutbox } from './outbox.ts';

export interface WebhookSubscription {
  id: number;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  secretRotatedAt: number | null;
  /** Until then the previous secret also signs (after a rotation). */
  previousSecretUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface SubscriptionInput {
  url: string;
  events: readonly WebhookEventType[];
  description: string | null;
  enabled: boolean;
}

function open(r: WebhookSubscriptionRow, t: number): WebhookSubscription {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events_json) as WebhookEventType[],
    description: r.description,
    enabled: r.enabled === 1,
    secretRotatedAt: r.secret_rotated_at,
    previousSecretUntil: r.previous_secret_until !== null && r.previous_secret_until > t ? r.previous_secret_until : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const eventsJson = (events: readonly WebhookEventType[]) => JSON.stringify([...new Set(events)].sort());

export function subscriptionStore(db: Kysely<Database>, vault: Vault, outbox: WebhookOutbox, now: () => number) {
  const changed = <T>(v: T): T => {
    outbox.invalidate();
    return v;
  };
  return {
    async create(input: SubscriptionInput, secret: string): Promise<WebhookSubscription> {
      const t = now();
      const row = await db
        .insertInto('webhook_subscriptions')
        .values({
          url: input.url,
          events_json: eventsJson(input.events),
          description: input.description,
          enabled: input.enabled ? 1 : 0,
          secret_enc: vault.encrypt(secret),
          previous_secret_enc: null,
          previous_secret_until: null,
          secret_rotated_at: null,
          created_at: t,
          updated_at: t,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return changed(open(row, t));
    },

    async list(): Promise<WebhookSubscription[]> {
      const t = now();
      return (await db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute()).map((r) => open(r, t));
    },

    async byId(id: number): Promise<WebhookSubscription | undefined> {
      const r = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && open(r, now());
    },

    async update(id: number, patch: Partial<SubscriptionInput>): Promise<WebhookSubscription | undefined> {
      const t = now();
      const r = await db
        .updateTable('webhook_subscriptions')
        .set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events_json: eventsJson(patch.events) } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          updated_at: t,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return changed(r && open(r, t));
    },

    /** Removes the subscription and its deliveries (their log goes with it). */
    async remove(id: number): Promise<boolean> {
      const r = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
      return changed(Number(r.numDeletedRows) > 0);
    },

    /** A new secret signs from now on; the old one signs alongside it until `previousUntil`. */
    async rotateSecret(id: number, secret: string, previousUntil: number): Promise<WebhookSubscription | undefined> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('webhook_subscriptions').select('secret_enc').where('id', '=', id).executeTakeFirst();
        if (!current) return undefined;
        const keepOld = previousUntil > t;
        const r = await trx
          .updateTable('webhook_subscriptions')
          .set({
            secret_enc: vault.encrypt(secret),
            previous_secret_enc: keepOld ? current.secret_enc : null,
            previous_secret_until: keepOld ? previousUntil : null,
            secret_rotated_at: t,
            updated_at: t,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return open(r, t);
      });
    },
  };
}

/** The secrets that sign a delivery now, newest first. */
export function signingSecrets(vault: Vault, r: Pick<WebhookSubscriptionRow, 'secret_enc' | 'previous_secret_enc' | 'previous_secret_until'>, t: number): string[] {
  const secrets = [vault.decrypt(r.secret_enc)];
  if (r.previous_secret_enc && r.previous_secret_until !== null && r.previous_secret_until > t) secrets.push(vault.decrypt(r.previous_secret_enc));
  return secrets;
}

export type SubscriptionStore = ReturnType<typeof subscriptionStore>;
