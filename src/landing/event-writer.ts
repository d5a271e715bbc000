// Page events (opens, tries, locks) written in group commits: every event recorded during one turn
// of the event loop goes into the database in one statement, and each caller's promise settles when
// its event is stored. Under load a page view costs a fraction of an insert; alone, it costs one.
// Opens carry a mark (visitor, window): the store keeps one only when its mark is new, atomically, so a
// batch full of one visitor's reloads stores one open, and parallel batches in other processes agree.
import type { LandingStore, NewLandingEvent } from '../store/landing.ts';

const MAX_BATCH = 500;

export interface EventWriter {
  record(events: readonly NewLandingEvent[]): Promise<void>;
}

export function createEventWriter(store: Pick<LandingStore, 'recordEvents'>): EventWriter {
  let pending: { events: readonly NewLandingEvent[]; done: () => void; failed: (err: unknown) => void }[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; ) {
      const chunk: typeof batch = [];
      let rows = 0;
      while (i < batch.length && (chunk.length === 0 || rows + batch[i]!.events.length <= MAX_BATCH)) {
        rows += batch[i]!.events.length;
        chunk.push(batch[i++]!);
      }
      try {
        await store.recordEvents(chunk.flatMap((c) => c.events));
        for (const c of chunk) c.done();
      } catch (err) {
        for (const c of chunk) c.failed(err);
      }
    }
  }

  return {
    record(events) {
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((done, failed) => {
        pending.push({ events, done, failed });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
