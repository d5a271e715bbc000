// CSV import: streams a file through decoding, parsing and row checks, handing rows to a sink in batches.
import { addAbortSignal, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { TodokuError } from '../core/errors.ts';
import type { Bilingual } from '../core/errors.ts';
import type { E164 } from '../core/phone.ts';
import { mapHeader } from '../core/csv/aliases.ts';
import type { ColumnMapping, HeaderProblem } from '../core/csv/aliases.ts';
import { DuplicateTracker, isRejected, REJECT_REASONS, toRow } from '../core/csv/row.ts';
import type { AcceptedRow, RejectedRow, RejectReason, RowRules } from '../core/csv/row.ts';
import { decodeCsvStream } from './decode.ts';
import type { CsvEncoding } from './decode.ts';

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
  /** Rows (accepted + rejected) per onBatch call; default 1000. */
  batchSize?: number;
  /** Awaited before more of the file is read. */
  onBatch: (batch: ImportBatch) => Promise<void> | void;
  /** Called after each batch; bytes are bytes of the input read so far. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  signal?: AbortSignal;
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

// A generous ceiling that keeps an unclosed quote from swallowing a 100 MB file into one cell.
const MAX_RECORD_BYTES = 1024 * 1024;

const EMPTY_FILE: Bilingual = {
  ja: 'ファイルが空です。1行目に見出し、2行目以降にデータのある CSV を選んでください',
  en: 'The file is empty: expected a header on line 1 and data from line 2',
};
const NO_ROWS: Bilingual = {
  ja: '見出し行だけでデータの行がありません',
  en: 'The file has a header but no data rows',
};

/** Line breaks inside a record's cells: CRLF, CR and LF each count once, as in a text editor. */
function lineBreaks(record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 10 || (c === 13 && cell.charCodeAt(i + 1) !== 10)) breaks++;
    }
  }
  return breaks;
}

/**
 * Numbers records by the file line they start on (header = 1). Counted here rather than taken from csv-parse's
 * info, which counts a CRLF inside a quoted cell as two lines; empty lines reach us as [''] and are counted too.
 */
class LineNumbers {
  #next = 1;

  take(record: readonly string[]): number {
    const start = this.#next;
    this.#next += 1 + lineBreaks(record);
    return start;
  }

  /** The line the record being parsed starts on. */
  get next(): number {
    return this.#next;
  }
}

function isBlank(record: readonly string[]): boolean {
  for (const cell of record) if (cell.length > 0 && cell.trim().length > 0) return false;
  return true;
}

function headerRules(header: readonly string[], overrides: Record<string, string> | undefined) {
  const { columns, problems } = mapHeader(header, overrides);
  const errors = problems.filter((p): p is Extract<HeaderProblem, { severity: 'error' }> => p.severity === 'error');
  const [first] = errors;
  if (first) {
    const message = { ja: errors.map((e) => e.message.ja).join('\n'), en: errors.map((e) => e.message.en).join('\n') };
    throw new TodokuError(first.code, message, { problems });
  }
  return { columns, warnings: problems.filter((p) => p.severity === 'warning') };
}

function parseError(error: CsvError, line: number): TodokuError {
  return new TodokuError(
    'TODOKU_E_CSV_PARSE',
    {
      ja: `${line}行目以降を CSV として読めません（閉じていない " や長すぎる値がないか確認してください）`,
      en: `The file is not valid CSV from line ${line} on (check for an unclosed " or an overly long value)`,
    },
    { csvCode: error.code, line },
  );
}

/** csv-parse, piped from the text; a malformed record ends the records instead of discarding those before it. */
function parseRecords(text: Readable, signal: AbortSignal | undefined) {
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
  });
  let malformed: CsvError | undefined;
  parser.on('skip', (error: CsvError) => void (malformed ??= error));
  // Errors from either stream reach the reader through the parser; the callback only keeps pipeline quiet.
  pipeline(text, parser, () => {});
  if (signal) addAbortSignal(signal, parser);
  async function* records(): AsyncGenerator<string[]> {
    let count = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      // 'skip' fires while parsing, ahead of us: stop at the record it was about.
      if (malformed && count === malformed.records) return;
      count++;
      yield record;
    }
  }
  return { records: records(), malformed: () => malformed };
}

/** Fills batches, hands each to the sink (awaited: that is the back-pressure) and keeps the counts. */
class Batches {
  rows = 0;
  accepted = 0;
  readonly byReason = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  #batch: ImportBatch = { accepted: [], rejected: [] };
  #pending = 0;
  readonly #size: number;
  readonly #opts: ImportOptions;
  readonly #bytesRead: () => number;

  constructor(opts: ImportOptions, bytesRead: () => number) {
    const size = Math.floor(opts.batchSize ?? 1000);
    this.#size = size >= 1 ? size : 1000;
    this.#opts = opts;
    this.#bytesRead = bytesRead;
  }

  /** True when the batch is full and should be flushed before reading on. */
  add(row: AcceptedRow | RejectedRow): boolean {
    this.rows++;
    if (isRejected(row)) {
      this.#batch.rejected.push(row);
      this.byReason[row.reason]++;
    } else {
      this.#batch.accepted.push(row);
      this.accepted++;
    }
    return ++this.#pending >= this.#size;
  }

  async flush(): Promise<void> {
    if (this.#pending === 0) return;
    const batch = this.#batch;
    this.#batch = { accepted: [], rejected: [] };
    this.#pending = 0;
    await this.#opts.onBatch(batch);
    this.#opts.onProgress?.({ rows: this.rows, bytes: this.#bytesRead() });
  }
}

export async function importCsv(input: Readable, opts: ImportOptions): Promise<ImportSummary> {
  opts.signal?.throwIfAborted();
  // On the input too, so that an abort also stops the encoding peek, before the parser exists.
  if (opts.signal) addAbortSignal(opts.signal, input);
  const { encoding, text, bytesRead } = await decodeCsvStream(input);
  const { records, malformed } = parseRecords(text, opts.signal);
  const lines = new LineNumbers();
  const batches = new Batches(opts, bytesRead);
  let header: ReturnType<typeof headerRules> | undefined;
  let rules: RowRules | undefined;

  for await (const record of records) {
    const line = lines.take(record);
    if (isBlank(record)) continue;
    if (!rules) {
      header = headerRules(record, opts.overrides);
      rules = { columns: header.columns, duplicates: new DuplicateTracker(), isSuppressed: opts.isSuppressed, ...(opts.isMisdelivered ? { isMisdelivered: opts.isMisdelivered } : {}), ...(opts.today ? { today: opts.today } : {}) };
      continue;
    }
    if (batches.add(toRow(record, line, rules))) await batches.flush();
  }
  const error = malformed();
  if (error) throw parseError(error, lines.next);
  if (!header) throw new TodokuError('TODOKU_E_CSV_EMPTY', EMPTY_FILE);
  if (batches.rows === 0) throw new TodokuError('TODOKU_E_CSV_NO_ROWS', NO_ROWS);
  await batches.flush();
  const { rows, accepted, byReason } = batches;
  return { encoding, columns: header.columns, warnings: header.warnings, rows, accepted, rejected: rows - accepted, byReason };
}
