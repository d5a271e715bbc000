// Assembles Todoku from a config: database, vault, store, SMSC simulator, SMPP route, dispatcher,
// maintenance and the web server, each only if asked for; and takes them down in reverse order.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createVault, loadMasterKey } from './security/vault.ts';
import { migrate, openDb } from './store/db.ts';
import { createStore, type Store } from './store/index.ts';
import { createComposer } from './campaign/compose.ts';
import { Dispatcher } from './dispatch/dispatcher.ts';
import { startMaintenance } from './dispatch/maintenance.ts';
import { ReceiptWriter } from './dispatch/receipts.ts';
import { SmppRoute } from './routes/smpp/client.ts';
import { SmscSimulator } from './routes/simulator/simulator.ts';
import { buildServer } from './web/server.ts';
import type { RouteLimits } from './core/segments.ts';
import type { Route } from './routes/route.ts';

export const VERSION = '0.1.0';

/** Until routes are managed in the database, one route; 10 concatenated parts at most. */
const DEFAULT_LIMITS: RouteLimits = { maxParts: 10 };

export interface Running {
  config: Config;
  store: Store;
  log: Logger;
  url: string | null;
  simulator: SmscSimulator | null;
  route: Route | null;
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

  let route: SmppRoute | null = null;
  let dispatcher: Dispatcher | null = null;
  if (config.dispatcher) {
    const smpp = config.smpp ?? (simulator ? { host: '127.0.0.1', port: simulator.port, systemId: 'todoku', password: 'todoku', window: 50 } : null);
    if (!smpp) throw new Error('TODOKU_SMPP_URL is required when the dispatcher runs without the built-in simulator');
    route = new SmppRoute({ name: config.smpp ? 'smpp' : 'simulator', host: smpp.host, port: smpp.port, systemId: smpp.systemId, password: smpp.password, window: config.smpp?.window ?? smpp.window }, { log });
    const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    // Recover before binding: what a previous run left in flight waits for its receipts.
    const maintenance = startMaintenance({ store, workerId, log, now: Date.now, staleMs: config.workerStaleMs, graceMs: config.unconfirmedGraceMs });
    await maintenance.runOnce();
    const r = route;
    const receipts = new ReceiptWriter(store, vault);
    await route.start({
      receipt: (rc) => receipts.store1(r.name, rc),
      inbound: async (m) => {
        log.info({ at: m.receivedAt.toISOString() }, 'inbound SMS received');
      },
    });
    dispatcher = new Dispatcher({ store, vault, composer, route, workerId, sender: config.sender, log });
    dispatcher.start();
    const d = dispatcher;
    stops.unshift(async () => {
      await d.stop();
      await r.close();
      await maintenance.stop();
    });
  }

  let url: string | null = null;
  if (config.web) {
    const app = await buildServer({
      store,
      vault,
      composer,
      limits: DEFAULT_LIMITS,
      poke: () => dispatcher?.poke(),
      simulator,
      log,
      version: VERSION,
      ...(route ? { ready: () => ({ ok: route.ready(), detail: 'route not bound' }) } : {}),
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
    route,
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
