// Which recipient field an operator means by a column name: the CSV header as written (学籍番号), the
// field it was imported as (external_id), or an alias of that field.
import { canonicalField, headerKey } from '../core/csv/aliases.ts';
import { TodokuError } from '../core/errors.ts';
import type { Campaign } from '../store/schema.ts';
import { decodeColumns, type ImportedColumn } from '../core/csv/imported-columns.ts';

export type CampaignColumn = ImportedColumn;

export function campaignColumns(c: Campaign): CampaignColumn[] {
  return decodeColumns(c.columns_json);
}

export function resolveColumn(c: Campaign, column: string): CampaignColumn {
  const columns = campaignColumns(c);
  const key = headerKey(column);
  const found =
    columns.find((col) => headerKey(col.header) === key) ??
    columns.find((col) => col.field === column.trim()) ??
    columns.find((col) => col.field === canonicalField(column));
  if (found) return found;
  const known = columns.map((col) => col.header || col.field).join('、');
  throw new TodokuError(
    'TODOKU_E_DOCUMENT_COLUMN',
    {
      ja: `列「${column}」が宛先リストにありません${known ? `（あるのは: ${known}）` : '（宛先がまだ取り込まれていません）'}`,
      en: `the recipient list has no column "${column}"${known ? ` (it has: ${columns.map((col) => col.header || col.field).join(', ')})` : ' (no recipients imported yet)'}`,
    },
    { columns: columns.map((col) => col.header || col.field) },
  );
}
