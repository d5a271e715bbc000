// /api/v1/campaigns/:c/recipients: importing a CSV body (streamed), and the rejected rows as a CSV report.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref, encodingQuery } from './campaign-access.ts';
import type { Readable } from 'node:stream';
import { TodokuError } from '../../core/errors.ts';
import { importRecipients } from '../../campaign/import-recipients.ts';
import { writeRejectionReport } from '../../import/report.ts';
import { REJECT_REASONS } from '../../core/csv/row.ts';

export function campaignRecipientRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, audit } = campaignAccess(store);

  r.post(
    '/campaigns/:campaign/recipients',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Import recipients from a CSV body (UTF-8 with or without BOM, or CP932); streamed',
        params: ref,
        querystring: z.object({ mapping: z.string().optional().describe('JSON object: header → field, e.g. {"携帯":"phone"}') }),
        response: {
          200: z.object({
            campaignId: z.number(),
            encoding: z.string(),
            columns: z.array(z.object({ header: z.string(), field: z.string() })),
            rows: z.number(),
            accepted: z.number(),
            rejected: z.number(),
            byReason: z.partialRecord(z.enum(REJECT_REASONS), z.number()),
            warnings: z.array(z.object({ code: z.string(), message: z.string(), message_en: z.string(), columns: z.array(z.number()) })),
            reportUrl: z.string(),
          }).meta({ id: 'ImportResult' }),
        },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      let overrides: Record<string, string> | undefined;
      if (req.query.mapping) {
        const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(req.query.mapping));
        if (!parsed.success) throw new TodokuError('TODOKU_E_VALIDATION', { ja: 'mapping の形式が正しくありません', en: 'mapping must be a JSON object of strings' });
        overrides = parsed.data;
      }
      const result = await importRecipients(store, c, req.body as Readable, overrides ? { overrides } : {});
      ctx.metrics?.imported(result.accepted, result.rejected);
      await audit(req.actor, 'campaign.import', c, { rows: result.rows, accepted: result.accepted, rejected: result.rejected, encoding: result.encoding });
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
    },
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
