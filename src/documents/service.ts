// A recipient's PDF: the uploaded file if there is one, otherwise the invoice generated from the
// campaign's template. An invoice is generated on its first download and stored sealed, so every later
// download (and any dispute) gets exactly the bytes the recipient first received. Every download is
// recorded with its time and message.
import { createHash } from 'node:crypto';
import { TodokuError } from '../core/errors.ts';
import { missingColumns, parseTemplate } from '../core/template.ts';
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { StoredRecipient } from '../store/recipients.ts';
import type { Vault } from '../security/vault.ts';
import { documentSealer } from './seal.ts';
import { campaignColumns, resolveColumn } from './match-column.ts';
import { invoiceTemplateSchema, type InvoiceTemplate } from './invoice/template.ts';
import { invoiceContent, type InvoiceProblem } from './invoice/content.ts';
import { renderInvoice } from './invoice/render.ts';

const CACHE_MS = 2000;

export interface DocumentFile {
  documentId: number;
  source: 'upload' | 'invoice';
  /** Hex SHA-256 of the bytes (as stored when uploaded or first issued). */
  sha256: string;
  fileName: string;
  bytes: Buffer;
}

export interface RecipientRef {
  campaignId: number;
  messageId: number;
  recipientId: number;
}

export type RenderOutcome = { ok: true; bytes: Uint8Array } | { ok: false; problems: InvoiceProblem[] };

