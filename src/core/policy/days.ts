// Days on which nobody is contacted under a policy: public holidays of its calendar, weekends, and the
// office's own closed dates; and the next day that is open.
import type { Bilingual } from '../errors.ts';
import { holidayName } from './holidays.ts';
import type { EffectivePolicy } from './overrides.ts';
import { addDays, weekdayOf } from './time.ts';

export type ClosedDay =
  | { kind: 'holiday'; name: Bilingual }
  | { kind: 'weekend'; weekday: 0 | 6 }
  | { kind: 'closed' };

// Beyond a year of closed days the policy itself is wrong; dispatch must not spin on it.
const MAX_DAYS_AHEAD = 400;

export function closedDay(date: string, policy: EffectivePolicy): ClosedDay | undefined {
  if (policy.closedDates.has(date)) return { kind: 'closed' };
  if (policy.skipHolidays) {
    const name = holidayName(date, policy.holidayCalendar);
    if (name) return { kind: 'holiday', name };
  }
  if (policy.skipWeekends) {
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6) return { kind: 'weekend', weekday };
  }
  return undefined;
}

/** The first open day after `date`. */
export function nextOpenDay(date: string, policy: EffectivePolicy): string {
  for (let k = 1; k <= MAX_DAYS_AHEAD; k++) {
    const next = addDays(date, k);
    if (!closedDay(next, policy)) return next;
  }
  throw new Error(`contact policy ${policy.id} leaves no open day within ${MAX_DAYS_AHEAD} days of ${date}`);
}
