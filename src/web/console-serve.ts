// Serves the operator console (the React app built into dist/console) at /console: hashed assets with a
// year-long cache, index.html never cached, every other path under /console answered with index.html
// (the app routes in the browser), and / sends people to the console. Without a build, /console says
// how to make one instead of failing obscurely.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIST = fileURLToPath(new URL('../../dist/console/', import.meta.url));

// The console loads only its own files and talks only to this server.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>Todoku</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.7">
<h1>コンソールがビルドされていません / The console is not built</h1>
<p><code>npm run build</code> を実行してから再読み込みしてください（<code>npm start</code> は必要なときに自動でビルドします）。</p>
<p>Run <code>npm run build</code> and reload (<code>npm start</code> builds it when needed).</p>
<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></body></html>`;

export function consolePages(opts: { root?: string } = {}) {
  const root = opts.root ?? CONSOLE_DIST;
  const indexFile = join(root, 'index.html');
  return async function consoleServe(app: FastifyInstance): Promise<void> {
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
      return payload;
    });
    // Files are looked up per request (nothing is listed at start): a build made while the server runs,
    // or one in progress, never stops the server from starting.
    await app.register(fastifyStatic, { root, serve: false, cacheControl: false });

    app.get('/', async (_req, reply) => reply.redirect('/console/'));
    app.get('/console', async (_req, reply) => reply.redirect('/console/'));

    const screen = async (req: FastifyRequest, reply: FastifyReply) => {
      const path = (req.params as { '*'?: string })['*'] ?? '';
      // Hashed file names: a year in caches. A missing one is a 404, not the app's page: a stale tab
      // asking for an old hash must fail visibly.
      if (path.startsWith('assets/')) {
        if (path.includes('..')) return reply.callNotFound();
        return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path);
      }
      let page: Buffer;
      try {
        page = await readFile(indexFile);
      } catch {
        return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
      }
      // Every other path is a screen of the app, which routes in the browser.
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    };
    app.get('/console/', screen);
    app.get('/console/*', screen);
  };
}
