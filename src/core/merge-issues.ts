// Rows a template cannot be filled for, told once per column instead of once per row: the column as
// the operator's CSV header names it (請求金額, never the internal `amount`), what is wrong, how many
// rows and their lines; a column the list does not have says which columns it does have. One wording
// for the API's problem title, the preview and the CLI.
import type { Bilingual } from './errors.ts';
import type { PreviewIssueReason } from './labels.ts';

export interface ColumnIssue {
  /** The merge field as the template names it; absent for a text too long for the route. */
  field?: string;
  /** The CSV header that field was read from; null when the list has no such column. */
  header: string | null;
  reason: PreviewIssueReason;
  /** Rows with this problem, all of them. */
  count: number;
  /** Their lines in the file, the first LISTED_LINES of them. */
  lines: number[];
}

export const LISTED_LINES = 20;

/** Gathers row problems into column issues, in the order they were first met. */
export class ColumnIssueTally {
  readonly #byKey = new Map<string, ColumnIssue>();
  constructor(private readonly headerOf: (field: string) => string | null) {}

  add(line: number, reason: PreviewIssueReason, field?: string): void {
    const key = `${reason}\u0000${field ?? ''}`;
    let issue = this.#byKey.get(key);
    if (!issue) {
      issue = { ...(field === undefined ? {} : { field }), header: field === undefined ? null : this.headerOf(field), reason, count: 0, lines: [] };
      this.#byKey.set(key, issue);
    }
    issue.count++;
    if (issue.lines.length < LISTED_LINES) issue.lines.push(line);
  }

  get issues(): ColumnIssue[] {
    return [...this.#byKey.values()];
  }
}

function lineList(issue: ColumnIssue): Bilingual {
  const more = issue.count > issue.lines.length ? issue.count - issue.lines.length : 0;
  return {
    ja: `${issue.lines.join('、')}行目${more ? ` ほか${more}行` : ''}`,
    en: `line${issue.lines.length > 1 ? 's' : ''} ${issue.lines.join(', ')}${more ? ` and ${more} more` : ''}`,
  };
}

/**
 * "「請求金額」が空欄: 2行（3、4行目）" — one sentence per column. `existing` are the list's headers,
 * named when a column is missing.
 */
export function columnIssueText(issue: ColumnIssue, existing: readonly string[]): Bilingual {
  const at = lineList(issue);
  const rows = { ja: `${issue.count}行（${at.ja}）`, en: `${issue.count} row${issue.count === 1 ? '' : 's'} (${at.en})` };
  const name = issue.header ?? `{{${issue.field ?? ''}}}`;
  switch (issue.reason) {
    case 'missing': {
      if (issue.header === null) {
        const has = existing.length > 0 ? { ja: `（ある列: ${existing.join('、')}）`, en: ` (its columns: ${existing.join(', ')})` } : { ja: '', en: '' };
        return {
          ja: `差込項目 ${name} に当たる列が宛先リストにありません${has.ja}: ${rows.ja}`,
          en: `the list has no column for the merge field ${name}${has.en}: ${rows.en}`,
        };
      }
      return { ja: `「${name}」の値がありません: ${rows.ja}`, en: `"${name}" has no value: ${rows.en}` };
    }
    case 'empty':
      return { ja: `「${name}」が空欄です: ${rows.ja}`, en: `"${name}" is blank: ${rows.en}` };
    case 'invalid':
      return { ja: `「${name}」の値が読めません（数値や日付の形式）: ${rows.ja}`, en: `"${name}" cannot be read (number or date format): ${rows.en}` };
    case 'too_long':
      return { ja: `本文が送信経路の上限より長くなります: ${rows.ja}`, en: `the text is longer than the route allows: ${rows.en}` };
  }
}
