// GET /api/v1/campaigns/:c/rejections: the rejected rows of a campaign's imports as JSON (line, reason,
// the phone cell as written), for the console's import-result step; rejections.csv has them all.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignParam, loadCampaign } from './documents.ts';

export function rejectionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/campaigns/:campaign/rejections',
    {
      // The phone cell as written is personal data, like the CSV report.
      config: { role: 'operator' },
      schema: {
        tags: ['campaigns'],
        summary: 'Rejected rows with line and reason, as JSON, the first `limit` in line order; rejections.csv has them all',
        params: campaignParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            total: z.number(),
            rejections: z.array(z.object({ line: z.number(), reason: z.string(), message: z.string(), message_en: z.string(), raw: z.string().nullable() })),
            more: z.boolean().describe('more rejections than shown: download rejections.csv'),
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(ctx.store, req.params.campaign);
      const out: { line: number; reason: string; message: string; message_en: string; raw: string | null }[] = [];
      let more = false;
      for await (const x of ctx.store.recipients.rejections(c.id, 500)) {
        if (out.length === req.query.limit) {
          more = true;
          break;
        }
        out.push({ line: x.line, reason: x.reason, message: x.message.ja, message_en: x.message.en, raw: x.raw ?? null });
      }
      return { total: c.rejected_count, rejections: out.sort((a, b) => a.line - b.line), more };
    },
  );
}
