// The operations endpoints on the web server: GET /metrics (Prometheus text, optionally behind a bearer
// token) and an HTTP duration for every request, labelled by route pattern (never the raw URL: that
// would carry recipients' link codes and grow without bound).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

export interface MetricsEndpointOptions {
  /** When set, scrapers must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

function tokenMatches(expected: string, header: string | undefined): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const a = Buffer.from(header.slice(7).trim());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function installMetrics(app: FastifyInstance, metrics: Metrics, options: MetricsEndpointOptions = {}): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (options.token && !tokenMatches(options.token, req.headers.authorization)) {
      return reply
        .status(401)
        .type('application/problem+json; charset=utf-8')
        .send({ type: 'urn:todoku:problem:TODOKU_E_UNAUTHORIZED', title: 'メトリクスの取得にはトークンが必要です', title_en: 'a metrics token is required', status: 401, code: 'TODOKU_E_UNAUTHORIZED' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.render());
  });
}
