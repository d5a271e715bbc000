// Dates as banks write them. The 全銀協 files give 和暦 YYMMDD with no era (令和8年12月7日 → 081207); the
// era is the one that puts the date nearest to the day the file is read (a bank file speaks of the last
// days or months, never of thirty years away): 081207 read in 2026 is 令和8 (2026), 280503 is 平成28
// (2016), 310415 平成31 (2019, before 令和 began on 1 May 2019). The portals' CSV also write 2026/12/07,
// 2026-12-07, 20261207, R8.12.7 or 令和8年12月7日. Pure: the reading day is passed in.

/** An era and its first day (the day its year 1 began, for that era only). */
interface Era {
  names: readonly string[];
  /** Gregorian year of the era's year 1. */
  base: number;
  first: string;
  last: string | null;
}

const ERAS: readonly Era[] = [
  { names: ['令和', 'R', 'r'], base: 2018, first: '2019-05-01', last: null },
  { names: ['平成', 'H', 'h'], base: 1988, first: '1989-01-08', last: '2019-04-30' },
  { names: ['昭和', 'S', 's'], base: 1925, first: '1926-12-25', last: '1989-01-07' },
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A real calendar day as YYYY-MM-DD, or null (30 February, month 13 …). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function inEra(era: Era, iso: string): boolean {
  return iso >= era.first && (era.last === null || iso <= era.last);
}

/** The day a date in an era stands for, if the era had that day. */
function eraDay(era: Era, year: number, month: number, day: number): string | null {
  if (year < 1) return null;
  const iso = isoDate(era.base + year, month, day);
  return iso && inEra(era, iso) ? iso : null;
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * 和暦 YYMMDD without its era (the 全銀協 fixed-width files) → YYYY-MM-DD, the era chosen as the one
 * nearest to `today` (YYYY-MM-DD). Null for anything that is not a day of 令和, 平成 or 昭和 (000000 included).
 */
export function warekiYymmdd(text: string, today: string): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const [yy, mm, dd] = [Number(text.slice(0, 2)), Number(text.slice(2, 4)), Number(text.slice(4, 6))];
  const candidates = ERAS.map((era) => eraDay(era, yy, mm, dd)).filter((d): d is string => d !== null);
  if (candidates.length === 0) return null;
  const t = dayNumber(today);
  return candidates.reduce((best, d) => (Math.abs(dayNumber(d) - t) < Math.abs(dayNumber(best) - t) ? d : best));
}

/**
 * A date as a bank portal's CSV writes it: 2026/12/07, 2026-12-07, 2026.12.7, 20261207, 2026年12月7日,
 * 令和8年12月7日, R8.12.7, R08/12/07, or a bare 和暦 081207. Full-width digits are read too. Null when none fits.
 */
export function bankDate(raw: string, today: string): string | null {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  if (text === '') return null;
  let m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(令和|平成|昭和|[RHSrhs])(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(text);
  if (m) {
    const era = ERAS.find((e) => e.names.includes(m![1]!));
    const year = m[2] === '元' ? 1 : Number(m[2]);
    return era ? eraDay(era, year, Number(m[3]), Number(m[4])) : null;
  }
  if (/^\d{6}$/.test(text)) return warekiYymmdd(text, today);
  return null;
}
