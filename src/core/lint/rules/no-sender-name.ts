// no_sender_name: a message that does not say who sends it reads like smishing, and recipients are taught
// to ignore those. Any of the organisation's names counts, compared without width, case or spaces.
import type { LintRule } from '../types.ts';

function key(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export const noSenderName: LintRule = {
  id: 'no_sender_name',
  title: { ja: '送信者名がない', en: 'No sender name' },
  check(scan, ctx) {
    const names = ctx.senderNames.map((n) => n.trim()).filter((n) => n !== '');
    const body = key(scan.text);
    if (names.some((n) => body.includes(key(n)))) return [];
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
