// CSV for people who open it in Excel: UTF-8 with BOM or CP932, CRLF, quoted cells, no formula injection.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { csvCell } from '../import/report.ts';

export type CsvOutEncoding = 'utf-8-bom' | 'cp932';

const CHUNK_CHARS = 16 * 1024;

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
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}/${get('month')}/${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
