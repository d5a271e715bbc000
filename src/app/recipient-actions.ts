// What a verified recipient can do besides reading, as services: their PDF, the survey, the payment
// (over the provider the config chose). The web server registers their routes (web/recipient-actions.ts).
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { Vault } from '../security/vault.ts';
import type { RecipientActions } from '../web/recipient-actions.ts';
import { createDocumentService } from '../documents/service.ts';
import { createSurveyService } from '../surveys/service.ts';
import { createPaymentService } from '../payments/service.ts';
import { createBankReconciliation } from '../payments/bank/reconcile.ts';
import { choosePaymentProvider } from './payment-provider.ts';
import { createSelfService } from '../landing/self-service.ts';
import { createManualPayments } from '../payments/manual.ts';

export function createRecipientActions(deps: {
  store: Store;
  vault: Vault;
  log: Logger;
  payments: Config['payments'];
  now: () => number;
  /** For the promise confirmation SMS: the sender's name when the organisation has none, and the dispatchers' wake-up. */
  sender?: string;
  poke?: () => void;
}): RecipientActions {
  const { store, vault, log, now } = deps;
  const { provider, simulator } = choosePaymentProvider(deps.payments, vault, now);
  return {
    documents: createDocumentService({ store, vault, now }),
    surveys: createSurveyService({ store, vault, now }),
    payments: createPaymentService({ store, provider, log, now }),
    bank: createBankReconciliation({ store, vault, log, now }),
    selfService: createSelfService({ store, now, log, sender: deps.sender ?? '', ...(deps.poke ? { poke: deps.poke } : {}) }),
    manual: createManualPayments({ store, now }),
    paySimulator: simulator,
  };
}
