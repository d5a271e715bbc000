// Birth dates as people type them and as lists hold them → one form, YYYYMMDD. The forms accepted (the
// Western calendar and the Japanese eras, full-width or half-width) are core/calendar-date.ts's.
import { compactDate, parseCalendarDate } from '../core/calendar-date.ts';

/** YYYYMMDD, or undefined when the text is not a real date in one of the accepted forms. */
export function normaliseBirthDate(raw: string): string | undefined {
  const date = parseCalendarDate(raw);
  return date && compactDate(date);
}
