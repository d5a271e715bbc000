// Assembles Todoku from a config: database, vault, store, SMSC simulator, the worker (routes,
// dispatchers, upkeep) and the web server, each only if asked for; and takes them down in reverse order.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createVault, loadMasterKey } from './security/vault.ts';
import { migrate, openDb } from './store/db.ts';
import { createStore, type Store } from './store/index.ts';
import { createComposer } from './campaign/compose.ts';
import { startWorker, type Worker } from './dispatch/worker.ts';
import { seedFirstRoute } from './routes/seed.ts';
import { createRoute } from './routes/factory.ts';
import { testRoute } from './routes/test-connection.ts';
import { SmscSimulator } from './routes/simulator/simulator.ts';
import { buildServer } from './web/server.ts';
import { createLanding } from './landing/landing.ts';
import type { LandingSection } from './web/pages/sections.ts';
import type { RouteLimits } from './core/segments.ts';

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
  devApiKey: string | null;
  stop(): Promise<void>;
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Running> {
  const vault = createVault(loadMasterKey(config.secretKey, config.dataDir));
  const db = await openDb(config.database);
  await migrate(db);
  const store = createStore(db, vault);
  let linkBase = config.linkBase ?? `http://localhost:${config.port}/l`;
  const composer = createComposer(vault, () => linkBase);
  const devApiKey = await ensureDevApiKey(store, config.dataDir, log);
  const stops: (() => Promise<void>)[] = [() => db.close()];

  let simulator: SmscSimulator | null = null;
  if (config.simulator.enabled) {
    simulator = new SmscSimulator({ port: config.simulator.port, host: '127.0.0.1', receiptDelayMs: config.simulator.receiptDelayMs, deliverWindow: 100 });
    await simulator.start();
    log.info({ port: simulator.port }, 'SMSC simulator listening');
    const sim = simulator;
    stops.unshift(() => sim.stop());
  }

  let worker: Worker | null = null;
  if (config.dispatcher) {
    await seedFirstRoute(store, config);
    worker = await startWorker({
      store,
      vault,
      composer,
      log,
      staleMs: config.workerStaleMs,
      graceMs: config.unconfirmedGraceMs,
      simulatorPort: () => simulator?.port ?? config.simulator.port,
    });
    const w = worker;
    stops.unshift(() => w.stop());
  }

  let url: string | null = null;
  if (config.web) {
    /** What the verified recipient page shows after the notice, in order (PDF, survey, payment …). */
    const landingSections: LandingSection[] = [];
    const app = await buildServer({
      store,
      vault,
      composer,
      limits: DEFAULT_LIMITS,
      poke: () => worker?.routes.poke(),
      simulator,
      log,
      version: VERSION,
      landing: { service: createLanding({ store, vault, defaults: { sender: config.sender, linkBase: () => linkBase } }), sections: landingSections },
      ...(worker ? { ready: () => ({ ok: worker.routes.ready(), detail: 'no route bound' }) } : {}),
      routeStatus: {
        bound: (name) => worker?.routes.bound(name) ?? null,
        test: (record) => testRoute(createRoute(record, { log, simulatorPort: () => simulator?.port ?? config.simulator.port })),
      },
    });
    url = await app.listen({ port: config.port, host: config.host });
    if (!config.linkBase) linkBase = `${url}/l`;
    log.info({ url }, 'web server listening');
    stops.unshift(() => app.close());
  }

  let stopping: Promise<void> | null = null;
  return {
    config,
    store,
    log,
    url,
    simulator,
    worker,
    devApiKey,
    stop() {
      stopping ??= (async () => {
        for (const stop of stops) await stop();
      })();
      return stopping;
    },
  };
}

/**
 * First start: an API key for the CLI on this machine, written to the data directory (mode 0600).
 * The key itself is never logged.
 */
async function ensureDevApiKey(store: Store, dataDir: string, log: Logger): Promise<string | null> {
  const file = join(dataDir, 'dev-api-key');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (await store.apiKeys.verify(secret)) return secret;
  }
  if ((await store.apiKeys.list()).some((k) => k.name === 'development' && k.revoked_at === null) && !existsSync(file)) return null;
  const { secret } = await store.apiKeys.create('development');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  log.info({ file }, 'created a development API key for the CLI');
  return secret;
}
