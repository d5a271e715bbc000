// Rejection report: the rows an import turned away, as a CSV that opens cleanly in Excel (UTF-8 with BOM or CP932).
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { RejectedRow } from '../core/csv/row.ts';

export type ReportEncoding = 'utf-8-bom' | 'cp932';

export const REPORT_HEADER = [
  '行番号/line',
  '理由コード/reason_code',
  '理由/reason',
  '理由（英語）/reason_en',
  '元の値/raw',
] as const;

// Encode a few hundred lines at a time rather than one Buffer per line.
const CHUNK_CHARS = 16 * 1024;

/** One CSV cell: quoted when needed, and prefixed with ' when Excel would read it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function reportLine(row: RejectedRow): string {
  return csvLine([String(row.line), row.reason, row.message.ja, row.message.en, row.raw ?? '']);
}

export function writeRejectionReport(
  rows: AsyncIterable<RejectedRow> | Iterable<RejectedRow>,
  encoding: ReportEncoding,
): Readable {
  const encode = (s: string): Buffer => (encoding === 'cp932' ? iconv.encode(s, 'CP932') : Buffer.from(s, 'utf8'));
  async function* chunks(): AsyncGenerator<Buffer> {
    let text = (encoding === 'utf-8-bom' ? '\uFEFF' : '') + csvLine(REPORT_HEADER);
    for await (const row of rows) {
      text += reportLine(row);
      if (text.length >= CHUNK_CHARS) {
        yield encode(text);
        text = '';
      }
    }
    if (text) yield encode(text);
  }
  return Readable.from(chunks(), { objectMode: false });
}
