// Periodic upkeep shared by all workers: heartbeats, recovery of what dead workers left in flight,
// messages whose answer was lost or whose receipt never came (送達不明 after their route's validity, or
// re-queued after the grace period on routes with resendUnconfirmed), finishing completed campaigns, and
// once a day the retention sweep (personal data past the organisation's setting, old evidence content).
import type { Logger } from '../log.ts';
import type { MaintenancePort, ReceiptWaits } from './ports.ts';
import { toError } from '../core/errors.ts';
import { DEFAULT_VALIDITY_MINUTES, LATE_RECEIPT_MARGIN_MS, deliveryWindow } from '../routes/delivery-window.ts';

export interface MaintenanceDeps {
  store: MaintenancePort;
  workerId: string;
  log: Logger;
  now: () => number;
  staleMs: number;
  /** TODOKU_UNCONFIRMED_GRACE_MS: how long a lost answer waits before re-sending, on routes with resendUnconfirmed only. */
  graceMs: number;
  /** How long after a route's validity a receipt may still come before the message ends 'unknown'. */
  lateReceiptMarginMs?: number;
  everyMs?: number;
  onCampaignCompleted?: (ids: number[]) => void;
  onCampaignStarted?: () => void;
  /** TODOKU_EVIDENCE_RETENTION_YEARS (default 5): sealed evidence content is kept this long after a campaign's last entry. */
  evidenceRetentionYears?: number;
  /**
   * The evidence ledger (evidence/ledger.ts): sequences what was recorded and signs heads. Ticked on its own
   * turn (a slow time-stamp authority must not hold up the upkeep) and once more when the worker stops.
   */
  evidence?: { tick(): Promise<void> };
  /**
   * The cadences' scheduler (cadence/scheduler.ts), run every `cadenceEveryRuns` upkeep runs (default 10:
   * about every 10 s); `onStepsQueued` tells the dispatchers when it queued something.
   */
  cadences?: { tick(): Promise<{ queued: number; left: number; completed: number[] }> };
  cadenceEveryRuns?: number;
  onStepsQueued?: () => void;
}

export function startMaintenance(deps: MaintenanceDeps): { stop(): Promise<void>; runOnce(): Promise<void> } {
  const { store, workerId, log, now } = deps;
  let running: Promise<void> = Promise.resolve();

  /** Read each time: an administrator's edit of a route's validity applies at the next sweep. */
  async function receiptWaits(): Promise<ReceiptWaits> {
    const byRoute = new Map((await store.routes.list()).map((r) => [r.name, deliveryWindow(r)]));
    return { byRoute, fallback: { validityMs: DEFAULT_VALIDITY_MINUTES * 60_000, resendUnconfirmed: false }, graceMs: deps.graceMs };
  }

  let runs = 0;
  async function runCadences(): Promise<void> {
    if (!deps.cadences || runs++ % (deps.cadenceEveryRuns ?? 10) !== 0) return;
    const r = await deps.cadences.tick();
    if (r.queued > 0) deps.onStepsQueued?.();
    if (r.queued > 0 || r.left > 0 || r.completed.length > 0) log.info({ queued: r.queued, left: r.left, completed: r.completed }, 'cadences: steps queued, people left');
  }

  async function runOnce(): Promise<void> {
    await store.workers.beat(workerId);
    const started = await store.campaigns.startDue();
    if (started > 0) {
      log.info({ started }, 'scheduled campaigns started');
      deps.onCampaignStarted?.();
    }
    const orphans = await store.messages.markOrphansUnconfirmed(now() - deps.staleMs);
    if (orphans > 0) log.warn({ orphans }, 'messages left in flight by a stopped worker are awaiting late receipts');
    await store.messages.applyWaitingReceipts();
    const waits = await receiptWaits();
    const { adopted, requeued, unknown } = await store.messages.reconcileUnconfirmed(waits);
    if (adopted || requeued || unknown) log.info({ adopted, requeued, unknown }, 'unconfirmed messages reconciled');
    const expired = await store.messages.expireUnreceipted(waits, deps.lateReceiptMarginMs ?? LATE_RECEIPT_MARGIN_MS);
    if (expired > 0) log.warn({ messages: expired }, 'no receipt within the validity period: delivery unknown');
    const completed = await store.campaigns.completeFinished();
    if (completed.length > 0) {
      log.info({ campaigns: completed }, 'campaigns completed');
      deps.onCampaignCompleted?.(completed);
    }
    await runCadences();
    await store.messages.prunePendingReceipts(now() - 86_400_000);
    await store.workers.pruneBefore(now() - 86_400_000);
    // Once a day across all workers (the store takes the turn): what retention no longer keeps goes.
    const swept = await store.retention.sweep({ evidenceYears: deps.evidenceRetentionYears ?? 5 });
    if (swept && (swept.campaigns.length > 0 || swept.inbound > 0 || swept.evidence.length > 0)) {
      log.info({ campaigns: swept.campaigns.map((c) => c.campaignId), inbound: swept.inbound, evidence: swept.evidence }, 'retention: personal data and evidence content past their time removed');
    }
  }

  const timer = setInterval(() => {
    running = running.then(runOnce).catch((err) => log.error({ err: toError(err) }, 'maintenance failed'));
  }, deps.everyMs ?? 1000);

  let ledgerTurn: Promise<void> = Promise.resolve();
  let ledgerBusy = false;
  const tickLedger = (): Promise<void> => {
    const evidence = deps.evidence;
    if (!evidence) return Promise.resolve();
    ledgerTurn = ledgerTurn
      .then(async () => {
        ledgerBusy = true;
        await evidence.tick();
      })
      .catch((err) => log.error({ err: toError(err) }, 'evidence ledger tick failed'))
      .finally(() => {
        ledgerBusy = false;
      });
    return ledgerTurn;
  };
  // A tick still running (a TSA taking its time) is not queued behind again.
  const ledgerTimer = deps.evidence ? setInterval(() => void (ledgerBusy ? undefined : tickLedger()), deps.everyMs ?? 1000) : null;

  return {
    runOnce: () => (running = running.then(runOnce)),
    async stop() {
      clearInterval(timer);
      if (ledgerTimer) clearInterval(ledgerTimer);
      await running.catch(() => undefined);
      // What the drained routes recorded last gets its place in the tree before the process goes.
      await tickLedger();
      await store.workers.remove(workerId);
    },
  };
}
