// The importing thread's side of parse-worker.ts: starts the worker, feeds it the upload's bytes as it
// asks for them, and hands back what it read (header, then batches) as an async iterator. Errors the
// worker met come back as they were thrown (a TodokuError keeps its code, words and details).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TodokuError, type ErrorCode } from '../core/errors.ts';
import type { CsvEncoding } from './decode.ts';
import type { ReadBatch, ReadHeader } from './read-rows.ts';
import { unpackBatch, type PackedBatch } from './row-batch.ts';

export interface ParseWorkerData {
  overrides: Record<string, string> | undefined;
  today: string | undefined;
  batchSize: number;
  /** Batches the worker may read ahead of the one being stored. */
  ahead: number;
  /** Bytes of the input the worker keeps in hand. */
  readAhead: number;
  /** The vault's key (Vault.threadKey): the worker seals accepted rows as the store would. */
  sealKey: Uint8Array | undefined;
}

/** 'waiting': this thread has nothing left to do but wait for the next batch (the worker stops sealing it, parse-worker.ts). */
export type FromParent = { type: 'chunk'; bytes: Uint8Array } | { type: 'end' } | { type: 'stored' } | { type: 'waiting' };

interface ThrownError {
  name: string;
  message: string;
  ja?: string;
  code?: unknown;
  details?: unknown;
}

export type ToParent =
  /** Bytes of input taken in since the last 'more': as many more may be sent. */
  | { type: 'more'; bytes: number }
  | { type: 'header'; header: ReadHeader; encoding: CsvEncoding }
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'done' }
  | { type: 'error'; error: ThrownError };

function rethrown(e: ThrownError): Error {
  if (e.ja !== undefined) return new TodokuError(e.code as ErrorCode, { ja: e.ja, en: e.message }, e.details);
  return Object.assign(new Error(e.message), { name: e.name });
}

// The worker runs the TypeScript sources as this process does, through tsx, registered in the worker
// (hooks registered in a thread do not reach the threads it starts) — its CommonJS hook, which compiles
// in the worker itself: the ESM hook would start a loader thread of its own (+20 MB of RSS).
function start(data: ParseWorkerData): Worker {
  const tsx = fileURLToPath(import.meta.resolve('tsx/cjs/api'));
  const entry = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  // A small heap: the worker holds a few batches at a time, and its garbage would otherwise add ~85 MB to the peak.
  return new Worker(boot, { eval: true, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } });
}

type Item = { header: ReadHeader; encoding: CsvEncoding } | ReadBatch;

type Queued = { header: ReadHeader; encoding: CsvEncoding } | PackedBatch;

/**
 * Reads `source` in a worker thread. Call `stored()` once a batch is stored: the worker reads at most
 * `ahead` batches beyond. `close()` stops the worker (always call it, also after an error).
 */
export function parseInWorker(source: AsyncIterator<Buffer>, data: ParseWorkerData, abort?: { signal: AbortSignal; error: () => Error }, settled?: () => Promise<void>) {
  const worker = start(data);
  const queue: Queued[] = [];
  // The input failing (an abort) ends the reading at once; an error the worker met comes after the
  // batches it read before it, as it would in this thread.
  let failure: Error | undefined;
  let thrown: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (error: Error) => {
    failure ??= error;
    notify();
  };

  // Input is sent as it comes, up to half of `readAhead` beyond what the worker has taken in ('more' gives
  // back what it took; the worker's stream holds up to `readAhead` more): this thread answers only
  // between its batches (a SQLite transaction, rows sealed: ~100-200 ms), and asking for each chunk when
  // needed left the worker waiting for input most of the time (10,000 rows read in 250-580 ms, 70 ms of
  // it reading).
  let credit = Math.ceil(data.readAhead / 2);
  let pumping = false;
  let ended = false;
  const pump = async () => {
    if (pumping || ended) return;
    pumping = true;
    try {
      while (credit > 0) {
        const next = await source.next();
        if (next.done) {
          ended = true;
          worker.postMessage({ type: 'end' } satisfies FromParent);
          break;
        }
        const bytes = new Uint8Array(next.value); // a copy: the input's buffers may share a pool
        credit -= bytes.length;
        worker.postMessage({ type: 'chunk', bytes } satisfies FromParent, [bytes.buffer]);
      }
    } catch (error) {
      fail(error as Error);
    } finally {
      pumping = false;
    }
  };
  void pump();
  worker.on('message', (message: ToParent) => {
    if (message.type === 'more') {
      credit += message.bytes;
      void pump();
    }
    else if (message.type === 'header') queue.push({ header: message.header, encoding: message.encoding });
    // Unpacked when taken: batches waiting stay a few flat arrays.
    else if (message.type === 'batch') queue.push(message.batch);
    else if (message.type === 'done') finished = true;
    else thrown = rethrown(message.error);
    notify();
  });
  worker.on('error', fail);
  // An abort while the worker is busy (or has read the whole file) is not seen through the input.
  const onAbort = () => fail(abort!.error());
  abort?.signal.addEventListener('abort', onAbort, { once: true });
  worker.on('exit', () => {
    if (!finished && !thrown) fail(new Error('the CSV reading thread stopped before the end of the file'));
  });

  async function* items(): AsyncGenerator<Item> {
    for (;;) {
      if (failure) throw failure;
      const item = queue.shift();
      if (item) yield 'names' in item ? unpackBatch(item) : item;
      else if (thrown) throw thrown;
      else if (finished) return;
      else {
        // Told once what was started before has run (a SQLite transaction runs in the microtasks after
        // a batch is handed on) and the batches handed on are stored (`settled`: PostgreSQL stores apart
        // from us, and rows sealed here meanwhile would wait for it): only then is this thread idle.
        const waiting = new Promise<void>((r) => (wake = r));
        setImmediate(() => {
          void (settled?.() ?? Promise.resolve()).then(() => {
            if (wake && queue.length === 0) worker.postMessage({ type: 'waiting' } satisfies FromParent);
          });
        });
        await waiting;
      }
    }
  }
  return {
    items: items(),
    stored: () => worker.postMessage({ type: 'stored' } satisfies FromParent),
    close: async () => {
      abort?.signal.removeEventListener('abort', onAbort);
      await worker.terminate();
    },
  };
}
