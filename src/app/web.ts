// The web side of a process: builds what only the web serves (the recipients' landing service, their
// actions and page sections), hands it with the shared collaborators to the server, and listens on the
// configured port. Routes are registered by web/server.ts, which builds no service itself.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { Vault } from '../security/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import type { Accounts } from '../accounts/accounts.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { Simulators } from './simulators.ts';
import type { RouteStatus } from '../web/api/routes.ts';
import type { ProviderRouteRegistry } from '../routes/http-provider/registry.ts';
import type { RouteLimits } from '../core/segments.ts';
import type { LandingSection } from '../web/pages/sections.ts';
import { buildServer } from '../web/server.ts';
import { createLanding } from '../landing/landing.ts';
import { createRecipientActions } from './recipient-actions.ts';
import { createWebhookService } from '../webhooks/service.ts';
import { recipientActionSections } from '../web/pages/sections/index.ts';
import { createCertificates } from '../evidence/certificate/service.ts';
import { createBundleExports } from '../evidence/export.ts';
import type { HeadRow } from '../store/evidence/heads.ts';
import type { EvidenceStatusDeps } from '../web/api/evidence-status.ts';

export interface WebDeps {
  config: Config;
  log: Logger;
  store: Store;
  vault: Vault;
  composer: Composer;
  accounts: Accounts;
  metrics: Metrics;
  simulators: Simulators | null;
  providerRoutes: ProviderRouteRegistry;
  limits: RouteLimits;
  version: string;
  linkBase: () => string;
  /** Where recipients reach this server: TODOKU_PUBLIC_URL, else the link base's origin, else the listening address. */
  publicUrl: () => string;
  now: () => number;
  /** Work for this process's dispatchers, and what it knows of its routes (the worker may start later). */
  poke: () => void;
  routesReady: () => { ok: boolean; detail: string } | undefined;
  /** /ready's named problems that leave the process serving (the clock against the TSA). */
  degraded?: () => Promise<Record<string, string>>;
  routeStatus: RouteStatus;
  /** The evidence ledger (src/evidence/ledger.ts): certificates and exports seal it first. None: no certificate routes. */
  ledger?: ({ seal(reason: string): Promise<HeadRow> } & EvidenceStatusDeps['ledger']) | null;
  /** TODOKU_TSA_CA_FILE's certificates: a head's time-stamp token must chain to one when given. */
  tsaRootsPem?: string[];
}

export async function startWeb(deps: WebDeps): Promise<{ app: FastifyInstance; url: string }> {
  const { config, store, vault, log, now } = deps;
  const recipientActions = createRecipientActions({ store, vault, log, payments: config.payments, now, sender: config.sender, poke: deps.poke });
  /** What the verified recipient page shows after the notice, in order (PDF, survey, payment …). */
  const sections: LandingSection[] = [...recipientActionSections(recipientActions, deps.publicUrl)];
  const certificates = deps.ledger
    ? createCertificates({
        store,
        vault,
        ledger: deps.ledger,
        verifyUrl: () => `${deps.publicUrl()}/verify`,
        now,
        senderName: config.sender,
        ...(deps.tsaRootsPem ? { tsaRootsPem: deps.tsaRootsPem } : {}),
      })
    : null;
  const app = await buildServer({
    store,
    vault,
    composer: deps.composer,
    limits: deps.limits,
    lint: { blocking: config.lintBlocking, linkBase: deps.linkBase },
    defaultPolicyPack: config.defaultPolicyPack,
    poke: deps.poke,
    now: deps.now,
    webhookService: createWebhookService({ store, now, allowHosts: config.webhooks.allowHosts }),
    simulator: deps.simulators?.smsc ?? null,
    log,
    version: deps.version,
    sender: config.sender,
    accounts: deps.accounts,
    metrics: deps.metrics,
    metricsToken: config.metrics.token,
    trustProxy: config.trustProxy,
    landing: { service: createLanding({ store, vault, now, defaults: { sender: config.sender, linkBase: deps.linkBase } }), sections },
    recipientActions,
    ...(certificates ? { certificates } : {}),
    // Evidence bundles carry each message's certificate data, made as the certificate routes make it.
    ...(deps.ledger
      ? { bundleExports: createBundleExports({ store, vault, ledger: deps.ledger, now, tsaRootsPem: deps.tsaRootsPem ?? null, certificate: certificates ? (id, head) => certificates.data(id, { head }) : null }) }
      : {}),
    ...(deps.ledger
      ? { evidenceStatus: { ledger: deps.ledger, tsaUrl: config.evidenceHeads.tsa?.url ?? null, tsaRootsPem: deps.tsaRootsPem ?? null, retentionYears: config.evidenceRetentionYears } }
      : {}),
    ready: () => deps.routesReady() ?? { ok: true, detail: '' },
    ...(deps.degraded ? { degraded: deps.degraded } : {}),
    routeStatus: deps.routeStatus,
    providerRoutes: deps.providerRoutes,
    ...(deps.simulators ? { httpProviderSimulator: deps.simulators.http } : {}),
  });
  const url = await app.listen({ port: config.port, host: config.host });
  log.info({ url }, 'web server listening');
  return { app, url };
}
