// Recipients and rejected rows of a campaign. Phone numbers and row fields are sealed by the vault;
// the blind index of the phone number keeps one recipient per number per campaign. A draft's list can
// be corrected: rows removed or edited, or the whole list set aside while a new one is imported.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database, Rejection } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { RejectReason } from '../core/csv/row.ts';
import type { Consent } from '../core/consent.ts';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { copyRecipients } from './recipients-copy.ts';
import { sealRecipient, type Sealed } from './recipient-seal.ts';

export interface RecipientInput {
  line: number;
  phone: string;
  fields: Record<string, string>;
  /** Prior consent read from the list's consent columns (migration 0017). */
  consent?: Consent | undefined;
  /** `phone` and `fields` already sealed with this store's vault (recipient-seal.ts), where the row was read. */
  sealed?: string | undefined;
  /** The blind index of `phone` (this store's vault), computed where the row was sealed. */
  phoneHash?: string | undefined;
}

export interface RejectionInput {
  line: number;
  reason: RejectReason;
  message: { ja: string; en: string };
  raw?: string | undefined;
}

export interface StoredRecipient {
  id: number;
  line: number;
  phone: string;
  fields: Record<string, string>;
  /** Recorded prior consent; read only where a row is shown or edited (page, inCampaign). */
  consent?: Consent | null;
}


/** A replaced list's rows are set aside under this prefix until the new list is in, then dropped (or restored). */
export const SET_ASIDE = 'replaced:';

/** Changes only rows of a campaign that is still a draft: a list being sent is never corrected under it. */
const whileDraft = (db: Kysely<Database>, campaignId: number) =>
  db.selectFrom('campaigns').select('id').where('id', '=', campaignId).where('status', '=', 'draft');

type NewRecipientRow = {
  campaign_id: number;
  line: number;
  phone_hash: string;
  fields_enc: string;
  created_at: number;
  consent_at: string | null;
  consent_method: Consent['method'] | null;
  consent_note_enc: string | null;
};

/**
 * Rows stored or sealed between two turns of the event loop. SQLite runs on this thread: a batch done in
 * one go (10,000 rows, ~150 ms) would hold up everything else, among it handing the next bytes of the
 * upload to the import's reading thread, one read (64 KB, ~1,100 rows) per turn — which left that thread
 * waiting for input most of the time (a 1,000,000-row import took 23 s, 18 s with reads of 1 MB).
 */
const SLICE = 1_000;

/**
 * SQLite: one prepared INSERT run per row inside one transaction per batch (each commit writes every
 * index page the batch touched: the blind index is random), faster than building a 4,000-row query, in
 * slices with a turn of the event loop between them. Run while holding Kysely's connection, so no other
 * query runs inside the transaction. Returns the positions of the rows not stored (their number was
 * already in the campaign): a row's own `changes` says so, with no query before or after.
 */
function sqliteInserter(sqlite: SqliteDatabase.Database): (rows: readonly NewRecipientRow[]) => Promise<number[]> {
  const insert = sqlite.prepare(
    'INSERT INTO recipients (campaign_id, line, phone_hash, fields_enc, created_at, consent_at, consent_method, consent_note_enc) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, phone_hash) DO NOTHING',
  );
  const begin = sqlite.prepare('BEGIN');
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  return async (rows) => {
    const skipped: number[] = [];
    begin.run();
    try {
      for (let i = 0; i < rows.length; i++) {
        if (i > 0 && i % SLICE === 0) await nextTurn();
        const r = rows[i]!;
        if (insert.run(r.campaign_id, r.line, r.phone_hash, r.fields_enc, r.created_at, r.consent_at, r.consent_method, r.consent_note_enc).changes === 0) skipped.push(i);
      }
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
      throw error;
    }
    return skipped;
  };
}

