// CSV for people who open it in Excel: UTF-8 with BOM or CP932, CRLF, quoted cells, no formula injection.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { localParts } from '../core/policy/time.ts';

export type CsvOutEncoding = 'utf-8-bom' | 'cp932';

const CHUNK_CHARS = 16 * 1024;

// Excel (and LibreOffice, Google Sheets) start a formula at = + - @, also at their full-width forms
// (＝ ＋ － ＠, which Japanese input methods type and Excel folds to ASCII), and after a leading tab or CR.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** One CSV cell: quoted when needed, and prefixed with ' when a spreadsheet would read it as a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvStream(header: readonly string[], rows: AsyncIterable<readonly string[]>, encoding: CsvOutEncoding): Readable {
  const encode = (s: string): Buffer => (encoding === 'cp932' ? iconv.encode(s, 'CP932') : Buffer.from(s, 'utf8'));
  async function* chunks(): AsyncGenerator<Buffer> {
    let text = (encoding === 'utf-8-bom' ? '\uFEFF' : '') + csvLine(header);
    for await (const row of rows) {
      text += csvLine(row);
      if (text.length >= CHUNK_CHARS) {
        yield encode(text);
        text = '';
      }
    }
    if (text) yield encode(text);
  }
  return Readable.from(chunks());
}

/** Time as Excel reads it, in the organisation's time zone. */
export function excelTime(ms: number | null, timeZone = 'Asia/Tokyo'): string {
  if (ms === null) return '';
  const p = localParts(new Date(ms), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}/${two(p.month)}/${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
