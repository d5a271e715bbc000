// Operations: after a small campaign through the SMSC simulator, /metrics (Prometheus text) shows what
// happened — rows imported, submits and their latency, receipts, messages by state and route, an empty
// queue, HTTP durations by route pattern; /health and /ready answer; the database figures are read at
// most once per interval however often Prometheus scrapes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { createMetrics } from '../../src/ops/metrics.ts';

const TOKEN = 'scrape-token-0123456789';
let t: TestApp;

before(async () => {
  t = await startTestApp('sqlite', { TODOKU_METRICS_REFRESH_MS: '0', TODOKU_METRICS_TOKEN: TOKEN });
});
after(async () => t?.stop());

async function scrape(): Promise<string> {
  const r = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  return r.text();
}

/** The value of the sample whose name and labels match (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

test('/health is alive and /ready reports the database and a bound route', async () => {
  const health = await fetch(`${t.url}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  const ready = await until('the route bound', async () => {
    const r = await fetch(`${t.url}/ready`);
    return r.status === 200 ? r.json() : undefined;
  });
  assert.deepEqual(ready, { status: 'ready' });
});

test('/metrics needs the configured token', async () => {
  assert.equal((await fetch(`${t.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
});

test('after a small campaign the counters show imports, submits, latency, receipts, states and an empty queue', async () => {
  const list = ['氏名,電話番号', '一 郎,090-1234-0001', '二 郎,090-1234-0002', '三 郎,090-1234-0003', '固定 電話,03-1234-5678'];
  const { id, imported } = await campaignWithList(t, { name: 'metrics', template: '{{name}}様 お知らせ', policyPack: 'none' }, list);
  assert.equal(imported.accepted, 3);
  await sendCampaign(t, id);
  await until('three delivered', async () => (await t.api('GET', '/campaigns/metrics')).body.counts?.delivered === 3, 60_000, 100);
  const { body } = await t.api('GET', '/campaigns/metrics/messages');
  const route = body.messages[0].route as string;

  const text = await until('the receipts counted', async () => {
    const s = await scrape();
    return (sample(s, 'todoku_receipts_total', { route, status: 'delivered' }) ?? 0) >= 3 ? s : undefined;
  });
  assert.equal(sample(text, 'todoku_import_rows_total', { outcome: 'accepted' }), 3);
  assert.equal(sample(text, 'todoku_import_rows_total', { outcome: 'rejected' }), 1);
  assert.equal(sample(text, 'todoku_submits_total', { route, outcome: 'accepted' }), 3);
  assert.equal(sample(text, 'todoku_submit_duration_seconds_count', { route }), 3);
  assert.ok(sample(text, 'todoku_submit_duration_seconds_sum', { route })! > 0);
  assert.equal(sample(text, 'todoku_receipts_total', { route, status: 'delivered' }), 3);
  assert.equal(sample(text, 'todoku_messages', { state: 'delivered', route }), 3);
  assert.equal(sample(text, 'todoku_queue_depth'), 0);
  assert.equal(sample(text, 'todoku_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/campaigns/:campaign/send', status: '202' }), 1);
  assert.ok(!/\+81|81901234|\/l\//.test(text), 'no phone numbers or link codes in labels');
});

test('the database figures are read once per refresh interval, not once per scrape', async () => {
  let reads = 0;
  let clock = 0;
  const metrics = createMetrics({
    messageCounts: async () => {
      reads++;
      return [{ state: 'queued', route: null, count: 7 }, { state: 'delivered', route: 'smpp', count: reads }];
    },
    refreshMs: 15_000,
    now: () => clock,
  });
  const first = await metrics.render();
  assert.equal(sample(first, 'todoku_queue_depth'), 7);
  assert.equal(sample(first, 'todoku_messages', { state: 'queued', route: 'none' }), 7);
  for (let i = 0; i < 5; i++) await metrics.render();
  assert.equal(reads, 1);
  clock += 15_000;
  assert.equal(sample(await metrics.render(), 'todoku_messages', { state: 'delivered', route: 'smpp' }), 2);
  assert.equal(reads, 2);
});
