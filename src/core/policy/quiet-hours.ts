// Quiet hours: the local window in which nobody is contacted, possibly spanning midnight (21:00 → 08:00).
import type { QuietHours } from './packs.ts';
import type { LocalDateTime } from './time.ts';
import { minuteOfDay, nextLocalTime, parseClock } from './time.ts';

export function inQuietHours(local: LocalDateTime, quiet: QuietHours): boolean {
  const m = minuteOfDay(local);
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** When the window next opens: its end, today's if still ahead (07:59 → 08:00), else tomorrow's (21:00 → 08:00). */
export function quietHoursEnd(at: Date, quiet: QuietHours, timeZone: string): Date {
  return nextLocalTime(at, quiet.end, timeZone);
}

/**
 * The local time a contact day opens: the end of quiet hours that run over midnight or from it
 * (08:00 for 21:00–08:00), otherwise midnight, the quiet hours coming later in the day.
 */
export function dayOpening(quiet: QuietHours | null): string {
  if (!quiet) return '00:00';
  const start = parseClock(quiet.start);
  return start > parseClock(quiet.end) || start === 0 ? quiet.end : '00:00';
}
