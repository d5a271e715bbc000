// Calendar dates as people type them and as lists hold them: the Western calendar (1990-01-02,
// 1990/1/2, 1990.1.2, 19900102, 1990年1月2日) and the Japanese eras (平成2年1月2日, 平成元年…, H2.1.2,
// H02/01/02), in full-width or half-width characters. Birth dates (landing/birth-date.ts) and consent
// dates (core/consent.ts) are read by this one parser.

interface Era {
  names: readonly string[];
  /** Gregorian year of the era's first year (元年). */
  first: number;
}

const ERAS: readonly Era[] = [
  { names: ['明治', 'M'], first: 1868 },
  { names: ['大正', 'T'], first: 1912 },
  { names: ['昭和', 'S'], first: 1926 },
  { names: ['平成', 'H'], first: 1989 },
  { names: ['令和', 'R'], first: 2019 },
];

const ERA_BY_NAME = new Map(ERAS.flatMap((e) => e.names.map((n) => [n, e] as const)));
const ERA_NAMES = ERAS.flatMap((e) => e.names).join('|');

const WESTERN = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u,
  /^(\d{4})(\d{2})(\d{2})$/u,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/u,
  /^(\d{4}) (\d{1,2}) (\d{1,2})$/u,
];
const JAPANESE_ERA = new RegExp(`^(${ERA_NAMES})(\\d{1,2}|元)(?:年|[-/. ])(\\d{1,2})(?:月|[-/. ])(\\d{1,2})日?$`, 'u');

function tidy(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    // Dashes people type for a hyphen, and spaces around the date's parts.
    .replace(/[‐‑‒–—―−ー]/gu, '-')
    .replace(/\s*([年月日/.-])\s*/gu, '$1')
    .replace(/\s+/gu, ' ')
    // Excel writes "1990/1/2 0:00" for a date cell.
    .replace(/ \d{1,2}:\d{2}(?::\d{2})?$/u, '');
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function real(year: number, month: number, day: number): CalendarDate | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  if (year < 1868 || year > 2200) return undefined;
  return { year, month, day };
}

/** The date a text names, or undefined when it is not a real date (1868–2200) in one of the accepted forms. */
export function parseCalendarDate(raw: string): CalendarDate | undefined {
  const text = tidy(raw);
  for (const form of WESTERN) {
    const m = form.exec(text);
    if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const m = JAPANESE_ERA.exec(text);
  if (!m) return undefined;
  const era = ERA_BY_NAME.get(m[1]!)!;
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (eraYear < 1) return undefined;
  return real(era.first + eraYear - 1, Number(m[3]), Number(m[4]));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** YYYY-MM-DD. */
export const isoDate = (d: CalendarDate): string => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
/** YYYYMMDD. */
export const compactDate = (d: CalendarDate): string => `${pad(d.year, 4)}${pad(d.month, 2)}${pad(d.day, 2)}`;
