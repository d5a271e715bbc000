// A campaign marked as a formal notice (債権譲渡通知 / 正式な通知) goes only to people who consented
// beforehand to receive notices by SMS (issue 12, requirement 8). formalNoticeCheck is the one check
// that sending, scheduling, the send preview and approval requests all call: null when the campaign may
// go, else TODOKU_E_CONSENT_MISSING naming the rows (lines, at most 20, and how many in all).
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { NOTICE_FORMALITY_LABELS } from '../core/labels.ts';

/** How many lines the refusal names; the count says how many there are in all. */
export const MISSING_CONSENT_LINES = 20;

export interface ConsentMissingDetails {
  formality: NonNullable<Campaign['notice_formality']>;
  count: number;
  lines: number[];
}

export async function formalNoticeCheck(store: Pick<Store, 'consent'>, campaign: Pick<Campaign, 'id' | 'notice_formality'>): Promise<TodokuError | null> {
  const formality = campaign.notice_formality;
  if (formality === null) return null;
  const missing = await store.consent.missing(campaign.id, MISSING_CONSENT_LINES);
  if (missing.count === 0) return null;
  const kind = NOTICE_FORMALITY_LABELS[formality];
  const more = missing.count > missing.lines.length;
  const linesJa = `${missing.lines.join('、')}行目${more ? ` ほか（全${missing.count}件）` : ''}`;
  const linesEn = `line${missing.lines.length === 1 ? '' : 's'} ${missing.lines.join(', ')}${more ? ` and more (${missing.count} in all)` : ''}`;
  const details: ConsentMissingDetails = { formality, count: missing.count, lines: missing.lines };
  return new TodokuError(
    'TODOKU_E_CONSENT_MISSING',
    {
      ja: `「${kind.ja}」として送るには、すべての宛先にSMSで通知を受け取ることへの事前の同意（同意日と同意方法）の記録が必要です。同意が記録されていない宛先が${missing.count}件あります: ${linesJa}。宛先リストで同意を記録するか、その行を除いてください。何も送信していません`,
      en: `a ${kind.en.toLowerCase()} is sent only to recipients whose prior consent to notices by SMS (date and method) is recorded; ${missing.count} recipient${missing.count === 1 ? ' has' : 's have'} none: ${linesEn}. Record their consent in the list or remove those rows. Nothing was sent`,
    },
    details,
  );
}
