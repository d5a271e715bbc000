// The HTTP server: registers every route on one Fastify instance with the collaborators it is given
// (the composition root, src/app.ts and src/app/, builds them; nothing here constructs a service):
// health and readiness, /metrics, the OpenAPI document, the REST API under /api/v1, the recipients'
// pages and their actions, payment and SMS provider callbacks, the fake HTTP provider while simulators
// run, and the operator console. Errors leave as problem+json (api/problem.ts).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiDocumentTransforms } from './api/openapi-document.ts';
import { sql } from 'kysely';
import type { Logger } from '../log.ts';
import type { ApiContext } from './api/context.ts';
import { errorHandler } from './api/problem.ts';
import fastifyCookie from '@fastify/cookie';
import { installAuth } from './api/auth.ts';
import { sessionRoutes } from './api/session.ts';
import { accountRoutes } from './api/accounts.ts';
import { auditRoutes } from './api/audit.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { installMetrics } from '../ops/http.ts';
import type { Metrics } from '../ops/metrics.ts';
import { campaignRoutes } from './api/campaigns.ts';
import { keyRoutes } from './api/keys.ts';
import { simulatorRoutes } from './api/simulator.ts';
import { routeRoutes, type RouteStatus } from './api/routes.ts';
import { templateRoutes } from './api/templates.ts';
import { webhookRoutes } from './api/webhooks.ts';
import { inboxRoutes } from './api/inbox.ts';
import { suppressionRoutes } from './api/suppressions.ts';
import { landingApiRoutes } from './api/landing.ts';
import { recipientPages } from './pages/index.ts';
import type { Landing } from '../landing/landing.ts';
import type { LandingSection } from './pages/sections.ts';
import { recipientActionApi, recipientActionPublic, type RecipientActions } from './recipient-actions.ts';
import { providerCallbackRoutes } from './api/provider-callbacks.ts';
import type { ProviderRouteRegistry } from '../routes/http-provider/registry.ts';
import { httpProviderSimulatorRoutes, type HttpProviderSimulator } from '../routes/simulator/http-provider.ts';
import { trackingRoutes } from './api/tracking.ts';
import { csvPreviewRoutes } from './api/csv-preview.ts';
import { rejectionRoutes } from './api/rejections.ts';
import { approvalRoutes } from './api/approvals.ts';
import { evidenceExportRoutes } from './api/evidence-export.ts';
import { evidenceStatusRoutes, type EvidenceStatusDeps } from './api/evidence-status.ts';
import type { BundleExports } from '../evidence/export.ts';
import { consolePages } from './console-serve.ts';
import { certificateRoutes } from './api/certificates.ts';
import { cadenceRoutes } from './api/cadences.ts';
import type { Certificates } from '../evidence/certificate/service.ts';

export interface ServerDeps extends ApiContext {
  log: Logger;
  /** Readiness beyond the database, e.g. the route being bound. */
  ready?: () => { ok: boolean; detail: string };
  /** Checks that leave the process serving but worth an alert (e.g. the clock against the TSA): named problems, or none. */
  degraded?: () => Promise<Record<string, string>>;
  version: string;
  /** What this process knows of the routes (bound or not) and how to test one (default: runs none). */
  routeStatus?: RouteStatus;
  /** The recipient's pages (/l/:code, /verify) and their operator API; sections follow the notice in order. */
  landing?: { service: Landing; sections: readonly LandingSection[] };
  /** PDF, survey and payment: their operator API, and the payment provider's webhooks. */
  recipientActions?: RecipientActions;
  /** People, sessions and login. */
  accounts: Accounts;
  /** GET /metrics and HTTP durations; `metricsToken` puts /metrics behind a bearer token. */
  metrics?: Metrics;
  metricsToken?: string | undefined;
  /** HTTP provider routes running in this process, for their callbacks under /hooks/providers (no API key; none without it). */
  providerRoutes?: ProviderRouteRegistry;
  /** The fake HTTP provider (Twilio's Messages API) served under /sim/twilio while the simulator runs. */
  httpProviderSimulator?: HttpProviderSimulator | null;
  /** Per-message 記録証明書 (certificate of records) from the evidence ledger; no routes without it. */
  certificates?: Certificates;
  /** The configured sender: signs an opt-out confirmation when the organisation has no name set. */
  sender?: string;
  /**
   * Which proxies' X-Forwarded-For / X-Forwarded-Proto are believed (TODOKU_TRUST_PROXY): false, the
   * default, takes the socket's address as the client's and plain HTTP as the protocol, so no client
   * can choose its address (the per-address limits) or claim HTTPS (Secure cookies) with a header.
   */
  trustProxy?: false | number | string[];
  /** Evidence bundles (a campaign's, the whole ledger's) under /api/v1; none without the ledger. */
  bundleExports?: BundleExports;
  /** The ledger's status and an on-demand check of it (GET /evidence/status, POST /evidence/verify); none without the ledger. */
  evidenceStatus?: EvidenceStatusDeps;
}

