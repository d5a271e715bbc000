// A recipient's prior consent to receive notices by SMS (issue 12, requirement 8), pure: how it was
// obtained (書面 / 電子 / 口頭記録 / その他, plus the office's own words), the date it was given, and the
// check of both as a list's cells or an API's fields carry them. A campaign marked as a formal notice
// (債権譲渡通知 / 正式な通知) is sent only to recipients whose consent is recorded.
import type { Bilingual } from './errors.ts';
import { isoDate, parseCalendarDate } from './calendar-date.ts';

export const CONSENT_METHODS = ['written', 'electronic', 'oral_record', 'other'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** null: an ordinary notice; assignment: 債権譲渡通知; formal: 正式な通知. */
export const NOTICE_FORMALITIES = ['assignment', 'formal'] as const;
export type NoticeFormality = (typeof NOTICE_FORMALITIES)[number];

export interface Consent {
  /** The day consent was given, YYYY-MM-DD. */
  date: string;
  method: ConsentMethod;
  /** How it was obtained, in the office's words (e.g. 契約書第12条), or null. */
  note: string | null;
}

/** The list's columns that carry consent (header aliases in core/csv/aliases.ts); not kept among a row's fields. */
export const CONSENT_FIELDS = ['consent_date', 'consent_method'] as const;

export const MAX_CONSENT_NOTE = 200;

/** Words people write for each method, compared after NFKC, trimming and lower-casing. */
const METHOD_WORDS: Record<ConsentMethod, readonly string[]> = {
  written: ['書面', '紙', '書類', '契約書', '同意書', 'written', 'paper', 'in writing'],
  electronic: ['電子', '電磁的方法', '電磁的記録', 'web', 'ウェブ', 'オンライン', 'メール', 'electronic', 'online', 'email', 'e-mail'],
  oral_record: ['口頭記録', '口頭', '録音', '通話録音', 'oral_record', 'oral', 'recorded call', 'phone recording'],
  other: ['その他', 'other'],
};

const key = (s: string): string => s.normalize('NFKC').trim().toLowerCase();
const WORDS = CONSENT_METHODS.flatMap((m) => METHOD_WORDS[m].map((w) => [key(w), m] as const)).sort((a, b) => b[0].length - a[0].length);
/** What may stand between a method's word and the office's note: 書面（契約書第12条）, 電子: web form. */
const SEPARATOR = /^[\s:：、,，()（）[\]「」\-ー・/／]+/u;
const CLOSING = /[)）\]」]+$/u;

/**
 * A method cell as written: a known word (書面, 電子, 口頭記録, その他 or an English one) with the office's
 * note after it, or any other text, kept as the note of 'other'. Undefined for an empty cell.
 */
export function parseConsentMethod(raw: string): { method: ConsentMethod; note: string | null } | undefined {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  for (const [word, method] of WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = text.slice(word.length);
    // An English word must end where the word does ("other" is not "otherwise").
    if (/[a-z]$/u.test(word) && /^[\p{L}\p{N}]/u.test(rest)) continue;
    const note = rest.replace(SEPARATOR, '').replace(CLOSING, '').trim();
    return { method, note: note === '' ? null : note.slice(0, MAX_CONSENT_NOTE) };
  }
  return { method: 'other', note: text.slice(0, MAX_CONSENT_NOTE) };
}

export type ConsentCheck = { ok: true; consent: Consent | null } | { ok: false; message: Bilingual };

const EXAMPLES = { ja: '例: 2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日', en: 'e.g. 2024-04-01, 2024/4/1, 2024年4月1日' };

/**
 * The consent a row's two cells record: both empty is no consent; a date that is not a real date, a
 * date after `today` (YYYY-MM-DD, the office's day; unchecked when absent), or one cell without the
 * other is refused with words for the row's report.
 */
export function checkConsent(dateCell: string | undefined, methodCell: string | undefined, today?: string): ConsentCheck {
  const dateText = (dateCell ?? '').normalize('NFKC').trim();
  const parsedMethod = parseConsentMethod(methodCell ?? '');
  if (dateText === '' && !parsedMethod) return { ok: true, consent: null };
  if (dateText === '') {
    return { ok: false, message: { ja: '同意方法はありますが同意日がありません', en: 'the consent method is given but the consent date is empty' } };
  }
  const parsed = parseCalendarDate(dateText);
  if (!parsed) {
    return { ok: false, message: { ja: `同意日「${dateText}」を日付として読めません（${EXAMPLES.ja}）`, en: `the consent date "${dateText}" is not a date (${EXAMPLES.en})` } };
  }
  const date = isoDate(parsed);
  if (today !== undefined && date > today) {
    return { ok: false, message: { ja: `同意日 ${date} が未来の日付です（事前の同意の日付を入れてください）`, en: `the consent date ${date} is in the future (give the day prior consent was given)` } };
  }
  if (!parsedMethod) {
    return { ok: false, message: { ja: '同意日はありますが同意方法がありません（書面・電子・口頭記録・その他）', en: 'the consent date is given but the consent method is empty (written, electronic, oral record or other)' } };
  }
  return { ok: true, consent: { date, method: parsedMethod.method, note: parsedMethod.note } };
}
