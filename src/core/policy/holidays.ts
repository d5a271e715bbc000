// Public holidays by calendar, from maintained data rather than our own rules: Japan's come from the
// @holiday-jp/holiday_jp package (国民の祝日, 振替休日 and 国民の休日, 1970 to the end of 2050). Only
// 1 January is a public holiday; 2–3 January (三が日) and year-end closures are not, so an office that
// closes then passes them as closed dates. Weekends are not holidays here; packs skip them separately.
import holidayJp from '@holiday-jp/holiday_jp';
import type { Bilingual } from '../errors.ts';
import type { HolidayCalendar } from './packs.ts';

interface HolidayEntry {
  name: string;
  name_en: string;
}

// The package's own isHoliday scans every key per call; its table is keyed by 'YYYY-MM-DD', so we look up.
const CALENDARS: Readonly<Record<HolidayCalendar, Readonly<Record<string, HolidayEntry>>>> = {
  JP: holidayJp.holidays,
};

/** The holiday's name on a local date ('YYYY-MM-DD'), or undefined on an ordinary day. */
export function holidayName(localDate: string, calendar: HolidayCalendar | null): Bilingual | undefined {
  if (calendar === null) return undefined;
  const table = CALENDARS[calendar];
  const entry = Object.hasOwn(table, localDate) ? table[localDate] : undefined;
  return entry ? { ja: entry.name, en: entry.name_en } : undefined;
}

export function isHoliday(localDate: string, calendar: HolidayCalendar | null): boolean {
  return holidayName(localDate, calendar) !== undefined;
}

/**
 * The first and last holiday the data knows. Past the last every day reads as an ordinary one, so the
 * package needs updating before then; years ahead are computed (equinox days are fixed each February for
 * the next year, and a new law can move a holiday), which the package's maintainers follow.
 */
export function holidayDataRange(calendar: HolidayCalendar): { first: string; last: string } {
  const dates = Object.keys(CALENDARS[calendar]).sort();
  return { first: dates[0] ?? '', last: dates[dates.length - 1] ?? '' };
}