/**
 * Fastify takes addresses as they are; a hop count it now ignores (it cannot tell the proxy from a client),
 * so the operator's count is spelled out as proxy-addr's rule: the nearest `hops` addresses are proxies.
 */
function trustProxyOption(trust: false | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

const NO_ROUTES: RouteStatus = { bound: () => null, test: async () => 'このプロセスではルートを動かしていません / this process runs no routes' };

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const ctx: ApiContext = deps;
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Request URLs carry short link codes; per-request lines would also drown what matters.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(deps.trustProxy ?? false),
    bodyLimit: 10 * 1024 * 1024,
  });
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
  // Login sessions (todoku_session) for the API and the console; the recipient pages use it too.
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
  if (deps.metrics) installMetrics(app, deps.metrics, { token: deps.metricsToken });
  // CSV uploads are handed on as a stream: a 100 MB list never sits in memory.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], (_req, payload, done) => done(null, payload));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Todoku API', description: 'SMS campaigns for collections and urgent notices / 督促・緊急通知SMS', version: deps.version },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'todoku_session' } } },
      security: [{ apiKey: [] }, { session: [] }],
    },
    ...apiDocumentTransforms,
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
    // Still ready (200): a clock off by seconds does not stop sending, but monitoring should see it.
    const checks = (await deps.degraded?.()) ?? {};
    if (Object.keys(checks).length > 0) return { status: 'degraded', checks };
    return { status: 'ready' };
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      // Roles, sessions and CSRF for every route below: see the rule at the top of api/auth.ts.
      await installAuth(api, { apiKeys: deps.store.apiKeys, accounts: deps.accounts });
      sessionRoutes(api, { accounts: deps.accounts });
      accountRoutes(api, { accounts: deps.accounts });
      auditRoutes(api, { audit: deps.store.audit, names: deps.store });
      campaignRoutes(api, ctx);
      keyRoutes(api, ctx);
      simulatorRoutes(api, ctx);
      routeRoutes(api, { ...ctx, routeStatus: deps.routeStatus ?? NO_ROUTES });
      templateRoutes(api, ctx);
      webhookRoutes(api, ctx);
      inboxRoutes(api, { ...ctx, sender: deps.sender });
      suppressionRoutes(api, ctx);
      trackingRoutes(api, ctx);
      csvPreviewRoutes(api, ctx);
      rejectionRoutes(api, ctx);
      approvalRoutes(api, ctx);
      cadenceRoutes(api, ctx);
      if (deps.bundleExports) evidenceExportRoutes(api, ctx, deps.bundleExports);
      if (deps.evidenceStatus) evidenceStatusRoutes(api, ctx, deps.evidenceStatus);
      if (deps.landing) landingApiRoutes(api, ctx, deps.landing.service);
      if (deps.recipientActions) recipientActionApi(api, ctx, deps.recipientActions);
      if (deps.certificates) certificateRoutes(api, ctx, deps.certificates);
    },
    { prefix: '/api/v1' },
  );
  if (deps.recipientActions) await app.register(recipientActionPublic(deps.recipientActions, deps.log));
  if (deps.landing) await app.register(recipientPages({ landing: deps.landing.service, sections: deps.landing.sections, log: deps.log }));
  // Providers sign their callbacks instead of holding an API key: outside /api/v1.
  if (deps.providerRoutes) await app.register(providerCallbackRoutes(deps.providerRoutes));
  if (deps.httpProviderSimulator) await app.register(httpProviderSimulatorRoutes(deps.httpProviderSimulator), { prefix: '/sim/twilio' });
  // The operator console (React, built into dist/console) at /console; / leads there.
  await app.register(consolePages());
  return app;
}
