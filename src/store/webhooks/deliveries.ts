// The webhook delivery queue, all of its state changes in one place: claim due deliveries (with the
// message queue's SKIP LOCKED claim, so several workers share them), record an attempt's outcome, put back what
// a dead worker left half done, retry by hand, read the log, and prune old events.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import type { WebhookAttemptRow, WebhookDeliveryStatus } from '../schema-webhooks.ts';
import type { Vault } from '../../core/vault.ts';
import { signingSecrets } from './subscriptions.ts';
import { withDue } from '../queue/claim-due.ts';

export interface ClaimedDelivery {
  id: number;
  /** This attempt's number (1 for the first). */
  attempt: number;
  subscriptionId: number;
  eventId: number;
  type: string;
  eventCreatedAt: number;
  data: unknown;
  url: string;
  /** Newest first; more than one while a rotated secret is still honoured. */
  secrets: string[];
}

export interface AttemptOutcome {
  attempt: number;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  next: { status: 'delivered' } | { status: 'pending'; at: number } | { status: 'failed' };
}

export interface DeliveryRecord {
  id: number;
  subscriptionId: number;
  eventId: number;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: number | null;
  deliveredAt: number | null;
  createdAt: number;
  log: { attempt: number; startedAt: number; durationMs: number; statusCode: number | null; error: string | null }[];
}

