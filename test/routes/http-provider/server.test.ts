// The real web server wires the HTTP provider in: callbacks under /hooks/providers answer without an
// API key (providers sign instead) while /api/v1 still wants one, and the fake provider is served
// under /sim/twilio only when it is given. A message goes out and comes back delivered through it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createTestDb, testVault, type TestDb } from '../../support/db.ts';
import { buildServer } from '../../../src/web/server.ts';
import { createComposer } from '../../../src/campaign/compose.ts';
import { createLogger } from '../../../src/log.ts';
import { createAccounts } from '../../../src/accounts/accounts.ts';
import { createWebhookService } from '../../../src/webhooks/service.ts';
import { ProviderRouteRegistry } from '../../../src/routes/http-provider/registry.ts';
import { HttpProviderRoute } from '../../../src/routes/http-provider/client.ts';
import { HttpProviderSimulator } from '../../../src/routes/simulator/http-provider.ts';
import { ACCOUNT, RecordingEvents, sms, statusFields, TOKEN, waitFor } from './harness.ts';

let db: TestDb;
let app: FastifyInstance;
let url: string;
const registry = new ProviderRouteRegistry();
const simulator = new HttpProviderSimulator({ accounts: { [ACCOUNT]: TOKEN }, callbackDelayMs: 5 });

async function serve(withSimulator: boolean): Promise<FastifyInstance> {
  return buildServer({
    store: db.store,
    vault: testVault,
    composer: createComposer(testVault, () => ''),
    limits: { maxParts: 10 },
    lint: { blocking: [], linkBase: () => 'http://localhost/l' },
    poke: () => {},
    now: Date.now,
    webhookService: createWebhookService({ store: db.store }),
    simulator: null,
    log: createLogger('silent'),
    version: 'test',
    accounts: createAccounts(db.store, testVault),
    providerRoutes: registry,
    httpProviderSimulator: withSimulator ? simulator : null,
  });
}

before(async () => {
  db = await createTestDb('sqlite');
  app = await serve(true);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await simulator.stop();
  await app.close();
  await db.cleanup();
});

test('a message goes out through /sim/twilio and its receipt comes back through /hooks/providers', async () => {
  const events = new RecordingEvents();
  const route = new HttpProviderRoute({ name: 'twilio', baseUrl: `${url}/sim/twilio`, accountSid: ACCOUNT, authToken: TOKEN, sender: '+815012340000', publicBaseUrl: url }, { callbacks: registry });
  await route.start(events);
  assert.deepEqual(registry.names(), ['twilio']);
  const outcome = await route.submit(sms('1'));
  const sid = outcome.kind === 'accepted' ? outcome.smscId : assert.fail(JSON.stringify(outcome));
  await waitFor('the delivered receipt', () => events.final(sid)?.status === 'delivered');
  await route.close();
  assert.deepEqual(registry.names(), [], 'a closed route takes no more callbacks');
});

test('callback endpoints need no API key, but a signature; the API still needs its key', async () => {
  const hook = await fetch(`${url}/hooks/providers/nobody/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(statusFields('SM1', 'sent')) });
  assert.equal(hook.status, 404);
  assert.equal(((await hook.json()) as any).code, 'TODOKU_E_NOT_FOUND');
  const api = await fetch(`${url}/api/v1/campaigns`);
  assert.equal(api.status, 401);
});

test('without the simulator there is no /sim/twilio', async () => {
  const plain = await serve(false);
  const r = await plain.inject({ method: 'POST', url: `/sim/twilio/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, payload: 'To=%2B819012345678', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.statusCode, 404);
  await plain.close();
});
