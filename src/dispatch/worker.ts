// The worker side of a process: recovers what a previous run left in flight, keeps the routes of the
// routes table connected with a dispatcher each, stores receipts, hands inbound messages on, and runs
// the shared upkeep. Several workers (processes) can run against one PostgreSQL.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { DispatchPort, MaintenancePort, ReceiptPort, RouteTablePort } from './ports.ts';
import type { Vault } from '../core/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import type { InboundSms } from '../core/carrier.ts';
import { createRoute, type RouteEnvironment } from '../routes/factory.ts';
import { startMaintenance } from './maintenance.ts';
import { ReceiptWriter } from './receipts.ts';
import { RouteSet } from './route-set.ts';
import { toError } from '../core/errors.ts';
import { startDeliveryLoop, type DeliveryLoopDeps, type DeliveryOptions } from '../webhooks/delivery-loop.ts';
import type { PolicyOverrides } from '../core/policy/overrides.ts';
import type { Metrics } from '../ops/metrics.ts';

/** Everything the worker's parts ask of storage; the wiring passes the store, which fulfils all of it. */
export type WorkerStore = DispatchPort & ReceiptPort & MaintenancePort & RouteTablePort & DeliveryLoopDeps['store'];

export interface WorkerDeps {
  store: WorkerStore;
  vault: Vault;
  composer: Composer;
  log: Logger;
  /** The one clock (epoch ms) of the dispatchers, route health and upkeep. */
  now: () => number;
  staleMs: number;
  graceMs: number;
  routeEnvironment: RouteEnvironment;
  policyOverrides?: PolicyOverrides;
  /** Replies (MO messages) from any route. */
  onInbound?: (route: string, m: InboundSms) => Promise<void>;
  /** Submits and receipts counted for /metrics (src/ops/metrics.ts). */
  metrics?: Pick<Metrics, 'submitted' | 'receipt'>;
  /** Outbound webhook delivery (backoff base, timeout); defaults: 10 s, 10 s. */
  webhooks?: Partial<DeliveryOptions>;
  /** TODOKU_EVIDENCE_RETENTION_YEARS, for the daily retention sweep. */
  evidenceRetentionYears?: number;
  /** The evidence ledger, ticked by the upkeep about every second and once on stop. */
  evidence?: { tick(): Promise<void> };
  /** The cadences' scheduler, run by the upkeep about every 10 s. */
  cadences?: { tick(): Promise<{ queued: number; left: number; completed: number[] }> };
}

export interface Worker {
  id: string;
  routes: RouteSet;
  stop(): Promise<void>;
}

export async function startWorker(deps: WorkerDeps): Promise<Worker> {
  const { store, vault, composer, log } = deps;
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const routes: RouteSet = new RouteSet({
    store,
    vault,
    composer,
    workerId: id,
    log,
    now: deps.now,
    create: (record) => createRoute(record, deps.routeEnvironment),
    ...(deps.policyOverrides ? { policyOverrides: deps.policyOverrides } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    events: (name) => ({
      receipt: (r) => {
        deps.metrics?.receipt(name, r.status);
        return receipts.store1(name, r);
      },
      inbound: async (m) => {
        if (deps.onInbound) await deps.onInbound(name, m);
        else log.info({ route: name, at: m.receivedAt.toISOString() }, 'inbound SMS received (no handler)');
      },
    }),
  });
  const receipts = new ReceiptWriter(store, vault);
  // Recover before binding: what a previous run left in flight waits for its receipts.
  const maintenance = startMaintenance({
    store,
    workerId: id,
    log,
    now: deps.now,
    staleMs: deps.staleMs,
    graceMs: deps.graceMs,
    ...(deps.evidenceRetentionYears !== undefined ? { evidenceRetentionYears: deps.evidenceRetentionYears } : {}),
    ...(deps.evidence ? { evidence: deps.evidence } : {}),
    onCampaignStarted: () => routes.poke(),
    ...(deps.cadences ? { cadences: deps.cadences, onStepsQueued: () => routes.poke() } : {}),
  });
  await maintenance.runOnce();
  await routes.start();
  const webhooks = startDeliveryLoop({ store, workerId: id, log, now: deps.now, ...deps.webhooks });
  return {
    id,
    routes,
    async stop() {
      await Promise.all([
        routes.stop().catch((err) => log.error({ err: toError(err) }, 'stopping routes failed')),
        webhooks.stop().catch((err) => log.error({ err: toError(err) }, 'stopping webhook delivery failed')),
      ]);
      await maintenance.stop();
    },
  };
}