export function deliveryStore(db: Kysely<Database>, dialect: Dialect, vault: Vault, now: () => number) {
  const logRow = (a: WebhookAttemptRow) => ({ attempt: a.attempt, startedAt: a.started_at, durationMs: a.duration_ms, statusCode: a.status_code, error: a.error });

  async function records(where: { subscriptionId?: number; id?: number; status?: WebhookDeliveryStatus; before?: number; limit: number }): Promise<DeliveryRecord[]> {
    let q = db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .selectAll('d')
      .select('e.type')
      .orderBy('d.id', 'desc')
      .limit(where.limit);
    if (where.subscriptionId !== undefined) q = q.where('d.subscription_id', '=', where.subscriptionId);
    if (where.id !== undefined) q = q.where('d.id', '=', where.id);
    if (where.status !== undefined) q = q.where('d.status', '=', where.status);
    if (where.before !== undefined) q = q.where('d.id', '<', where.before);
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const attempts = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('delivery_id').orderBy('attempt').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      eventId: r.event_id,
      eventType: r.type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      lastAttemptAt: r.last_attempt_at,
      deliveredAt: r.delivered_at,
      createdAt: r.created_at,
      log: attempts.filter((a) => a.delivery_id === r.id).map(logRow),
    }));
  }

  return {
    /** Claims up to `limit` due deliveries of enabled subscriptions, with what is needed to send them. */
    async claim(workerId: string, limit: number): Promise<ClaimedDelivery[]> {
      if (limit <= 0) return [];
      const t = now();
      const due = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
        .select('d.id')
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', t)
        .where('s.enabled', '=', 1)
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit);
      // The same claim as the message queue's (store/queue/claim-due.ts): several workers share these rows.
      const claimed = await withDue(db, dialect, due, 'd')
        .updateTable('webhook_deliveries')
        .set((eb) => ({ status: 'delivering', worker_id: workerId, claimed_at: t, updated_at: t, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
        .where('status', '=', 'pending')
        .returning(['id', 'event_id', 'subscription_id', 'attempts'])
        .execute();
      if (claimed.length === 0) return [];
      const events = await db
        .selectFrom('webhook_events')
        .selectAll()
        .where('id', 'in', [...new Set(claimed.map((c) => c.event_id))])
        .execute();
      const subscriptions = await db
        .selectFrom('webhook_subscriptions')
        .select(['id', 'url', 'secret_enc', 'previous_secret_enc', 'previous_secret_until'])
        .where('id', 'in', [...new Set(claimed.map((c) => c.subscription_id))])
        .execute();
      const eventById = new Map(events.map((e) => [e.id, { type: e.type, createdAt: e.created_at, data: JSON.parse(vault.decrypt(e.payload_enc)) as unknown }]));
      const subById = new Map(subscriptions.map((s) => [s.id, { url: s.url, secrets: signingSecrets(vault, s, t) }]));
      return claimed
        .sort((a, b) => a.id - b.id)
        .flatMap((c) => {
          const e = eventById.get(c.event_id);
          const s = subById.get(c.subscription_id);
          // Both are referenced with ON DELETE CASCADE: gone means this delivery is gone too.
          if (!e || !s) return [];
          return [{ id: c.id, attempt: c.attempts, subscriptionId: c.subscription_id, eventId: c.event_id, type: e.type, eventCreatedAt: e.createdAt, data: e.data, url: s.url, secrets: s.secrets }];
        });
    },

    /** Records an attempt by the worker that claimed it; false if the delivery was taken from it meanwhile. */
    async finish(workerId: string, id: number, o: AttemptOutcome): Promise<boolean> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('webhook_deliveries')
          .set({
            status: o.next.status,
            next_attempt_at: o.next.status === 'pending' ? o.next.at : t,
            worker_id: null,
            claimed_at: null,
            last_status_code: o.statusCode,
            last_error: o.error,
            last_attempt_at: o.startedAt,
            ...(o.next.status === 'delivered' ? { delivered_at: t } : {}),
            updated_at: t,
          })
          .where('id', '=', id)
          .where('worker_id', '=', workerId)
          .where('status', '=', 'delivering')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx
          .insertInto('webhook_attempts')
          .values({ delivery_id: id, attempt: o.attempt, started_at: o.startedAt, duration_ms: o.durationMs, status_code: o.statusCode, error: o.error })
          .execute();
        return true;
      });
    },

    /** Deliveries claimed before `before` and never finished (their worker died) are due again. */
    async releaseStuck(before: number): Promise<number> {
      const t = now();
      const r = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', worker_id: null, claimed_at: null, next_attempt_at: t, last_error: 'worker stopped during the attempt', updated_at: t })
        .where('status', '=', 'delivering')
        .where('claimed_at', '<', before)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Due again now, whatever happened before (a failed one gets one more attempt; a delivered one is sent again). */
    async retry(id: number): Promise<'queued' | 'busy' | 'missing'> {
      const t = now();
      const r = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: t, updated_at: t })
        .where('id', '=', id)
        .where('status', '!=', 'delivering')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) > 0) return 'queued';
      const exists = await db.selectFrom('webhook_deliveries').select('id').where('id', '=', id).executeTakeFirst();
      return exists ? 'busy' : 'missing';
    },

    /** The delivery log of a subscription, newest first, each with its attempts. */
    list: (subscriptionId: number, opts: { status?: WebhookDeliveryStatus | undefined; before?: number | undefined; limit: number }) =>
      records({ subscriptionId, limit: opts.limit, ...(opts.status ? { status: opts.status } : {}), ...(opts.before !== undefined ? { before: opts.before } : {}) }),

    async byId(id: number): Promise<DeliveryRecord | undefined> {
      return (await records({ id, limit: 1 }))[0];
    },

    /** Deliveries per status for one subscription. */
    async counts(subscriptionId: number): Promise<Record<WebhookDeliveryStatus, number>> {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('subscription_id', '=', subscriptionId)
        .groupBy('status')
        .execute();
      const out: Record<WebhookDeliveryStatus, number> = { pending: 0, delivering: 0, delivered: 0, failed: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    /** Events older than `before` with nothing left to send go, with their deliveries and attempts. */
    async prune(before: number, batch = 1000): Promise<number> {
      const old = await db
        .selectFrom('webhook_events as e')
        .select('e.id')
        .where('e.created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'e.id').where('d.status', 'in', ['pending', 'delivering']))),
        )
        .orderBy('e.id')
        .limit(batch)
        .execute();
      if (old.length === 0) return 0;
      const ids = old.map((o) => o.id);
      // Children first: correct even where foreign keys are not enforced.
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', (eb) => eb.selectFrom('webhook_deliveries').select('id').where('event_id', 'in', ids)).execute();
        await trx.deleteFrom('webhook_deliveries').where('event_id', 'in', ids).execute();
        await trx.deleteFrom('webhook_events').where('id', 'in', ids).execute();
      });
      return ids.length;
    },
  };
}

export type DeliveryStore = ReturnType<typeof deliveryStore>;