export function createDocumentService(deps: { store: Store; vault: Vault; now?: () => number }) {
  const { store, vault } = deps;
  const now = deps.now ?? Date.now;
  const sealer = documentSealer(vault);

  async function organisationName(): Promise<string | null> {
    return (await store.landing.organisation())?.name ?? null;
  }

  // Every verified page view asks whether there is an invoice: templates are kept for a moment. This
  // process forgets one as soon as it changes it; other processes see a change within CACHE_MS.
  const cache = new Map<number, { at: number; template: InvoiceTemplate | null }>();
  async function template(campaignId: number): Promise<InvoiceTemplate | null> {
    const hit = cache.get(campaignId);
    if (hit && now() - hit.at < CACHE_MS) return hit.template;
    const json = (await store.documents.settings(campaignId))?.invoiceJson;
    const t = json ? invoiceTemplateSchema.parse(JSON.parse(json)) : null;
    if (cache.size > 1000) cache.clear();
    cache.set(campaignId, { at: now(), template: t });
    return t;
  }

  /** A row's values by field name and by the CSV header as written, so {{学籍番号}} and {{external_id}} both work. */
  function mergeValues(campaign: Campaign, fields: Readonly<Record<string, string>>): Record<string, string> {
    const values: Record<string, string> = { ...fields };
    for (const col of campaignColumns(campaign)) {
      const v = fields[col.field];
      if (col.header && v !== undefined && !Object.hasOwn(values, col.header)) values[col.header] = v;
    }
    return values;
  }

  async function render(campaign: Campaign, t: InvoiceTemplate, recipient: StoredRecipient): Promise<RenderOutcome> {
    const items = t.items.map((item) => ({ label: item.label, field: resolveColumn(campaign, item.column).field }));
    const result = invoiceContent(t, { fields: mergeValues(campaign, recipient.fields), items, organisationName: await organisationName(), issuedAt: now() });
    if (!result.ok) return result;
    return { ok: true, bytes: await renderInvoice(result.content, { author: result.content.issuer.name }) };
  }

  /** Item columns and merge fields must name columns of the list (once one is imported). */
  function checkTemplate(campaign: Campaign, input: InvoiceTemplate): void {
    for (const item of input.items) resolveColumn(campaign, item.column);
    const columns = campaignColumns(campaign);
    const known = [...columns.flatMap((c) => [c.field, c.header]), 'name', 'amount', 'due_date'];
    for (const source of [input.number, input.greeting, input.paymentInstructions, input.notes]) {
      if (!source) continue;
      const missing = missingColumns(parseTemplate(source), known);
      if (missing.length > 0 && columns.length > 0) {
        throw new TodokuError('TODOKU_E_DOCUMENT_COLUMN', {
          ja: `差込項目 ${missing.map((m) => `{{${m}}}`).join('、')} が宛先リストにありません`,
          en: `merge fields not in the recipient list: ${missing.map((m) => `{{${m}}}`).join(', ')}`,
        });
      }
    }
  }

  /**
   * What every invoice needs whatever the row: an issuer. Refused when the template is saved, so an
   * operator hears it once instead of each recipient meeting a failed PDF.
   */
  async function checkRequired(input: InvoiceTemplate): Promise<void> {
    if (input.issuer.name || (await organisationName())) return;
    throw invoiceError([
      {
        field: 'issuer.name',
        message: {
          ja: '発行者名がありません（テンプレートの issuer.name か、組織設定の名称を設定してください）',
          en: "no issuer name (set issuer.name in the template, or the organisation's name)",
        },
      },
    ]);
  }

  const invoiceError = (problems: InvoiceProblem[]) =>
    new TodokuError(
      'TODOKU_E_INVOICE_FIELDS',
      { ja: `請求書を作れません: ${problems.map((p) => p.message.ja).join('、')}`, en: `cannot generate the invoice: ${problems.map((p) => p.message.en).join('; ')}` },
      problems.map((p) => ({ field: p.field, message: p.message.ja, message_en: p.message.en })),
    );

  return {
    template,

    /** Checks the template against the campaign's columns and merge syntax, then stores it. */
    async saveTemplate(campaign: Campaign, input: InvoiceTemplate): Promise<InvoiceTemplate> {
      checkTemplate(campaign, input);
      await checkRequired(input);
      await store.documents.saveSettings(campaign.id, { invoiceJson: JSON.stringify(input) });
      cache.delete(campaign.id);
      return input;
    },

    async removeTemplate(campaignId: number): Promise<void> {
      await store.documents.saveSettings(campaignId, { invoiceJson: null });
      cache.delete(campaignId);
    },

    /** The invoice a recipient would get, generated now and not stored (the operator's preview). */
    async preview(campaign: Campaign, recipient: StoredRecipient, override?: InvoiceTemplate): Promise<Uint8Array> {
      if (override) checkTemplate(campaign, override);
      const t = override ?? (await template(campaign.id));
      if (!t) throw new TodokuError('TODOKU_E_INVOICE_TEMPLATE', { ja: '請求書のテンプレートが設定されていません', en: 'no invoice template is set for this campaign' });
      const out = await render(campaign, t, recipient);
      if (!out.ok) throw invoiceError(out.problems);
      return out.bytes;
    },

    /** What the page offers: the stored file's kind and size, an invoice still to be issued, or nothing. */
    async offer(campaignId: number, recipientId: number): Promise<{ source: 'upload' | 'invoice'; size: number | null } | null> {
      const stored = await store.documents.shown(recipientId);
      if (stored) return stored;
      return (await template(campaignId)) ? { source: 'invoice', size: null } : null;
    },

    /** The recipient's PDF, issuing the invoice on first use; null when there is none. */
    async fileOf(campaign: Campaign, recipient: StoredRecipient): Promise<DocumentFile | null> {
      let doc = await store.documents.current(recipient.id);
      if (!doc) {
        const t = await template(campaign.id);
        if (!t) return null;
        const out = await render(campaign, t, recipient);
        if (!out.ok) throw invoiceError(out.problems);
        const owner = { campaignId: campaign.id, recipientId: recipient.id };
        doc = await store.documents.issue({
          ...owner,
          source: 'invoice',
          nameEnc: vault.encrypt(`${t.title}.pdf`),
          size: out.bytes.length,
          sha256: createHash('sha256').update(out.bytes).digest('hex'),
          content: sealer.seal(out.bytes, owner),
        });
      }
      const bytes = sealer.open(doc.content, { campaignId: doc.campaignId, recipientId: doc.recipientId });
      return { documentId: doc.id, source: doc.source, sha256: doc.sha256, fileName: vault.decrypt(doc.nameEnc), bytes };
    },

    /** What a verified recipient downloads; the download is recorded (and entered in the evidence ledger). */
    async download(ref: RecipientRef): Promise<DocumentFile | null> {
      const campaign = await store.campaigns.byId(ref.campaignId);
      const recipient = (await store.recipients.byIds([ref.recipientId])).get(ref.recipientId);
      if (!campaign || !recipient) return null;
      const file = await this.fileOf(campaign, recipient);
      if (file) await store.documents.recordDownload({ id: file.documentId, sha256: file.sha256, source: file.source }, ref.campaignId, ref.messageId);
      return file;
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
