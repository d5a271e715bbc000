// The worker thread that reads a large upload: decoding, csv-parse and each record's own checks run
// here, on the second core, while the importing thread stores the batches before. Bytes come from the
// importing thread up to `readAhead` beyond those taken in ('more' says how many were); at most `ahead`
// batches wait unstored, so a slow database slows the reading and memory stays bounded. Started by
// parse-thread.ts.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { decodeCsvStream } from './decode.ts';
import { isHeader, readRows } from './read-rows.ts';
import { packBatch } from './row-batch.ts';
import { createVault } from '../security/vault.ts';
import { sealRecipient } from '../store/recipient-seal.ts';
import type { FromParent, ParseWorkerData, ToParent } from './parse-thread.ts';

const port = parentPort!;
const opts = workerData as ParseWorkerData;
// Sealing (AES-GCM, a cipher set up per row, and the blind index, an HMAC: ~9 µs a row, more than the
// reading) is shared with the importing thread: this thread seals a batch's rows until that thread says
// it is waiting with nothing to do, then sends the batch with the rest unsealed, for it to seal (the
// store seals what comes unsealed). Whichever thread is slower on this machine, the other takes more.
const vault = opts.sealKey && createVault(Buffer.from(opts.sealKey));
const post = (message: ToParent, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// Bytes taken in are given back as credit ('more') when the stream asks for more (it holds less than
// `readAhead`).
let owed = 0;
const giveBack = () => {
  if (owed > 0) post({ type: 'more', bytes: owed });
  owed = 0;
};
const input = new Readable({ highWaterMark: opts.readAhead, read: giveBack });
let unstored = 0;
let importerIdle = false;
let resume: (() => void) | undefined;
const receive = (message: FromParent) => {
  if (message.type === 'chunk') {
    owed += message.bytes.byteLength;
    input.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
  } else if (message.type === 'end') input.push(null);
  else if (message.type === 'waiting') importerIdle = unstored === 0;
  else {
    unstored--;
    resume?.();
  }
};
port.on('message', receive);

// Rows sealed between two looks at the messages waiting (256 rows: ~2 ms).
const SEAL_STEP = 256;

/** Whether the importing thread waits with nothing to do: messages that came meanwhile are taken now. */
function importerWaits(): boolean {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) receive(m.message as FromParent);
  return importerIdle;
}

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
      const rows = item.candidates;
      for (let i = 0; i < rows.length; i++) {
        if (i % SEAL_STEP === 0 && i > 0 && importerWaits()) break;
        const row = rows[i]!;
        row.sealed = sealRecipient(vault, row.phone, row.fields);
        row.phoneHash = vault.blindIndex(row.phone);
      }
    }
    unstored++;
    importerIdle = false;
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
