// Contact policy packs as data: when a person may be contacted (quiet hours in their local time, holidays,
// weekends) and how often (caps across campaigns), per jurisdiction. An administrator picks a pack and may
// override parts of it; decide.ts applies the result at dispatch time.
import type { Bilingual } from '../errors.ts';

export type PolicyPackId = 'jp_money_lending' | 'us_fdcpa_reg_f' | 'none';

/** Local times 'HH:MM'; start > end means the window spans midnight (21:00 → 08:00 the next morning). */
export interface QuietHours {
  start: string;
  end: string;
}

/** At most `count` contacts per person within any `windowDays` × 24 hours (a rolling window). */
export interface ContactCap {
  count: number;
  windowDays: number;
}

export type HolidayCalendar = 'JP';

export interface PolicyPack {
  id: PolicyPackId;
  name: Bilingual;
  /** No contact inside this local window; null for none. */
  quietHours: QuietHours | null;
  caps: readonly ContactCap[];
  /** Public holidays of holidayCalendar are not contact days. */
  skipHolidays: boolean;
  /** Saturdays and Sundays are not contact days (they are not holidays unless this is set). */
  skipWeekends: boolean;
  holidayCalendar: HolidayCalendar | null;
  /** Every text must carry this opt-out instruction; null when the pack asks for none. */
  requiresOptOutText: string | null;
  /** Time zone assumed when a recipient's own is unknown. */
  defaultTimeZone: string;
}

/**
 * 貸金業法 第21条第1項第1号 and its ordinance: no collection contact between 21:00 and 08:00 in the
 * debtor's local time. Holiday skipping is not required by the law and is left to the administrator.
 */
export const JP_MONEY_LENDING: PolicyPack = {
  id: 'jp_money_lending',
  name: { ja: '貸金業法（取立て行為の規制）', en: 'Japan Money Lending Business Act (collection conduct)' },
  quietHours: { start: '21:00', end: '08:00' },
  caps: [],
  skipHolidays: false,
  skipWeekends: false,
  holidayCalendar: 'JP',
  requiresOptOutText: null,
  defaultTimeZone: 'Asia/Tokyo',
};

/**
 * Reg F's limit on telephone calls: more than 7 attempts within 7 consecutive days is presumed harassment
 * (12 CFR 1006.14(b)(2)). Texts are outside it, so US_FDCPA_REG_F leaves it off; add it through the
 * overrides to apply it across channels. A rolling 7 × 24 hours is never laxer than 7 calendar days.
 */
export const REG_F_SEVEN_IN_SEVEN: ContactCap = { count: 7, windowDays: 7 };

/**
 * FDCPA § 805(a)(1) and Regulation F (12 CFR 1006.6(b)(1)(i)): no contact before 8 a.m. or after 9 p.m.
 * at the consumer's location; an electronic message must say how to opt out (12 CFR 1006.6(e)).
 */
export const US_FDCPA_REG_F: PolicyPack = {
  id: 'us_fdcpa_reg_f',
  name: { ja: '米国 FDCPA / Regulation F', en: 'US FDCPA / Regulation F' },
  quietHours: { start: '21:00', end: '08:00' },
  caps: [],
  skipHolidays: false,
  skipWeekends: false,
  holidayCalendar: null,
  requiresOptOutText: 'Reply STOP to opt out',
  defaultTimeZone: 'America/New_York',
};

/** No restriction: for urgent notices that are not collections. */
export const NONE: PolicyPack = {
  id: 'none',
  name: { ja: '制限なし', en: 'No restriction' },
  quietHours: null,
  caps: [],
  skipHolidays: false,
  skipWeekends: false,
  holidayCalendar: null,
  requiresOptOutText: null,
  defaultTimeZone: 'Asia/Tokyo',
};

export const POLICY_PACKS: Readonly<Record<PolicyPackId, PolicyPack>> = {
  jp_money_lending: JP_MONEY_LENDING,
  us_fdcpa_reg_f: US_FDCPA_REG_F,
  none: NONE,
};

export function isPolicyPackId(id: string): id is PolicyPackId {
  return Object.hasOwn(POLICY_PACKS, id);
}
