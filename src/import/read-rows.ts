// Reading a decoded CSV: csv-parse, line numbers, blank lines, the header, and each record's own checks
// (core/csv/row.ts readRow), gathered into batches. Runs wherever the file is parsed: in this thread for
// a small upload, in a worker thread for a large one (parse-worker.ts); the lists and the earlier lines
// are checked by the caller (admitRow).
import { addAbortSignal, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { TodokuError } from '../core/errors.ts';
import type { Bilingual } from '../core/errors.ts';
import { mapHeader } from '../core/csv/aliases.ts';
import type { ColumnMapping, HeaderProblem } from '../core/csv/aliases.ts';
import { isRejected, readRow } from '../core/csv/row.ts';
import type { CandidateRow, RejectedRow } from '../core/csv/row.ts';

export interface ReadHeader {
  columns: ColumnMapping[];
  /** Header warnings (empty or repeated names); errors throw instead. */
  warnings: HeaderProblem[];
}

export interface ReadBatch {
  /** Records read into this batch (candidates and rejections together), in file order. */
  rows: number;
  candidates: CandidateRow[];
  rejected: RejectedRow[];
}

export interface ReadOptions {
  overrides?: Record<string, string> | undefined;
  today?: string | undefined;
  /** Records per batch. */
  batchSize: number;
  /** Characters of cells per batch: a batch of wide rows ends before `batchSize` records (default BATCH_CHARS). */
  batchChars?: number | undefined;
  signal?: AbortSignal | undefined;
}

// A generous ceiling that keeps an unclosed quote from swallowing a 100 MB file into one cell.
const MAX_RECORD_BYTES = 1024 * 1024;
// What one batch may hold, whatever its rows: a batch is held whole, several times over (cells, the sealed
// text, the copy sent across), and the reading worker's heap is small (parse-thread.ts). A list row is
// 50-200 characters, so only rows with long free text (a 3,000-character note: 10,000 rows were 30 M
// characters and stopped the worker, out of memory) end a batch early.
export const BATCH_CHARS = 2_000_000;

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

function headerRules(header: readonly string[], overrides: Record<string, string> | undefined): ReadHeader {
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

/**
 * The header first, then batches of `batchSize` records (fewer where they hold more than `batchChars`
 * characters). A malformed record, a file without a header
 * or without data rows throws (after the batches before it, but never the partial batch it ends).
 */
export async function* readRows(text: Readable, opts: ReadOptions): AsyncGenerator<ReadHeader | ReadBatch> {
  const { records, malformed } = parseRecords(text, opts.signal);
  const lines = new LineNumbers();
  let header: ReadHeader | undefined;
  let total = 0;
  let batch: ReadBatch = { rows: 0, candidates: [], rejected: [] };
  const batchChars = opts.batchChars ?? BATCH_CHARS;
  let chars = 0;
  for await (const record of records) {
    const line = lines.take(record);
    if (isBlank(record)) continue;
    if (!header) {
      header = headerRules(record, opts.overrides);
      yield header;
      continue;
    }
    const row = readRow(record, line, { columns: header.columns, ...(opts.today ? { today: opts.today } : {}) });
    if (isRejected(row)) batch.rejected.push(row);
    else batch.candidates.push(row);
    total++;
    for (const cell of record) chars += cell.length;
    if (++batch.rows >= opts.batchSize || chars >= batchChars) {
      yield batch;
      batch = { rows: 0, candidates: [], rejected: [] };
      chars = 0;
    }
  }
  const error = malformed();
  if (error) throw parseError(error, lines.next);
  if (!header) throw new TodokuError('TODOKU_E_CSV_EMPTY', EMPTY_FILE);
  if (total === 0) throw new TodokuError('TODOKU_E_CSV_NO_ROWS', NO_ROWS);
  if (batch.rows > 0) yield batch;
}

/** Told apart by shape: a batch has `rows`. */
export function isHeader(item: ReadHeader | ReadBatch): item is ReadHeader {
  return 'columns' in item;
}
