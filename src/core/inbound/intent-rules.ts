// What a reply means, as an ordered list of rules an operator can read: the first rule that matches
// tags the reply, and the tag names the rule, so that "why is this a promise?" always has an answer.
// Patterns are tried on the folded text (see fold.ts): a string must appear in it with spaces removed
// (「来週 払います」 counts as 来週払います), a regular expression is tried on it with single spaces kept
// (English word boundaries). `unless` patterns veto a rule ("not paid" is not "paid").
// The order is the policy: an opt-out wins over everything, a denial ("人違いです") over a question,
// a payment already made over a promise, a promise over a question ("来週払いますがいいですか？").
import type { Bilingual } from '../errors.ts';
import { OPT_OUT_PATTERNS } from './opt-out.ts';

export const INTENTS = ['paid', 'promise', 'question', 'wrong_person', 'opt_out', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export type Pattern = string | RegExp;

export interface IntentRule {
  id: string;
  intent: Intent;
  /** 'whole': a pattern must match the whole folded message; 'contains': anywhere in it. */
  match: 'whole' | 'contains';
  patterns: readonly Pattern[];
  unless?: readonly Pattern[];
  description: Bilingual;
}

export const INTENT_RULES: readonly IntentRule[] = [
  {
    id: 'opt_out.keyword',
    intent: 'opt_out',
    match: 'whole',
    patterns: OPT_OUT_PATTERNS,
    description: {
      ja: '「停止」「ストップ」「配信停止」「解除」「やめて」「STOP」などだけのメッセージ（空白・全角半角・大文字小文字・句読点の違いは無視。「停止しないで」や長い文は対象外）',
      en: 'A message that is only an opt-out word such as 停止, ストップ, 配信停止, 解除, やめて or STOP (spacing, width, case and punctuation ignored; "停止しないで" or a longer sentence is not one)',
    },
  },
  {
    id: 'wrong_person.denial',
    intent: 'wrong_person',
    match: 'contains',
    patterns: [
      '人違い',
      '番号違い',
      '番号間違い',
      /間違い(?!な[くい])/u,
      '違います',
      '違いますよ',
      '知りません',
      '知らない',
      '心当たり',
      '身に覚え',
      '別人',
      '本人ではありません',
      '本人じゃない',
      /\bwrong (?:number|person)\b/u,
      /\bnot me\b/u,
      /\bdon'?t know (?:you|this|who)\b/u,
    ],
    description: {
      ja: '人違い・番号違いの申し出（違います、人違い、番号違い、知りません、心当たりがない、間違い、wrong number）',
      en: 'Says the message reached the wrong person (違います, 人違い, 番号違い, 知りません, 心当たり, 間違い, wrong number)',
    },
  },
  {
    id: 'paid.done',
    intent: 'paid',
    match: 'contains',
    patterns: [
      '払いました',
      'はらいました',
      '払った',
      '払ってます',
      '払っています',
      '払ってあります',
      '払い済',
      '払済',
      '振り込みました',
      '振込みました',
      '振込ました',
      '振込しました',
      'ふりこみました',
      '振り込んだ',
      '振込んだ',
      '振り込み済',
      '振込み済',
      '振込済',
      '入金しました',
      '入金済',
      '入金した',
      '納付しました',
      '納付済',
      '納めました',
      '完済',
      /\b(?:already )?paid\b/u,
      /\bpayment (?:was |has been )?(?:made|sent|done)\b/u,
    ],
    unless: [/\b(?:not|never|haven'?t|hasn'?t|didn'?t|unpaid|yet to be)\b.*\bpaid\b/u],
    description: {
      ja: '支払済みの連絡（払いました、支払いました、振り込みました、振込済み、入金しました、支払済、paid）',
      en: 'Says the debt is already paid (払いました, 振り込みました, 振込済み, 入金しました, 支払済, paid, already paid)',
    },
  },
  {
    id: 'promise.will_pay',
    intent: 'promise',
    match: 'contains',
    patterns: [
      '払います',
      'はらいます',
      '払いします',
      '払う予定',
      '払うつもり',
      '振り込みます',
      '振込みます',
      '振込します',
      'ふりこみます',
      '振り込む予定',
      '振込予定',
      '入金します',
      '入金予定',
      '納付します',
      /\b(?:will|i'?ll|going to|gonna) pay\b/u,
    ],
    description: {
      ja: '支払いの約束（払います、支払います、振り込みます、入金します、will pay）。日付があれば読み取ります',
      en: 'Promises to pay (払います, 支払います, 振り込みます, 入金します, will pay); a date in it is read',
    },
  },
  {
    id: 'promise.when',
    intent: 'promise',
    match: 'contains',
    patterns: ['来週', '再来週', '明日', 'あした', '明後日', 'あさって', '月末', '給料日', '今週中', '今月中', '来月', '週明け', /\b(?:tomorrow|next week|end of (?:the )?month|payday)\b/u],
    description: {
      ja: '支払時期を示す言葉（来週、明日、月末、給料日、来月）。日付があれば読み取ります',
      en: 'Names when payment will come (来週, 明日, 月末, 給料日, 来月, tomorrow, next week); a date in it is read',
    },
  },
  {
    id: 'question.words',
    intent: 'question',
    match: 'contains',
    patterns: [
      '誰',
      'だれ',
      'どなた',
      'どちら様',
      'どちらさま',
      '何の',
      'なんの',
      'どういう',
      'いくら',
      '詳細',
      '問い合わせ',
      '問合せ',
      '教えて',
      'わからない',
      '分からない',
      'なぜ',
      'どうして',
      /\b(?:who|what|why|how much|which)\b/u,
    ],
    description: {
      ja: '質問の言葉（誰、何の、どういう、いくら、詳細、問い合わせ、who、what）',
      en: 'Asks something (誰, 何の, どういう, いくら, 詳細, 問い合わせ, who, what)',
    },
  },
  {
    id: 'question.mark',
    intent: 'question',
    match: 'contains',
    patterns: ['?'],
    description: { ja: '疑問符（？ ?）を含む', en: 'Contains a question mark (？ or ?)' },
  },
  {
    id: 'other',
    intent: 'other',
    match: 'contains',
    patterns: [],
    description: { ja: 'どの規則にも当たらない返信（担当者が読んで判断）', en: 'Matches no rule above (for an operator to read)' },
  },
];
