// What a verified recipient can do besides reading: download their PDF, answer the survey, pay. The
// services are built once from the config (the payment provider: Stripe, the simulator or none), and
// registered on the server in two places: the operator API under /api/v1, and the public routes the
// payment provider talks to (webhooks, and the simulator's checkout pages while it is the provider).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { Vault } from '../security/vault.ts';
import type { ApiContext } from './api/context.ts';
import { createDocumentService, type DocumentService } from '../documents/service.ts';
import { createSurveyService, type SurveyService } from '../surveys/service.ts';
import { createPaymentService, type PaymentService } from '../payments/service.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { stripeProvider } from '../payments/stripe/adapter.ts';
import { simulatorProvider, simulatorSecrets, type SimulatorSecrets } from '../payments/simulator/provider.ts';
import { paymentSimulatorRoutes } from '../payments/simulator/pages.ts';
import { documentRoutes } from './api/documents.ts';
import { surveyRoutes } from './api/surveys.ts';
import { paymentRoutes, paymentWebhookRoutes } from './api/payments.ts';

export interface RecipientActions {
  documents: DocumentService;
  surveys: SurveyService;
  payments: PaymentService;
  /** Set while the payment simulator is the provider: its checkout pages are served. */
  paySimulator: SimulatorSecrets | null;
}

export function createRecipientActions(deps: { store: Store; vault: Vault; log: Logger; payments: Config['payments']; now?: () => number }): RecipientActions {
  const { store, vault, log } = deps;
  const now = deps.now ?? Date.now;
  let provider: PaymentProvider | null = null;
  let paySimulator: SimulatorSecrets | null = null;
  const p = deps.payments;
  if (p.provider === 'stripe') {
    provider = stripeProvider({ secretKey: p.secretKey, webhookSecret: p.webhookSecret, apiBase: p.apiBase ?? undefined });
  } else if (p.provider === 'simulator') {
    paySimulator = simulatorSecrets(vault);
    provider = simulatorProvider(paySimulator, now);
  }
  return {
    documents: createDocumentService({ store, vault, now }),
    surveys: createSurveyService({ store, vault, now }),
    payments: createPaymentService({ store, provider, log, now }),
    paySimulator,
  };
}

/** Under /api/v1, behind the API key. */
export function recipientActionApi(api: FastifyInstance, ctx: ApiContext, a: RecipientActions): void {
  documentRoutes(api, ctx, a.documents);
  surveyRoutes(api, ctx, a.surveys);
  paymentRoutes(api, ctx, a.payments);
}

/** Outside the API key: provider webhooks (signature-checked) and the simulator's pages. */
export function recipientActionPublic(a: RecipientActions, log: Logger) {
  return async function publicRoutes(app: FastifyInstance): Promise<void> {
    paymentWebhookRoutes(app, a.payments);
    if (a.paySimulator) paymentSimulatorRoutes(app, { secrets: a.paySimulator, log });
  };
}
