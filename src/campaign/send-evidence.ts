// The evidence of a send confirmed (now or for a scheduled time): the content fixed for it, sealed and
// committed (content.fixed: the frozen SMS template, and what a recipient's page shows: its notice,
// identity check, contact, survey, invoice template and the organisation as the page names it), then
// send.confirmed. Everything is read first; the returned writer seals and appends inside the
// transaction that confirms the send (store.campaigns.transition), so the entries exist exactly when
// the send does. Approval and test sends extend `SendEvidenceInput` (issue 12).
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { WithEvidence } from '../store/campaigns.ts';
import { canonicalJson } from '../core/evidence/entry.ts';
import { evidenceActor } from '../core/evidence/actor.ts';

export interface SendEvidenceInput {
  campaignId: number;
  /** The template source as frozen for sending (sent_template). */
  template: string;
  recipients: number;
  /** The audit log's actor (accounts/principal.ts). */
  actor: string;
  scheduledAt: number | null;
  /** A send to the organisation's own test numbers. */
  test?: boolean;
  /** The approval request that allowed this send. */
  approval?: number | null;
}

/** Reads what the send fixes and returns the writer of its entries, for the confirming transaction. */
export async function recordSendEvidence(store: Store, input: SendEvidenceInput): Promise<WithEvidence> {
  const landing = store.evidence.enabled ? await landingContent(store, input.campaignId) : null;
  const who = evidenceActor(input.actor);
  return async (conn) => {
    const [template, page] = await store.evidence.seal(conn, landing === null ? [input.template] : [input.template, landing]);
    await store.evidence.append(conn, [
      { kind: 'content.fixed', campaignId: input.campaignId, messageId: null, data: { template: template!, landing: page ?? null, recipients: input.recipients, ...who } },
      {
        kind: 'send.confirmed',
        campaignId: input.campaignId,
        messageId: null,
        data: { ...who, scheduledAt: input.scheduledAt, test: input.test ?? false, approval: input.approval ?? null },
      },
    ]);
  };
}

/**
 * What a sent campaign's pages show changed (its notice, identity check, survey or invoice template): the
 * content is fixed again, so the ledger says what a person saw from when. A draft's is fixed when it is sent.
 * Written just after the change, in a transaction of its own.
 */
export async function recordContentChange(store: Store, campaignId: number, actor: string): Promise<void> {
  if (!store.evidence.enabled) return;
  const c = await store.campaigns.byId(campaignId);
  if (!c || c.sent_template === null) return;
  const landing = await landingContent(store, campaignId);
  const who = evidenceActor(actor);
  await store.db.kysely.transaction().execute(async (conn) => {
    const [template, page] = await store.evidence.seal(conn, landing === null ? [c.sent_template!] : [c.sent_template!, landing]);
    await store.evidence.append(conn, [{ kind: 'content.fixed', campaignId, messageId: null, data: { template: template!, landing: page ?? null, recipients: c.accepted_count, ...who } }]);
  });
}

/**
 * What a recipient's page shows, as one canonical JSON text (the same settings give the same text, so the
 * same commitment); null when the campaign has no page. Merge fields stay as written: the page merges
 * each person's own values when shown.
 */
export async function landingContent(store: Store, campaignId: number): Promise<string | null> {
  const landing = await store.landing.campaignLanding(campaignId);
  if (!landing) return null;
  const survey = await store.surveys.definition(campaignId);
  const documents = await store.documents.settings(campaignId);
  const org = await store.landing.organisation();
  const json = (text: string | null | undefined): unknown => (text ? JSON.parse(text) : null);
  return canonicalJson({
    v: 1,
    notice: landing.notice,
    noticeEn: landing.notice_en,
    identity: { method: landing.method, column: landing.column_name, digits: landing.digits },
    expiresAt: landing.expires_at,
    contact: json(landing.contact_json),
    survey: json(survey?.json),
    invoice: json(documents?.invoiceJson),
    organisation: org
      ? {
          name: org.name,
          nameEn: org.name_en,
          logo: org.logo_data ? `sha256:${createHash('sha256').update(org.logo_data, 'base64').digest('hex')}` : org.logo_url,
          contactPhone: org.contact_phone,
          contactHours: org.contact_hours,
          contactHoursEn: org.contact_hours_en,
          officialSenders: json(org.official_senders_json),
          legalName: org.legal_name ?? null,
          address: org.address ?? null,
          registrationNumbers: json(org.registration_numbers_json),
        }
      : null,
  });
}
