// SSRF: a webhook target must not be internal, in any spelling of its address, nor by a DNS name that
// resolves (in one of its addresses) to an internal one; hosts the operator lists are the exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTarget, isForbiddenAddress, type LookupAll } from '../../src/webhooks/target.ts';
import { checkWebhookUrl, webhookUrlProblem } from '../../src/webhooks/endpoint.ts';
import { TodokuError } from '../../src/core/errors.ts';

const SPELLINGS = [
  'https://127.1/',
  'https://2130706433/',
  'https://0x7f000001/',
  'https://0177.0.0.1/',
  'https://0x7f.1/',
  'https://[::ffff:7f00:1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[0:0:0:0:0:ffff:7f00:1]/',
  'https://[::127.0.0.1]/',
  'https://[::1]/',
  'https://[::]/',
  'https://0.0.0.0/',
  'https://0/',
  'https://10.1.2.3/',
  'https://172.16.0.1/',
  'https://172.31.255.254/',
  'https://192.168.1.1/',
  'https://100.64.0.1/',
  'https://100.127.255.254/',
  'https://169.254.169.254/latest/meta-data/',
  'https://[fd00:ec2::254]/',
  'https://[fc00::1]/',
  'https://[fe80::1]/',
  'https://[ff02::1]/',
  'https://224.0.0.1/',
  'https://255.255.255.255/',
  'https://[::ffff:a9fe:a9fe]/',
  'https://[64:ff9b::a00:1]/',
];

test('every spelling of an internal address is refused as written, without DNS', () => {
  for (const url of SPELLINGS) assert.ok(webhookUrlProblem(url), url);
});

test('public addresses, and those next to the private ranges, are not refused', () => {
  for (const ip of ['8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '100.63.255.255', '192.169.0.1', '11.0.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
    assert.equal(isForbiddenAddress(ip), false, ip);
  }
  assert.equal(isForbiddenAddress('not an address'), true);
});

const resolvesTo = (...addresses: string[]): LookupAll => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

test('a name is refused when any of its addresses is internal, at subscription', async () => {
  const refuse = (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_WEBHOOK_URL' && /internal/.test(e.message);
  await assert.rejects(checkWebhookUrl('https://hooks.example.jp/x', { allowHosts: [], lookup: resolvesTo('93.184.216.34', '10.0.0.8') }), refuse);
  await assert.rejects(checkWebhookUrl('https://metadata.example.jp/x', { allowHosts: [], lookup: resolvesTo('169.254.169.254') }), refuse);
  await assert.rejects(checkWebhookUrl('https://v6.example.jp/x', { allowHosts: [], lookup: resolvesTo('::ffff:7f00:1') }), refuse);
  assert.equal(await checkWebhookUrl('https://hooks.example.jp/x', { allowHosts: [], lookup: resolvesTo('93.184.216.34', '2606:2800:220:1::1') }), 'https://hooks.example.jp/x');
  // A name that does not resolve yet is stored: each delivery checks again.
  assert.equal(await checkWebhookUrl('https://later.example.jp/x', { allowHosts: [], lookup: resolvesTo() }), 'https://later.example.jp/x');
});

test('a host the operator lists may be internal and plain http; the list names hosts, not addresses behind them', async () => {
  const policy = { allowHosts: ['erp.internal', '127.0.0.1'], lookup: resolvesTo('10.0.0.8') };
  assert.equal(await checkWebhookUrl('http://erp.internal:8080/hook', policy), 'http://erp.internal:8080/hook');
  assert.equal(await checkWebhookUrl('http://127.1:9000/hook', policy), 'http://127.0.0.1:9000/hook');
  await assert.rejects(checkWebhookUrl('https://other.internal/hook', policy), TodokuError);
  const checked = await checkTarget(new URL('https://erp.internal/'), policy);
  assert.deepEqual(checked, { ok: true, allowed: true, addresses: [{ address: '10.0.0.8', family: 4 }] });
});
