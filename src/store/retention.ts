// Retention (issue 12, requirement 2 and §Retention), run once a day by the workers' upkeep
// (dispatch/maintenance.ts, through its port):
// - personal data not kept as evidence goes `retention_days` (the organisation's setting; null: kept)
//   after a campaign ends: rejected rows' raw cells, the list's columns that neither the sent text nor the
//   recipient's page uses (core/retention.ts), the identity-check answers once the page no longer asks,
//   and replies that matched no message;
// - TODOKU_EVIDENCE_RETENTION_YEARS (at least 5) after a campaign's last ledger entry, the sealed content
//   its entries commit to goes (unless a campaign still kept commits to the same content), and so do the
//   texts its messages' entries carry (content_enc: each campaign's entries carry their own); the entries
//   themselves stay, since they hold no personal data (the carried text is outside the hashed leaf).
// Nothing else here deletes: the ledger's tables have no delete path at all. Every removal is audited.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';
import { commitmentsIn, fieldsToKeep, keptFields, yearsAfter } from '../core/retention.ts';
import { SET_ASIDE } from './recipients.ts';
import { carriedCommitment } from './evidence/recorder.ts';

export const DAY_MS = 86_400_000;
/** The audit log's actor for what the upkeep removes (「システム」 in the audit log's sentences). */
export const RETENTION_ACTOR = 'system';

export interface PersonalDataPurge {
  campaignId: number;
  rejections: number;
  recipients: number;
  /** Fields removed from at least one row (names only). */
  fields: string[];
  /** The identity-check answers went too (the page no longer asks): no further pass is due. */
  complete: boolean;
}

export interface RetentionSweep {
  campaigns: PersonalDataPurge[];
  inbound: number;
  evidence: { campaignId: number; contents: number }[];
}

const PAGE = 500;

