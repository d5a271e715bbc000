// no_sender_name: a message that does not say who sends it reads like smishing, and recipients are taught
// to ignore those. Any of the organisation's names counts, compared without width, case or spaces, and
// so does a name without its legal form: 「さくら債権回収」 signs for 「さくら債権回収株式会社」 (the
// official short names an administrator registers are in ctx.senderNames too).
import type { LintRule } from '../types.ts';

// 株式会社 / (株) / 有限会社 … before or after the name, and the English "Co., Ltd." / "Inc." after it.
const LEGAL_FORM_JA = /(株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人|学校法人|医療法人|社会福祉法人|特定非営利活動法人|NPO法人|[(（][株有][)）]|㈱|㈲)/gu;
const LEGAL_FORM_EN = /[,\s]*\b(co\.?,?\s*ltd\.?|inc\.?|corp(oration)?\.?|ltd\.?|llc|k\.?k\.?)\s*$/iu;

/** The name as people shorten it: without 株式会社 or Co., Ltd.; the name itself when nothing is left. */
export function withoutLegalForm(name: string): string {
  const n = name.normalize('NFKC').replace(LEGAL_FORM_JA, '').replace(LEGAL_FORM_EN, '').trim();
  return n.length >= 2 ? n : name;
}

function key(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export const noSenderName: LintRule = {
  id: 'no_sender_name',
  title: { ja: '送信者名がない', en: 'No sender name' },
  check(scan, ctx) {
    const names = ctx.senderNames.map((n) => n.trim()).filter((n) => n !== '');
    const body = key(scan.text);
    if (names.some((n) => body.includes(key(n)) || body.includes(key(withoutLegalForm(n))))) return [];
    const example = names[0] ?? '組織名';
    if (names.length === 0) {
      return [{
        message: {
          ja: '送信者名（組織名）が設定されていないため、本文に名乗りがあるか確認できません',
          en: 'No sender name is set up for the organisation, so the text cannot be checked for one',
        },
        suggestion: {
          ja: '管理画面で組織名と略称を登録し、本文の先頭に【組織名】を入れてください',
          en: "Register the organisation's name and aliases in the settings, and start the text with 【organisation】",
        },
      }];
    }
    return [{
      message: {
        ja: `本文に送信者名（${names.join('、')}）がありません。名乗りのないSMSは詐欺と区別できず、開かれにくくなります`,
        en: `The text does not name the sender (${names.join(', ')}); an unsigned SMS looks like smishing and is often ignored`,
      },
      suggestion: {
        ja: `本文の先頭に【${example}】のように組織名を入れてください`,
        en: `Start the text with the organisation's name, e.g. 【${example}】`,
      },
    }];
  },
};
