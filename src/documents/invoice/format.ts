// Amounts and dates as a Japanese invoice writes them, through the template filters the SMS uses, so a
// value reads the same in the SMS, on the page and on paper.
import { parseTemplate, renderTemplate } from '../../core/template.ts';

const YEN = parseTemplate('{{v|yen}}');
const DATE = parseTemplate('{{v|date}}');
const WEEKDAYS = '日月火水木金土';

/** '12,345' → { text: '¥12,345', value: 12345 }; not an amount in whole yen → undefined. */
export function yen(raw: string | undefined): { text: string; value: number } | undefined {
  const out = renderTemplate(YEN, { v: raw });
  if (!out.ok) return undefined;
  const value = Number(out.text.replace(/[¥,]/g, ''));
  return Number.isSafeInteger(value) ? { text: out.text, value } : undefined;
}

/** '2026-12-01' → '2026年12月1日（火）' */
export function japaneseDate(raw: string | undefined): string | undefined {
  const out = renderTemplate(DATE, { v: raw });
  if (!out.ok) return undefined;
  const m = /^(\d+)年(\d+)月(\d+)日$/.exec(out.text);
  if (!m) return out.text;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
  return `${out.text}（${weekday}）`;
}

/** A moment as a date in Japan: '2026年11月23日'. */
export function japaneseDay(ms: number, timeZone = 'Asia/Tokyo'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日`;
}
