// urgency_pressure: "today only", "immediately" — pressure that fraudulent SMS lean on. In a first notice it
// is a softer warning than a threat: the due date says when, calmly. 緊急 / urgent are left out, since
// genuinely urgent notices (a closure, a disaster) are part of what Todoku sends.
import type { LintRule } from '../types.ts';
import { wordMatcher } from '../words.ts';

export const URGENCY_WORDS: readonly string[] = [
  '本日中', '今日中', '至急', '大至急', '今すぐ', '今直ぐ', '直ちに', 'ただちに', '即刻', '即日', '早急に',
  '24時間以内', '期限切れ間近',
  'immediately', 'right away', 'right now', 'act now', 'asap', 'within 24 hours',
  'today only', 'last chance',
];

const find = wordMatcher(URGENCY_WORDS);

export const urgencyPressure: LintRule = {
  id: 'urgency_pressure',
  title: { ja: '初回通知での急かす表現', en: 'Pressure to act at once in a first notice' },
  check(scan, ctx) {
    if (ctx.noticeKind !== 'first') return [];
    return find(scan.lower).map((hit) => {
      const word = scan.source.slice(hit.start, hit.end);
      return {
        span: { start: hit.start, end: hit.end },
        message: {
          ja: `初回のお知らせで「${word}」と急かす表現は、詐欺SMSによくある手口と似て見えます`,
          en: `"${word}" in a first notice presses for haste, as fraudulent texts typically do`,
        },
        suggestion: {
          ja: 'お支払期限（例: {{due_date|date}}まで）を示し、落ち着いた表現にしてください',
          en: 'State the due date instead (e.g. "by {{due_date|date_en}}") and keep the tone calm',
        },
      };
    });
  },
};
