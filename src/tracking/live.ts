// Live funnels for the console's event streams: one poll per campaign per second while anyone watches,
// however many people watch it, and a listener hears only when something changed (the first reading
// at once). Polling the database, not in-process events, because the dispatcher and the recipients'
// pages may run in other processes that share only the database.
import type { FunnelRead } from '../store/tracking.ts';
import type { CampaignStatus } from '../core/campaign-status.ts';

export interface LiveReading extends FunnelRead {
  campaignId: number;
  status: CampaignStatus;
  at: number;
}

export type Listener = (reading: LiveReading) => void;

interface Watch {
  listeners: Set<Listener>;
  last: LiveReading | null;
  lastKey: string;
  timer: NodeJS.Timeout | null;
  busy: boolean;
}

export interface LiveFunnels {
  /** Starts hearing a campaign's readings; returns the function that stops. */
  watch(campaignId: number, listener: Listener): () => void;
  /** How many campaigns are being polled (for tests and shutdown). */
  watched(): number;
  close(): void;
}

export function liveFunnels(read: (campaignId: number) => Promise<LiveReading | undefined>, opts: { everyMs?: number; onError?: (err: unknown) => void } = {}): LiveFunnels {
  const everyMs = opts.everyMs ?? 1000;
  const watches = new Map<number, Watch>();

  async function poll(campaignId: number, w: Watch): Promise<void> {
    if (w.busy) return;
    w.busy = true;
    try {
      const reading = await read(campaignId);
      if (!reading || watches.get(campaignId) !== w) return;
      // Compare without the reading's own time: only a change in the figures is news.
      const key = JSON.stringify([reading.status, reading.funnel, reading.states]);
      if (key === w.lastKey) return;
      w.lastKey = key;
      w.last = reading;
      for (const l of w.listeners) l(reading);
    } catch (err) {
      opts.onError?.(err);
    } finally {
      w.busy = false;
    }
  }

  return {
    watch(campaignId, listener) {
      let w = watches.get(campaignId);
      if (!w) {
        w = { listeners: new Set(), last: null, lastKey: '', timer: null, busy: false };
        watches.set(campaignId, w);
        const watch = w;
        watch.timer = setInterval(() => void poll(campaignId, watch), everyMs);
        watch.timer.unref();
        void poll(campaignId, watch);
      } else if (w.last) {
        listener(w.last);
      }
      w.listeners.add(listener);
      const watch = w;
      return () => {
        watch.listeners.delete(listener);
        if (watch.listeners.size === 0 && watches.get(campaignId) === watch) {
          if (watch.timer) clearInterval(watch.timer);
          watches.delete(campaignId);
        }
      };
    },
    watched: () => watches.size,
    close() {
      for (const w of watches.values()) if (w.timer) clearInterval(w.timer);
      watches.clear();
    },
  };
}
