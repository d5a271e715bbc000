// Checks a template against every recipient of a campaign before anything is sent: rows that cannot be
// filled (named by line), texts longer than the route allows, and the campaign's total parts (cost).
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { Composer } from './compose.ts';
import { countSegments, exceedsRouteMaximum, type RouteLimits, type SegmentInfo } from '../core/segments.ts';
import { TodokuError } from '../core/errors.ts';
import type { ParsedTemplate } from '../core/template.ts';
import { ColumnIssueTally, columnIssueText, type ColumnIssue } from '../core/merge-issues.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';

export interface RowIssue {
  line: number;
  field?: string;
  reason: 'missing' | 'empty' | 'invalid' | 'too_long';
}

export interface RenderedRow {
  line: number;
  text: string;
  info: SegmentInfo;
}

export interface Validation {
  recipients: number;
  totalParts: number;
  longest: { line: number; characters: number; parts: number } | null;
  /** The longest text, and a few rows picked at random (reservoir sampling), for the preview. */
  longestRow: RenderedRow | null;
  randomRows: RenderedRow[];
  issues: RowIssue[];
  rowsWithIssues: number;
  /** The same problems once per column, counted over every row, named by the CSV's own headers. */
  columnIssues: ColumnIssue[];
  /** The list's columns as its header row names them (for "which columns do exist"). */
  headers: string[];
}

const LISTED = 100;

export function parseOrThrow(composer: Composer, source: string | null | undefined): ParsedTemplate {
  if (!source || source.trim() === '') {
    throw new TodokuError('TODOKU_E_TEMPLATE_EMPTY', { ja: '本文テンプレートが空です', en: 'the message template is empty' });
  }
  return composer.parse(source);
}

export async function validateCampaign(
  store: Store,
  composer: Composer,
  campaign: Campaign,
  template: ParsedTemplate,
  limits: RouteLimits,
  opts: { randomRows?: number; random?: () => number } = {},
): Promise<Validation> {
  const columns = decodeColumns(campaign.columns_json);
  const headerByField = new Map(columns.map((c) => [c.field, c.header]));
  const tally = new ColumnIssueTally((field) => headerByField.get(field) ?? null);
  const v: Validation = { recipients: 0, totalParts: 0, longest: null, longestRow: null, randomRows: [], issues: [], rowsWithIssues: 0, columnIssues: [], headers: columns.map((c) => c.header) };
  const k = opts.randomRows ?? 0;
  const random = opts.random ?? Math.random;
  for await (const batch of store.recipients.batches(campaign.id)) {
    for (const r of batch) {
      v.recipients++;
      const rendered = composer.render(template, r.fields, null);
      if (!rendered.ok) {
        v.rowsWithIssues++;
        for (const p of rendered.problems) {
          if (v.issues.length < LISTED) v.issues.push({ line: r.line, field: p.field, reason: p.reason });
          tally.add(r.line, p.reason, p.field);
        }
        continue;
      }
      const info: SegmentInfo = countSegments(rendered.text, limits);
      if (exceedsRouteMaximum(info, limits)) {
        v.rowsWithIssues++;
        if (v.issues.length < LISTED) v.issues.push({ line: r.line, reason: 'too_long' });
        tally.add(r.line, 'too_long');
        continue;
      }
      v.totalParts += info.parts;
      const row = { line: r.line, text: rendered.text, info };
      if (!v.longest || info.characters > v.longest.characters) {
        v.longest = { line: r.line, characters: info.characters, parts: info.parts };
        v.longestRow = row;
      }
      if (v.randomRows.length < k) v.randomRows.push(row);
      else if (k > 0) {
        const j = Math.floor(random() * v.recipients);
        if (j < k) v.randomRows[j] = row;
      }
    }
  }
  v.columnIssues = tally.issues;
  return v;
}

export function issuesError(v: Validation): TodokuError {
  // One sentence per column with its count and lines, not one per row.
  const texts = v.columnIssues.map((i) => columnIssueText(i, v.headers));
  return new TodokuError(
    'TODOKU_E_TEMPLATE_ROWS',
    {
      ja: `${v.rowsWithIssues}行で本文を作れません。${texts.map((t) => t.ja).join('。')}`,
      en: `${v.rowsWithIssues} row${v.rowsWithIssues === 1 ? '' : 's'} cannot be turned into a message: ${texts.map((t) => t.en).join('; ')}`,
    },
    { rowsWithIssues: v.rowsWithIssues, issues: v.issues, columnIssues: v.columnIssues, headers: v.headers },
  );
}
