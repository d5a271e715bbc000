// A look at the first rows of a CSV before importing it: the same encoding detection (decode.ts),
// header mapping (core/csv/aliases.ts) and row checks (core/csv/row.ts) as the import, stopping after
// `limit` rows. Header problems come back as findings rather than errors, so the operator can fix the
// mapping on screen; nothing is stored.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { decodeCsvStream, type CsvEncoding } from './decode.ts';
import { canonicalField, mapHeader, type ColumnMapping, type HeaderProblem } from '../core/csv/aliases.ts';
import { DuplicateTracker, isRejected, toRow, type RejectReason } from '../core/csv/row.ts';
import type { E164 } from '../core/phone.ts';
import type { Bilingual } from '../core/errors.ts';

export interface PreviewColumn extends ColumnMapping {
  /** The field is one Todoku knows (name, phone, amount …) rather than a custom column. */
  canonical: boolean;
}

export interface PreviewRow {
  line: number;
  cells: string[];
  accepted: boolean;
  /** The number as it will be sent to (accepted rows). */
  phone?: E164;
  reason?: RejectReason;
  message?: Bilingual;
}

export interface CsvPreview {
  encoding: CsvEncoding;
  columns: PreviewColumn[];
  problems: HeaderProblem[];
  rows: PreviewRow[];
  /** More records followed the ones shown. */
  more: boolean;
}

export interface PreviewOptions {
  overrides?: Record<string, string>;
  limit: number;
  /** The input is the start of a larger file: its last record may be cut, so it is not shown. */
  partial?: boolean;
  isSuppressed?: (phone: E164) => boolean;
  isMisdelivered?: (phone: E164) => boolean;
}

/** Line breaks inside a record's cells (CRLF, CR and LF each once), as the import numbers lines. */
function lineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 10 || (c === 13 && cell.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

export async function previewCsv(input: Readable, opts: PreviewOptions): Promise<CsvPreview> {
  const { encoding, text } = await decodeCsvStream(input);
  const parser = parse({ relax_column_count: true, relax_quotes: true, max_record_size: 1024 * 1024, skip_records_with_error: true });
  pipeline(text, parser, () => {});
  let line = 1;
  let header: { columns: PreviewColumn[]; problems: HeaderProblem[] } | undefined;
  const duplicates = new DuplicateTracker();
  const rows: PreviewRow[] = [];
  let more = false;
  // One record is held back: with a partial input the last one read may be cut short.
  let held: { record: string[]; line: number } | undefined;

  const take = (record: string[], at: number) => {
    if (!header) {
      const mapped = mapHeader(record, opts.overrides);
      header = { columns: mapped.columns.map((c) => ({ ...c, canonical: canonicalField(c.field) === c.field })), problems: mapped.problems };
      return;
    }
    const row = toRow(record, at, { columns: header.columns, duplicates, isSuppressed: opts.isSuppressed, ...(opts.isMisdelivered ? { isMisdelivered: opts.isMisdelivered } : {}) });
    const cells = header.columns.map((c) => record[c.index] ?? '');
    rows.push(isRejected(row) ? { line: at, cells, accepted: false, reason: row.reason, message: row.message } : { line: at, cells, accepted: true, phone: row.phone });
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const at = line;
      line += 1 + lineBreaks(record);
      if (isBlank(record)) continue;
      if (held) {
        if (header && rows.length >= opts.limit) {
          more = true;
          break;
        }
        take(held.record, held.line);
      }
      held = { record, line: at };
    }
    if (held && !more) {
      if (header && rows.length >= opts.limit) more = true;
      else if (!opts.partial || !header) take(held.record, held.line);
      else more = true;
    }
  } finally {
    parser.destroy();
    text.destroy();
  }
  if (!header) return { encoding, columns: [], problems: [], rows: [], more: false };
  return { encoding, columns: header.columns, problems: header.problems, rows, more };
}
