// Payer names as banks write them, made comparable with the フリガナ of a list. A bank writes 振込依頼人名 in
// half-width katakana from the 全銀 character set: no small kana (キャノン is ｷﾔﾉﾝ), ﾞ and ﾟ as separate
// characters, '-' or 'ｰ' for ー, company marks abbreviated (株式会社 → ｶ), often the customer number in
// front (「1234567ﾔﾏﾀﾞ ﾀﾛｳ」). A list's フリガナ is full-width, hiragana or katakana, with small kana and
// spaces as people type them. Both sides go through nameKey() and compare equal when they name the same
// payer. Pure.

const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  // Old and rare kana that the 全銀 set writes otherwise.
  ヰ: 'イ', ヱ: 'エ', ヲ: 'オ', ヂ: 'ジ', ヅ: 'ズ',
};

/**
 * One spelling for kana: full width, katakana, large kana, ー for every long-vowel mark or hyphen,
 * ASCII letters in upper case, no spaces or punctuation dots.
 */
export function normaliseKana(text: string): string {
  const composed = text
    // Stand-alone ゛゜ would become a space and a mark under NFKC; make them the combining marks instead.
    .replace(/\u309B/g, '\u3099')
    .replace(/\u309C/g, '\u309A')
    .normalize('NFKC');
  let out = '';
  for (const ch of composed) {
    const code = ch.codePointAt(0)!;
    // Hiragana ぁ–ゖ → katakana ァ–ヶ (the blocks are 0x60 apart).
    const kata = code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch;
    out += SMALL_TO_LARGE[kata] ?? kata;
  }
  return out
    .normalize('NFC')
    .toUpperCase()
    .replace(/[-‐‑‒–—―−ｰ－]/g, 'ー')
    .replace(/[\s・.,、。･]/gu, '');
}

/**
 * The abbreviations of 法人 kinds in 全銀 names (株式会社 ｶ, 有限会社 ﾕ …), as normaliseKana() writes them,
 * longest first so that シヤ is tried before シ.
 */
const COMPANY_MARKS = [
  'トクヒ', // 特定非営利活動法人
  'ギヨセイ', // 行政書士法人
  'シホウ', // 司法書士法人
  'カンサ', // 監査法人
  'シユウ', // 宗教法人
  'ガク', // 学校法人
  'フク', // 社会福祉法人
  'ホゴ', // 更生保護法人
  'ドク', // 独立行政法人
  'ベン', // 弁護士法人
  'ゼイ', // 税理士法人
  'ザイ', // 財団法人
  'シヤ', // 社団法人
  'ソ', // 相互会社
  'カ', // 株式会社
  'ユ', // 有限会社
  'メ', // 合名会社
  'シ', // 合資会社
  'ド', // 合同会社
  'イ', // 医療法人
];

/** The same kinds written out, as a list's フリガナ may have them (normalised spellings). */
const COMPANY_WORDS = [
  'カブシキガイシヤ', 'カブシキカイシヤ', 'ユウゲンガイシヤ', 'ユウゲンカイシヤ', 'ゴウドウガイシヤ', 'ゴウドウカイシヤ',
  'ゴウシガイシヤ', 'ゴウメイガイシヤ', 'イリヨウホウジン', 'ガツコウホウジン', 'シヤカイフクシホウジン',
  'イツパンシヤダンホウジン', 'イツパンザイダンホウジン', 'コウエキシヤダンホウジン', 'コウエキザイダンホウジン',
  'トクテイヒエイリカツドウホウジン', 'NPOホウジン',
];

const marks = COMPANY_MARKS.join('|');
const LEADING_MARK = new RegExp(`^(?:${marks})\\)`);
const TRAILING_MARK = new RegExp(`\\((?:${marks})$`);
const INNER_MARK = new RegExp(`\\((?:${marks})\\)`, 'g');

/** A normalised name without the 法人 kind, abbreviated (ｶ), (ｶ, (ｶ) or written out (カブシキガイシャ). */
export function withoutCompanyMarks(normalised: string): string {
  let s = normalised.replace(INNER_MARK, '').replace(LEADING_MARK, '').replace(TRAILING_MARK, '');
  for (const word of COMPANY_WORDS) {
    if (s.startsWith(word)) s = s.slice(word.length);
    if (s.endsWith(word)) s = s.slice(0, -word.length);
  }
  return s.replace(/[()]/g, '');
}

/**
 * The key two names are compared by: normalised, without company marks and without digits (a customer
 * number written before or after the name is not part of it). Empty when nothing of a name is left.
 */
export function nameKey(text: string): string {
  return withoutCompanyMarks(normaliseKana(text)).replace(/[0-9]/g, '');
}

/**
 * Where a customer number may stand in a text (NFKC, upper case, hyphens dropped): each run of letters and
 * digits, and each run of digits alone. 「1234567ﾔﾏﾀﾞ ﾀﾛｳ」 → ['1234567']; 「AB-1234ABCｼﾖｳｼﾞ」 →
 * ['AB1234ABC', '1234'].
 */
export function codeRuns(text: string): string[] {
  const s = text.normalize('NFKC').toUpperCase().replace(/[-‐－]/g, '');
  const runs = new Set([...(s.match(/[0-9A-Z]+/g) ?? []), ...(s.match(/[0-9]+/g) ?? [])]);
  return [...runs];
}

/** A customer number as compared: NFKC, upper case, without spaces, hyphens or leading zeros of a numeric one. */
export function customerNumberKey(raw: string): string {
  const s = raw.normalize('NFKC').toUpperCase().replace(/[\s\-‐－ー]/g, '');
  return /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}
