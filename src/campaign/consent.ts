// Recording a recipient's prior consent to notices by SMS (issue 12, requirement 8) on a draft's list:
// from the API and the console one row at a time (the date checked as the import checks it, a withdrawal
// recorded as such), and from an import for every row whose consent columns it read. Each recording is a
// `consent.recorded` ledger entry (store/consent.ts) and an audit line that names the row and the method,
// never the office's note.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { StoredRecipient } from '../store/recipients.ts';
import { checkConsent, MAX_CONSENT_NOTE, type Consent, type ConsentMethod } from '../core/consent.ts';
import { TodokuError } from '../core/errors.ts';
import { localParts } from '../core/policy/time.ts';
import { evidenceActor } from '../core/evidence/actor.ts';
import { auditCampaign } from './audit.ts';
import { notDraft } from './correct-list.ts';

/** The office's day, as consent dates are written (YYYY-MM-DD, Japan's calendar day). */
export function officeToday(now: number): string {
  return localParts(new Date(now), 'Asia/Tokyo').date;
}

export interface ConsentInput {
  /** As people write it: 2024-04-01, 2024/4/1, 令和6年4月1日 … */
  date: string;
  method: ConsentMethod;
  note?: string | null | undefined;
}

/** Checks an API's consent as the import checks a row's cells: a real date, not after today. */
export function parseConsentInput(input: ConsentInput, today: string): Consent {
  const checked = checkConsent(input.date, input.method, today);
  if (!checked.ok) throw new TodokuError('TODOKU_E_CONSENT_INVALID', checked.message, { field: 'date' });
  const note = input.note?.normalize('NFKC').trim() ?? '';
  // The method is the one chosen, not one read from the words (checkConsent reads a list's free cell).
  return { date: checked.consent!.date, method: input.method, note: note === '' ? null : note.slice(0, MAX_CONSENT_NOTE) };
}

/** Records (or with null, withdraws) one row's consent while the campaign is a draft. */
export async function recordConsent(
  store: Store,
  actor: string,
  c: Campaign,
  recipientId: number,
  input: ConsentInput | null,
  now: number,
): Promise<StoredRecipient> {
  if (c.status !== 'draft') throw notDraft(c, { ja: '同意を記録', en: 'consent can be recorded' });
  const row = await store.recipients.inCampaign(c.id, recipientId);
  if (!row) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `この宛先（ID ${recipientId}）はキャンペーンにありません`, en: `recipient ${recipientId} is not in this campaign` });
  const today = officeToday(now);
  const consent = input === null ? null : parseConsentInput(input, today);
  if (!(await store.consent.record(c.id, recipientId, consent, evidenceActor(actor), today))) {
    throw notDraft((await store.campaigns.byId(c.id)) ?? c, { ja: '同意を記録', en: 'consent can be recorded' });
  }
  await auditCampaign(store, actor, consent ? 'campaign.recipients.consent' : 'campaign.recipients.consent.withdraw', c, {
    recipient: recipientId,
    line: row.line,
    ...(consent ? { method: consent.method, date: consent.date } : { withdrawnOn: today }),
  });
  return { ...row, consent };
}

/** After an import is in: the ledger entries for the rows it stored with consent (ids after `afterId`). */
export async function recordImportedConsent(store: Store, actor: string | undefined, c: Pick<Campaign, 'id'>, afterId: number): Promise<number> {
  return store.consent.recordImported(c.id, afterId, evidenceActor(actor));
}
