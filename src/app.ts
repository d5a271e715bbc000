// Assembles Todoku from a config: database, vault, store, SMSC simulator, the worker (routes,
// dispatchers, upkeep) and the web server, each only if asked for; and takes them down in reverse order.
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createVault, loadMasterKey } from './security/vault.ts';
import { migrate, openDb } from './store/db.ts';
import { createStore, type Store } from './store/index.ts';
import { createComposer } from './campaign/compose.ts';
import { startWorker, type Worker } from './dispatch/worker.ts';
import { seedFirstRoute } from './routes/seed.ts';
import { createRoute, type RouteEnvironment } from './routes/factory.ts';
import { testRoute } from './routes/test-connection.ts';
import type { SmscSimulator } from './routes/simulator/simulator.ts';
import { ProviderRouteRegistry } from './routes/http-provider/registry.ts';
import { startSimulators } from './app/simulators.ts';
import { startWeb } from './app/web.ts';
import { ensureDevApiKey } from './app/dev-api-key.ts';
import type { RouteLimits } from './core/segments.ts';
import { createAccounts } from './accounts/accounts.ts';
import { createMetrics } from './ops/metrics.ts';
import { closeWebServer } from './ops/shutdown.ts';
import { messageCounts } from './store/queue-stats.ts';
import { receiveReply } from './inbox/receive.ts';
import { createLedger, MAX_CLOCK_SKEW_MS, type Ledger } from './evidence/ledger.ts';
import { createTimestamper } from './evidence/tsa-client.ts';
import { cadenceScheduler } from './cadence/scheduler.ts';
import { toError } from './core/errors.ts';

export const VERSION = '0.1.0';

/** Until routes are managed in the database, one route; 10 concatenated parts at most. */
const DEFAULT_LIMITS: RouteLimits = { maxParts: 10 };