export function retentionStore(db: Kysely<Database>, vault: Vault, now: () => number) {
  async function audit(action: string, target: string | null, details: Record<string, unknown>): Promise<void> {
    await db.insertInto('audit_log').values({ at: now(), actor: RETENTION_ACTOR, action, target, details_json: JSON.stringify(details) }).execute();
  }

  /** Takes the named upkeep's turn when it last ran `everyMs` ago or more (or never): one worker per period. */
  async function takeTurn(name: string, everyMs: number): Promise<boolean> {
    const t = now();
    const r = await db
      .insertInto('upkeep_runs')
      .values({ name, last_run_at: t })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: t }).where('upkeep_runs.last_run_at', '<=', t - everyMs))
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** One finished campaign's personal data not kept as evidence. */
  async function purgeCampaign(campaignId: number): Promise<PersonalDataPurge | null> {
    const t = now();
    const c = await db.selectFrom('campaigns').select(['sent_template', 'columns_json']).where('id', '=', campaignId).executeTakeFirst();
    if (!c) return null;
    const landing = await db.selectFrom('campaign_landing').select(['notice', 'notice_en', 'column_name', 'expires_at']).where('campaign_id', '=', campaignId).executeTakeFirst();
    const documents = await db.selectFrom('document_settings').select(['match_column', 'invoice_json']).where('campaign_id', '=', campaignId).executeTakeFirst();
    const live = landing !== undefined && (landing.expires_at === null || landing.expires_at > t);
    const keep = fieldsToKeep({
      sentTemplate: c.sent_template,
      columns: decodeColumns(c.columns_json),
      page: landing ? { notices: [landing.notice, landing.notice_en ?? ''], identityColumn: landing.column_name, live } : null,
      invoiceJson: documents?.invoice_json ?? null,
      documentColumn: documents?.match_column ?? null,
    });
    const rejections = await db.updateTable('rejections').set({ raw_enc: null }).where('campaign_id', '=', campaignId).where('raw_enc', 'is not', null).executeTakeFirst();
    let recipients = 0;
    const removed = new Set<string>();
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('recipients')
        .select(['id', 'fields_enc'])
        .where('campaign_id', '=', campaignId)
        .where('id', '>', after)
        .where('phone_hash', 'not like', `${SET_ASIDE}%`)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const r of rows) {
          const sealed = JSON.parse(vault.decrypt(r.fields_enc)) as { phone: string; fields: Record<string, string> };
          const fields = keptFields(sealed.fields, keep);
          if (!fields) continue;
          for (const k of Object.keys(sealed.fields)) if (!(k in fields)) removed.add(k);
          await trx.updateTable('recipients').set({ fields_enc: vault.encrypt(JSON.stringify({ phone: sealed.phone, fields })) }).where('id', '=', r.id).execute();
          recipients++;
        }
      });
      after = rows[rows.length - 1]!.id;
      if (rows.length < PAGE) break;
    }
    await db.updateTable('campaigns').set({ personal_data_purged_at: t }).where('id', '=', campaignId).execute();
    const result: PersonalDataPurge = { campaignId, rejections: Number(rejections.numUpdatedRows), recipients, fields: [...removed].sort(), complete: !live || landing === undefined };
    await audit('retention.personal_data', `campaign:${campaignId}`, { rejections: result.rejections, recipients, fields: result.fields, identityAnswersKept: live });
    return result;
  }

  /**
   * Campaigns whose personal data is due: ended (completed, or cancelled) `days` ago and not yet purged;
   * or purged while their page still asked for the identity check, and the page has expired since.
   */
  async function dueCampaigns(days: number): Promise<number[]> {
    const t = now();
    const cutoff = t - days * DAY_MS;
    const first = await db
      .selectFrom('campaigns')
      .select('id')
      .where('personal_data_purged_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'completed'), eb('completed_at', '<=', cutoff)]),
          eb.and([eb('status', '=', 'cancelled'), eb(eb.fn.coalesce('completed_at', 'updated_at'), '<=', cutoff)]),
        ]),
      )
      .orderBy('id')
      .execute();
    const again = await db
      .selectFrom('campaigns as c')
      .innerJoin('campaign_landing as l', 'l.campaign_id', 'c.id')
      .select('c.id')
      .where('c.personal_data_purged_at', 'is not', null)
      .where('l.expires_at', 'is not', null)
      .where((eb) => eb('l.expires_at', '>', eb.ref('c.personal_data_purged_at')))
      .where('l.expires_at', '<=', t)
      .orderBy('c.id')
      .execute();
    return [...new Set([...first, ...again].map((r) => r.id))];
  }

  /** Replies that matched no message, received `days` ago or more: removed with their number and text. */
  async function purgeUnmatchedInbound(days: number): Promise<number> {
    const r = await db
      .deleteFrom('inbound_messages')
      .where('message_id', 'is', null)
      .where('campaign_id', 'is', null)
      .where('received_at', '<=', now() - days * DAY_MS)
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    if (n > 0) await audit('retention.inbound', null, { unmatched: n });
    return n;
  }

  /**
   * Sealed content of campaigns whose last ledger entry is `years` calendar years old: removed unless an
   * entry of a campaign still kept (or of no campaign) commits to the same content; the texts the
   * campaign's own entries carry are cleared (no other campaign reads them). The entries stay.
   */
  async function purgeEvidenceContent(years: number): Promise<{ campaignId: number; contents: number }[]> {
    const t = now();
    const lasts = await db
      .selectFrom('evidence_entries as e')
      .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
      .select(['e.campaign_id', (eb) => eb.fn.max('e.at').as('last')])
      .where('c.evidence_content_purged_at', 'is', null)
      .groupBy('e.campaign_id')
      .execute();
    const expired = lasts.filter((r) => r.campaign_id !== null && yearsAfter(Number(r.last), years) <= t).map((r) => r.campaign_id!);
    if (expired.length === 0) return [];
    const byCampaign = new Map<number, Set<string>>();
    const carriers = new Map<number, { ids: number[]; commitments: Set<string> }>();
    const candidates = new Set<string>();
    for (const id of expired) {
      const mine = new Set<string>();
      const carried = { ids: [] as number[], commitments: new Set<string>() };
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('evidence_entries')
          .select(['id', 'data_json', sql<number | boolean>`content_enc IS NOT NULL`.as('carries')])
          .where('campaign_id', '=', id)
          .where('id', '>', after)
          .orderBy('id')
          .limit(5000)
          .execute();
        for (const r of rows) {
          for (const c of commitmentsIn(r.data_json)) mine.add(c);
          const c = r.carries ? carriedCommitment(JSON.parse(r.data_json)) : null;
          if (c === null) continue;
          carried.ids.push(r.id);
          carried.commitments.add(c);
        }
        if (rows.length < 5000) break;
        after = rows[rows.length - 1]!.id;
      }
      byCampaign.set(id, mine);
      carriers.set(id, carried);
      for (const c of mine) candidates.add(c);
    }
    // Content shared with a campaign still kept (the same text, the same number) stays with it; entries of no
    // campaign (an unmatched reply) keep theirs.
    let after = 0;
    while (candidates.size > 0) {
      const rows = await db
        .selectFrom('evidence_entries')
        .select(['id', 'data_json'])
        .where('id', '>', after)
        .where((eb) =>
          eb.or([
            eb('campaign_id', 'is', null),
            eb.and([
              eb('campaign_id', 'not in', expired),
              // A campaign whose content already went keeps its entries, not the content they commit to.
              eb.not(eb.exists(eb.selectFrom('campaigns as k').select('k.id').whereRef('k.id', '=', 'evidence_entries.campaign_id').where('k.evidence_content_purged_at', 'is not', null))),
            ]),
          ]),
        )
        .orderBy('id')
        .limit(5000)
        .execute();
      for (const r of rows) for (const c of commitmentsIn(r.data_json)) candidates.delete(c);
      if (rows.length < 5000) break;
      after = rows[rows.length - 1]!.id;
    }
    const out: { campaignId: number; contents: number }[] = [];
    for (const id of expired) {
      const gone = [...byCampaign.get(id)!].filter((c) => candidates.has(c));
      const { ids, commitments: removed } = carriers.get(id)!;
      for (let i = 0; i < gone.length; i += 400) {
        const r = await db.deleteFrom('evidence_content').where('commitment', 'in', gone.slice(i, i + 400)).returning('commitment').execute();
        for (const { commitment } of r) removed.add(commitment);
      }
      for (let i = 0; i < ids.length; i += 400) {
        await db.updateTable('evidence_entries').set({ content_enc: null }).where('id', 'in', ids.slice(i, i + 400)).execute();
      }
      const contents = removed.size;
      for (const c of gone) candidates.delete(c);
      await db.updateTable('campaigns').set({ evidence_content_purged_at: t }).where('id', '=', id).execute();
      await audit('retention.evidence_content', `campaign:${id}`, { contents, retentionYears: years });
      out.push({ campaignId: id, contents });
    }
    return out;
  }

  return {
    takeTurn,
    purgeCampaign,
    dueCampaigns,
    purgeUnmatchedInbound,
    purgeEvidenceContent,

    /** The daily sweep: null when another worker (or this one) already ran it in the last day. */
    async sweep(opts: { evidenceYears: number }): Promise<RetentionSweep | null> {
      if (!(await takeTurn('retention', DAY_MS))) return null;
      const org = await db.selectFrom('organisation_settings').select('retention_days').where('id', '=', 1).executeTakeFirst();
      const days = org?.retention_days ?? null;
      const campaigns: PersonalDataPurge[] = [];
      let inbound = 0;
      if (days !== null) {
        for (const id of await dueCampaigns(days)) {
          const done = await purgeCampaign(id);
          if (done) campaigns.push(done);
        }
        inbound = await purgeUnmatchedInbound(days);
      }
      const evidence = await purgeEvidenceContent(opts.evidenceYears);
      return { campaigns, inbound, evidence };
    },
  };
}

export type RetentionStore = ReturnType<typeof retentionStore>;
