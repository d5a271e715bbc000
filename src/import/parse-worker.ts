// The worker thread that reads a large upload: decoding, csv-parse and each record's own checks run
// here, on the second core, while the importing thread seals and stores the batches before. Bytes come
// from the importing thread when asked for ('more'); at most `ahead` batches wait unstored, so a slow
// database slows the reading and memory stays bounded. Started by parse-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { decodeCsvStream } from './decode.ts';
import { isHeader, readRows } from './read-rows.ts';
import { packBatch } from './row-batch.ts';
import { createVault } from '../security/vault.ts';
import { sealRecipient } from '../store/recipient-seal.ts';
import type { FromParent, ParseWorkerData, ToParent } from './parse-thread.ts';

const port = parentPort!;
const opts = workerData as ParseWorkerData;
// Sealing here takes AES-GCM (a cipher set up per row) and the blind index (an HMAC) off the thread
// that stores the rows; the fields then stay here (row-batch.ts).
const vault = opts.sealKey && createVault(Buffer.from(opts.sealKey));
const post = (message: ToParent, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// Asks for the next chunk until `readAhead` bytes wait here: the importing thread answers only between
// its (synchronous) SQLite transactions, and reading must not stop while one runs.
const input = new Readable({ highWaterMark: opts.readAhead, read: () => post({ type: 'more' }) });
let unstored = 0;
let resume: (() => void) | undefined;
port.on('message', (message: FromParent) => {
  if (message.type === 'chunk') input.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
  else if (message.type === 'end') input.push(null);
  else {
    unstored--;
    resume?.();
  }
});

// (An async function, not top-level await: parse-thread.ts loads this module through require.)
async function main(): Promise<void> {
  const { encoding, text } = await decodeCsvStream(input);
  for await (const item of readRows(text, { overrides: opts.overrides, today: opts.today, batchSize: opts.batchSize })) {
    if (isHeader(item)) {
      post({ type: 'header', header: item, encoding });
      continue;
    }
    while (unstored >= opts.ahead) await new Promise<void>((r) => (resume = r));
    if (vault) {
      for (const row of item.candidates) {
        row.sealed = sealRecipient(vault, row.phone, row.fields);
        row.phoneHash = vault.blindIndex(row.phone);
      }
    }
    unstored++;
    const packed = packBatch(item);
    post({ type: 'batch', batch: packed }, [packed.lines.buffer as ArrayBuffer]);
  }
  post({ type: 'done' });
}

main()
  .catch((error: unknown) => {
    const e = error as Error & { code?: unknown; ja?: unknown; details?: unknown };
    post({ type: 'error', error: { name: e.name, message: e.message, ...(typeof e.ja === 'string' ? { ja: e.ja, code: e.code, details: e.details } : {}) } });
  })
  .finally(() => port.close());
