// CSV import: streams a file through decoding, parsing and row checks, handing rows to a sink in batches.
// A file larger than its first reads is parsed in a worker thread (parse-thread.ts), so that reading the
// next rows and storing the last ones use both cores; the rows' checks against the office's lists and
// the earlier lines (admitRow) stay here, where those lists are.
import { addAbortSignal, Readable } from 'node:stream';
import type { E164 } from '../core/phone.ts';
import type { ColumnMapping, HeaderProblem } from '../core/csv/aliases.ts';
import { admitRow, DuplicateTracker, isRejected, REJECT_REASONS } from '../core/csv/row.ts';
import type { AcceptedRow, RejectedRow, RejectReason, RowRules } from '../core/csv/row.ts';
import { decodeCsvStream } from './decode.ts';
import type { CsvEncoding } from './decode.ts';
import { isHeader, readRows, type ReadBatch, type ReadHeader } from './read-rows.ts';
import { parseInWorker } from './parse-thread.ts';

export interface ImportBatch {
  accepted: AcceptedRow[];
  rejected: RejectedRow[];
}

export interface ImportOptions {
  /** Header text or `col_N` → field; see mapHeader. */
  overrides?: Record<string, string>;
  isSuppressed?: (phone: E164) => boolean;
  /** Numbers reported as reaching the wrong person (the misdelivery list). */
  isMisdelivered?: (phone: E164) => boolean;
  /** The office's day (YYYY-MM-DD): a consent date after it rejects the row. */
  today?: string;
  /** Rows (accepted + rejected) per onBatch call at most (fewer for very wide rows: read-rows.ts BATCH_CHARS); default 1000. */
  batchSize?: number;
  /** Awaited before more of the file is read. */
  onBatch: (batch: ImportBatch) => Promise<void> | void;
  /**
   * Resolves once every batch handed to onBatch is stored, where onBatch returns before (storing one
   * batch while the next is read): the reading worker leaves rows to seal here only when this thread has
   * nothing else to do.
   */
  settled?: () => Promise<void>;
  /** Called after each batch; bytes are bytes of the input read so far. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  signal?: AbortSignal;
  /**
   * The store's vault key (Vault.threadKey): a file read in a worker thread has its accepted rows sealed
   * there (AcceptedRow.sealed), off the thread that stores them.
   */
  sealKey?: Buffer | undefined;
}

export interface ImportSummary {
  encoding: CsvEncoding;
  columns: ColumnMapping[];
  /** Header warnings (empty or repeated names); errors throw instead. */
  warnings: HeaderProblem[];
  /** Data records read (blank lines and all-empty records are not counted). */
  rows: number;
  accepted: number;
  rejected: number;
  byReason: Record<RejectReason, number>;
}

// An upload that ends within its first 256 KB (a few thousand rows) is read here: a worker thread
// takes longer to start than such a file takes to read.
const INLINE_BYTES = 256 * 1024;
// Batches the worker may read ahead of the one being stored: enough to keep both threads busy.
const AHEAD = 2;
// Input the worker keeps in hand, per row of a batch (a typical list row is 60–200 bytes): enough to
// read on while a batch is being stored, little enough that a stalled sink stops the reading soon.
const READ_AHEAD_PER_ROW = 128;

type Item = { header: ReadHeader; encoding: CsvEncoding } | ReadBatch;

/** Rejections of one batch in line order: those from the record's own checks merged with those from the lists. */
function byLine(a: RejectedRow[], b: RejectedRow[]): RejectedRow[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: RejectedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.line < b[j]!.line) ? a[i++]! : b[j++]!);
  return out;
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

async function* readHere(source: AsyncIterator<Buffer>, opts: ImportOptions, batchSize: number): AsyncGenerator<Item> {
  const { encoding, text } = await decodeCsvStream(Readable.from({ [Symbol.asyncIterator]: () => source }));
  for await (const item of readRows(text, { overrides: opts.overrides, today: opts.today, batchSize, signal: opts.signal })) {
    yield isHeader(item) ? { header: item, encoding } : item;
  }
}

export async function importCsv(input: Readable, opts: ImportOptions): Promise<ImportSummary> {
  const { signal } = opts;
  signal?.throwIfAborted();
  // On the input too, so that an abort also stops the reading, wherever it happens.
  if (signal) addAbortSignal(signal, input);
  const size = Math.floor(opts.batchSize ?? 1000);
  const batchSize = size >= 1 ? size : 1000;
  const chunks: AsyncIterator<Buffer | string> = input[Symbol.asyncIterator]();
  let bytes = 0;
  const read = async (): Promise<IteratorResult<Buffer>> => {
    const r = await chunks.next();
    if (r.done) return { done: true, value: undefined };
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    bytes += chunk.length;
    return { done: false, value: chunk };
  };
  const head: Buffer[] = [];
  let complete = false;
  for (let peeked = 0; peeked < INLINE_BYTES; ) {
    const r = await read();
    if (r.done) {
      complete = true;
      break;
    }
    head.push(r.value);
    peeked += r.value.length;
  }
  const source: AsyncIterator<Buffer> = {
    next: async () => {
      const chunk = head.shift();
      if (chunk) return { done: false, value: chunk };
      return complete ? { done: true, value: undefined } : read();
    },
  };

  // (The key is copied into a buffer of its own: a pooled Buffer would send its whole pool along.)
  const worker = complete ? undefined : parseInWorker(source, { overrides: opts.overrides, today: opts.today, batchSize, ahead: AHEAD, readAhead: batchSize * READ_AHEAD_PER_ROW, sealKey: opts.sealKey && new Uint8Array(opts.sealKey) }, signal && { signal, error: () => abortError(signal) }, opts.settled);
  const items = worker ? worker.items : readHere(source, opts, batchSize);
  let header: { header: ReadHeader; encoding: CsvEncoding } | undefined;
  let rules: Omit<RowRules, 'columns' | 'today'> = {};
  let rows = 0;
  let accepted = 0;
  const byReason = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  try {
    for await (const item of items) {
      if (!('rows' in item)) {
        header = item;
        rules = { duplicates: new DuplicateTracker(), isSuppressed: opts.isSuppressed, ...(opts.isMisdelivered ? { isMisdelivered: opts.isMisdelivered } : {}) };
        continue;
      }
      const batch: ImportBatch = { accepted: [], rejected: item.rejected };
      const refused: RejectedRow[] = [];
      for (const candidate of item.candidates) {
        const row = admitRow(candidate, rules);
        if (isRejected(row)) refused.push(row);
        else batch.accepted.push(row);
      }
      batch.rejected = byLine(item.rejected, refused);
      rows += item.rows;
      accepted += batch.accepted.length;
      for (const r of batch.rejected) byReason[r.reason]++;
      if (signal?.aborted) throw abortError(signal);
      await opts.onBatch(batch);
      worker?.stored();
      opts.onProgress?.({ rows, bytes });
    }
  } finally {
    await worker?.close();
    await chunks.return?.();
  }
  // readRows threw if there was no header.
  const { encoding, header: { columns, warnings } } = header!;
  return { encoding, columns, warnings, rows, accepted, rejected: rows - accepted, byReason };
}
