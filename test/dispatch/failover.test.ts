// Routes managed through the API, and failover: a campaign's traffic goes to the preferred route of its
// sender profile while it is bound; when that route is down, the next route of the profile carries it,
// and every message records the route that carried it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

let t: TestApp;
let deadPort: number;
before(async () => {
  t = await startTestApp('sqlite');
  // A port where nothing answers SMPP: found free, then closed again.
  deadPort = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
});
after(async () => t.stop());

test('routes are listed with their sender numbers, passwords never shown back, and a bad setting is refused', async () => {
  const bad = await t.api('PUT', '/routes/broken', { kind: 'smpp', sender: '0312345678', config: { host: '127.0.0.1' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'TODOKU_E_ROUTE_CONFIG');
  const ok = await t.api('PUT', '/routes/carrier-a', {
    kind: 'smpp',
    profile: 'collections',
    priority: 10,
    sender: '0120000111',
    config: { host: '127.0.0.1', port: deadPort, systemId: 'todoku', password: 'secret1' },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const list = await t.api('GET', '/routes');
  const a = list.body.routes.find((r: any) => r.name === 'carrier-a');
  assert.equal(a.sender, '0120000111');
  assert.equal(a.config.password, '********');
  const test1 = await t.api('POST', '/routes/carrier-a/test');
  assert.equal(test1.body.ok, false);
  const test2 = await t.api('POST', '/routes/simulator/test');
  assert.equal(test2.body.ok, true, JSON.stringify(test2.body));
});

test('when the preferred route of a profile is down, the next one carries the campaign', async () => {
  const backup = await t.api('PUT', '/routes/backup', { kind: 'simulator', profile: 'collections', priority: 20, sender: '0120000222' });
  assert.equal(backup.status, 200);
  const rows = Array.from({ length: 20 }, (_, i) => `人${i},0909999${String(i).padStart(4, '0')}`);
  const { id } = await campaignWithList(t, { name: 'failover', template: '{{name}}様 お知らせ', routeProfile: 'collections' }, ['氏名,電話番号', ...rows]);
  await sendCampaign(t, id);
  await until('delivered through the backup route', async () => (await t.api('GET', `/campaigns/${id}`)).body.counts.delivered === 20, 30_000, 100);
  const messages = (await t.api('GET', `/campaigns/${id}/messages`)).body.messages;
  assert.deepEqual([...new Set(messages.map((m: any) => m.route))], ['backup']);
  const fromBackup = t.app.simulator!.received().filter((m) => m.to.startsWith('+81909999'));
  assert.equal(fromBackup.length, 20);
  assert.deepEqual([...new Set(fromBackup.map((m) => m.from))], ['+81120000222'], 'the backup route sends with its own sender number (0120-000-222)');
});

test('a disabled route stops carrying traffic; the default profile still goes through the simulator', async () => {
  const { id } = await campaignWithList(t, { name: 'default-profile', template: '{{name}}様' }, ['氏名,電話番号', '甲,090-8888-0001']);
  await sendCampaign(t, id);
  await until('delivered', async () => (await t.api('GET', `/campaigns/${id}`)).body.counts.delivered === 1);
  const m = (await t.api('GET', `/campaigns/${id}/messages`)).body.messages[0];
  assert.equal(m.route, 'simulator');
});
