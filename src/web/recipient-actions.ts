// The routes of what a verified recipient can do besides reading (PDF, survey, payment, self-service), registered in
// two places: the operator API under /api/v1, and the public routes the payment provider talks to
// (webhooks, and the simulator's checkout pages while it is the provider). The services themselves, and
// the choice of payment provider, are built by the composition root (src/app/recipient-actions.ts).
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';
import type { ApiContext } from './api/context.ts';
import type { DocumentService } from '../documents/service.ts';
import type { SurveyService } from '../surveys/service.ts';
import type { PaymentService } from '../payments/service.ts';
import type { SimulatorSecrets } from '../payments/simulator/provider.ts';
import { paymentSimulatorRoutes } from '../payments/simulator/pages.ts';
import { documentRoutes } from './api/documents.ts';
import { surveyRoutes } from './api/surveys.ts';
import { paymentRoutes, paymentWebhookRoutes } from './api/payments.ts';
import { bankFileRoutes } from './api/bank-files.ts';
import type { BankReconciliation } from '../payments/bank/reconcile.ts';
import type { SelfService } from '../landing/self-service.ts';
import { debtorActionRoutes } from './api/debtor-actions.ts';
import { paymentMarkRoutes } from './api/payment-marks.ts';
import type { ManualPayments } from '../payments/manual.ts';

export interface RecipientActions {
  documents: DocumentService;
  surveys: SurveyService;
  payments: PaymentService;
  /** 入金消込: bank files matched to payments. */
  bank: BankReconciliation;
  /** 支払いの約束・分割・異議・宛先違い: what recipients ask for on their page, and its review. */
  selfService: SelfService;
  /** 支払済みにする: money an operator records by hand. */
  manual: ManualPayments;
  /** Set while the payment simulator is the provider: its checkout pages are served. */
  paySimulator: SimulatorSecrets | null;
}

/** Under /api/v1, behind the API key. */
export function recipientActionApi(api: FastifyInstance, ctx: ApiContext, a: RecipientActions): void {
  documentRoutes(api, ctx, a.documents);
  surveyRoutes(api, ctx, a.surveys);
  paymentRoutes(api, ctx, a.payments);
  void api.register(bankFileRoutes(a.bank));
  debtorActionRoutes(api, ctx, a.selfService);
  paymentMarkRoutes(api, ctx, a.manual);
}

/** Outside the API key: provider webhooks (signature-checked) and the simulator's pages. */
export function recipientActionPublic(a: RecipientActions, log: Logger) {
  return async function publicRoutes(app: FastifyInstance): Promise<void> {
    paymentWebhookRoutes(app, a.payments);
    if (a.paySimulator) paymentSimulatorRoutes(app, { secrets: a.paySimulator, log });
  };
}
