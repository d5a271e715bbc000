// /api/v1/campaigns/:c/documents — per-recipient PDFs: upload a ZIP matched by a column, see what is
// stored and who has none, set the invoice template and preview it, fetch one recipient's PDF, list
// the downloads. Every operator action is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import type { Store } from '../../store/index.ts';
import type { Campaign } from '../../store/schema.ts';
import type { DocumentService } from '../../documents/service.ts';
import { uploadDocuments, withoutDocument } from '../../documents/upload.ts';
import { invoiceTemplateSchema } from '../../documents/invoice/template.ts';
import { campaignColumns } from '../../documents/match-column.ts';
import { recordContentChange } from '../../campaign/send-evidence.ts';

export const campaignParam = z.object({ campaign: z.string().min(1).describe('campaign id or name') });

export async function loadCampaign(store: Store, key: string): Promise<Campaign> {
  const c = (/^\d+$/.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
  if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
  return c;
}

const iso = (ms: number) => new Date(ms).toISOString();

const withoutView = z.object({ count: z.number(), list: z.array(z.object({ line: z.number(), key: z.string() })) });

/** Content-Disposition for a name that may be Japanese (RFC 6266 / 5987). */
export function attachment(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function documentRoutes(app: FastifyInstance, ctx: ApiContext, documents: DocumentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const audit = (actor: string, action: string, c: Campaign, details?: Record<string, unknown>) =>
    store.audit.append({ actor, action, target: `campaign:${c.id}`, ...(details ? { details } : {}) });

  // A ZIP arrives as a stream (application/zip here; application/octet-stream is already streamed).
  if (!app.hasContentTypeParser('application/zip')) {
    app.addContentTypeParser(['application/zip', 'application/x-zip-compressed'], (_req, payload, done) => done(null, payload));
  }

  async function recipientAt(c: Campaign, line: number) {
    const id = await store.documents.recipientIdByLine(c.id, line);
    const recipient = id === undefined ? undefined : (await store.recipients.byIds([id])).get(id);
    if (!recipient) throw notFound(`${line}行目の宛先 / the recipient on line ${line}`);
    return recipient;
  }

  r.post(
    '/campaigns/:campaign/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Upload a ZIP of PDFs, one per recipient, named by a column (e.g. 学籍番号 S0001 → S0001.pdf)',
        description: 'Body: the ZIP (application/zip or application/octet-stream), streamed. Files become current only when the whole ZIP was read; earlier files of the same recipients are replaced.',
        params: campaignParam,
        querystring: z.object({ column: z.string().trim().min(1).describe('the CSV column the file names match (header or field)') }),
        response: {
          200: z.object({
            column: z.object({ header: z.string(), field: z.string() }),
            files: z.number(),
            stored: z.number(),
            replaced: z.number(),
            rejected: z.array(z.object({ file: z.string(), reason: z.string(), message: z.string(), message_en: z.string() })),
            recipients: z.number(),
            recipientsWithout: withoutView,
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const report = await uploadDocuments(store, ctx.vault, c, req.query.column, req.body as Readable);
      await audit(req.actor, 'documents.upload', c, { column: report.column.field, stored: report.stored, replaced: report.replaced, rejected: report.rejected.length });
      return report;
    },
  );

  r.get(
    '/campaigns/:campaign/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'What PDFs the campaign has: uploaded, invoices issued, downloads; with ?missing=true who has none',
        params: campaignParam,
        querystring: z.object({ missing: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({
            matchColumn: z.string().nullable(),
            invoiceTemplate: z.boolean(),
            uploaded: z.number(),
            invoicesIssued: z.number(),
            downloads: z.number(),
            downloadedMessages: z.number(),
            recipientsWithout: withoutView.optional(),
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const settings = await store.documents.settings(c.id);
      const counts = await store.documents.counts(c.id);
      // The column files were matched by, if the list (re-imported since, perhaps) still has it.
      const field = settings?.matchColumn ? (campaignColumns(c).find((col) => (col.header || col.field) === settings.matchColumn)?.field ?? null) : null;
      return {
        matchColumn: settings?.matchColumn ?? null,
        invoiceTemplate: !!settings?.invoiceJson,
        uploaded: counts.upload,
        invoicesIssued: counts.invoice,
        downloads: counts.downloads,
        downloadedMessages: counts.downloadedMessages,
        // Recipients without an uploaded or issued file; with an invoice template they still get one on demand.
        ...(req.query.missing === 'true' ? { recipientsWithout: await withoutDocument(store, c.id, field) } : {}),
      };
    },
  );

  r.delete(
    '/campaigns/:campaign/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Remove the uploaded files (source=upload), the issued invoices (source=invoice, regenerated on next download) or both',
        params: campaignParam,
        querystring: z.object({ source: z.enum(['upload', 'invoice']).optional() }),
        response: { 200: z.object({ removed: z.number() }) },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const removed = await store.documents.removeAll(c.id, req.query.source);
      await audit(req.actor, 'documents.remove', c, { source: req.query.source ?? 'all', removed });
      return { removed };
    },
  );

  r.put(
    '/campaigns/:campaign/documents/invoice',
    {
      schema: {
        tags: ['documents'],
        summary: 'Set the template of generated invoices (請求書); free texts may use merge fields',
        params: campaignParam,
        body: invoiceTemplateSchema,
        response: { 200: invoiceTemplateSchema },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const saved = await documents.saveTemplate(c, req.body);
      await recordContentChange(store, c.id, req.actor);
      await audit(req.actor, 'documents.invoice.save', c);
      return saved;
    },
  );

  r.get('/campaigns/:campaign/documents/invoice', { schema: { tags: ['documents'], summary: 'The invoice template', params: campaignParam, response: { 200: invoiceTemplateSchema } } }, async (req) => {
    const c = await loadCampaign(store, req.params.campaign);
    const t = await documents.template(c.id);
    if (!t) throw notFound('請求書テンプレート / invoice template');
    return t;
  });

  r.delete('/campaigns/:campaign/documents/invoice', { schema: { tags: ['documents'], summary: 'Stop generating invoices (issued ones stay)', params: campaignParam, response: { 204: noContent } } }, async (req, reply) => {
    const c = await loadCampaign(store, req.params.campaign);
    await documents.removeTemplate(c.id);
    await recordContentChange(store, c.id, req.actor);
    await audit(req.actor, 'documents.invoice.remove', c);
    return reply.status(204).send(null);
  });

  r.post(
    '/campaigns/:campaign/documents/invoice/preview',
    {
      schema: {
        tags: ['documents'],
        summary: "The invoice of the recipient on a line, as a PDF, from the saved template or the one in the body (nothing is stored)",
        params: campaignParam,
        querystring: z.object({ line: z.coerce.number().int().min(1) }),
        body: invoiceTemplateSchema.nullish(),
      },
    },
    async (req, reply) => {
      const c = await loadCampaign(store, req.params.campaign);
      const recipient = await recipientAt(c, req.query.line);
      const bytes = await documents.preview(c, recipient, req.body ?? undefined);
      return reply.type('application/pdf').header('content-disposition', attachment(`invoice-preview-${req.query.line}.pdf`, true)).send(Buffer.from(bytes));
    },
  );

  r.get(
    '/campaigns/:campaign/documents/line/:line',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['documents'],
        summary: 'The PDF stored for the recipient on a line (uploaded, or the invoice as issued)',
        params: campaignParam.extend({ line: z.coerce.number().int().min(1) }),
      },
    },
    async (req, reply) => {
      const c = await loadCampaign(store, req.params.campaign);
      const recipient = await recipientAt(c, req.params.line);
      const doc = await store.documents.current(recipient.id);
      if (!doc) throw notFound(`${req.params.line}行目のPDF / the PDF of line ${req.params.line}`);
      const file = await documents.fileOf(c, recipient);
      await audit(req.actor, 'documents.view', c, { line: req.params.line });
      return reply.type('application/pdf').header('content-disposition', attachment(file!.fileName)).send(file!.bytes);
    },
  );

  r.get(
    '/campaigns/:campaign/documents/downloads',
    {
      schema: {
        tags: ['documents'],
        summary: 'Every download by a recipient: message and time, page by page (after = last id seen)',
        params: campaignParam,
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ downloads: z.array(z.object({ id: z.number(), messageId: z.number(), documentId: z.number(), at: z.string() })), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const page = await store.documents.downloads(c.id, req.query.after, req.query.limit);
      return { downloads: page.map((d) => ({ ...d, at: iso(d.at) })), next: page.length === req.query.limit ? page[page.length - 1]!.id : null };
    },
  );
}
