// Turns the `details` of a problem+json answer into lines people can act on: the rows a template
// cannot fill, the header problems of a CSV, the fields a request got wrong.
import { labelOf, PREVIEW_ISSUE_LABELS } from '../core/labels.ts';
import type { Lang } from './output.ts';
import { columnIssueText, type ColumnIssue } from '../core/merge-issues.ts';

interface Issue {
  line: number;
  field?: string;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isIssue(v: unknown): v is Issue {
  return isObject(v) && typeof v.line === 'number' && typeof v.reason === 'string';
}

/** "12行目: 「name」 差込項目が空" — one line per row that cannot become a message. */
export function issueLines(issues: readonly Issue[], lang: Lang): string[] {
  return issues.map((i) => {
    const field = i.field ? (lang === 'ja' ? `「${i.field}」 ` : `"${i.field}" `) : '';
    const reason = labelOf(PREVIEW_ISSUE_LABELS, i.reason, lang);
    return lang === 'ja' ? `${i.line}行目: ${field}${reason}` : `line ${i.line}: ${field}${reason}`;
  });
}

/** "「請求金額」が空欄です: 2行（3、4行目）" — one line per column, as the server words it (core/merge-issues.ts). */
export function columnIssueLines(issues: readonly ColumnIssue[], headers: readonly string[], lang: Lang): string[] {
  return issues.map((i) => columnIssueText(i, headers)[lang]);
}

function isColumnIssue(v: unknown): v is ColumnIssue {
  return isObject(v) && typeof v.reason === 'string' && typeof v.count === 'number' && Array.isArray(v.lines);
}

export function detailLines(details: unknown, lang: Lang): string[] {
  if (Array.isArray(details)) {
    // Request validation: [{ path, message }]
    return details.filter(isObject).map((d) => `${String(d.path ?? '') || '(body)'}: ${String(d.message ?? '')}`);
  }
  if (!isObject(details)) return [];
  if (Array.isArray(details.columnIssues)) {
    const headers = Array.isArray(details.headers) ? details.headers.filter((h): h is string => typeof h === 'string') : [];
    return columnIssueLines(details.columnIssues.filter(isColumnIssue), headers, lang);
  }
  if (Array.isArray(details.issues)) {
    const issues = details.issues.filter(isIssue);
    const lines = issueLines(issues, lang);
    const total = typeof details.rowsWithIssues === 'number' ? details.rowsWithIssues : issues.length;
    const rows = new Set(issues.map((i) => i.line)).size;
    if (total > rows) lines.push(lang === 'ja' ? `…ほか${total - rows}行` : `… and ${total - rows} more rows`);
    return lines;
  }
  if (Array.isArray(details.problems)) {
    // CSV header problems: [{ message: { ja, en } }]
    return details.problems.filter(isObject).flatMap((p) => {
      const m = p.message;
      return isObject(m) && typeof m.ja === 'string' && typeof m.en === 'string' ? [lang === 'ja' ? m.ja : m.en] : [];
    });
  }
  return [];
}
