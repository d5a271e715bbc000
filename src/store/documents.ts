// Per-recipient PDFs: campaign settings (match column, invoice template), documents staged by an
// upload and activated all at once, issued invoices, and every download.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { DocumentSource } from './schema-recipient-actions.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import { createReadCache } from './read-cache.ts';

/**
 * How long the recipient's page may show a document's kind and size as read: every write here forgets
 * what it changed once committed, so only another process's (a CLI upload) shows this late.
 */
export const SHOWN_DOCUMENT_MS = 1000;
const MAX_SHOWN_DOCUMENTS = 10_000;

export interface DocumentRow {
  id: number;
  campaignId: number;
  recipientId: number;
  source: DocumentSource;
  nameEnc: string;
  size: number;
  sha256: string;
  content: Buffer;
  createdAt: number;
}

export interface NewDocument {
  campaignId: number;
  recipientId: number;
  source: DocumentSource;
  nameEnc: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface DocumentCounts {
  upload: number;
  invoice: number;
  downloads: number;
  /** Messages with at least one download. */
  downloadedMessages: number;
}

function isUniqueViolation(e: unknown): boolean {
  const text = e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}` : '';
  return /SQLITE_CONSTRAINT|23505|unique/i.test(text);
}

/** `evidence`: each download is a document.downloaded ledger entry (the file's SHA-256), in the same transaction. */
export function documentStore(db: Kysely<Database>, now: () => number, evidence: EvidenceRecorder = NO_EVIDENCE) {
  const shown = createReadCache<number, { source: DocumentSource; size: number } | null>(MAX_SHOWN_DOCUMENTS, SHOWN_DOCUMENT_MS, now);
  return {
    async settings(campaignId: number): Promise<{ matchColumn: string | null; invoiceJson: string | null } | undefined> {
      const row = await db.selectFrom('document_settings').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
      return row ? { matchColumn: row.match_column, invoiceJson: row.invoice_json } : undefined;
    },

    async saveSettings(campaignId: number, patch: { matchColumn?: string | null; invoiceJson?: string | null }): Promise<void> {
      const t = now();
      const values = {
        ...(patch.matchColumn !== undefined ? { match_column: patch.matchColumn } : {}),
        ...(patch.invoiceJson !== undefined ? { invoice_json: patch.invoiceJson } : {}),
      };
      await db
        .insertInto('document_settings')
        .values({ campaign_id: campaignId, match_column: null, invoice_json: null, ...values, updated_at: t })
        .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ ...values, updated_at: t }))
        .execute();
    },

    /** A file of an upload in progress: invisible to recipients until the upload is committed. */
    async stage(uploadId: string, d: NewDocument): Promise<void> {
      await db
        .insertInto('documents')
        .values({
          campaign_id: d.campaignId,
          recipient_id: d.recipientId,
          source: d.source,
          active: 0,
          upload_id: uploadId,
          name_enc: d.nameEnc,
          size: d.size,
          sha256: d.sha256,
          content: d.content,
          created_at: now(),
        })
        .execute();
    },

    /** Makes an upload's files current, replacing what those recipients had; returns how many replaced. */
    async commitUpload(campaignId: number, uploadId: string): Promise<number> {
      const replaced = await db.transaction().execute(async (trx) => {
        const replaced = await trx
          .deleteFrom('documents')
          .where('campaign_id', '=', campaignId)
          .where('active', '=', 1)
          .where('recipient_id', 'in', (eb) => eb.selectFrom('documents').select('recipient_id').where('upload_id', '=', uploadId))
          .executeTakeFirst();
        await trx.updateTable('documents').set({ active: 1 }).where('upload_id', '=', uploadId).execute();
        return Number(replaced.numDeletedRows);
      });
      // The upload's recipients are not at hand: every page reads its document again.
      shown.forgetAll();
      return replaced;
    },

    async discardUpload(uploadId: string): Promise<void> {
      await db.deleteFrom('documents').where('upload_id', '=', uploadId).where('active', '=', 0).execute();
    },

    /**
     * Stores an issued invoice as the recipient's document unless one appeared meanwhile (two taps at
     * once): whichever was stored first is the one every download gets.
     */
    async issue(d: NewDocument): Promise<DocumentRow> {
      try {
        await db
          .insertInto('documents')
          .values({
            campaign_id: d.campaignId,
            recipient_id: d.recipientId,
            source: d.source,
            active: 1,
            upload_id: null,
            name_enc: d.nameEnc,
            size: d.size,
            sha256: d.sha256,
            content: d.content,
            created_at: now(),
          })
          .execute();
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      shown.forget(d.recipientId);
      const stored = await this.current(d.recipientId);
      if (!stored) throw new Error('issued document vanished');
      return stored;
    },

    async current(recipientId: number): Promise<DocumentRow | undefined> {
      const r = await db.selectFrom('documents').selectAll().where('recipient_id', '=', recipientId).where('active', '=', 1).executeTakeFirst();
      return r
        ? {
            id: r.id,
            campaignId: r.campaign_id,
            recipientId: r.recipient_id,
            source: r.source,
            nameEnc: r.name_enc,
            size: r.size,
            sha256: r.sha256,
            content: Buffer.from(r.content),
            createdAt: r.created_at,
          }
        : undefined;
    },

    /** The current document's kind and size, without reading the file (what the page shows). */
    async summary(recipientId: number): Promise<{ source: DocumentSource; size: number } | undefined> {
      return db.selectFrom('documents').select(['source', 'size']).where('recipient_id', '=', recipientId).where('active', '=', 1).executeTakeFirst();
    },

    /** The same as summary, read within SHOWN_DOCUMENT_MS (what every verified page view asks). */
    async shown(recipientId: number): Promise<{ source: DocumentSource; size: number } | undefined> {
      return (await shown.get(recipientId, async () => (await this.summary(recipientId)) ?? null)) ?? undefined;
    },

    /** Which of these recipients have a current document (without reading the files). */
    async recipientsWithDocument(recipientIds: readonly number[]): Promise<Set<number>> {
      if (recipientIds.length === 0) return new Set();
      const rows = await db.selectFrom('documents').select('recipient_id').where('recipient_id', 'in', recipientIds).where('active', '=', 1).execute();
      return new Set(rows.map((r) => r.recipient_id));
    },

    async removeAll(campaignId: number, source?: DocumentSource): Promise<number> {
      let q = db.deleteFrom('documents').where('campaign_id', '=', campaignId).where('active', '=', 1);
      if (source) q = q.where('source', '=', source);
      const removed = Number((await q.executeTakeFirst()).numDeletedRows);
      shown.forgetAll();
      return removed;
    },

    /** The recipient on a line of the campaign's list (the operator's way of naming one). */
    async recipientIdByLine(campaignId: number, line: number): Promise<number | undefined> {
      const r = await db.selectFrom('recipients').select('id').where('campaign_id', '=', campaignId).where('line', '=', line).executeTakeFirst();
      return r?.id;
    },

    async downloads(campaignId: number, after: number, limit: number): Promise<{ id: number; messageId: number; documentId: number; at: number }[]> {
      const rows = await db
        .selectFrom('document_downloads')
        .select(['id', 'message_id', 'document_id', 'at'])
        .where('campaign_id', '=', campaignId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, messageId: r.message_id, documentId: r.document_id, at: r.at }));
    },

    async recordDownload(doc: { id: number; sha256: string; source: DocumentSource }, campaignId: number, messageId: number): Promise<void> {
      const t = now();
      const row = { document_id: doc.id, campaign_id: campaignId, message_id: messageId, at: t };
      if (!evidence.enabled) {
        await db.insertInto('document_downloads').values(row).execute();
        return;
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('document_downloads').values(row).execute();
        await evidence.append(trx, [{ kind: 'document.downloaded', campaignId, messageId, at: t, data: { sha256: doc.sha256, kind: doc.source } }]);
      });
    },

    async downloadsOf(messageId: number): Promise<{ at: number; documentId: number }[]> {
      const rows = await db.selectFrom('document_downloads').select(['at', 'document_id']).where('message_id', '=', messageId).orderBy('id').execute();
      return rows.map((r) => ({ at: r.at, documentId: r.document_id }));
    },

    async counts(campaignId: number): Promise<DocumentCounts> {
      const bySource = await db
        .selectFrom('documents')
        .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', campaignId)
        .where('active', '=', 1)
        .groupBy('source')
        .execute();
      const dl = await db
        .selectFrom('document_downloads')
        .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('message_id').distinct().as('m')])
        .where('campaign_id', '=', campaignId)
        .executeTakeFirst();
      const of = (s: DocumentSource) => Number(bySource.find((r) => r.source === s)?.n ?? 0);
      return { upload: of('upload'), invoice: of('invoice'), downloads: Number(dl?.n ?? 0), downloadedMessages: Number(dl?.m ?? 0) };
    },
  };
}

export type DocumentStore = ReturnType<typeof documentStore>;
