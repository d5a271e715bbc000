// Rejection report: the rows an import turned away, as a CSV that opens cleanly in Excel (UTF-8 with BOM or CP932).
import type { Readable } from 'node:stream';
import { csvCell, csvStream } from '../export/csv.ts';
import type { RejectedRow } from '../core/csv/row.ts';

export type ReportEncoding = 'utf-8-bom' | 'cp932';

export const REPORT_HEADER = [
  '行番号/line',
  '理由コード/reason_code',
  '理由/reason',
  '理由（英語）/reason_en',
  '元の値/raw',
] as const;

function reportRow(row: RejectedRow): string[] {
  return [String(row.line), row.reason, row.message.ja, row.message.en, row.raw ?? ''];
}

export function writeRejectionReport(rows: AsyncIterable<RejectedRow> | Iterable<RejectedRow>, encoding: ReportEncoding): Readable {
  async function* cells(): AsyncGenerator<string[]> {
    for await (const row of rows) yield reportRow(row);
  }
  return csvStream(REPORT_HEADER, cells(), encoding);
}

export { csvCell };