export function recipientStore(db: Kysely<Database>, vault: Vault, now: () => number, sqlite?: SqliteDatabase.Database, pool?: pg.Pool) {
  // Prepared on first use: the store may be built before the migrations have run.
  let inserter: ((rows: readonly NewRecipientRow[]) => Promise<number[]>) | null = null;
  const insertSqlite = sqlite ? (rows: readonly NewRecipientRow[]) => (inserter ??= sqliteInserter(sqlite))(rows) : null;
  const unseal = (r: { id: number; line: number; fields_enc: string }): StoredRecipient => {
    const { phone, fields } = JSON.parse(vault.decrypt(r.fields_enc)) as Sealed;
    return { id: r.id, line: r.line, phone, fields };
  };
  const withConsent = (r: { id: number; line: number; fields_enc: string; consent_at: string | null; consent_method: Consent['method'] | null; consent_note_enc: string | null }): StoredRecipient => ({
    ...unseal(r),
    consent: r.consent_at && r.consent_method ? { date: r.consent_at, method: r.consent_method, note: r.consent_note_enc === null ? null : vault.decrypt(r.consent_note_enc) } : null,
  });
  const SHOWN = ['id', 'line', 'fields_enc', 'consent_at', 'consent_method', 'consent_note_enc'] as const;
  return {
    /** The vault's key for a reading thread to seal rows as insertBatch would (see Vault.threadKey). */
    sealingKey: (): Buffer | undefined => vault.threadKey?.(),

    /**
     * Stores accepted rows; a number already in the campaign (from an earlier upload) is not stored
     * again. Returns how many were stored and the lines (with their numbers) that were already there,
     * for the caller to report (core/csv/row.ts words them).
     */
    async insertBatch(campaignId: number, rows: readonly RecipientInput[]): Promise<{ inserted: number; duplicates: { line: number; phone: string }[] }> {
      if (rows.length === 0) return { inserted: 0, duplicates: [] };
      const t = now();
      const values: NewRecipientRow[] = [];
      for (let i = 0, sealed = 0; i < rows.length; i++) {
        const r = rows[i]!;
        // Rows the import's reading thread left unsealed are sealed here, in slices (see SLICE).
        if (r.sealed === undefined && ++sealed % SLICE === 0) await nextTurn();
        values.push({
          campaign_id: campaignId,
          line: r.line,
          phone_hash: r.phoneHash ?? vault.blindIndex(r.phone),
          fields_enc: r.sealed ?? sealRecipient(vault, r.phone, r.fields),
          created_at: t,
          consent_at: r.consent?.date ?? null,
          consent_method: r.consent?.method ?? null,
          consent_note_enc: r.consent?.note ? vault.encrypt(r.consent.note) : null,
        });
      }
      if (insertSqlite) {
        // Holding Kysely's connection keeps other queries out while the prepared statement runs.
        const skipped = await db.connection().execute(async () => insertSqlite(values));
        return { inserted: rows.length - skipped.length, duplicates: skipped.map((i) => ({ line: rows[i]!.line, phone: rows[i]!.phone })).sort((a, b) => a.line - b.line) };
      }
      if (pool) {
        const stored = await copyRecipients(pool, campaignId, t, values);
        const duplicates = rows.filter((_, i) => !stored.has(values[i]!.phone_hash)).map((r) => ({ line: r.line, phone: r.phone }));
        return { inserted: stored.size, duplicates: duplicates.sort((a, b) => a.line - b.line) };
      }
      const before = await db.selectFrom('recipients').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
      const inserted = Number(
        (await db.insertInto('recipients').values(values).onConflict((oc) => oc.columns(['campaign_id', 'phone_hash']).doNothing()).executeTakeFirst())
          .numInsertedOrUpdatedRows ?? 0,
      );
      if (inserted === rows.length) return { inserted, duplicates: [] };
      // Some numbers were already in the campaign (an earlier upload): name those lines.
      const existing = await db
        .selectFrom('recipients')
        .select('phone_hash')
        .where('campaign_id', '=', campaignId)
        .where('phone_hash', 'in', values.map((v) => v.phone_hash))
        .where('id', '<=', Number(before?.m ?? 0))
        .execute();
      const old = new Set(existing.map((r) => r.phone_hash));
      const phoneByLine = new Map(rows.map((r) => [r.line, r.phone]));
      const duplicates = values
        .filter((v) => old.has(v.phone_hash))
        .map((v) => ({ line: v.line, phone: phoneByLine.get(v.line) ?? '' }))
        .sort((a, b) => a.line - b.line);
      return { inserted, duplicates };
    },

    /** The highest recipient and rejection ids now: what an import adds comes after. */
    async watermark(): Promise<{ recipient: number; rejection: number }> {
      const r = await db.selectFrom('recipients').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
      const j = await db.selectFrom('rejections').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
      return { recipient: Number(r?.m ?? 0), rejection: Number(j?.m ?? 0) };
    },

    async removeSince(campaignId: number, mark: { recipient: number; rejection: number }): Promise<void> {
      await db.deleteFrom('recipients').where('campaign_id', '=', campaignId).where('id', '>', mark.recipient).execute();
      await db.deleteFrom('rejections').where('campaign_id', '=', campaignId).where('id', '>', mark.rejection).execute();
    },

    async insertRejections(campaignId: number, rows: readonly RejectionInput[]): Promise<void> {
      if (rows.length === 0) return;
      const t = now();
      await db
        .insertInto('rejections')
        .values(
          rows.map((r) => ({
            campaign_id: campaignId,
            line: r.line,
            reason: r.reason,
            message_ja: r.message.ja,
            message_en: r.message.en,
            raw_enc: r.raw === undefined ? null : vault.encrypt(r.raw),
            created_at: t,
          })),
        )
        .execute();
    },

    /** Rejections in line order, page by page (the report streams them). */
    async *rejections(campaignId: number, pageSize = 2000): AsyncGenerator<RejectionInput & { raw?: string }> {
      let after = -1;
      for (;;) {
        const page: Rejection[] = await db
          .selectFrom('rejections')
          .selectAll()
          .where('campaign_id', '=', campaignId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        for (const r of page) {
          yield {
            line: r.line,
            reason: r.reason,
            message: { ja: r.message_ja, en: r.message_en },
            raw: r.raw_enc === null ? undefined : vault.decrypt(r.raw_enc),
          };
        }
        if (page.length < pageSize) return;
        after = page[page.length - 1]!.id;
      }
    },

    /** All recipients of a campaign, decrypted, in batches by id. */
    async *batches(campaignId: number, batchSize = 2000): AsyncGenerator<StoredRecipient[]> {
      let after = -1;
      for (;;) {
        const page = await db
          .selectFrom('recipients')
          .select(['id', 'line', 'fields_enc'])
          .where('campaign_id', '=', campaignId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(batchSize)
          .execute();
        if (page.length === 0) return;
        yield page.map(unseal);
        if (page.length < batchSize) return;
        after = page[page.length - 1]!.id;
      }
    },

    async sample(campaignId: number, limit: number): Promise<StoredRecipient[]> {
      const page = await db
        .selectFrom('recipients')
        .select(['id', 'line', 'fields_enc'])
        .where('campaign_id', '=', campaignId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return page.map(unseal);
    },

    /** One page of a campaign's list in line order, decrypted, and how many rows it holds in all. */
    async page(campaignId: number, offset: number, limit: number): Promise<{ total: number; rows: StoredRecipient[] }> {
      const count = await db.selectFrom('recipients').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
      const rows = await db
        .selectFrom('recipients')
        .select(SHOWN)
        .where('campaign_id', '=', campaignId)
        .orderBy('line')
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { total: Number(count?.n ?? 0), rows: rows.map(withConsent) };
    },

    async inCampaign(campaignId: number, id: number): Promise<StoredRecipient | undefined> {
      const row = await db.selectFrom('recipients').select(SHOWN).where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();
      return row ? withConsent(row) : undefined;
    },

    /** Removes rows of a draft's list; the lines of those it removed (ids not in the campaign are skipped). */
    async remove(campaignId: number, ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const removed = await db
        .deleteFrom('recipients')
        .where('campaign_id', '=', campaignId)
        .where('campaign_id', 'in', whileDraft(db, campaignId))
        .where('id', 'in', ids)
        .returning('line')
        .execute();
      return removed.map((r) => r.line).sort((a, b) => a - b);
    },

    /**
     * Replaces one row's number and fields while the campaign is a draft, sealed as the import seals
     * them. Another row with the same number refuses it: `duplicateOf` names that row's line.
     */
    async edit(campaignId: number, id: number, row: { phone: string; fields: Record<string, string> }): Promise<{ updated: boolean; duplicateOf?: number }> {
      const hash = vault.blindIndex(row.phone);
      const clash = await db
        .selectFrom('recipients')
        .select('line')
        .where('campaign_id', '=', campaignId)
        .where('phone_hash', '=', hash)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (clash) return { updated: false, duplicateOf: clash.line };
      const r = await db
        .updateTable('recipients')
        .set({ phone_hash: hash, fields_enc: sealRecipient(vault, row.phone, row.fields) })
        .where('campaign_id', '=', campaignId)
        .where('campaign_id', 'in', whileDraft(db, campaignId))
        .where('id', '=', id)
        .executeTakeFirst();
      return { updated: Number(r.numUpdatedRows) > 0 };
    },

    /**
     * Sets the present list aside before a replacement is imported: its rows stay (for a failed import
     * to restore) but no longer hold their numbers, so the new file's rows are not refused as duplicates.
     * Rows set aside by an earlier replacement that never finished stay set aside.
     */
    async setAside(campaignId: number): Promise<void> {
      await db
        .updateTable('recipients')
        .set((eb) => ({ phone_hash: eb(eb.val(SET_ASIDE), '||', eb.ref('phone_hash')) }))
        .where('campaign_id', '=', campaignId)
        .where('phone_hash', 'not like', `${SET_ASIDE}%`)
        .execute();
    },

    /** Whether a replacement is under way, or one that never finished (a crash) left the old list set aside. */
    async hasSetAside(campaignId: number): Promise<boolean> {
      const r = await db.selectFrom('recipients').select('id').where('campaign_id', '=', campaignId).where('phone_hash', 'like', `${SET_ASIDE}%`).limit(1).executeTakeFirst();
      return r !== undefined;
    },

    /** The replacement failed: what it stored goes (as removeSince), the list set aside comes back. */
    async restoreSetAside(campaignId: number): Promise<void> {
      await db
        .updateTable('recipients')
        .set((eb) => ({ phone_hash: eb.fn('substr', [eb.ref('phone_hash'), eb.val(SET_ASIDE.length + 1)]) }))
        .where('campaign_id', '=', campaignId)
        .where('phone_hash', 'like', `${SET_ASIDE}%`)
        .execute();
    },

    /** The replacement is in: the list set aside and the rejections from before `mark` are dropped. */
    async dropSetAside(campaignId: number, mark: { rejection: number }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recipients').where('campaign_id', '=', campaignId).where('phone_hash', 'like', `${SET_ASIDE}%`).execute();
        await trx.deleteFrom('rejections').where('campaign_id', '=', campaignId).where('id', '<=', mark.rejection).execute();
      });
    },

    async byIds(ids: readonly number[]): Promise<Map<number, StoredRecipient>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('recipients')
        .select(['id', 'line', 'fields_enc'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, unseal(r)]));
    },
  };
}

export type RecipientStore = ReturnType<typeof recipientStore>;
