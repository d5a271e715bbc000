// The preview before sending: the template rendered on real rows (the first few, a few at random, the
// longest), every row checked, parts counted, merge fields the list has no column for, and the wording
// lint's findings. Nothing is stored; the HTTP handler (web/api/campaign-preview.ts) only shapes the answer.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { countSegments, type RouteLimits } from '../core/segments.ts';
import { missingColumns } from '../core/template.ts';
import type { LintFinding } from '../core/lint/types.ts';
import type { Composer } from './compose.ts';
import { parseOrThrow, validateCampaign, type Validation } from './validate.ts';
import { lintForCampaign, type LintSettings } from './lint.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';
import type { Bilingual } from '../core/errors.ts';
import { linkWithoutPage } from './send.ts';
import { formalNoticeCheck } from './formal-notice.ts';

export interface PreviewDeps {
  store: Store;
  composer: Composer;
  limits: RouteLimits;
  lint: LintSettings;
}

export type SampleKind = 'first' | 'random' | 'longest';

export interface Sample {
  kind: SampleKind;
  line: number;
  text: string;
  encoding: string;
  characters: number;
  parts: number;
}

export interface Preview extends Pick<Validation, 'recipients' | 'totalParts' | 'longest' | 'rowsWithIssues' | 'issues' | 'columnIssues' | 'headers'> {
  samples: Sample[];
  /** Merge fields the campaign's list has no column for (none known before a list is imported). */
  missingColumns: string[];
  lint: LintFinding[];
  /** What would refuse the send besides rows and wording, e.g. {{url}} with no recipient page. */
  blockers: { code: string; message: Bilingual }[];
}

/** How many rows are picked at random besides the first ones. */
const RANDOM_ROWS = 3;

export async function previewCampaign(deps: PreviewDeps, campaign: Campaign, input: { template?: string | undefined; limit: number }): Promise<Preview> {
  const { store, composer, limits } = deps;
  const source = input.template ?? campaign.template;
  const template = parseOrThrow(composer, source);
  const rows = await store.recipients.sample(campaign.id, input.limit);
  const sample = (kind: SampleKind, line: number, text: string): Sample => {
    const info = countSegments(text, limits);
    return { kind, line, text, encoding: info.encoding, characters: info.characters, parts: info.parts };
  };
  const first = rows.flatMap((row) => {
    const out = composer.render(template, row.fields, null);
    return out.ok ? [sample('first', row.line, out.text)] : [];
  });
  const v = await validateCampaign(store, composer, campaign, template, limits, { randomRows: RANDOM_ROWS });
  const columns = decodeColumns(campaign.columns_json).map((col) => col.field);
  const findings = await lintForCampaign(store, deps.lint, campaign, source!);
  const deadLink = await linkWithoutPage(store, composer, campaign, source!);
  const unconsented = await formalNoticeCheck(store, campaign);
  return {
    samples: [
      ...first,
      ...v.randomRows.filter((r) => !first.some((f) => f.line === r.line)).map((r) => sample('random', r.line, r.text)),
      ...(v.longestRow ? [sample('longest', v.longestRow.line, v.longestRow.text)] : []),
    ],
    recipients: v.recipients,
    totalParts: v.totalParts,
    longest: v.longest,
    rowsWithIssues: v.rowsWithIssues,
    issues: v.issues,
    columnIssues: v.columnIssues,
    headers: v.headers,
    missingColumns: columns.length > 0 ? missingColumns(template, columns) : [],
    lint: findings,
    blockers: [deadLink, unconsented].flatMap((b) => (b ? [{ code: b.code, message: { ja: b.ja, en: b.message } }] : [])),
  };
}
