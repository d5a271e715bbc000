// Opt-out words (配信停止の申し出): a reply that is nothing but a request to stop, in the ways people
// write it in Japanese and English. The whole message must be the request (after folding width, case,
// spaces and punctuation): 「停止。」「ｓｔｏｐ」「 配信 停止 」「配信を停止してください」 are opt-outs, while
// 「停止しないでください」 or a long sentence that mentions 停止 are not, because a person who writes more
// than the keyword is saying something else that an operator should read.
import { foldCompact } from './fold.ts';

// What may be stopped: 「配信を停止」「メール停止」「SMSの配信停止」.
const WHAT = '(?:(?:sms|ショートメール|ショートメッセージ|メール|メッセージ|お知らせ|連絡)の?)?(?:配信|送信|受信|連絡|通知)?(?:を|の)?';
// The request as a noun: 停止, ストップ, 解除, 中止, 拒否.
const NOUN = '(?:停止|ストップ|すとっぷ|解除|中止|拒否)';
// Polite endings: 停止して, 停止してください, 停止をお願いします, 停止希望, 停止です.
const NOUN_TAIL =
  '(?:して|する|を?希望|を?お願い)?(?:ください|下さい|くれ|します|いたします|致します|お願いします|お願いいたします|お願い致します|です|希望|希望します|で)?';
// The request as a verb: 止めて, やめて, 送らないで.
const VERB = '(?:止めて|とめて|やめて|辞めて|送らないで|おくらないで|送信しないで|配信しないで|連絡しないで)';
const VERB_TAIL = '(?:ください|下さい|くれ|ほしい|欲しい|もらえますか)?';

/**
 * Whole-message forms, tried on the folded text (no spaces, no punctuation at the ends). Shown to
 * operators with the intent rules, so they are written to be read.
 */
export const OPT_OUT_PATTERNS: readonly RegExp[] = [
  new RegExp(`^(?:もう)?${WHAT}${NOUN}${NOUN_TAIL}$`, 'u'),
  new RegExp(`^(?:もう)?${WHAT}${VERB}${VERB_TAIL}$`, 'u'),
  /^(?:配信|送信|連絡)不要(?:です)?$/u,
  // The CTIA keywords US carriers honour, plus common variants; spaces are already gone ("stop all" → "stopall").
  /^(?:please)?(?:stop|stopall|unsubscribe|cancel|end|quit|optout|opt-out|revoke)(?:please)?$/u,
];

export function isOptOut(text: string): boolean {
  const folded = foldCompact(text);
  return folded.length > 0 && OPT_OUT_PATTERNS.some((p) => p.test(folded));
}
