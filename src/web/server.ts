// Builds the HTTP server: health checks, the OpenAPI document and the REST API under /api/v1.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Logger } from '../log.ts';
import type { ApiContext } from './api/context.ts';
import { errorHandler } from './api/problem.ts';
import { requireApiKey } from './api/auth.ts';
import { campaignRoutes } from './api/campaigns.ts';
import { keyRoutes } from './api/keys.ts';
import { simulatorRoutes } from './api/simulator.ts';
import { routeRoutes, type RouteStatus } from './api/routes.ts';
import { landingApiRoutes } from './api/landing.ts';
import { recipientPages } from './pages/index.ts';
import type { Landing } from '../landing/landing.ts';
import type { LandingSection } from './pages/sections.ts';
import { recipientActionApi, recipientActionPublic, type RecipientActions } from './recipient-actions.ts';

export interface ServerDeps extends ApiContext {
  log: Logger;
  /** Readiness beyond the database, e.g. the route being bound. */
  ready?: () => { ok: boolean; detail: string };
  version: string;
  /** What this process knows of the routes (bound or not) and how to test one. */
  routeStatus: RouteStatus;
  /** The recipient's pages (/l/:code, /verify) and their operator API; sections follow the notice in order. */
  landing?: { service: Landing; sections: readonly LandingSection[] };
  /** PDF, survey and payment: their operator API, and the payment provider's webhooks. */
  recipientActions?: RecipientActions;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Request URLs carry short link codes; per-request lines would also drown what matters.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true, bodyLimit: 10 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).type('application/problem+json; charset=utf-8').send({
      type: 'urn:todoku:problem:TODOKU_E_NOT_FOUND',
      title: 'ページが見つかりません',
      title_en: 'not found',
      status: 404,
      code: 'TODOKU_E_NOT_FOUND',
    });
  });
  // CSV uploads are handed on as a stream: a 100 MB list never sits in memory.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], (_req, payload, done) => done(null, payload));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Todoku API', description: 'SMS campaigns for collections and urgent notices / 督促・緊急通知SMS', version: deps.version },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.store.db.kysely);
    } catch {
      return reply.status(503).send({ status: 'unavailable', detail: 'database' });
    }
    const extra = deps.ready?.();
    if (extra && !extra.ok) return reply.status(503).send({ status: 'unavailable', detail: extra.detail });
    return { status: 'ready' };
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      api.addHook('onRequest', requireApiKey(deps.store.apiKeys));
      campaignRoutes(api, deps);
      keyRoutes(api, deps);
      simulatorRoutes(api, deps);
      routeRoutes(api, deps);
      if (deps.landing) landingApiRoutes(api, deps, deps.landing.service);
      if (deps.recipientActions) recipientActionApi(api, deps, deps.recipientActions);
    },
    { prefix: '/api/v1' },
  );
  if (deps.recipientActions) await app.register(recipientActionPublic(deps.recipientActions, deps.log));
  if (deps.landing) await app.register(recipientPages({ landing: deps.landing.service, sections: deps.landing.sections, log: deps.log }));
  return app;
}
