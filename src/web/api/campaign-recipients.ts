// /api/v1/campaigns/:c/recipients: importing a CSV body (streamed) or replacing the list with one, reading,
// correcting and removing a draft's rows, and the rejected rows as a CSV report.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref, encodingQuery } from './campaign-access.ts';
import { importRecipients } from '../../campaign/import-recipients.ts';
import { writeRejectionReport } from '../../import/report.ts';
import { REJECT_REASONS } from '../../core/csv/row.ts';
import { csvBody, mappingOverrides } from './csv-preview.ts';
import { editRecipient, listRecipients, removeRecipients } from '../../campaign/correct-list.ts';
import type { StoredRecipient } from '../../store/recipients.ts';
import { consentView } from './consent-views.ts';
import { officeToday } from '../../campaign/consent.ts';

export const recipientRef = ref.extend({ recipient: z.coerce.number().int().positive().describe('recipient id') });

export const recipientRow = z
  .object({
    id: z.number(),
    line: z.number().describe('line in the imported file'),
    phone: z.string().describe('E.164'),
    fields: z.record(z.string(), z.string()),
    consent: consentView.nullable().describe('prior consent to notices by SMS, as recorded (null: none)'),
  })
  .meta({ id: 'RecipientRow' });

const removed = z.object({ removed: z.number(), lines: z.array(z.number()) }).meta({ id: 'RecipientsRemoved' });

export const toRecipientRow = (r: StoredRecipient) => ({ id: r.id, line: r.line, phone: r.phone, fields: r.fields, consent: r.consent ?? null });

/** The `mapping` query: the one parser for API, CSV preview and CLI (core/csv/mapping.ts); bad input is a 400. */
const parseMapping = mappingOverrides;

export function campaignRecipientRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, audit } = campaignAccess(store);

  const importResult = z
    .object({
      campaignId: z.number(),
      encoding: z.string(),
      columns: z.array(z.object({ header: z.string(), field: z.string() })),
      rows: z.number(),
      accepted: z.number(),
      rejected: z.number(),
      byReason: z.partialRecord(z.enum(REJECT_REASONS), z.number()),
      warnings: z.array(z.object({ code: z.string(), message: z.string(), message_en: z.string(), columns: z.array(z.number()) })),
      reportUrl: z.string(),
    })
    .meta({ id: 'ImportResult' });
  const mappingQuery = z.object({ mapping: z.string().optional().describe('JSON object: header → field, e.g. {"携帯":"phone"}') });

  /** POST adds a file to the list; PUT replaces the whole list with it (and its rejections). */
  const runImport = async (req: { params: { campaign: string }; query: { mapping?: string | undefined }; body: unknown; actor: string }, replace: boolean) => {
    const c = await load(req.params.campaign);
    const overrides = parseMapping(req.query.mapping);
    const result = await importRecipients(store, c, csvBody(req.body), { ...(overrides ? { overrides } : {}), replace, actor: req.actor, today: officeToday(ctx.now()) });
    ctx.metrics?.imported(result.accepted, result.rejected);
    await audit(req.actor, replace ? 'campaign.recipients.replace' : 'campaign.import', c, {
      rows: result.rows,
      accepted: result.accepted,
      rejected: result.rejected,
      encoding: result.encoding,
      ...(replace ? { replacedAccepted: c.accepted_count, replacedRejected: c.rejected_count } : {}),
    });
    return {
      campaignId: c.id,
      encoding: result.encoding,
      columns: result.columns.map((col) => ({ header: col.header, field: col.field })),
      rows: result.rows,
      accepted: result.accepted,
      rejected: result.rejected,
      byReason: result.byReason,
      warnings: result.warnings.map((w) => ({ code: w.code, message: w.message.ja, message_en: w.message.en, columns: w.columns })),
      reportUrl: `/api/v1/campaigns/${c.id}/rejections.csv`,
    };
  };

  r.post(
    '/campaigns/:campaign/recipients',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Import recipients from a CSV body (UTF-8 with or without BOM, or CP932); streamed',
        params: ref,
        querystring: mappingQuery,
        response: { 200: importResult },
      },
    },
    async (req) => runImport(req, false),
  );

  r.put(
    '/campaigns/:campaign/recipients',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Replace a draft's whole list (and its rejected rows) with a CSV body; a file that fails leaves the old list",
        params: ref,
        querystring: mappingQuery,
        response: { 200: importResult },
      },
    },
    async (req) => runImport(req, true),
  );

  r.get(
    '/campaigns/:campaign/recipients',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['campaigns'],
        summary: "A page of the campaign's list in line order: each row's number and fields, to correct a draft",
        params: ref,
        querystring: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ total: z.number(), offset: z.number(), recipients: z.array(recipientRow) }).meta({ id: 'RecipientPage' }) },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      const page = await listRecipients(store, c, req.query);
      return { total: page.total, offset: req.query.offset, recipients: page.rows.map(toRecipientRow) };
    },
  );

  r.patch(
    '/campaigns/:campaign/recipients/:recipient',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Correct one row of a draft's list: fields by name, re-checked as the import checks them",
        params: recipientRef,
        body: z.object({
          fields: z
            .record(z.string().min(1).max(200), z.string().max(2000))
            .refine((f) => Object.keys(f).length > 0, 'name at least one field / 項目を1つ以上指定してください')
            .describe('field name (as the list\'s columns name them, e.g. phone, name, amount or a custom header) → new value'),
        }),
        response: { 200: recipientRow },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      return toRecipientRow(await editRecipient(store, req.actor, c, req.params.recipient, req.body.fields));
    },
  );

  r.delete(
    '/campaigns/:campaign/recipients/:recipient',
    { schema: { tags: ['campaigns'], summary: "Remove one row from a draft's list", params: recipientRef, response: { 200: removed } } },
    async (req) => removeRecipients(store, req.actor, await load(req.params.campaign), [req.params.recipient]),
  );

  r.delete(
    '/campaigns/:campaign/recipients',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Remove several rows from a draft's list at once (all or none)",
        params: ref,
        querystring: z.object({
          ids: z
            .string()
            .regex(/^\d+(,\d+){0,499}$/, 'comma-separated recipient ids, at most 500 / 宛先IDをカンマ区切りで（500件まで）')
            .describe('recipient ids, comma-separated, e.g. 12,15,31'),
        }),
        response: { 200: removed },
      },
    },
    async (req) => removeRecipients(store, req.actor, await load(req.params.campaign), req.query.ids.split(',').map(Number)),
  );

  r.get('/campaigns/:campaign/rejections.csv', { config: { role: 'operator' }, schema: { tags: ['campaigns'], summary: 'Rejected rows with line and reason, as CSV', params: ref, querystring: encodingQuery } }, async (req, reply) => {
    const c = await load(req.params.campaign);
    await audit(req.actor, 'campaign.rejections.download', c);
    const rows = (async function* () {
      for await (const x of store.recipients.rejections(c.id)) yield x;
    })();
    return reply
      .type(`text/csv; charset=${req.query.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="rejections-${c.id}.csv"`)
      .send(writeRejectionReport(rows, req.query.encoding));
  });

}
