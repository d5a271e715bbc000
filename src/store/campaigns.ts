// Campaign rows: create, find, list, change status, record an import's outcome, delete a draft, archive.
import type { Kysely } from 'kysely';
import type { Campaign, CampaignStatus, CampaignUpdate, Database } from './schema.ts';
import { NO_EVIDENCE, type Conn, type EvidenceRecorder } from './evidence/recorder.ts';
import type { MessageState } from '../core/message.ts';
import type { EvidenceKind } from '../core/evidence/entry.ts';
import { NOT_FINAL_STATES, NOT_HANDED_OVER_STATES } from '../core/campaign-status.ts';
import { NO_WEBHOOKS, campaignCompletedData, type WebhookOutbox } from './webhooks.ts';

/**
 * Writes the evidence of a fact with the fact: `then` runs inside the same transaction (store.evidence's
 * append and seal take its connection), so the entry exists exactly when the fact was committed.
 */
export type WithEvidence = (conn: Conn) => Promise<void>;

/** Entries a draft may have and still be deleted: its list taken in and consent recorded, nothing sent, asked or scheduled. */
const LIST_EVIDENCE: EvidenceKind[] = ['list.accepted', 'consent.recorded'];
/** …and its list corrected by hand (operator.action entries of these actions; data_json is canonical JSON). */
const LIST_CORRECTIONS = ['remove_rows', 'edit_row'].map((a) => `%"action":${JSON.stringify(a)}%`);

/** The campaign's ledger entries that keep it from being deleted: anything beyond preparing its list. */
const retainedEvidence = (db: Kysely<Database>, id: number) =>
  db
    .selectFrom('evidence_entries')
    .select('id')
    .where('campaign_id', '=', id)
    .where('kind', 'not in', LIST_EVIDENCE)
    .where((eb) => eb.not(eb.and([eb('kind', '=', 'operator.action'), eb.or(LIST_CORRECTIONS.map((p) => eb('data_json', 'like', p)))])));

/**
 * `webhooks`: a campaign marked completed becomes a campaign.completed event (src/store/webhooks.ts);
 * `evidence`: and a campaign.completed ledger entry with its messages counted by state.
 */
