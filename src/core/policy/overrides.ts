// What an administrator may change on top of a pack, and the policy that results. Overrides that are left
// out keep the pack's value; closed dates (an office's own closures such as 12/29–1/3) add to holidays.
import type { Bilingual } from '../errors.ts';
import type { ContactCap, PolicyPack, QuietHours } from './packs.ts';
import { isClock, isLocalDate, isValidTimeZone } from './time.ts';

export interface PolicyOverrides {
  /** null turns quiet hours off. */
  quietHours?: QuietHours | null;
  caps?: readonly ContactCap[];
  skipHolidays?: boolean;
  skipWeekends?: boolean;
  /** Local dates 'YYYY-MM-DD' on which nobody is contacted, whatever the holiday calendar says. */
  closedDates?: readonly string[];
  requiresOptOutText?: string | null;
}

export interface EffectivePolicy extends PolicyPack {
  closedDates: ReadonlySet<string>;
}

export function effectivePolicy(pack: PolicyPack, overrides: PolicyOverrides = {}): EffectivePolicy {
  return {
    ...pack,
    quietHours: overrides.quietHours === undefined ? pack.quietHours : overrides.quietHours,
    caps: overrides.caps ?? pack.caps,
    skipHolidays: overrides.skipHolidays ?? pack.skipHolidays,
    skipWeekends: overrides.skipWeekends ?? pack.skipWeekends,
    requiresOptOutText: overrides.requiresOptOutText === undefined ? pack.requiresOptOutText : overrides.requiresOptOutText,
    closedDates: new Set(overrides.closedDates ?? []),
  };
}

const MAX_WINDOW_DAYS = 366;

/** What is wrong with a policy, for the settings screen to show; empty when it can be applied. */
export function policyProblems(policy: EffectivePolicy): Bilingual[] {
  const problems: Bilingual[] = [];
  const q = policy.quietHours;
  if (q && (!isClock(q.start) || !isClock(q.end))) {
    problems.push({
      ja: `連絡しない時間帯は「21:00」のように HH:MM で指定してください（指定値: ${q.start}〜${q.end}）`,
      en: `Quiet hours must be given as HH:MM, like "21:00" (given: ${q.start}–${q.end})`,
    });
  } else if (q && q.start === q.end) {
    problems.push({
      ja: `連絡しない時間帯の開始と終了が同じです（${q.start}）。時間帯を使わない場合はオフにしてください`,
      en: `Quiet hours start and end at the same time (${q.start}); turn them off instead if none are wanted`,
    });
  }
  for (const cap of policy.caps) {
    const countOk = Number.isInteger(cap.count) && cap.count >= 1;
    const windowOk = Number.isInteger(cap.windowDays) && cap.windowDays >= 1 && cap.windowDays <= MAX_WINDOW_DAYS;
    if (!countOk || !windowOk) {
      problems.push({
        ja: `連絡回数の上限は 1 以上の回数と 1〜${MAX_WINDOW_DAYS} の日数で指定してください（指定値: ${cap.windowDays}日に${cap.count}回）`,
        en: `A contact cap needs a count of at least 1 and a window of 1–${MAX_WINDOW_DAYS} days (given: ${cap.count} per ${cap.windowDays} days)`,
      });
    }
  }
  const badDates = [...policy.closedDates].filter((d) => !isLocalDate(d));
  if (badDates.length > 0) {
    problems.push({
      ja: `休業日は「2026-12-29」のように YYYY-MM-DD で指定してください（${badDates.join('、')}）`,
      en: `Closed dates must be written YYYY-MM-DD, like "2026-12-29" (${badDates.join(', ')})`,
    });
  }
  if (!isValidTimeZone(policy.defaultTimeZone)) {
    problems.push({
      ja: `タイムゾーン「${policy.defaultTimeZone}」が分かりません（例: Asia/Tokyo）`,
      en: `Unknown time zone "${policy.defaultTimeZone}" (e.g. Asia/Tokyo)`,
    });
  }
  return problems;
}
