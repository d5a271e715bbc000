// The date in a promise to pay (「12月5日に払います」「来週金曜に振り込みます」「月末までに」), as a
// local 'YYYY-MM-DD' in the organisation's time zone, relative to when the reply arrived. Read as the
// latest day the promise covers, so that a follow-up waits until then:
//   12月5日, 12/5, 2026年12月5日, 2026/12/5   that date (a month and day already past: next year's)
//   5日, 今月5日 / 来月5日                      the next 5th / the 5th of next month
//   今日・本日 / 明日・あした / 明後日・あさって   today, +1, +2
//   金曜 / 今週金曜 / 来週金曜 / 再来週金曜      the next Friday / this week's / next week's / the week after's
//   今週中 / 来週 / 再来週 / 週明け             Friday of that week (today, if past it) / Monday of next week
//   月末・今月中 / 来月末・来月中・来月           the month's last day / next month's last day
// Weeks start on Monday. Something without a date (「給料日に」) gives none: the operator reads it.
import { addDays, localParts, weekdayOf } from '../policy/time.ts';
import { foldSpaced } from './fold.ts';

const WEEKDAYS: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
const EN_WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const FRIDAY = 5;

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateOf(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function nextMonth(year: number, month: number): [number, number] {
  return month === 12 ? [year + 1, 1] : [year, month + 1];
}

/** Monday of the week holding `date`, plus `weeks` weeks. */
function mondayOf(date: string, weeks: number): string {
  const fromMonday = (weekdayOf(date) + 6) % 7;
  return addDays(date, weeks * 7 - fromMonday);
}

/** `weekday` (0 Sunday … 6 Saturday) in the week `weeks` after the one holding `date`. */
function weekdayIn(date: string, weeks: number, weekday: number): string {
  return addDays(mondayOf(date, weeks), (weekday + 6) % 7);
}

/** The next `weekday` strictly after `date`. */
function nextWeekday(date: string, weekday: number): string {
  const ahead = (weekday - weekdayOf(date) + 7) % 7 || 7;
  return addDays(date, ahead);
}

interface Today {
  date: string;
  year: number;
  month: number;
  day: number;
}

type Reader = (text: string, today: Today) => string | undefined;

/** Month and day: that date this year, or next year's when it has already passed. */
function monthDay(today: Today, month: number, day: number): string | undefined {
  const thisYear = dateOf(today.year, month, day);
  if (thisYear && thisYear >= today.date) return thisYear;
  return dateOf(today.year + 1, month, day) ?? thisYear;
}

/** Ordered: the first reader that finds something wins ("来週金曜" before "来週", "12月5日" before "5日"). */
const READERS: readonly Reader[] = [
  (text) => {
    const m = /(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})日?/u.exec(text);
    return m ? dateOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  },
  (text, today) => {
    const m = /(\d{1,2})月(\d{1,2})日/u.exec(text) ?? /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/u.exec(text);
    return m ? monthDay(today, Number(m[1]), Number(m[2])) : undefined;
  },
  (text, today) => {
    const m = /来月の?(\d{1,2})日/u.exec(text);
    if (!m) return undefined;
    const [y, mo] = nextMonth(today.year, today.month);
    return dateOf(y, mo, Number(m[1]));
  },
  (text, today) => {
    const m = /(?<![\d月/])(\d{1,2})日/u.exec(text);
    if (!m) return undefined;
    const day = Number(m[1]);
    const thisMonth = dateOf(today.year, today.month, day);
    if (thisMonth && thisMonth >= today.date) return thisMonth;
    const [y, mo] = nextMonth(today.year, today.month);
    return dateOf(y, mo, day);
  },
  (text, today) => {
    if (!/来月(?:末|中|いっぱい)?/u.test(text)) return undefined;
    const [y, mo] = nextMonth(today.year, today.month);
    return dateOf(y, mo, daysInMonth(y, mo));
  },
  (text, today) => (/月末|今月中|今月いっぱい|end of (?:the )?month/u.test(text) ? dateOf(today.year, today.month, daysInMonth(today.year, today.month)) : undefined),
  (text, today) => (/明後日|あさって|day after tomorrow/u.test(text) ? addDays(today.date, 2) : undefined),
  (text, today) => (/明日|あした|あす|tomorrow/u.test(text) ? addDays(today.date, 1) : undefined),
  (text, today) => (/今日|本日|きょう|today|tonight/u.test(text) ? today.date : undefined),
  (text, today) => {
    const m = /(再来週|来週|今週)?の?([日月火水木金土])曜/u.exec(text);
    if (!m) return undefined;
    const weekday = WEEKDAYS[m[2]!]!;
    if (m[1] === '再来週') return weekdayIn(today.date, 2, weekday);
    if (m[1] === '来週') return weekdayIn(today.date, 1, weekday);
    if (m[1] === '今週') return weekdayIn(today.date, 0, weekday);
    return nextWeekday(today.date, weekday);
  },
  (text, today) => {
    const m = /\b(next |this )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/u.exec(text);
    if (!m) return undefined;
    const weekday = EN_WEEKDAYS[m[2]!]!;
    if (m[1] === 'next ') return weekdayIn(today.date, 1, weekday);
    if (m[1] === 'this ') return weekdayIn(today.date, 0, weekday);
    return nextWeekday(today.date, weekday);
  },
  (text, today) => (/週明け/u.test(text) ? mondayOf(today.date, 1) : undefined),
  (text, today) => (/再来週/u.test(text) ? weekdayIn(today.date, 2, FRIDAY) : undefined),
  (text, today) => (/来週|next week/u.test(text) ? weekdayIn(today.date, 1, FRIDAY) : undefined),
  (text, today) => {
    if (!/今週中|今週いっぱい|this week/u.test(text)) return undefined;
    const friday = weekdayIn(today.date, 0, FRIDAY);
    return friday >= today.date ? friday : today.date;
  },
];

/** The promised date in `text`, read relative to `now` in `timeZone`; undefined when it names none. */
export function promisedDate(text: string, opts: { now: Date; timeZone: string }): string | undefined {
  const local = localParts(opts.now, opts.timeZone);
  const today: Today = { date: local.date, year: local.year, month: local.month, day: local.day };
  // Spaces are kept for the English readers' word boundaries and dropped for the Japanese ones.
  const spaced = foldSpaced(text);
  const compact = spaced.replace(/\s+/gu, '');
  for (const read of READERS) {
    const found = read(compact, today) ?? read(spaced, today);
    if (found) return found;
  }
  return undefined;
}