export function campaignStore(db: Kysely<Database>, now: () => number, webhooks: WebhookOutbox = NO_WEBHOOKS, evidence: EvidenceRecorder = NO_EVIDENCE) {
  /** Runs `write` alone, or with `then` in one transaction when there is evidence to write. */
  async function withEvidence<T>(write: (conn: Conn) => Promise<T>, then: WithEvidence | undefined, happened: (result: T) => boolean = () => true): Promise<T> {
    if (!then || !evidence.enabled) return write(db);
    return db.transaction().execute(async (trx) => {
      const result = await write(trx);
      if (happened(result)) await then(trx);
      return result;
    });
  }

  return {
    async create(input: { name: string; template?: string | null; sender?: string | null }): Promise<Campaign> {
      const t = now();
      return db
        .insertInto('campaigns')
        .values({
          name: input.name,
          status: 'draft',
          template: input.template ?? null,
          sent_template: null,
          sender: input.sender ?? null,
          columns_json: null,
          encoding: null,
          created_at: t,
          updated_at: t,
          send_requested_at: null,
          completed_at: null,
          archived_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async byId(id: number): Promise<Campaign | undefined> {
      return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async byName(name: string): Promise<Campaign | undefined> {
      return db.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirst();
    },

    /** Newest first; archived campaigns only when asked for (they are kept for records, not shown). */
    async list(limit = 100, opts: { archived?: boolean } = {}): Promise<Campaign[]> {
      let q = db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').limit(limit);
      if (!opts.archived) q = q.where('archived_at', 'is', null);
      return q.execute();
    },

    /** Deletes a campaign only while it is still a draft (its list and settings go with it); whether it did. */
    async deleteDraft(id: number): Promise<boolean> {
      const r = await db
        .deleteFrom('campaigns')
        .where('id', '=', id)
        .where('status', '=', 'draft')
        // Evidence beyond the list's 受付 and consent (a test send, an approval asked for) keeps the campaign.
        .where(({ not, exists }) => not(exists(retainedEvidence(db, id))))
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Whether the ledger holds entries of the campaign beyond its list's 受付 and consent: then it is kept, never deleted. */
    async hasRetainedEvidence(id: number): Promise<boolean> {
      const r = await retainedEvidence(db, id).limit(1).executeTakeFirst();
      return r !== undefined;
    },

    /** Archives (a time) or brings back (null) a campaign in one of the given states; whether it changed. */
    async setArchived(id: number, from: readonly CampaignStatus[], at: number | null): Promise<boolean> {
      const r = await db
        .updateTable('campaigns')
        .set({ archived_at: at, updated_at: now() })
        .where('id', '=', id)
        .where('status', 'in', from)
        .where('archived_at', at === null ? 'is not' : 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** After a replaced list: the new list's figures instead of added ones; `then`: the list's evidence. */
    async setImportCounts(id: number, accepted: number, rejected: number, then?: WithEvidence): Promise<void> {
      await withEvidence(async (conn) => {
        await conn.updateTable('campaigns').set({ accepted_count: accepted, rejected_count: rejected, updated_at: now() }).where('id', '=', id).execute();
      }, then);
    },

    async update(id: number, patch: CampaignUpdate): Promise<Campaign | undefined> {
      return db
        .updateTable('campaigns')
        .set({ ...patch, updated_at: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    /** Changes status only from one of the given states; returns whether it changed. `then` runs with it when it did. */
    async transition(id: number, from: readonly CampaignStatus[], to: CampaignStatus, patch: CampaignUpdate = {}, then?: WithEvidence): Promise<boolean> {
      return withEvidence(
        async (conn) => {
          const r = await conn
            .updateTable('campaigns')
            .set({ ...patch, status: to, updated_at: now() })
            .where('id', '=', id)
            .where('status', 'in', from)
            .executeTakeFirst();
          return Number(r.numUpdatedRows) > 0;
        },
        then,
        (changed) => changed,
      );
    },

    async addImportCounts(id: number, accepted: number, rejected: number, then?: WithEvidence): Promise<void> {
      await withEvidence(async (conn) => {
        await conn
          .updateTable('campaigns')
          .set((eb) => ({
            accepted_count: eb('accepted_count', '+', accepted),
            rejected_count: eb('rejected_count', '+', rejected),
            updated_at: now(),
          }))
          .where('id', '=', id)
          .execute();
      }, then);
    },

    /** Scheduled campaigns whose time has come start sending. */
    async startDue(): Promise<number> {
      const t = now();
      const r = await db
        .updateTable('campaigns')
        .set({ status: 'sending', updated_at: t })
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', t)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /**
     * Two steps, in this order so a campaign whose messages all ended before a receipt was needed goes
     * through in one sweep: sending campaigns with no message left to hand to a carrier become
     * 「配達待ち」 (awaiting_receipts); awaiting ones whose every message is final become 「完了」, and
     * only then is campaign.completed emitted. Returns the ids completed by this call.
     */
    async completeFinished(): Promise<number[]> {
      const without = (from: CampaignStatus, states: readonly string[]) =>
        db
          .selectFrom('campaigns as c')
          .select('c.id')
          .where('c.status', '=', from)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('messages as m').select('m.id').whereRef('m.campaign_id', '=', 'c.id').where('m.state', 'in', states as MessageState[]))),
          )
          .execute()
          .then((rows) => rows.map((r) => r.id));
      const handedOver = await without('sending', NOT_HANDED_OVER_STATES);
      if (handedOver.length > 0) {
        await db.updateTable('campaigns').set({ status: 'awaiting_receipts', updated_at: now() }).where('id', 'in', handedOver).where('status', '=', 'sending').execute();
      }
      const ids = await without('awaiting_receipts', NOT_FINAL_STATES);
      if (ids.length === 0) return [];
      const t = now();
      // Only the rows this call changed count (another worker may have completed some first); the
      // event is written in the same transaction as the change.
      return db.transaction().execute(async (trx) => {
        const completed = await trx
          .updateTable('campaigns')
          .set({ status: 'completed', completed_at: t, updated_at: t })
          .where('id', 'in', ids)
          .where('status', '=', 'awaiting_receipts')
          .returning(['id', 'name', 'completed_at'])
          .execute();
        if (await webhooks.wants(trx, 'campaign.completed')) await webhooks.emitMany(trx, 'campaign.completed', await campaignCompletedData(trx, completed));
        if (evidence.enabled && completed.length > 0) {
          const rows = await trx
            .selectFrom('messages')
            .select(['campaign_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
            .where('campaign_id', 'in', completed.map((c) => c.id))
            .groupBy(['campaign_id', 'state'])
            .execute();
          await evidence.append(
            trx,
            completed.map((c) => ({
              kind: 'campaign.completed' as const,
              campaignId: c.id,
              messageId: null,
              at: t,
              data: { counts: Object.fromEntries(rows.filter((r) => r.campaign_id === c.id).map((r) => [r.state, Number(r.n)])) },
            })),
          );
        }
        return completed.map((c) => c.id);
      });
    },
  };
}

export type CampaignStore = ReturnType<typeof campaignStore>;
