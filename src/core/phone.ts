// Phone numbers: turns what people type into spreadsheets into E.164, accepting only numbers that can receive SMS.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumberType } from 'libphonenumber-js/max';
import type { Bilingual } from './errors.ts';

export type E164 = string & { readonly __brand: 'E164' };
export type PhoneRejectReason = 'empty' | 'invalid' | 'not_mobile';
export type PhoneResult =
  | { ok: true; e164: E164 }
  | { ok: false; reason: PhoneRejectReason; message: Bilingual };

// Full-width forms are folded by NFKC first; what is left here are the separators people and Excel put in.
const SEPARATORS = /[\s\u200B-\u200D\uFEFF\-‐‑‒–—―−─ー~〜()[\]{}.・/"'“”‘’「」『』]/gu;

// Types that can receive an SMS. FIXED_LINE_OR_MOBILE is how the US/Canada (and a few others) number
// mobiles: the number itself does not say which it is, and carriers there accept SMS to both.
const SMS_CAPABLE = new Set<PhoneNumberType | undefined>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const KIND_LABELS: Partial<Record<PhoneNumberType, Bilingual>> = {
  FIXED_LINE: { ja: '固定電話', en: 'a landline' },
  VOIP: { ja: 'IP電話（050など）', en: 'an IP phone (such as 050)' },
  TOLL_FREE: { ja: 'フリーダイヤル', en: 'a toll-free number' },
  SHARED_COST: { ja: 'ナビダイヤル等', en: 'a shared-cost number' },
  UAN: { ja: 'ナビダイヤル（0570）', en: 'a 0570 navi-dial number' },
  PERSONAL_NUMBER: { ja: 'パーソナル番号', en: 'a personal number' },
  PAGER: { ja: 'ポケベル・データ通信専用', en: 'a pager or data-only number' },
  PREMIUM_RATE: { ja: '有料情報サービス', en: 'a premium-rate number' },
};

const EMPTY: Bilingual = { ja: '電話番号が空です', en: 'The phone number is empty' };
const INVALID: Bilingual = {
  ja: '電話番号として正しくありません（桁数と番号を確認してください）',
  en: 'This is not a valid phone number (check the digits)',
};

function notMobile(type: PhoneNumberType | undefined): Bilingual {
  const kind = type ? KIND_LABELS[type] : undefined;
  const ja = '携帯電話番号ではありません（固定電話・050・フリーダイヤルにはSMSを送れません）';
  const en = 'Not a mobile number (SMS cannot be sent to landlines, 050 IP phones or toll-free numbers)';
  if (!kind) return { ja, en };
  return { ja: `${ja}: ${kind.ja}の番号です`, en: `${en}: this is ${kind.en}` };
}

// ASCII digits and hyphens (what most lists hold) read the same after NFKC: only the hyphens need to go.
const PLAIN = /^[\d-]+$/;

/** Strips quotes, spaces, dashes and brackets; returns '+digits', 'digits', or null if anything else remains. */
function clean(raw: string): string | null {
  if (PLAIN.test(raw)) return raw.includes('-') ? raw.replaceAll('-', '') : raw;
  const s = raw.normalize('NFKC').replace(SEPARATORS, '');
  return /^\+?\d*$/.test(s) ? s : null;
}

/** Rewrites prefixes that libphonenumber does not read as we want; everything else it handles itself. */
function withPrefixes(digits: string, country: CountryCode): string {
  if (digits.startsWith('+')) return digits;
  // 0081…: the ITU international prefix, common in Japan although NTT's own is 010.
  if (digits.startsWith('00') && !digits.startsWith('000')) return `+${digits.slice(2)}`;
  // Excel stores 090-1234-5678 as the number 9012345678, dropping the trunk zero.
  if (country === 'JP' && /^[6-9]0\d{8}$/.test(digits)) return `0${digits}`;
  // 819012345678 (country code without '+') is recognised by libphonenumber when the national reading is invalid.
  return digits;
}

// JP mobile numbers as the MAX metadata defines them (national [6-9]0[1-9] + 7 digits, type MOBILE, valid),
// written nationally with the trunk zero: nine rows in ten of a Japanese list. Decided here without
// parsing, with the answer libphonenumber gives (test/core/phone-fast-path.test.ts compares the two).
const JP_MOBILE = /^0[6-9]0[1-9]\d{7}$/;

export function normalizePhone(raw: string, defaultCountry: CountryCode = 'JP'): PhoneResult {
  const cleaned = clean(raw);
  if (cleaned === '') return { ok: false, reason: 'empty', message: EMPTY };
  if (cleaned === null || cleaned === '+') return { ok: false, reason: 'invalid', message: INVALID };
  const prefixed = withPrefixes(cleaned, defaultCountry);
  if (defaultCountry === 'JP' && JP_MOBILE.test(prefixed)) return { ok: true, e164: `+81${prefixed.slice(1)}` as E164 };
  let phone;
  try {
    phone = parsePhoneNumberWithError(prefixed, defaultCountry);
  } catch {
    return { ok: false, reason: 'invalid', message: INVALID };
  }
  if (!phone.isValid()) return { ok: false, reason: 'invalid', message: INVALID };
  // With the MAX metadata JP 060-[1-9]xxx-xxxx is MOBILE (the 2026 range, same pattern as 070/080/090),
  // so no special case is needed; 060 + 7 digits is the old personal-number range and is rejected.
  const type = phone.getType();
  if (!SMS_CAPABLE.has(type)) return { ok: false, reason: 'not_mobile', message: notMobile(type) };
  return { ok: true, e164: phone.number as E164 };
}

/** A syntactic check only: '+', a non-zero first digit, 7 to 15 digits in all. */
export function isE164(s: string): s is E164 {
  return /^\+[1-9]\d{6,14}$/.test(s);
}
