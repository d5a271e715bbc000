// The webhook outbox: code that changes state calls emit() inside its own transaction, so an event
// exists exactly when its change was committed. Each event is stored sealed and fanned out to one
// delivery per enabled subscription that wants its type, in the same statement batch. When nobody
// subscribes to a type (the usual case) emit does nothing at all, from a cache refreshed every few
// seconds: the receipts path must stay as cheap as it was.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { Vault } from '../../core/vault.ts';
import type { WebhookEventData, WebhookEventType } from '../../core/webhook-events.ts';

export type Conn = Kysely<Database> | Transaction<Database>;

export interface WebhookOutbox {
  /** Whether any enabled subscription wants `type` (cached a few seconds): skip building events if not. */
  wants(conn: Conn, type: WebhookEventType): Promise<boolean>;
  emit<T extends WebhookEventType>(conn: Conn, type: T, data: WebhookEventData[T]): Promise<void>;
  /** Many events of one type in a few statements (a batch of receipts). */
  emitMany<T extends WebhookEventType>(conn: Conn, type: T, data: readonly WebhookEventData[T][]): Promise<void>;
  /** Subscriptions changed in this process: look again on the next emit. */
  invalidate(): void;
}

/** For stores built without webhooks (and tests of other areas). */
export const NO_WEBHOOKS: WebhookOutbox = {
  wants: async () => false,
  emit: async () => undefined,
  emitMany: async () => undefined,
  invalidate: () => undefined,
};

/** A subscription made in another process is noticed within this long. */
const CACHE_MS = 3000;
const CHUNK = 500;

/** The LIKE pattern matching a type inside a subscription's events_json (types have no % or _). */
export const eventPattern = (type: WebhookEventType) => `%${JSON.stringify(type)}%`;

export function webhookOutbox(vault: Vault, now: () => number): WebhookOutbox {
  let cache: { types: Set<string>; at: number } | null = null;

  async function wants(conn: Conn, type: WebhookEventType): Promise<boolean> {
    // Real elapsed time, not the injected clock: this is a cache, not a business rule.
    if (!cache || performance.now() - cache.at > CACHE_MS) {
      // Read through the caller's connection: on SQLite another one would wait for its transaction.
      const rows = await conn.selectFrom('webhook_subscriptions').select('events_json').where('enabled', '=', 1).execute();
      cache = { types: new Set(rows.flatMap((r) => JSON.parse(r.events_json) as string[])), at: performance.now() };
    }
    return cache.types.has(type);
  }

  async function emitMany<T extends WebhookEventType>(conn: Conn, type: T, data: readonly WebhookEventData[T][]): Promise<void> {
    if (data.length === 0 || !(await wants(conn, type))) return;
    const t = now();
    for (let i = 0; i < data.length; i += CHUNK) {
      const events = await conn
        .insertInto('webhook_events')
        .values(data.slice(i, i + CHUNK).map((d) => ({ type, payload_enc: vault.encrypt(JSON.stringify(d)), created_at: t })))
        .returning('id')
        .execute();
      // Fan out from the live table (not the cache): a subscription removed meanwhile gets nothing.
      await conn
        .insertInto('webhook_deliveries')
        .columns(['event_id', 'subscription_id', 'status', 'next_attempt_at', 'created_at', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom(['webhook_events as e', 'webhook_subscriptions as s'])
            .select((s) => ['e.id', 's.id', s.val('pending').as('status'), s.val(t).as('next_attempt_at'), s.val(t).as('created_at'), s.val(t).as('updated_at')])
            .where('e.id', 'in', events.map((e) => e.id))
            .where('s.enabled', '=', 1)
            .where('s.events_json', 'like', eventPattern(type)),
        )
        .execute();
    }
  }

  return {
    wants,
    emitMany,
    emit: (conn, type, data) => emitMany(conn, type, [data]),
    invalidate() {
      cache = null;
    },
  };
}
