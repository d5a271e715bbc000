// Correcting a draft's list before it is sent: reading it page by page, removing rows, and editing one
// row's fields, re-checked as the import checks them (number normalised to E.164 and a mobile, not on
// the suppression list, not already in the campaign). Each change leaves an audit line that names the
// lines and fields touched, never their values, and an evidence entry (operator.action) saying how many
// rows changed. Replacing the whole list is an import with `replace` (import-recipients.ts).
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { StoredRecipient } from '../store/recipients.ts';
import { TodokuError } from '../core/errors.ts';
import { normalizePhone } from '../core/phone.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';
import { CONSENT_FIELDS } from '../core/consent.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { auditCampaign } from './audit.ts';
import { evidenceActor } from '../core/evidence/actor.ts';
import type { AnyEvidenceInput } from '../core/evidence/entry.ts';

/** A draft's list corrected by hand, as evidence: who, what, how many rows (never which values). */
const listChanged = (c: Pick<Campaign, 'id'>, action: 'remove_rows' | 'edit_row', actor: string, count: number): AnyEvidenceInput => ({
  kind: 'operator.action',
  campaignId: c.id,
  messageId: null,
  data: { action, ...evidenceActor(actor), count },
});

/** Refused in words once the campaign is no longer a draft: what it is now, and what can still be done. */
export function notDraft(c: Campaign, what: { ja: string; en: string }): TodokuError {
  const status = CAMPAIGN_STATUS_LABELS[c.status];
  return new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
    ja: `キャンペーン「${c.name}」は「${status.ja}」のため、${what.ja}できません（宛先の修正は下書きの間だけです）`,
    en: `campaign "${c.name}" is ${status.en.toLowerCase()}: ${what.en} only while it is a draft`,
  });
}

const recipientNotFound = (id: number) =>
  new TodokuError('TODOKU_E_NOT_FOUND', { ja: `この宛先（ID ${id}）はキャンペーンにありません`, en: `recipient ${id} is not in this campaign` });

export async function listRecipients(store: Store, c: Campaign, page: { offset: number; limit: number }): Promise<{ total: number; rows: StoredRecipient[] }> {
  return store.recipients.page(c.id, page.offset, page.limit);
}

/** Removes rows of a draft's list; the lines removed. Ids not in the campaign are refused, nothing removed. */
export async function removeRecipients(store: Store, actor: string, c: Campaign, ids: readonly number[]): Promise<{ removed: number; lines: number[] }> {
  if (c.status !== 'draft') throw notDraft(c, { ja: '宛先を削除', en: 'rows can be removed' });
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => store.recipients.inCampaign(c.id, id)));
  const missing = unique.filter((_, i) => !found[i]);
  if (missing.length > 0) throw recipientNotFound(missing[0]!);
  const lines = await store.recipients.remove(c.id, unique);
  // Nothing removed although every row was there: the campaign left draft in between.
  if (lines.length === 0 && unique.length > 0) throw notDraft((await store.campaigns.byId(c.id)) ?? c, { ja: '宛先を削除', en: 'rows can be removed' });
  await store.campaigns.addImportCounts(c.id, -lines.length, 0, (conn) => store.evidence.append(conn, [listChanged(c, 'remove_rows', actor, lines.length)]));
  await auditCampaign(store, actor, 'campaign.recipients.remove', c, { removed: lines.length, lines });
  return { removed: lines.length, lines };
}

/**
 * Changes some fields of one row (by field name, as the list's columns name them). The number is
 * normalised and must be a mobile that has not opted out and is not another row's; other fields are
 * trimmed. Fields the list has no column for are refused.
 */
export async function editRecipient(store: Store, actor: string, c: Campaign, id: number, changes: Record<string, string>): Promise<StoredRecipient> {
  if (c.status !== 'draft') throw notDraft(c, { ja: '宛先を修正', en: 'rows can be edited' });
  const row = await store.recipients.inCampaign(c.id, id);
  if (!row) throw recipientNotFound(id);
  const columns = decodeColumns(c.columns_json);
  const consentFields = Object.keys(changes).filter((f) => (CONSENT_FIELDS as readonly string[]).includes(f));
  if (consentFields.length > 0) {
    // Consent is not a field: it is recorded (and entered in the ledger) on its own.
    const path = `PUT /api/v1/campaigns/${c.id}/recipients/${id}/consent`;
    throw new TodokuError('TODOKU_E_VALIDATION', { ja: `同意（${consentFields.join('、')}）は ${path} で記録してください`, en: `record consent (${consentFields.join(', ')}) with ${path}` }, { fix: path });
  }
  const known = new Set([...columns.map((col) => col.field), ...Object.keys(row.fields)]);
  const unknown = Object.keys(changes).filter((f) => !known.has(f));
  if (unknown.length > 0) {
    const existing = columns.map((col) => col.header).join('、');
    throw new TodokuError('TODOKU_E_VALIDATION', {
      ja: `この宛先リストにない項目です: ${unknown.join('、')}（ある列: ${existing}）`,
      en: `the list has no such column: ${unknown.join(', ')} (its columns: ${columns.map((col) => col.header).join(', ')})`,
    });
  }
  const fields = { ...row.fields };
  for (const [field, value] of Object.entries(changes)) fields[field] = value.trim();
  let phone = row.phone;
  if (changes.phone !== undefined) {
    const checked = normalizePhone(changes.phone);
    if (!checked.ok) throw new TodokuError('TODOKU_E_PHONE_INVALID', checked.message, { field: 'phone', line: row.line });
    if ((await store.suppressions.matcher())(checked.e164)) {
      throw new TodokuError('TODOKU_E_SUPPRESSED', { ja: '配信停止（オプトアウト）済みの電話番号です', en: 'this number has opted out (it is on the suppression list)' }, { line: row.line });
    }
    phone = checked.e164;
  }
  const result = await store.recipients.edit(c.id, id, { phone, fields });
  if (result.duplicateOf !== undefined) {
    throw new TodokuError(
      'TODOKU_E_CONFLICT',
      { ja: `${result.duplicateOf}行目と同じ電話番号です（1つのキャンペーンに同じ番号は1件だけです）`, en: `same phone number as line ${result.duplicateOf} (a campaign holds each number once)` },
      { line: row.line, duplicateOf: result.duplicateOf },
    );
  }
  if (!result.updated) throw notDraft((await store.campaigns.byId(c.id)) ?? c, { ja: '宛先を修正', en: 'rows can be edited' });
  await store.evidence.append(store.db.kysely, [listChanged(c, 'edit_row', actor, 1)]);
  await auditCampaign(store, actor, 'campaign.recipients.edit', c, { recipient: id, line: row.line, fields: Object.keys(changes) });
  return { ...row, phone, fields };
}