export interface Running {
  config: Config;
  store: Store;
  log: Logger;
  url: string | null;
  simulator: SmscSimulator | null;
  worker: Worker | null;
  /** The evidence ledger (null only when TODOKU_EVIDENCE_LEDGER is off, in the benchmark). */
  ledger: Ledger | null;
  devApiKey: string | null;
  /** Set once, on the first start of `npm start` with nobody to log in: print it, never store it. */
  firstAdministrator: { login: string; password: string } | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** With no user at all, create `admin` with a one-time password (the demo of `npm start`). */
  firstAdministrator?: boolean;
  /** Process figures (CPU, memory, event loop) in /metrics. */
  processMetrics?: boolean;
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel), options: StartOptions = {}): Promise<Running> {
  const vault = createVault(loadMasterKey(config.secretKey, config.dataDir));
  const db = await openDb(config.database);
  await migrate(db);
  const store = createStore(db, vault, Date.now, { evidence: config.evidenceLedger, retryBaseMs: config.retryBaseMs });
  let linkBase = config.linkBase ?? `http://localhost:${config.port}/l`;
  // Absolute addresses we hand out come from configuration, or the address we listen on; never from a request.
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const composer = createComposer(vault, () => linkBase);
  const devApiKey = await ensureDevApiKey(store, config.dataDir, log);
  const accounts = createAccounts(store, vault, { sessions: config.sessions });
  const firstAdministrator = options.firstAdministrator ? await accounts.ensureFirstAdministrator() : null;
  // The evidence ledger: the worker ticks it, certificates and exports seal it (off only in the benchmark).
  const tsa = config.evidenceHeads.tsa;
  const ledger = config.evidenceLedger
    ? createLedger({
        store,
        vault,
        timestamper: tsa ? createTimestamper({ url: tsa.url, timeoutMs: tsa.timeoutMs, ...(tsa.trustedCertsPem ? { trustedCertsPem: tsa.trustedCertsPem } : {}) }) : null,
        now: Date.now,
        log,
        headIntervalMs: config.evidenceHeads.intervalMs,
        ...(tsa?.trustedCertsPem ? { tsaTrustedCertsPem: tsa.trustedCertsPem } : {}),
      })
    : null;
  const metrics = createMetrics({
    messageCounts: () => messageCounts(db.kysely),
    refreshMs: config.metrics.refreshMs,
    processMetrics: options.processMetrics ?? false,
    ...(ledger ? { evidence: () => ledger.status() } : {}),
  });
  const simulators = await startSimulators(config, log);

  let url: string | null = null;
  let worker: Worker | null = null;
  let stopWeb: (() => Promise<void>) | null = null;
  const providerRoutes = new ProviderRouteRegistry();
  const routeEnvironment: RouteEnvironment = {
    log,
    simulatorPort: () => simulators?.smsc.port ?? config.simulator.port,
    providerRoutes,
    httpSimulator: () => (simulators && url ? { baseUrl: `${url}/sim/twilio`, publicBaseUrl: url, ...simulators.httpAccount } : null),
  };

  // The web server first: routes of the fake HTTP provider need its address.
  if (config.web) {
    const web = await startWeb({
      config,
      log,
      store,
      vault,
      composer,
      accounts,
      metrics,
      simulators,
      providerRoutes,
      limits: DEFAULT_LIMITS,
      version: VERSION,
      linkBase: () => linkBase,
      publicUrl: () => publicUrl,
      now: Date.now,
      poke: () => worker?.routes.poke(),
      routesReady: () => (worker ? { ok: worker.routes.ready(), detail: 'no route bound' } : undefined),
      ledger,
      ...(tsa?.trustedCertsPem ? { tsaRootsPem: tsa.trustedCertsPem } : {}),
      degraded: async (): Promise<Record<string, string>> => {
        const skew = ledger ? (await ledger.status()).clockSkewMs : null;
        return skew !== null && Math.abs(skew) > MAX_CLOCK_SKEW_MS ? { clock: `the local clock is ${(skew / 1000).toFixed(1)} s off the time-stamp authority's` } : {};
      },
      routeStatus: {
        bound: (name) => worker?.routes.bound(name) ?? null,
        test: (record) => testRoute(createRoute(record, routeEnvironment)),
      },
    });
    url = web.url;
    if (!config.linkBase) linkBase = `${url}/l`;
    if (!config.publicUrl) publicUrl = url;
    stopWeb = () => closeWebServer(web.app, 10_000);
  }

  if (config.dispatcher) {
    await seedFirstRoute(store, config);
    worker = await startWorker({
      store,
      vault,
      composer,
      log,
      now: Date.now,
      staleMs: config.workerStaleMs,
      graceMs: config.unconfirmedGraceMs,
      evidenceRetentionYears: config.evidenceRetentionYears,
      ...(ledger ? { evidence: ledger } : {}),
      cadences: cadenceScheduler({ store, now: Date.now, lastStepRecheckMs: config.cadenceRecheckMs, onError: (err) => log.error({ err: toError(err) }, 'cadence: a decision could not be applied') }),
      webhooks: config.webhooks,
      routeEnvironment,
      metrics,
      // Replies: stored, matched, tagged; an opt-out suppresses the number and queues one confirmation.
      onInbound: async (route, m) => {
        await receiveReply({ store, vault, sender: config.sender, now: Date.now, poke: () => worker?.routes.poke(), log }, route, m);
      },
      policyOverrides: {
        ...(config.policy.caps.length > 0 ? { caps: config.policy.caps } : {}),
        ...(config.policy.skipHolidays ? { skipHolidays: true } : {}),
        ...(config.policy.closedDates.length > 0 ? { closedDates: config.policy.closedDates } : {}),
      },
    });
  }

  // Stop taking requests, drain in-flight messages, then the simulators (they owe receipts), then the database.
  const stops = [stopWeb, worker ? () => worker!.stop() : null, simulators ? () => simulators.stop() : null, () => db.close()];

  let stopping: Promise<void> | null = null;
  return {
    config,
    store,
    log,
    url,
    simulator: simulators?.smsc ?? null,
    worker,
    ledger,
    devApiKey,
    firstAdministrator,
    stop() {
      stopping ??= (async () => {
        for (const stop of stops) if (stop) await stop();
      })();
      return stopping;
    },
  };
}
