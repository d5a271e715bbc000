// The webhook delivery loop of a worker process: keeps up to `concurrency` deliveries in flight, claims
// more as slots free up (several processes share the queue), signs each body, records every attempt and
// schedules the next one with capped backoff; a delivery still failing after the last attempt is
// 'failed' (an operator can retry it). Also puts back deliveries a dead worker left claimed and prunes
// old events.
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { AttemptOutcome, ClaimedDelivery } from '../store/webhooks/deliveries.ts';
import { toError } from '../core/errors.ts';
import { afterFailure, DEFAULT_BACKOFF_BASE_MS } from './backoff.ts';
import { eventBody } from '../core/webhook-events.ts';
import { signatureHeader } from './signature.ts';
import { postWebhook, type PostResult } from './post.ts';
import type { LookupAll, TargetPolicy } from './target.ts';

export interface DeliveryOptions {
  /** The first retry waits about this long; later ones grow (see backoff.ts). */
  backoffBaseMs: number;
  timeoutMs: number;
  /** TODOKU_WEBHOOK_ALLOW_HOSTS: internal hosts (and plain http) the operator allows; every other target is checked at each attempt. */
  allowHosts: readonly string[];
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { backoffBaseMs: DEFAULT_BACKOFF_BASE_MS, timeoutMs: 10_000, allowHosts: [] };

export interface DeliveryLoopDeps extends Partial<DeliveryOptions> {
  store: Pick<Store, 'webhooks'>;
  workerId: string;
  log: Logger;
  concurrency?: number;
  /** How often to look for due deliveries (default: half the backoff base, 20 ms to 1 s). */
  pollMs?: number;
  now?: () => number;
  random?: () => number;
  post?: typeof postWebhook;
  /** DNS for the target check, replaceable in tests. */
  lookup?: LookupAll;
}

const RELEASE_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 3_600_000;
const KEEP_EVENTS_MS = 30 * 86_400_000;

export interface DeliveryLoop {
  /** Delivers what is due now (and waits for it); the loop calls it on its own. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startDeliveryLoop(deps: DeliveryLoopDeps): DeliveryLoop {
  const { store, workerId, log } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const post = deps.post ?? postWebhook;
  const baseMs = deps.backoffBaseMs ?? DEFAULT_DELIVERY_OPTIONS.backoffBaseMs;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_DELIVERY_OPTIONS.timeoutMs;
  const concurrency = deps.concurrency ?? 8;
  const policy: TargetPolicy = { allowHosts: deps.allowHosts ?? DEFAULT_DELIVERY_OPTIONS.allowHosts, lookup: deps.lookup };
  // A short test backoff needs a short look-again interval too; in production once a second.
  const pollMs = deps.pollMs ?? Math.max(20, Math.min(1000, Math.round(baseMs / 2)));
  const deliveries = store.webhooks.deliveries;
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  let lastRelease = 0;
  let lastPrune = 0;

  async function attempt(d: ClaimedDelivery): Promise<void> {
    const body = eventBody({ id: d.eventId, type: d.type, createdAt: d.eventCreatedAt, data: d.data });
    const startedAt = now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Todoku-Webhooks',
      'todoku-signature': signatureHeader(d.secrets, Math.floor(startedAt / 1000), body),
      'todoku-event': d.type,
      'todoku-delivery': String(d.id),
    };
    const result: PostResult = await post(d.url, body, headers, timeoutMs, policy);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    let next: AttemptOutcome['next'] = { status: 'delivered' };
    if (!ok) {
      const after = afterFailure(d.attempt, now(), baseMs, random());
      next = after.retry ? { status: 'pending', at: after.at } : { status: 'failed' };
    }
    await deliveries.finish(workerId, d.id, { attempt: d.attempt, startedAt, durationMs: result.durationMs, statusCode: result.statusCode, error: result.error, next });
    const fields = { delivery: d.id, subscription: d.subscriptionId, type: d.type, attempt: d.attempt, status: result.statusCode, error: result.error };
    if (next.status === 'failed') log.warn(fields, 'webhook delivery failed for good');
    else if (!ok) log.info(fields, 'webhook delivery attempt failed; will retry');
    else log.debug(fields, 'webhook delivered');
  }

  async function housekeeping(): Promise<void> {
    const t = now();
    if (t - lastRelease >= RELEASE_EVERY_MS) {
      lastRelease = t;
      const released = await deliveries.releaseStuck(t - timeoutMs - 60_000);
      if (released > 0) log.warn({ released }, 'webhook deliveries left claimed by a stopped worker are due again');
    }
    if (t - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = t;
      const pruned = await deliveries.prune(t - KEEP_EVENTS_MS);
      if (pruned > 0) log.info({ pruned }, 'old webhook events pruned');
    }
  }

  async function runOnce(): Promise<void> {
    await housekeeping();
    for (;;) {
      const free = concurrency - inflight.size;
      if (!stopped && free > 0) {
        const claimed = await deliveries.claim(workerId, free);
        for (const d of claimed) {
          const p: Promise<void> = attempt(d)
            .catch((err) => log.error({ err: toError(err), delivery: d.id }, 'webhook delivery could not be recorded'))
            .finally(() => inflight.delete(p));
          inflight.add(p);
        }
      }
      if (inflight.size === 0) return;
      // Claim again as soon as one finishes.
      await Promise.race(inflight);
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err) => log.error({ err: toError(err) }, 'webhook delivery loop failed'))
        .finally(schedule);
    }, pollMs);
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.allSettled([...inflight]);
    },
  };
}
