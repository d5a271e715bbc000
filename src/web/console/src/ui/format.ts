// Numbers, money and times as people in the office read them (ja-JP by default, en-GB in English).
import type { Lang } from '../i18n/index.tsx';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'ja-JP');

export const num = (n: number, lang: Lang) => n.toLocaleString(locale(lang));

export const yen = (n: number, lang: Lang) => `¥${Math.round(n).toLocaleString(locale(lang))}`;

export function dateTime(iso: string | null | undefined, lang: Lang, opts: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  // English as it is written in English ("7 Dec 2026, 11:09"), not "07/12/2026", which reads as July in the US.
  return new Intl.DateTimeFormat(locale(lang), {
    year: 'numeric',
    month: lang === 'en' ? 'short' : '2-digit',
    day: lang === 'en' ? 'numeric' : '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(opts.seconds ? { second: '2-digit' } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

export function time(iso: string | number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const p = (part / whole) * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** "2026-12-01T09:00" in Tokyo time for <input type="datetime-local"> → ISO with +09:00. */
export function tokyoLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+09:00`;
}

/** Now in Tokyo as the value of a datetime-local input, rounded up to the next 5 minutes. */
export function tokyoLocalNow(plusMinutes = 0): string {
  const d = new Date(Date.now() + plusMinutes * 60_000);
  d.setUTCMinutes(Math.ceil(d.getUTCMinutes() / 5) * 5, 0, 0);
  const t = new Date(d.getTime() + 9 * 3_600_000);
  return t.toISOString().slice(0, 16);
}

/** +819012345678 → 090-1234-5678 (also masked ones: +8190****5678 → 090-****-5678); others as given. */
export function phone(e164: string | null | undefined): string {
  if (!e164) return '—';
  const m = /^\+81([0-9*]{10})$/.exec(e164);
  if (!m) return e164;
  const n = `0${m[1]}`;
  return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
}
