// The date in a promise to pay (「12月5日に払います」「来週金曜に振り込みます」「月末までに」), as a
// local 'YYYY-MM-DD' in the organisation's time zone, relative to when the reply arrived. Read as the
// latest day the promise covers, so that a follow-up waits until then:
//   2026年12月5日, 2026/12/5                   that date
//   12月5日, 12/5                              its occurrence nearest to today (「1/5」 on 28 Dec: next January)
//   5日 / 来月5日                               the next 5th (today included) / the 5th of next month
//   今日・本日 / 明日・あした / 明後日・あさって   today, +1, +2
//   金曜 / 今週金曜 / 来週金曜 / 再来週金曜      the next Friday / this week's / next week's / the week after's
//   今週中 / 来週 / 再来週                      Friday of that week (今週中 past Friday: today)
//   週明け                                      Monday of next week
//   月末・今月中 / 来月・来月末・来月中          this month's last day / next month's last day
// Weeks start on Monday. When several are named the latest wins (「今日は無理なので来週払います」 is next
// week). Something without a date (「給料日に」) gives none: the operator reads it.
import { addDays, localParts, weekdayOf } from '../policy/time.ts';
import { foldSpaced } from './fold.ts';

const WEEKDAYS: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
const EN_WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const FRIDAY = 5;

interface Today {
  date: string;
  year: number;
  month: number;
}

type Reader = (text: string, today: Today) => string[];

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

function lastOfNextMonth(today: Today): string | undefined {
  const [y, mo] = nextMonth(today.year, today.month);
  return dateOf(y, mo, daysInMonth(y, mo));
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

/** The occurrence of a month and day nearest to today; a tie goes to the future. */
function nearestMonthDay(today: Today, month: number, day: number): string | undefined {
  const candidates = [today.year - 1, today.year, today.year + 1].flatMap((y) => dateOf(y, month, day) ?? []);
  const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(today.date));
  return candidates.sort((a, b) => distance(a) - distance(b) || (a < b ? 1 : -1))[0];
}

/** The next `day` of a month, today included: this month's, else next month's. */
function nextDayOfMonth(today: Today, day: number): string | undefined {
  const thisMonth = dateOf(today.year, today.month, day);
  if (thisMonth && thisMonth >= today.date) return thisMonth;
  const [y, mo] = nextMonth(today.year, today.month);
  return dateOf(y, mo, day);
}

function weekdayDate(today: Today, week: string | undefined, weekday: number): string {
  if (week === '再来週') return weekdayIn(today.date, 2, weekday);
  if (week === '来週' || week === 'next ') return weekdayIn(today.date, 1, weekday);
  if (week === '今週' || week === 'this ') return weekdayIn(today.date, 0, weekday);
  return nextWeekday(today.date, weekday);
}

const all = (re: RegExp, text: string) => [...text.matchAll(re)];
const when = (re: RegExp, text: string, date: () => string | undefined): string[] => {
  const d = re.test(text) ? date() : undefined;
  return d ? [d] : [];
};

const READERS: readonly Reader[] = [
  (text) => all(/(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})日?/gu, text).flatMap((m) => dateOf(Number(m[1]), Number(m[2]), Number(m[3])) ?? []),
  (text, today) =>
    [...all(/(?<![\d年/.-])(\d{1,2})月(\d{1,2})日/gu, text), ...all(/(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/])/gu, text)].flatMap(
      (m) => nearestMonthDay(today, Number(m[1]), Number(m[2])) ?? [],
    ),
  (text, today) => {
    const [y, mo] = nextMonth(today.year, today.month);
    return all(/来月の?(\d{1,2})日/gu, text).flatMap((m) => dateOf(y, mo, Number(m[1])) ?? []);
  },
  (text, today) => all(/(?<![\d月/])(\d{1,2})日/gu, text).flatMap((m) => nextDayOfMonth(today, Number(m[1])) ?? []),
  (text, today) => when(/来月(?!の?\d)/u, text, () => lastOfNextMonth(today)),
  (text, today) => when(/(?<!来)月末|今月中|今月いっぱい|end of (?:the )?month/u, text, () => dateOf(today.year, today.month, daysInMonth(today.year, today.month))),
  (text, today) => when(/明後日|あさって|day after tomorrow/u, text, () => addDays(today.date, 2)),
  (text, today) => when(/明日|あした|あす|(?<!after )tomorrow/u, text, () => addDays(today.date, 1)),
  (text, today) => when(/今日|本日|きょう|today|tonight/u, text, () => today.date),
  (text, today) => all(/(再来週|来週|今週)?の?([日月火水木金土])曜/gu, text).map((m) => weekdayDate(today, m[1], WEEKDAYS[m[2]!]!)),
  (text, today) =>
    all(/\b(next |this )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gu, text).map((m) => weekdayDate(today, m[1], EN_WEEKDAYS[m[2]!]!)),
  (text, today) => when(/週明け/u, text, () => mondayOf(today.date, 1)),
  (text, today) => when(/再来週(?!の?[日月火水木金土]曜)/u, text, () => weekdayIn(today.date, 2, FRIDAY)),
  (text, today) => when(/(?<!再)来週(?!の?[日月火水木金土]曜)|next week/u, text, () => weekdayIn(today.date, 1, FRIDAY)),
  (text, today) =>
    when(/今週中|今週いっぱい|this week/u, text, () => {
      const friday = weekdayIn(today.date, 0, FRIDAY);
      return friday >= today.date ? friday : today.date;
    }),
];

/** The promised date in `text`, read relative to `now` in `timeZone`; undefined when it names none. */
export function promisedDate(text: string, opts: { now: Date; timeZone: string }): string | undefined {
  const local = localParts(opts.now, opts.timeZone);
  const today: Today = { date: local.date, year: local.year, month: local.month };
  // Spaces are dropped for the Japanese readers and kept for the English ones' word boundaries.
  const spaced = foldSpaced(text);
  const compact = spaced.replace(/\s+/gu, '');
  const found = READERS.flatMap((read) => [...read(compact, today), ...read(spaced, today)]);
  return found.sort().at(-1);
}
