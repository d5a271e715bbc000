// Why a message waits and when it will go, in words: 「21:00〜8:00は送信しません。12月8日 8:00に送信します」.
// The dispatcher stores a deferral as a code (POLICY_QUIET_HOURS, POLICY_HOLIDAY, POLICY_FREQUENCY_CAP)
// and the time it may go (next_attempt_at); everything a person reads is rendered here from those, the
// campaign's policy pack and its time zone, so no raw code reaches the CLI, the console or an export.
// Bundled by the console: only the policy packs (data) are imported.
import type { Bilingual } from './errors.ts';
import { POLICY_PACKS, isPolicyPackId } from './policy/packs.ts';

export const WAIT_CODES = ['POLICY_QUIET_HOURS', 'POLICY_HOLIDAY', 'POLICY_FREQUENCY_CAP'] as const;
export type WaitCode = (typeof WAIT_CODES)[number];

export function isWaitCode(code: string | null | undefined): code is WaitCode {
  return (WAIT_CODES as readonly (string | null | undefined)[]).includes(code);
}

/** What the words need of the campaign: its time zone and policy pack (as the API shows them). */
export interface WaitingCampaign {
  timeZone: string;
  policyPack: string | null;
}

/** '08:00' → '8:00', as people write a time of day. */
const clock = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

/** 「12月8日 8:00」 / "8 December 8:00" in the campaign's zone; the zone named when it is not Japan's. */
export function sendTime(at: number, timeZone: string): Bilingual {
  const parts = (locale: string, opts: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(new Intl.DateTimeFormat(locale, { timeZone, hourCycle: 'h23', ...opts }).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const p = parts('en-GB', { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const month = parts('en-GB', { month: 'long' }).month;
  const time = `${Number(p.hour)}:${p.minute}`;
  const zone = timeZone === 'Asia/Tokyo' ? '' : ` (${timeZone})`;
  return { ja: `${Number(p.month)}月${Number(p.day)}日 ${time}${zone}`, en: `${Number(p.day)} ${month} ${time}${zone}` };
}

/** The sentence for a message the contact policy holds back until `until`. */
export function waitingWords(code: WaitCode, until: number, c: WaitingCampaign): Bilingual {
  const when = sendTime(until, c.timeZone);
  switch (code) {
    case 'POLICY_QUIET_HOURS': {
      const pack = c.policyPack && isPolicyPackId(c.policyPack) ? POLICY_PACKS[c.policyPack] : null;
      const q = pack?.quietHours;
      return q
        ? { ja: `${clock(q.start)}〜${clock(q.end)}は送信しません。${when.ja}に送信します`, en: `No messages are sent from ${clock(q.start)} to ${clock(q.end)}. It will go on ${when.en}.` }
        : { ja: `連絡しない時間帯のため送信しません。${when.ja}に送信します`, en: `No messages are sent in the quiet hours. It will go on ${when.en}.` };
    }
    case 'POLICY_HOLIDAY':
      return { ja: `祝日・休業日は送信しません。${when.ja}に送信します`, en: `No messages are sent on holidays and closed days. It will go on ${when.en}.` };
    case 'POLICY_FREQUENCY_CAP':
      return { ja: `この方への連絡回数が上限に達しています。${when.ja}に送信します`, en: `This person has been contacted as often as allowed. It will go on ${when.en}.` };
  }
}

/** A message's words when it waits for the policy; null when it does not (or waits for another reason). */
export function waitingOf(m: { state: string; errorCode: string | null; nextAttemptAt: number | string | null }, c: WaitingCampaign): Bilingual | null {
  if (m.state !== 'queued' || !isWaitCode(m.errorCode) || m.nextAttemptAt === null) return null;
  const until = typeof m.nextAttemptAt === 'number' ? m.nextAttemptAt : Date.parse(m.nextAttemptAt);
  return Number.isFinite(until) ? waitingWords(m.errorCode, until, c) : null;
}
