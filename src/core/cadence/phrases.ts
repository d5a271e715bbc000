// When a step goes, in the words an office uses (「期日の3日前 10:00」「期日翌日」「開始から2日後」
// 「未開封なら2日後」) or a short English form ("due-3d 10:00", "start+2d", "previous+2d"), read into the
// structured form; and the structured form written back in words for people (the console, the CLI).
import type { Bilingual } from '../errors.ts';
import type { ReadStepTime, StepCondition, StepTime } from './step-time.ts';

const TIME = /^(.*?)(?:\s*(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分)?|時半))?$/u;

/** Day phrases without a time → the step's time relative to its anchor, and any condition they carry. */
const DAY_PHRASES: readonly { pattern: RegExp; read: (n: number) => ReadStepTime }[] = [
  { pattern: /^期日(?:の)?(\d+)日前$/u, read: (n) => due(-n) },
  { pattern: /^期日(?:の|から)?(\d+)日後$/u, read: (n) => due(n) },
  { pattern: /^期日(?:の)?(?:当日)?$/u, read: () => due(0) },
  { pattern: /^期日(?:の)?翌日$/u, read: () => due(1) },
  { pattern: /^期日(?:の)?前日$/u, read: () => due(-1) },
  { pattern: /^開始(?:時|直後|と同時)?$/u, read: () => plain('start', 0) },
  { pattern: /^開始(?:から|の)?(\d+)日後$/u, read: (n) => plain('start', n) },
  { pattern: /^開始(?:の)?翌日$/u, read: () => plain('start', 1) },
  { pattern: /^(?:前回|前のステップ)(?:から|の)?(\d+)日後$/u, read: (n) => plain('previous', n) },
  { pattern: /^(?:前回|前のステップ)(?:の)?翌日$/u, read: () => plain('previous', 1) },
  { pattern: /^未開封(?:なら|の人に|者に)?(?:前回から)?(\d+)日後$/u, read: (n) => plain('previous', n, 'not_opened') },
  { pattern: /^未認証(?:なら|の人に|者に)?(?:前回から)?(\d+)日後$/u, read: (n) => plain('previous', n, 'not_verified') },
  { pattern: /^未(?:入金|払い|納)(?:なら|の人に|者に)?(?:前回から)?(\d+)日後$/u, read: (n) => plain('previous', n, 'not_paid') },
];

function due(days: number): ReadStepTime {
  return { at: { from: 'due', days }, extraWhen: [] };
}
function plain(from: StepTime['from'], days: number, condition?: StepCondition): ReadStepTime {
  return { at: { from, days }, extraWhen: condition ? [condition] : [] };
}

const ENGLISH = /^(due|start|previous|prev)\s*(?:([+-])\s*(\d+)\s*d(?:ays?)?)?$/u;

function readDay(text: string): ReadStepTime | undefined {
  const english = ENGLISH.exec(text.toLowerCase());
  if (english) {
    const from = english[1] === 'prev' ? 'previous' : (english[1] as StepTime['from']);
    const days = english[3] === undefined ? 0 : Number(english[3]) * (english[2] === '-' ? -1 : 1);
    if (days < 0 && from !== 'due') return undefined;
    return plain(from, days);
  }
  for (const p of DAY_PHRASES) {
    const m = p.pattern.exec(text);
    if (m) return p.read(Number(m[1] ?? 0));
  }
  return undefined;
}

/** The structured time its words name, or undefined when they are not one of the forms above. */
export function parseAtPhrase(raw: string): ReadStepTime | undefined {
  const text = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  const m = TIME.exec(text);
  if (!m) return undefined;
  const day = readDay(m[1]!.trim().replace(/\s+/gu, ''));
  if (!day) return undefined;
  if (m[2] === undefined) return day;
  const hour = Number(m[2]);
  const minute = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Number(m[4]) : text.endsWith('時半') ? 30 : 0;
  if (hour > 23 || minute > 59) return undefined;
  return { ...day, at: { ...day.at, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` } };
}

/** A step's time in words: 「期日の3日前 10:00」 / "3 days before the due date, 10:00". */
export function stepTimeWords(at: StepTime, defaultTime: string): Bilingual {
  const n = Math.abs(at.days);
  const dayEn = (k: number) => `${k} day${k === 1 ? '' : 's'}`;
  let ja: string;
  let en: string;
  if (at.from === 'due') {
    ja = at.days === 0 ? '期日当日' : at.days === 1 ? '期日翌日' : at.days === -1 ? '期日前日' : at.days < 0 ? `期日の${n}日前` : `期日の${n}日後`;
    en = at.days === 0 ? 'on the due date' : at.days < 0 ? `${dayEn(n)} before the due date` : `${dayEn(n)} after the due date`;
    const time = at.time ?? defaultTime;
    return { ja: `${ja} ${time}`, en: `${en}, ${time}` };
  }
  if (at.from === 'start') {
    ja = at.days === 0 ? '開始時' : `開始から${n}日後`;
    en = at.days === 0 ? 'at the start' : `${dayEn(n)} after the start`;
  } else {
    ja = at.days === 0 ? '前回の直後' : `前回から${n}日後`;
    en = at.days === 0 ? 'right after the previous step' : `${dayEn(n)} after the previous step`;
  }
  return at.time ? { ja: `${ja} ${at.time}`, en: `${en}, ${at.time}` } : { ja, en };
}
