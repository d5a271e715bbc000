// personal_data_in_body: a name, an amount and the word for the debt together in the SMS itself tell anyone
// who sees the phone (family, a new owner of a recycled number) that this person owes money. The details
// belong on the page behind identity verification.
import { canonicalField } from '../../csv/aliases.ts';
import type { LintRule } from '../types.ts';
import { wordMatcher } from '../words.ts';

export const DEBT_WORDS: readonly string[] = [
  '滞納', '未納', '延滞', '借入', '借り入れ', '督促', '未払', '債務', '返済', '滞り',
  'debt', 'overdue', 'arrears', 'unpaid', 'past due', 'delinquent', 'owe', 'owed', 'loan',
];

const find = wordMatcher(DEBT_WORDS);

export const personalDataInBody: LintRule = {
  id: 'personal_data_in_body',
  title: { ja: '本文に氏名・金額・滞納理由がそろっている', en: 'Name, amount and debt together in the text' },
  check(scan) {
    const nameField = scan.fields.find((f) => canonicalField(f.name) === 'name');
    const amountField = scan.fields.find((f) => canonicalField(f.name) === 'amount');
    const [reason] = find(scan.lower);
    if (!nameField || !amountField || !reason) return [];
    const word = scan.source.slice(reason.start, reason.end);
    const start = Math.min(nameField.start, amountField.start, reason.start);
    const end = Math.max(nameField.end, amountField.end, reason.end);
    return [{
      span: { start, end },
      message: {
        ja: `本文に氏名（{{${nameField.name}}}）、金額（{{${amountField.name}}}）と「${word}」がそろっており、端末を見た家族などにも事情が分かってしまいます`,
        en: `The text carries the name ({{${nameField.name}}}), the amount ({{${amountField.name}}}) and "${word}" together; anyone who sees the phone learns of the debt`,
      },
      suggestion: {
        ja: '金額や内容は本人確認後のページ（{{url}}）に載せ、SMSでは「お支払いについてのお知らせ」程度にとどめてください',
        en: 'Put the amount and details on the verified page ({{url}}) and keep the SMS to "a notice about your payment"',
      },
    }];
  },
};
