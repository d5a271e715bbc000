// Local wall-clock arithmetic in a recipient's time zone, with Intl only (no date library): the local date
// and time of an instant, the instant of a local date and time, and the next instant a local clock reads HH:MM.
// Dates are 'YYYY-MM-DD' strings and times 'HH:MM' strings, as people write them in a policy.

export interface LocalDateTime {
  /** 'YYYY-MM-DD' in the time zone. */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export const DAY = 86_400_000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building a DateTimeFormat is costly and dispatch asks per message, so one per zone is kept; it holds no state.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA zone name Intl knows, such as 'Asia/Tokyo' or 'America/New_York'. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** 'HH:MM' (00:00–23:59) as minutes after midnight; throws RangeError on anything else. */
export function parseClock(time: string): number {
  const m = CLOCK.exec(time);
  if (!m) throw new RangeError(`not a time of day as HH:MM: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isClock(time: string): boolean {
  return CLOCK.test(time);
}

/** A real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(utc(y, mo, d, 0, 0, 0));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function dateString(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function splitDate(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date as YYYY-MM-DD: ${JSON.stringify(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

// The dispatcher asks for the same instant once per message of a batch: the last answer per zone is kept.
const lastParts = new Map<string, { at: number; parts: LocalDateTime }>();

export function localParts(instant: Date, timeZone: string): LocalDateTime {
  const at = instant.getTime();
  const last = lastParts.get(timeZone);
  if (last?.at === at) return { ...last.parts };
  const parts = computeLocalParts(instant, timeZone);
  if (lastParts.size > 100) lastParts.clear();
  lastParts.set(timeZone, { at, parts });
  return { ...parts };
}

function computeLocalParts(instant: Date, timeZone: string): LocalDateTime {
  const values: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values.year ?? NaN;
  const month = values.month ?? NaN;
  const day = values.day ?? NaN;
  // Some ICU versions still write midnight as 24 despite h23.
  const hour = (values.hour ?? NaN) % 24;
  const weekday = new Date(utc(year, month, day, 0, 0, 0)).getUTCDay();
  return { date: dateString(year, month, day), year, month, day, hour, minute: values.minute ?? NaN, second: values.second ?? NaN, weekday };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = splitDate(date);
  return new Date(utc(y, m, d, 0, 0, 0)).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  const t = new Date(utc(y, m, d, 0, 0, 0) + days * DAY);
  return dateString(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The local wall clock as if it were UTC, to the second. */
function wallOf(instantMs: number, timeZone: string): number {
  const p = localParts(new Date(instantMs), timeZone);
  return utc(p.year, p.month, p.day, p.hour, p.minute, p.second);
}

function offsetAt(instantMs: number, timeZone: string): number {
  return wallOf(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Every instant at which the local clock reads this date and time: one normally, two in the hour repeated
 * when clocks go back, none in the hour skipped when they go forward.
 */
export function localInstants(date: string, time: string, timeZone: string): Date[] {
  const [y, mo, d] = splitDate(date);
  const minutes = parseClock(time);
  const wall = utc(y, mo, d, Math.floor(minutes / 60), minutes % 60, 0);
  // Offsets a day either side bracket any transition near this date.
  const offsets = new Set([offsetAt(wall - DAY, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY, timeZone)]);
  const found = [...offsets].map((o) => wall - o).filter((t) => wallOf(t, timeZone) === wall);
  return [...new Set(found)].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * The instant of a local date and time. A repeated time gives its first occurrence; a skipped time is moved
 * forward by the length of the gap (02:30 on a spring-forward night becomes 03:30), as Temporal's
 * 'compatible' disambiguation does.
 */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [first] = localInstants(date, time, timeZone);
  if (first) return first;
  const [y, mo, d] = splitDate(date);
  const minutes = parseClock(time);
  const wall = utc(y, mo, d, Math.floor(minutes / 60), minutes % 60, 0);
  return new Date(wall - offsetAt(wall - DAY, timeZone));
}

/**
 * The first instant at or after `after` when the local clock reads `time` (HH:MM): today's if it is still
 * ahead, else tomorrow's. Correct across DST changes; a time that a spring-forward night skips is reached
 * when the clock jumps past it (see localToInstant).
 */
export function nextLocalTime(after: Date, time: string, timeZone: string): Date {
  const today = localParts(after, timeZone).date;
  // From yesterday, in case clocks went back across midnight and yesterday's wall time comes round again.
  for (let k = -1; k <= 3; k++) {
    const date = addDays(today, k);
    const instants = localInstants(date, time, timeZone);
    const candidates = instants.length > 0 ? instants : [localToInstant(date, time, timeZone)];
    const next = candidates.find((t) => t.getTime() >= after.getTime());
    if (next) return next;
  }
  // Unreachable for real zones: some day within three has the time.
  throw new Error(`no local ${time} found after ${after.toISOString()} in ${timeZone}`);
}

/** 'YYYY-MM-DD HH:MM' in the zone, for messages people read. */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.date} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Minutes after local midnight, with the seconds as a fraction so 07:59:30 is still before 08:00. */
export function minuteOfDay(p: LocalDateTime): number {
  return p.hour * 60 + p.minute + p.second / 60;
}
