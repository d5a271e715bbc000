// legal_threat_first_notice: talk of lawsuits, seizure or arrest in a first notice frightens people who may
// simply have forgotten, is a hallmark of fraudulent SMS, and mentioning contact with workplace or family
// is itself restricted for collectors (貸金業法 第21条). Later notices may need firmer wording, so only
// first notices are checked.
import type { LintRule } from '../types.ts';
import { wordMatcher } from '../words.ts';

export const LEGAL_THREAT_WORDS: readonly string[] = [
  '法的措置', '法的処置', '法的手続', '訴訟', '提訴', '裁判', '差し押さえ', '差し押え', '差押え', '差押',
  '強制執行', '財産調査', '最終通告', '最終警告', '告訴', '告発', '逮捕', '警察', '刑事', '支払督促',
  '信用情報に登録', '信用情報機関', 'ブラックリスト',
  '勤務先に連絡', '勤務先へ連絡', '職場に連絡', '職場へ連絡', '家族に連絡', '家族へ連絡',
  '自宅に伺', '自宅へ伺', '自宅を訪問', '自宅に訪問', '自宅へ訪問',
  'legal action', 'legal proceedings', 'lawsuit', 'sue', 'sued', 'suing', 'court', 'seize', 'seized',
  'seizure', 'garnish', 'garnished', 'garnishment', 'arrest', 'arrested', 'warrant', 'police', 'criminal',
  'prosecute', 'prosecution', 'jail', 'prison', 'final notice', 'final warning', 'credit bureau',
];

const find = wordMatcher(LEGAL_THREAT_WORDS);

export const legalThreat: LintRule = {
  id: 'legal_threat_first_notice',
  title: { ja: '初回通知での法的措置・威圧的な表現', en: 'Legal or threatening wording in a first notice' },
  check(scan, ctx) {
    if (ctx.noticeKind !== 'first') return [];
    return find(scan.lower).map((hit) => {
      const word = scan.source.slice(hit.start, hit.end);
      return {
        span: { start: hit.start, end: hit.end },
        message: {
          ja: `初回のお知らせに「${word}」という法的手続きや威圧を思わせる表現があります。受け取った方を不安にさせ、詐欺SMSとも見分けにくくなります`,
          en: `"${word}" in a first notice reads as a legal threat; it alarms people who may have simply forgotten and resembles fraudulent texts`,
        },
        suggestion: {
          ja: '「お支払い状況のご確認をお願いいたします」「ご不明な点はお問い合わせください」のような落ち着いた表現にしてください',
          en: 'Use neutral wording such as "Please check the status of your payment" or "Contact us with any questions"',
        },
      };
    });
  },
};
