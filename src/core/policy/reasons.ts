// Why a message waits, in words an operator reads in the timeline: Japanese first, then English.
import type { Bilingual } from '../errors.ts';
import type { CapHit } from './caps.ts';
import type { ClosedDay } from './days.ts';
import type { QuietHours } from './packs.ts';

const WEEKDAY_JA = { 0: '日曜日', 6: '土曜日' } as const;
const WEEKDAY_EN = { 0: 'a Sunday', 6: 'a Saturday' } as const;

/** Where the message waits until, as local time with the zone named once. */
export interface Waiting {
  untilLocal: string;
  timeZone: string;
}

function waits(w: Waiting): Bilingual {
  return {
    ja: `${w.untilLocal}（${w.timeZone}）まで送信を待ちます`,
    en: `the message waits until ${w.untilLocal} (${w.timeZone})`,
  };
}

export function quietHoursMessage(localTime: string, quiet: QuietHours, w: Waiting): Bilingual {
  const tail = waits(w);
  return {
    ja: `受信者の現地時刻 ${localTime} は連絡しない時間帯（${quiet.start}〜${quiet.end}）のため、${tail.ja}`,
    en: `It is ${localTime} for the recipient, within the quiet hours ${quiet.start}–${quiet.end}; ${tail.en}`,
  };
}

export function closedDayMessage(date: string, day: ClosedDay, w: Waiting): Bilingual {
  const tail = waits(w);
  switch (day.kind) {
    case 'holiday':
      return {
        ja: `受信者の現地日付 ${date} は祝日（${day.name.ja}）のため、${tail.ja}`,
        en: `${date} is a public holiday for the recipient (${day.name.en}); ${tail.en}`,
      };
    case 'weekend':
      return {
        ja: `受信者の現地日付 ${date} は${WEEKDAY_JA[day.weekday]}で連絡しない設定のため、${tail.ja}`,
        en: `${date} is ${WEEKDAY_EN[day.weekday]} for the recipient, and weekends are skipped; ${tail.en}`,
      };
    case 'closed':
      return {
        ja: `受信者の現地日付 ${date} は休業日に設定されているため、${tail.ja}`,
        en: `${date} is set as a closed day; ${tail.en}`,
      };
  }
}

export function capMessage(hit: CapHit, w: Waiting): Bilingual {
  const { count, windowDays } = hit.cap;
  const tail = waits(w);
  return {
    ja: `この方への連絡は直近${windowDays}日間で${hit.contacts}回あり、上限（${windowDays}日に${count}回）に達しているため、${tail.ja}`,
    en: `This person was contacted ${hit.contacts} times in the last ${windowDays} days, reaching the cap of ${count} per ${windowDays} days; ${tail.en}`,
  };
}

const LABELS: Record<'quiet_hours' | 'holiday' | 'frequency_cap', Bilingual> = {
  quiet_hours: { ja: '連絡しない時間帯', en: 'quiet hours' },
  holiday: { ja: '祝日・休業日', en: 'holidays and closed days' },
  frequency_cap: { ja: '連絡回数の上限', en: 'the frequency cap' },
};

/** Said when the wait was lengthened by other rules after the first one, so a long wait is explained. */
export function alsoAvoidingNote(codes: readonly (keyof typeof LABELS)[]): Bilingual {
  if (codes.length === 0) return { ja: '', en: '' };
  return {
    ja: `（その後の${codes.map((c) => LABELS[c].ja).join('・')}も避けています）`,
    en: ` (also avoiding ${codes.map((c) => LABELS[c].en).join(' and ')} after that)`,
  };
}
