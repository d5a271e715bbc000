// One delivery attempt over real sockets: an answer's status, a refused connection, a receiver that
// never answers, a port that does not speak HTTP, and a redirect (not followed: the integrator fixes the
// URL); the target is checked again at each attempt and the connection goes to the address checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { NO_HTTP_ANSWER, postWebhook } from '../../src/webhooks/post.ts';
import type { LookupAll } from '../../src/webhooks/target.ts';

// The receiver runs on this machine: the operator lists it, as TODOKU_WEBHOOK_ALLOW_HOSTS would.
const local = { allowHosts: ['127.0.0.1'] };

let server: Server;
let base: string;
const seen: { path: string; body: string; signature: string | undefined }[] = [];
before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body, signature: req.headers['todoku-signature'] as string | undefined });
      if (req.url === '/ok') res.writeHead(204).end();
      else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2_000).unref();
      else res.writeHead(503).end('busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const headers = { 'content-type': 'application/json', 'todoku-signature': 't=1,v1=00' };

test('a 2xx answer is a success; the body and headers arrive as given', async () => {
  const r = await postWebhook(`${base}/ok`, '{"id":1}', headers, 1_000, local);
  assert.deepEqual([r.statusCode, r.error], [204, null]);
  assert.deepEqual(seen.at(-1), { path: '/ok', body: '{"id":1}', signature: 't=1,v1=00' });
});

test('another status is a failure named by its code', async () => {
  const r = await postWebhook(`${base}/busy`, '{}', headers, 1_000, local);
  assert.deepEqual([r.statusCode, r.error], [503, 'HTTP 503 Service Unavailable']);
});

test('a redirect is not followed', async () => {
  const before = seen.length;
  const r = await postWebhook(`${base}/moved`, '{}', headers, 1_000, local);
  assert.equal(r.statusCode, 302);
  assert.match(r.error!, /^HTTP 302/);
  assert.equal(seen.length, before + 1, 'only the first request was made');
});

test('a receiver that does not answer in time, or refuses the connection, is a failure with one generic reason', async () => {
  const slow = await postWebhook(`${base}/slow`, '{}', headers, 200, local);
  assert.deepEqual([slow.statusCode, slow.error], [null, NO_HTTP_ANSWER]);
  assert.ok(slow.durationMs >= 150 && slow.durationMs < 1_500, `took ${slow.durationMs} ms`);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await postWebhook(`http://127.0.0.1:${port}/`, '{}', headers, 1_000, local);
  assert.deepEqual([refused.statusCode, refused.error], [null, NO_HTTP_ANSWER]);
});

test('a closed port and an open port that does not speak HTTP read the same in the log', async () => {
  const banner = createTcpServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.6\r\n'));
  const silentThenClose = createTcpServer((socket) => socket.once('data', () => socket.destroy()));
  const listen = async (s: ReturnType<typeof createTcpServer>) => {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return (s.address() as AddressInfo).port;
  };
  const ssh = await listen(banner);
  const drop = await listen(silentThenClose);
  const gone = createTcpServer();
  const closed = await listen(gone);
  await new Promise((resolve) => gone.close(resolve));
  const errors: (string | null)[] = [];
  try {
    for (const port of [ssh, drop]) errors.push((await postWebhook(`http://127.0.0.1:${port}/`, '{}', headers, 1_000, local)).error);
  } finally {
    await new Promise((resolve) => banner.close(resolve));
    await new Promise((resolve) => silentThenClose.close(resolve));
  }
  errors.push((await postWebhook(`http://127.0.0.1:${closed}/`, '{}', headers, 1_000, local)).error);
  assert.deepEqual(errors, [NO_HTTP_ANSWER, NO_HTTP_ANSWER, NO_HTTP_ANSWER]);
});

test('without the operator listing it, this machine is refused at delivery, in any spelling, and nothing is sent', async () => {
  const port = new URL(base).port;
  const before = seen.length;
  for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '[::ffff:7f00:1]', '[::1]']) {
    const r = await postWebhook(`https://${host}:${port}/ok`, '{}', headers, 1_000);
    assert.equal(r.statusCode, null, host);
    assert.match(r.error!, /^refused: /u, host);
  }
  assert.equal(seen.length, before, 'no request reached the receiver');
});

test('a name that now resolves to an internal address is refused at delivery, without connecting', async () => {
  const before = seen.length;
  const lookup: LookupAll = async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
  const r = await postWebhook(`https://hooks.example.jp:${new URL(base).port}/ok`, '{}', headers, 1_000, { allowHosts: [], lookup });
  assert.deepEqual([r.statusCode, r.error], [null, 'refused: the host resolves to an internal address']);
  assert.equal(seen.length, before);
});

test('the connection goes to the address that was checked: DNS is asked once, a rebind afterwards changes nothing', async () => {
  const answers = ['127.0.0.1', '10.255.255.1'];
  let asked = 0;
  const lookup: LookupAll = async () => [{ address: answers[Math.min(asked++, 1)]!, family: 4 }];
  // 'receiver.test' exists only in this lookup: node's own DNS could not have connected to it.
  const r = await postWebhook(`http://receiver.test:${new URL(base).port}/ok`, '{"id":2}', headers, 1_000, { allowHosts: ['receiver.test'], lookup });
  assert.deepEqual([r.statusCode, r.error], [204, null]);
  assert.equal(asked, 1);
  assert.deepEqual(seen.at(-1), { path: '/ok', body: '{"id":2}', signature: 't=1,v1=00' });
});
