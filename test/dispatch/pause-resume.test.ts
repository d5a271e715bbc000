// Sending control: pausing stops new submits within a second (what is on the wire finishes), resuming
// continues where it stopped, and cancelling leaves what the carrier already has alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
  // A slow route (100 messages a second across all workers) so the campaign is still sending when paused.
  const route = await t.api('PUT', '/routes/simulator', { kind: 'simulator', sender: 'TODOKU', ratePerSecond: 100, config: { window: 20 } });
  assert.equal(route.status, 200, JSON.stringify(route.body));
});
after(async () => t.stop());

const atSmsc = (prefix: string) => t.app.simulator!.received().filter((m) => m.to.startsWith(prefix)).length;

async function campaign(name: string, prefix: string, count: number) {
  const rows = Array.from({ length: count }, (_, i) => `人${i},${prefix.replace('+81', '0')}${String(i).padStart(4, '0')}`);
  const { id, imported } = await campaignWithList(t, { name, template: '{{name}}様 ご案内です' }, ['氏名,電話番号', ...rows]);
  assert.equal(imported.accepted, count, JSON.stringify(imported));
  await sendCampaign(t, id);
  return id;
}

test('pausing stops new submits within one second; resuming continues where it stopped', async () => {
  const id = await campaign('pausable', '+81907770', 600);
  await until('sending under way', async () => atSmsc('+81907770') >= 100, 30_000);
  assert.equal((await t.api('POST', `/campaigns/${id}/pause`)).body.status, 'paused');
  await new Promise((r) => setTimeout(r, 1000));
  const afterASecond = atSmsc('+81907770');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(atSmsc('+81907770'), afterASecond, 'nothing new went out while paused');
  assert.ok(afterASecond < 600);

  assert.equal((await t.api('POST', `/campaigns/${id}/resume`)).body.status, 'sending');
  await until('the rest delivered', async () => (await t.api('GET', `/campaigns/${id}`)).body.counts.delivered === 600, 60_000, 200);
  assert.equal(atSmsc('+81907770'), 600, 'each one once');
});

test('cancel leaves what the carrier has alone and says how many', async () => {
  const id = await campaign('cancellable', '+81908880', 500);
  await until('sending under way', async () => atSmsc('+81908880') >= 50, 30_000);
  const r = await t.api('POST', `/campaigns/${id}/cancel`);
  assert.equal(r.status, 200);
  assert.ok(r.body.cancelled > 0);
  assert.ok(r.body.alreadySubmitted > 0);
  assert.match(r.body.note, /取り消せません/);
  await new Promise((res) => setTimeout(res, 1500));
  const counts = (await t.api('GET', `/campaigns/${id}`)).body.counts;
  assert.equal(counts.cancelled, r.body.cancelled);
  assert.ok(atSmsc('+81908880') <= 500 - r.body.cancelled);
});
