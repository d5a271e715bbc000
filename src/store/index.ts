// One object holding every repository over one database, built once by the wiring (src/app.ts; the
// CLI's admin commands build their own over the same database).
import type { Db } from './db.ts';
import type { Vault } from '../core/vault.ts';
import { campaignStore } from './campaigns.ts';
import { recipientStore } from './recipients.ts';
import { messageStore } from './messages.ts';
import { workerStore } from './workers.ts';
import { apiKeyStore } from './api-keys.ts';
import { auditStore } from './audit.ts';
import { accountStore } from './accounts.ts';
import { routeStore } from './routes.ts';
import { pacingStore } from './pacing.ts';
import { templateStore } from './templates.ts';
import { landingStore } from './landing.ts';
import { documentStore } from './documents.ts';
import { surveyStore } from './surveys.ts';
import { paymentStore } from './payments.ts';
import { webhookStore } from './webhooks.ts';
import { suppressionStore } from './suppressions.ts';
import { claimedReadStore } from './queue/claimed-reads.ts';
import { inboundStore } from './inbound.ts';
import { trackingStore } from './tracking.ts';
import { rateLimitStore } from './rate-limits.ts';
import { bankTransferStore } from './bank-transfers.ts';
import { evidenceRecorder, NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import { approvalStore } from './approvals.ts';
import { testSendStore } from './test-sends.ts';
import { consentStore } from './consent.ts';
import { retentionStore } from './retention.ts';
import { cadenceStore } from './cadences.ts';
import { debtorActionStore } from './debtor-actions.ts';
import { paymentMarkStore } from './payment-marks.ts';

export interface StoreOptions {
  /** The evidence ledger; off only for the benchmark that measures its cost. */
  evidence?: boolean;
  /** The first retry's wait after a transient carrier failure (TODOKU_RETRY_BASE_MS). */
  retryBaseMs?: number;
}

export function createStore(db: Db, vault: Vault, now: () => number = Date.now, options: StoreOptions = {}) {
  // First: other stores write webhook events (the outbox) and evidence entries inside their own transactions.
  const webhooks = webhookStore(db.kysely, db.dialect, vault, now);
  const evidence: EvidenceRecorder = options.evidence === false ? NO_EVIDENCE : evidenceRecorder(vault, now, db.sqlite);
  return {
    db,
    webhooks,
    evidence,
    campaigns: campaignStore(db.kysely, now, webhooks.outbox, evidence),
    recipients: recipientStore(db.kysely, vault, now, db.sqlite, db.pool),
    messages: messageStore(db.kysely, db.dialect, now, webhooks.outbox, evidence, db.sqlite, db.pool, options.retryBaseMs),
    workers: workerStore(db.kysely, now),
    apiKeys: apiKeyStore(db.kysely, now),
    audit: auditStore(db.kysely, now),
    accounts: accountStore(db.kysely, now),
    routes: routeStore(db.kysely, vault, now),
    pacing: pacingStore(db.kysely, db.dialect),
    templates: templateStore(db.kysely, now),
    landing: landingStore(db.kysely, now, evidence),
    documents: documentStore(db.kysely, now, evidence),
    surveys: surveyStore(db.kysely, now, webhooks.outbox, evidence),
    payments: paymentStore(db.kysely, now, webhooks.outbox, evidence),
    suppressions: suppressionStore(db.kysely, vault, now, evidence),
    claimed: claimedReadStore(db.kysely, vault, db.dialect, now, db.pool),
    inbound: inboundStore(db.kysely, vault, now, webhooks.outbox, evidence),
    tracking: trackingStore(db.kysely),
    rateLimits: rateLimitStore(db.kysely, db.dialect),
    approvals: approvalStore(db.kysely, now, evidence),
    testSends: testSendStore(db.kysely, vault, now, evidence),
    bankTransfers: bankTransferStore(db.kysely, vault, now, { webhooks: webhooks.outbox, evidence }),
    consent: consentStore(db.kysely, vault, evidence),
    retention: retentionStore(db.kysely, vault, now),
    cadences: cadenceStore(db.kysely, now, evidence),
    debtorActions: debtorActionStore(db.kysely, db.dialect, vault, now, { webhooks: webhooks.outbox, evidence }),
    paymentMarks: paymentMarkStore(db.kysely, vault, now, { webhooks: webhooks.outbox, evidence }),
  };
}

export type Store = ReturnType<typeof createStore>;
