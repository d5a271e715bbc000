// Everything the recipient's pages say, in Japanese first and English, and the date formats they use.
import type { Bilingual } from '../../core/errors.ts';
import type { Lang } from '../../landing/landing.ts';
import type { VerificationMethod } from '../../landing/answers.ts';

export type { Lang, Bilingual };

export const pick = (lang: Lang, text: Bilingual): string => (lang === 'en' ? text.en : text.ja);

export const TEXT = {
  skip: { ja: '本文へ移動', en: 'Skip to content' },
  otherLang: { ja: 'English', en: '日本語' },
  noticeFrom: { ja: 'からのお知らせ', en: ': a notice for you' },
  verifyTitle: { ja: 'ご本人の確認', en: 'Confirm it is you' },
  verifyIntro: {
    ja: 'お知らせを表示する前に、ご本人であることを確認させてください。入力された情報は確認のためだけに使います。',
    en: 'Before we show the notice, please confirm that it is you. What you enter is used only for this check.',
  },
  confirm: { ja: '確認する', en: 'Confirm' },
  wrong: { ja: '入力された内容が登録内容と一致しません。', en: 'That does not match our records.' },
  remaining: { ja: 'あと{n}回間違えると、このページはロックされます。', en: 'After {n} more wrong tries this page will be locked.' },
  invalid: { ja: '入力の形式が正しくありません。例を参考にもう一度入力してください（回数には数えません）。', en: 'That is not in the expected form. Please try again as in the example (this try is not counted).' },
  unavailable: {
    ja: 'このお知らせはページ上で確認できません。お手数ですが、下記のお問い合わせ先までご連絡ください。',
    en: 'This notice cannot be confirmed on this page. Please contact us using the details below.',
  },
  lockedTitle: { ja: 'このページはロックされています', en: 'This page is locked' },
  locked: {
    ja: '入力の誤りが続いたため、安全のためこのページをロックしました。お手数ですが、下記のお問い合わせ先までお電話ください。確認のうえロックを解除します。',
    en: 'Because of repeated wrong entries, this page has been locked for your safety. Please call us using the details below; we will unlock it once we have confirmed it is you.',
  },
  expiredTitle: { ja: '閲覧期限が過ぎています', en: 'This notice has expired' },
  expired: { ja: 'このお知らせの閲覧期限は {date} に終了しました。ご不明な点は下記までお問い合わせください。', en: 'This notice could be viewed until {date}. For any questions, please contact us using the details below.' },
  unconfiguredTitle: { ja: 'ただいま表示できません', en: 'Not available at the moment' },
  unconfigured: { ja: 'このお知らせは現在表示できません。恐れ入りますが、下記のお問い合わせ先までご連絡ください。', en: 'This notice cannot be shown at the moment. Please contact us using the details below.' },
  notFoundTitle: { ja: 'リンクが確認できません', en: 'This link cannot be found' },
  notFound: {
    ja: 'このリンクは無効か、入力に誤りがあります。SMSに記載されたURLをもう一度ご確認ください。心当たりのないSMSの場合は、リンクを開かずに下記の確認ページをご利用ください。',
    en: 'This link is not valid or was mistyped. Please check the URL in your SMS again. If you did not expect the message, do not open its links; use the check page below.',
  },
  tooManyTitle: { ja: 'しばらくしてからお試しください', en: 'Please try again later' },
  tooMany: { ja: '短時間に多くのアクセスがありました。{minutes}分ほど待ってから、もう一度お試しください。', en: 'There were too many requests in a short time. Please wait about {minutes} minutes and try again.' },
  formExpiredTitle: { ja: 'もう一度お試しください', en: 'Please try again' },
  formExpired: { ja: 'フォームの有効期限が切れたか、正しく送信されませんでした。もう一度ページを開いてお試しください。', en: 'The form has expired or was not sent correctly. Please open the page again and retry.' },
  backToPage: { ja: 'ページに戻る', en: 'Back to the page' },
  contactTitle: { ja: 'お問い合わせ先', en: 'Contact' },
  phone: { ja: '電話', en: 'Phone' },
  hours: { ja: '受付時間', en: 'Hours' },
  noContact: { ja: 'お問い合わせ先は、SMSの送信元にご確認ください。', en: 'Please ask the sender of the SMS how to contact them.' },
  checkLink: { ja: 'このSMSが本物か確認する', en: 'Check that a message is genuine' },
  endSession: { ja: '表示を終了する', en: 'Close this notice' },
  sessionNote: { ja: '共有の端末では、読み終えたら「表示を終了する」を押してください。', en: 'On a shared device, press "Close this notice" when you are done.' },
  japaneseOnly: { ja: '', en: 'The notice below is available in Japanese only.' },
  officialPage: { ja: 'このページは {org} の公式ページです。', en: 'This is an official page of {org}.' },
  // The anti-smishing page.
  checkTitle: { ja: 'SMSの送信元を確認する', en: 'Check who sent an SMS' },
  checkIntro: {
    ja: '{org} を名乗るSMSを受け取ったときは、送信元の番号、またはSMSに記載されたURL（コード）を入力すると、{org} が送ったものかどうかを確認できます。',
    en: 'If you received an SMS claiming to be from {org}, enter its sender number or the link (code) in it to check whether {org} really sent it.',
  },
  checkLabel: { ja: '送信元の番号、またはSMSのURL・コード', en: 'Sender number, or the link or code in the SMS' },
  checkHint: { ja: '例: 0120-000-000、{example}', en: 'e.g. 0120-000-000, {example}' },
  checkButton: { ja: '確認する', en: 'Check' },
  checkCodeYes: { ja: 'はい、このSMSは {org} が {date} に送信したものです。', en: 'Yes, {org} sent this message on {date}.' },
  checkCodeNo: {
    ja: '{org} が送信したSMSであることを確認できませんでした。リンクを開いたり、個人情報やカード番号を入力したりせず、下記までお問い合わせください。',
    en: 'We could not confirm that {org} sent this message. Do not open its links or enter personal or card details; please contact us using the details below.',
  },
  checkForeign: {
    ja: 'このURLは {org} のものではありません。リンクを開かず、個人情報やカード番号を入力しないでください。{org} のリンクは必ず {base}/ で始まります。',
    en: 'This link does not belong to {org}. Do not open it, and do not enter personal or card details. Links from {org} always start with {base}/.',
  },
  checkForeignHost: { ja: 'このURLの行き先のドメイン: {host}', en: 'This link leads to the domain: {host}' },
  checkBareDomain: {
    ja: '本物のリンクのドメインは {host} です（{base}/ で始まります）。SMSのリンクのドメインが1文字でも違う場合は、開かないでください。',
    en: 'The genuine link uses the domain {host} (it starts with {base}/). If the link in your SMS differs by even one character, do not open it.',
  },
  checkSenderYes: { ja: '「{sender}」は {org} の公式の送信元です。', en: '"{sender}" is an official sender of {org}.' },
  checkSenderNo: {
    ja: '「{sender}」は {org} の公式の送信元ではありません。このSMSのリンクは開かないでください。',
    en: '"{sender}" is not an official sender of {org}. Please do not open the links in that message.',
  },
  checkUnreadable: { ja: '番号またはURLとして読み取れませんでした。もう一度ご確認ください。', en: 'We could not read that as a number or a link. Please check it and try again.' },
  officialSenders: { ja: '公式の送信元（発信番号）', en: 'Official senders' },
  howOursLook: { ja: '{org} からのSMSの見分け方', en: 'How to recognise messages from {org}' },
  linksStartWith: { ja: 'リンクは必ず {base}/ で始まり、その後に英数字11文字が続きます。', en: 'Links always start with {base}/ followed by 11 letters and digits.' },
  neverAsk: {
    ja: 'SMSでパスワード、暗証番号、クレジットカード番号をお尋ねすることはありません。アプリのインストールをお願いすることもありません。',
    en: 'We never ask for passwords, PINs or credit card numbers by SMS, and never ask you to install an app.',
  },
  verifyOnPage: { ja: 'リンク先では、ご本人確認のあとにお知らせを表示します。', en: 'Our page shows the notice only after a short identity check.' },
  sampleTitle: { ja: 'SMSの例', en: 'An example message' },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof TEXT;

/** A text with {placeholders} filled (values are plain text; the html tag escapes the result). */
export function say(lang: Lang, key: TextKey, vars: Record<string, string | number> = {}): string {
  // A value that ends a sentence itself ("Sakura Servicer Co., Ltd.") takes the sentence's full stop: never "Ltd..".
  return pick(lang, TEXT[key]).replace(/\{(\w+)\}(\.?)/gu, (m, name: string, stop: string) => (name in vars ? String(vars[name]) + (String(vars[name]).endsWith('.') ? '' : stop) : m));
}

interface MethodText {
  label: Bilingual;
  hint: Bilingual;
  autocomplete: string;
  inputmode: 'text' | 'numeric';
}

export function methodText(method: VerificationMethod, columnLabel: string, digits: number | null): MethodText {
  switch (method) {
    case 'birth_date':
      return {
        label: { ja: '生年月日', en: 'Date of birth' },
        hint: { ja: '例: 1980年4月5日、1980/04/05、19800405、昭和55年4月5日', en: 'e.g. 1980-04-05, 1980/4/5, 19800405' },
        autocomplete: 'bday',
        inputmode: 'text',
      };
    case 'postal_code':
      return {
        label: { ja: '郵便番号', en: 'Postal code' },
        hint: { ja: '7桁の数字（ハイフンはあってもなくても構いません）例: 123-4567', en: '7 digits, with or without a hyphen, e.g. 123-4567' },
        autocomplete: 'postal-code',
        inputmode: 'numeric',
      };
    case 'pin':
      return {
        label: { ja: '確認コード（通知書に記載の番号）', en: 'Verification code (printed on your letter)' },
        hint: { ja: '半角・全角どちらでも入力できます', en: 'As printed on the letter' },
        autocomplete: 'off',
        inputmode: 'text',
      };
    case 'id_suffix': {
      const n = digits ?? 4;
      return {
        label: { ja: `${columnLabel}の下${n}桁`, en: `Last ${n} digits of your ${columnLabel}` },
        hint: { ja: `数字${n}桁`, en: `${n} digits` },
        autocomplete: 'off',
        inputmode: 'numeric',
      };
    }
  }
}

const TOKYO = 'Asia/Tokyo';
const dateJa = new Intl.DateTimeFormat('ja-JP', { timeZone: TOKYO, year: 'numeric', month: 'long', day: 'numeric' });
const dateEn = new Intl.DateTimeFormat('en-GB', { timeZone: TOKYO, year: 'numeric', month: 'long', day: 'numeric' });
const timeJa = new Intl.DateTimeFormat('ja-JP', { timeZone: TOKYO, hour: '2-digit', minute: '2-digit', hour12: false });

/** A day in Japan time: 2026年12月1日 / 1 December 2026. */
export function formatDay(ms: number, lang: Lang): string {
  return (lang === 'en' ? dateEn : dateJa).format(ms);
}

/** A moment in Japan time: 2026年12月1日 23:59 / 1 December 2026, 23:59 (JST). */
export function formatMoment(ms: number, lang: Lang): string {
  return lang === 'en' ? `${dateEn.format(ms)}, ${timeJa.format(ms)} (JST)` : `${dateJa.format(ms)} ${timeJa.format(ms)}`;
}
