// When the provider does not answer: a request that never left is NOT_SENT (send again), one that may
// have reached the provider is CONNECTION_LOST or TIMEOUT (wait for a late callback first, which is then
// adopted by its To number). The window holds at most `window` requests at once; close() drains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { providerWorld, sms, statusFields } from './harness.ts';

/** A stand-in provider answering each request with `handle`. */
async function provider(t: TestContext, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function created(res: ServerResponse, sid: string): void {
  res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid, status: 'queued', error_code: null, error_message: null }));
}

test('a provider that cannot be reached: the message was not sent', async (t) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const world = await providerWorld(t);
  const { route } = await world.route({ baseUrl: `http://127.0.0.1:${port}` });
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'NOT_SENT']);
});

test('a connection dropped after the request went out: the answer was lost, and a late callback is adopted', async (t) => {
  const base = await provider(t, (req) => {
    req.resume();
    req.on('end', () => req.socket.destroy());
  });
  const world = await providerWorld(t);
  const { route, events } = await world.route({ baseUrl: base });
  const outcome = await route.submit(sms('1', '+819055556666'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'CONNECTION_LOST']);
  // The provider did create it: its callback carries a SID we never heard, for the same number.
  const late = await world.callback('/hooks/providers/twilio/status', statusFields('SM22222222222222222222222222222222', 'delivered', [], '+819055556666'));
  assert.equal(late.status, 200);
  assert.deepEqual(events.receipts.map((r) => [r.smscId, r.status, r.to]), [['SM22222222222222222222222222222222', 'delivered', '+819055556666']]);
  // Only one callback per lost answer is adopted.
  const another = await world.callback('/hooks/providers/twilio/status', statusFields('SM33333333333333333333333333333333', 'delivered', [], '+819055556666'));
  assert.equal(another.status, 403);
});

test('no answer within the timeout: TIMEOUT, since the provider may have the message', async (t) => {
  const base = await provider(t, (req) => req.resume());
  const world = await providerWorld(t);
  const { route } = await world.route({ baseUrl: base, requestTimeoutMs: 300 });
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'TIMEOUT']);
});

test('an answer without a message SID counts as lost', async (t) => {
  const base = await provider(t, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
  });
  const world = await providerWorld(t);
  const { route } = await world.route({ baseUrl: base });
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'CONNECTION_LOST']);
});

test('at most `window` requests are outstanding; close() waits for them', async (t) => {
  let open = 0;
  let most = 0;
  let n = 0;
  const base = await provider(t, (req, res) => {
    open += 1;
    most = Math.max(most, open);
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        open -= 1;
        created(res, `SM${String(++n).padStart(32, '0')}`);
      }, 30),
    );
  });
  const world = await providerWorld(t);
  const { route } = await world.route({ baseUrl: base, window: 2 });
  const sending = Promise.all(['1', '2', '3', '4', '5', '6'].map((ref) => route.submit(sms(ref))));
  await new Promise((r) => setTimeout(r, 10));
  assert.ok(route.inflight() <= 2);
  const outcomes = await sending;
  assert.ok(outcomes.every((o) => o.kind === 'accepted'));
  assert.equal(most, 2);
  const last = route.submit(sms('7'));
  await new Promise<void>((resolve) => {
    const check = () => (open > 0 ? resolve() : setTimeout(check, 2));
    check();
  });
  await route.close();
  assert.equal((await last).kind, 'accepted');
  assert.deepEqual(await route.submit(sms('8')), { kind: 'retry', code: 'CLOSING', reason: 'route is closing', held: true });
});

test('basic auth and the form carry what Twilio expects', async (t) => {
  let seen: { url?: string; auth?: string; body?: string } = {};
  const base = await provider(t, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen = { url: req.url, auth: req.headers.authorization, body };
      created(res, 'SM44444444444444444444444444444444');
    });
  });
  const world = await providerWorld(t);
  const { route } = await world.route({ baseUrl: base, accountSid: 'ACtest', authToken: 'tok', validityPeriodSeconds: 3600 });
  await route.submit(sms('1'));
  assert.equal(seen.url, '/2010-04-01/Accounts/ACtest/Messages.json');
  assert.equal(seen.auth, `Basic ${Buffer.from('ACtest:tok').toString('base64')}`);
  const form = new URLSearchParams(seen.body);
  assert.equal(form.get('To'), '+819012345678');
  assert.equal(form.get('From'), '+815012340000');
  assert.equal(form.get('Body'), '山田様 未納のお知らせです');
  assert.equal(form.get('StatusCallback'), `${world.url}/hooks/providers/twilio/status`);
  assert.equal(form.get('ValidityPeriod'), '3600');
});

test("ValidityPeriod follows the route's validityMinutes, capped at Twilio's 36,000 s", async (t) => {
  const forms: URLSearchParams[] = [];
  const base = await provider(t, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      forms.push(new URLSearchParams(body));
      created(res, `SM${String(forms.length).padStart(32, '5')}`);
    });
  });
  const world = await providerWorld(t);
  const byDefault = await world.route({ baseUrl: base, accountSid: 'ACtest', authToken: 'tok' });
  await byDefault.route.submit(sms('1'));
  assert.equal(forms[0]!.get('ValidityPeriod'), '36000', 'the 48 h default is capped at 10 h (not left to the provider)');
  const short = await world.route({ name: 'short', baseUrl: base, accountSid: 'ACtest', authToken: 'tok', validityMinutes: 90 });
  await short.route.submit(sms('2'));
  assert.equal(forms[1]!.get('ValidityPeriod'), '5400');
});
