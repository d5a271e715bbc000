// Client addresses and HTTPS come only from proxies the operator trusts (TODOKU_TRUST_PROXY), and the
// absolute addresses we hand out come from configuration, never from a request's headers. Two apps:
// one that trusts no proxy (the default) and one that trusts the test process as its proxy (127.0.0.1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { csrfOf, Visitor } from './pages/visitor.ts';
import { MISS_BUDGET } from '../../src/landing/policy.ts';

const LIST = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-4545-0001,12345,1990/01/02'].join('\n');
const PUBLIC_URL = 'https://todoku.example.jp';

/** An unknown link code per request: each spends one token of the address's guessing budget. */
const unknownCode = (i: number) => `Zz${String(i).padStart(9, '0')}`;

/** The checkout's cancel button sends the recipient to the return address we gave the provider. */
async function returnAddress(t: TestApp, c: SentCampaign, headers: Record<string, string>): Promise<string> {
  const r = c.recipients.get('山田 太郎')!;
  const v = new Visitor(t.url);
  const verified = await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' });
  assert.equal(verified.status, 303);
  const page = await v.get(r.path);
  const start = await v.request('POST', `${r.path}/payment/start`, { _csrf: csrfOf(page.html) }, headers);
  assert.equal(start.status, 303);
  const cancel = await v.request('POST', start.location!.replace('/checkout?', '/checkout/cancel?'), {});
  assert.equal(cancel.status, 303);
  return cancel.location!;
}

/** The Set-Cookie lines of a recipient page that sets its cookies (language and CSRF nonce). */
async function pageCookies(t: TestApp, headers: Record<string, string>): Promise<string[]> {
  const r = await fetch(`${t.url}/verify?lang=en`, { headers });
  assert.equal(r.status, 200);
  const cookies = r.headers.getSetCookie();
  assert.ok(cookies.length >= 2, 'the language and the form nonce');
  return cookies;
}

async function loginCookies(t: TestApp, headers: Record<string, string>): Promise<string[]> {
  const r = await fetch(`${t.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ login: 'proxy-admin@example.jp', password: 'administrator secret 1' }),
  });
  assert.equal(r.status, 200);
  return r.headers.getSetCookie();
}

async function start(trustProxy: string): Promise<{ t: TestApp; c: SentCampaign }> {
  const t = await startTestApp('sqlite', { TODOKU_TRUST_PROXY: trustProxy, TODOKU_PUBLIC_URL: PUBLIC_URL });
  await t.api('POST', '/users', { login: 'proxy-admin@example.jp', role: 'admin', password: 'administrator secret 1' });
  const c = await sentCampaign(t, 'プロキシ', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '{{name}}様' });
  return { t, c };
}

describe('no proxy trusted (TODOKU_TRUST_PROXY unset)', () => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => ({ t, c } = await start('')));
  after(async () => t?.stop());

  test('X-Forwarded-Proto: https from a client does not make a cookie Secure', async () => {
    for (const line of await pageCookies(t, { 'x-forwarded-proto': 'https' })) assert.doesNotMatch(line, /;\s*Secure/i, line);
    for (const line of await loginCookies(t, { 'x-forwarded-proto': 'https' })) assert.doesNotMatch(line, /;\s*Secure/i, line);
  });

  test('X-Forwarded-Host never reaches the payment return address', async () => {
    const back = await returnAddress(t, c, { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' });
    assert.match(back, new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/l/[0-9A-Za-z]{11}/payment/return\\?result=cancel$`, 'u'));
  });

  test('rotating X-Forwarded-For does not escape the per-address guessing budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= MISS_BUDGET; i++) {
      const r = await fetch(`${t.url}/l/${unknownCode(i)}`, { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses.slice(0, MISS_BUDGET), Array(MISS_BUDGET).fill(404));
    assert.equal(statuses[MISS_BUDGET], 429, 'the socket address has spent its budget, whatever the header says');
  });
});

describe('the test process trusted as the proxy (TODOKU_TRUST_PROXY=127.0.0.1)', () => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => ({ t, c } = await start('127.0.0.1')));
  after(async () => t?.stop());

  test('X-Forwarded-Proto: https from the trusted proxy makes the cookies Secure', async () => {
    for (const line of await pageCookies(t, { 'x-forwarded-proto': 'https' })) assert.match(line, /;\s*Secure/i, line);
    for (const line of await loginCookies(t, { 'x-forwarded-proto': 'https' })) assert.match(line, /;\s*Secure/i, line);
    for (const line of await pageCookies(t, {})) assert.doesNotMatch(line, /;\s*Secure/i, 'plain HTTP without the header');
  });

  test('even from the trusted proxy, X-Forwarded-Host does not reach the payment return address', async () => {
    const back = await returnAddress(t, c, { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' });
    assert.ok(back.startsWith(`${PUBLIC_URL}/l/`), back);
    assert.doesNotMatch(back, /evil\.test/u);
  });

  test('the forwarded address is the client: its budget is its own', async () => {
    const client = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i <= MISS_BUDGET; i++) {
      const r = await fetch(`${t.url}/l/${unknownCode(i)}`, { headers: { 'x-forwarded-for': client } });
      statuses.push(r.status);
    }
    assert.equal(statuses[MISS_BUDGET - 1], 404);
    assert.equal(statuses[MISS_BUDGET], 429, 'the forwarded client has spent its budget');
    const blocked = await fetch(`${t.url}/l/${unknownCode(0)}`, { headers: { 'x-forwarded-for': client } });
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    // Only the client the proxy names counts: whatever it claimed in front of that is not believed.
    assert.equal((await fetch(`${t.url}/l/${unknownCode(99)}`, { headers: { 'x-forwarded-for': `10.9.9.9, ${client}` } })).status, 429);
    assert.equal((await fetch(`${t.url}/l/${unknownCode(99)}`, { headers: { 'x-forwarded-for': '198.51.100.78' } })).status, 404, 'another client behind the proxy is not affected');
  });
});

describe('a hop count (TODOKU_TRUST_PROXY=1): the nearest hop is the proxy', () => {
  let t: TestApp;
  before(async () => (t = await startTestApp('sqlite', { TODOKU_TRUST_PROXY: '1' })));
  after(async () => t?.stop());

  test('the address the proxy appended is the client, and its X-Forwarded-Proto is believed', async () => {
    for (const line of await pageCookies(t, { 'x-forwarded-proto': 'https' })) assert.match(line, /;\s*Secure/i, line);
    // What the client put in front of the proxy's entry is not believed: only the last hop counts.
    for (let i = 0; i < MISS_BUDGET; i++) await fetch(`${t.url}/l/${unknownCode(i)}`, { headers: { 'x-forwarded-for': `10.0.0.${i}, 192.0.2.44` } });
    assert.equal((await fetch(`${t.url}/l/${unknownCode(0)}`, { headers: { 'x-forwarded-for': '192.0.2.44' } })).status, 429);
    assert.equal((await fetch(`${t.url}/l/${unknownCode(0)}`, { headers: { 'x-forwarded-for': '192.0.2.45' } })).status, 404);
  });
});
