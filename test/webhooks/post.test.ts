// One delivery attempt over real sockets: an answer's status, a refused connection, a receiver that
// never answers, and a redirect (not followed: the integrator fixes the URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from '../../src/webhooks/post.ts';

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
  const r = await postWebhook(`${base}/ok`, '{"id":1}', headers, 1_000);
  assert.deepEqual([r.statusCode, r.error], [204, null]);
  assert.deepEqual(seen.at(-1), { path: '/ok', body: '{"id":1}', signature: 't=1,v1=00' });
});

test('another status is a failure named by its code', async () => {
  const r = await postWebhook(`${base}/busy`, '{}', headers, 1_000);
  assert.deepEqual([r.statusCode, r.error], [503, 'HTTP 503 Service Unavailable']);
});

test('a redirect is not followed', async () => {
  const before = seen.length;
  const r = await postWebhook(`${base}/moved`, '{}', headers, 1_000);
  assert.equal(r.statusCode, 302);
  assert.match(r.error!, /^HTTP 302/);
  assert.equal(seen.length, before + 1, 'only the first request was made');
});

test('a receiver that does not answer in time, or refuses the connection, is a failure with a reason', async () => {
  const slow = await postWebhook(`${base}/slow`, '{}', headers, 200);
  assert.deepEqual([slow.statusCode, slow.error], [null, 'timed out after 200 ms']);
  assert.ok(slow.durationMs >= 150 && slow.durationMs < 1_500, `took ${slow.durationMs} ms`);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await postWebhook(`http://127.0.0.1:${port}/`, '{}', headers, 1_000);
  assert.deepEqual([refused.statusCode, refused.error], [null, 'connection failed: ECONNREFUSED']);
});
