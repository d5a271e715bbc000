// A test send: the campaign's message, filled from one row of its list (the first unless a line is
// named), sent right away to the organisation's own test numbers (organisation settings) and to no one
// else — without approval, from a draft too. Its messages are of kind 'test': out of the campaign's
// figures, shown as テスト送信, entered in the ledger as send.confirmed with test: true. {{url}} is the
// preview's placeholder link (same length, no page behind it): nothing a tester does can count in the
// campaign's funnel or open a person's page.
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { normalizePhone } from '../core/phone.ts';
import { countSegments, exceedsRouteMaximum } from '../core/segments.ts';
import { parseOrThrow } from './validate.ts';
import { auditCampaign } from './audit.ts';
import type { SendingDeps } from './send.ts';

export interface TestSendInput {
  /** Some of the organisation's test numbers; all of them when left out. */
  numbers?: string[] | undefined;
  /** The list's line whose fields fill the template; the first row when left out. */
  line?: number | undefined;
}

export interface TestSendResult {
  line: number;
  text: string;
  parts: number;
  messages: { id: number; to: string }[];
}

function notListed(refused: string[], listed: string[]): TodokuError {
  if (listed.length === 0) {
    return new TodokuError('TODOKU_E_TEST_NUMBER', {
      ja: 'テスト送信先の番号が組織設定にありません。管理者が「組織」の設定でテスト用の番号を登録してください',
      en: "the organisation has no test numbers: an administrator lists them in the organisation's settings",
    });
  }
  return new TodokuError(
    'TODOKU_E_TEST_NUMBER',
    {
      ja: `テスト送信は組織のテスト用の番号にだけ送れます。登録されていない番号: ${refused.join('、')}`,
      en: `test sends go only to the organisation's test numbers; not listed: ${refused.join(', ')}`,
    },
    { refused },
  );
}

export async function testSend(deps: SendingDeps, campaign: Campaign, actor: string, by: { by: number | null; key?: number }, input: TestSendInput): Promise<TestSendResult> {
  const { store, composer } = deps;
  const listed = (await store.approvals.settings()).testNumbers;
  const wanted = input.numbers ?? listed;
  const numbers = wanted.map((n) => {
    const p = normalizePhone(n);
    return p.ok ? p.e164 : n;
  });
  const refused = numbers.filter((n) => !listed.includes(n));
  if (listed.length === 0 || refused.length > 0 || numbers.length === 0) throw notListed(refused, listed);
  const unique = [...new Set(numbers)];

  const template = parseOrThrow(composer, campaign.template);
  const row = await store.testSends.row(campaign.id, input.line);
  if (!row) {
    if (input.line === undefined) throw new TodokuError('TODOKU_E_NO_RECIPIENTS', { ja: '宛先がありません。先に CSV を取り込んでください', en: 'no recipients: import a CSV first' });
    throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `宛先リストに ${input.line} 行目はありません`, en: `the list has no line ${input.line}` }, { line: input.line });
  }
  // Checked before anything is queued: the row must fill the template, within the route's length.
  const draft = composer.render(template, row.fields, null);
  if (!draft.ok) {
    const fields = draft.problems.map((p) => p.field);
    throw new TodokuError(
      'TODOKU_E_TEMPLATE_ROWS',
      { ja: `${row.line}行目では本文を作れません（${fields.join('、')}）`, en: `line ${row.line} cannot be turned into a message (${fields.join(', ')})` },
      { line: row.line, problems: draft.problems },
    );
  }
  const info = countSegments(draft.text, deps.limits);
  if (exceedsRouteMaximum(info, deps.limits)) {
    throw new TodokuError('TODOKU_E_TEXT_TOO_LONG', { ja: `${row.line}行目の本文が長すぎます（${info.parts}通分）`, en: `line ${row.line} gives a text too long for the route (${info.parts} parts)` }, { line: row.line, parts: info.parts });
  }

  const text = draft.text;
  const ids = await store.testSends.queue(campaign.id, row, unique, text, by);
  await auditCampaign(store, actor, 'campaign.test_send', campaign, { messages: ids, numbers: unique.length, line: row.line });
  deps.poke();
  return { line: row.line, text, parts: info.parts, messages: ids.map((id, i) => ({ id, to: unique[i]! })) };
}
