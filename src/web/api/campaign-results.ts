// /api/v1/campaigns/:c/messages and export.csv: each message's state and times, page by page or as CSV for Excel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref, encodingQuery } from './campaign-access.ts';
import { messageView, toMessageView } from './campaign-views.ts';
import { exportResults } from '../../export/results.ts';
import { MESSAGE_STATES } from '../../core/message.ts';

export function campaignResultRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, audit } = campaignAccess(store);

  r.get(
    '/campaigns/:campaign/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Messages of a campaign, page by page (after = last id seen); with line, those to one person of the list',
        params: ref,
        querystring: z.object({
          state: z.enum(MESSAGE_STATES).optional(),
          line: z.coerce.number().int().min(1).optional().describe("only the messages to the person on this line of the imported list"),
          after: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ messages: z.array(messageView), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      const { line, state, after, limit } = req.query;
      const page = line !== undefined ? (await store.tracking.messagesOfLine(c.id, line, { after, limit })).filter((m) => !state || m.state === state) : await store.messages.list(c.id, { state, after, limit });
      const recipients = await store.recipients.byIds(page.map((m) => m.recipient_id));
      return {
        messages: page.map((m) => toMessageView(m, recipients.get(m.recipient_id), ctx.vault, { personalData: req.principal.role !== 'viewer' })),
        next: page.length === req.query.limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  r.get('/campaigns/:campaign/export.csv', { config: { role: 'operator' }, schema: { tags: ['campaigns'], summary: 'Results per message as CSV for Excel', params: ref, querystring: encodingQuery } }, async (req, reply) => {
    const c = await load(req.params.campaign);
    await audit(req.actor, 'campaign.export', c, { encoding: req.query.encoding });
    return reply
      .type(`text/csv; charset=${req.query.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="results-${c.id}.csv"`)
      .send(exportResults(store, c.id, req.query.encoding));
  });

}
