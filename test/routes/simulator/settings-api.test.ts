// The simulator's knobs from outside, through the whole app: starting values from TODOKU_SIMULATOR_*,
// GET/PUT /api/v1/simulator/settings, POST /api/v1/simulator/disconnect, and the same through the
// `todoku simulator settings|disconnect` command run as a real child process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../../support/app.ts';
import { todoku, todokuJson } from '../../cli/harness.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp('sqlite', { TODOKU_SIMULATOR_REFUSE_RATE: '0.05', TODOKU_SIMULATOR_OUTCOMES: 'DELIVRD=0.9,UNDELIV=0.1', TODOKU_SIMULATOR_RECEIPTS_AS: 'data_sm' });
});
after(async () => {
  await app?.stop();
});

test('the environment sets the starting knobs; the others have their defaults', async () => {
  const { status, body } = await app.api('GET', '/simulator/settings');
  assert.equal(status, 200);
  assert.deepEqual([body.refuseRate, body.outcomes, body.receiptsAs], [0.05, { DELIVRD: 0.9, UNDELIV: 0.1 }, 'data_sm']);
  assert.deepEqual([body.throttleAbove, body.disconnectRate, body.moTexts], [0, 0, ['支払いました', '来週払います', '停止', '誰ですか？']]);
  assert.equal(body.receiptDelayMs, 20, 'TODOKU_SIMULATOR_RECEIPT_DELAY_MS still applies');
});

test('PUT changes only the knobs it names, at once; a bad value is a 400 naming it and changes nothing', async () => {
  const changed = await app.api('PUT', '/simulator/settings', { throttleAbove: 500, moScript: { '+819012345678': ['誰ですか？'] } });
  assert.equal(changed.status, 200);
  assert.deepEqual([changed.body.throttleAbove, changed.body.refuseRate], [500, 0.05]);
  assert.equal(app.app.simulator?.settings().throttleAbove, 500);

  for (const bad of [{ refuseRate: 1.5 }, { refuseStatuses: { ESME_NOSUCH: 1 } }, { outcomes: { DELIVERED: 1 } }, { latency: 5 }]) {
    const refused = await app.api('PUT', '/simulator/settings', bad);
    assert.equal(refused.status, 400, JSON.stringify(bad));
    assert.equal(refused.body.code, 'TODOKU_E_VALIDATION');
  }
  assert.equal(app.app.simulator?.settings().refuseRate, 0.05);

  const openapi = await app.api('GET', '/api/v1/openapi.json');
  assert.ok(openapi.body.paths['/api/v1/simulator/settings']?.put, 'documented in OpenAPI');
  assert.ok(openapi.body.paths['/api/v1/simulator/disconnect']?.post);
});

test('POST /simulator/disconnect drops the route; it binds again by itself', async () => {
  const { status, body } = await app.api('POST', '/simulator/disconnect');
  assert.equal(status, 200);
  assert.ok(body.dropped >= 1, `dropped ${body.dropped}`);
  await until('the route to bind again', async () => (await app.api('GET', '/ready')).status === 200, 10_000);
});

test('the CLI shows and changes the knobs, passes on the server refusing a bad one, and disconnects', async () => {
  const server = { url: app.url, key: app.key };
  const settings = await todokuJson<Record<string, unknown>>(server, [
    'simulator', 'settings',
    '--refuse-rate', '0.1', '--refuse-status', 'ESME_RSUBMITFAIL', '--throttle-above', '600', '--receipt-delay-ms', '200',
    '--outcomes', 'DELIVRD=0.9,UNDELIV=0.1', '--mo-rate', '0.05', '--latency-ms', '5', '--receipt-before-response', 'on',
  ]);
  assert.deepEqual(
    [settings.refuseRate, settings.refuseStatuses, settings.throttleAbove, settings.receiptDelayMs, settings.outcomes, settings.moRate, settings.submitLatencyMs, settings.receiptBeforeResponse],
    [0.1, { ESME_RSUBMITFAIL: 1 }, 600, 200, { DELIVRD: 0.9, UNDELIV: 0.1 }, 0.05, 5, true],
  );

  const shown = await todoku(['simulator', 'settings', '--server', app.url, '--api-key', app.key]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /送信拒否の割合\s+--refuse-rate\s+10%/);
  assert.match(shown.stdout, /配信結果の内訳\s+--outcomes\s+DELIVRD=0\.9, UNDELIV=0\.1/);

  const unknownWord = await todoku(['simulator', 'settings', '--outcomes', 'DELIVERED=1', '--server', app.url, '--api-key', app.key]);
  assert.equal(unknownWord.code, 1);
  assert.match(unknownWord.stderr, /入力内容に誤りがあります/);

  const dropped = await todokuJson<{ dropped: number }>(server, ['simulator', 'disconnect']);
  assert.ok(dropped.dropped >= 1);
  await until('the route to bind again', async () => (await app.api('GET', '/ready')).status === 200, 10_000);
});
