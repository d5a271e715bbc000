// Periodic upkeep shared by all workers: heartbeats, recovery of what dead workers left in flight,
// re-queuing unconfirmed messages after their grace period, and finishing completed campaigns.
import type { Logger } from '../log.ts';
import type { MaintenancePort } from './ports.ts';
import { toError } from '../core/errors.ts';

export interface MaintenanceDeps {
  store: MaintenancePort;
  workerId: string;
  log: Logger;
  now: () => number;
  staleMs: number;
  graceMs: number;
  everyMs?: number;
  onCampaignCompleted?: (ids: number[]) => void;
  onCampaignStarted?: () => void;
}

export function startMaintenance(deps: MaintenanceDeps): { stop(): Promise<void>; runOnce(): Promise<void> } {
  const { store, workerId, log, now } = deps;
  let running: Promise<void> = Promise.resolve();

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
    const { adopted, requeued } = await store.messages.reconcileUnconfirmed(deps.graceMs);
    if (adopted || requeued) log.info({ adopted, requeued }, 'unconfirmed messages reconciled');
    const completed = await store.campaigns.completeFinished();
    if (completed.length > 0) {
      log.info({ campaigns: completed }, 'campaigns completed');
      deps.onCampaignCompleted?.(completed);
    }
    await store.messages.prunePendingReceipts(now() - 86_400_000);
    await store.workers.pruneBefore(now() - 86_400_000);
  }

  const timer = setInterval(() => {
    running = running.then(runOnce).catch((err) => log.error({ err: toError(err) }, 'maintenance failed'));
  }, deps.everyMs ?? 1000);

  return {
    runOnce: () => (running = running.then(runOnce)),
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
      await store.workers.remove(workerId);
    },
  };
}
