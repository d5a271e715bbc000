// /api/v1/campaigns/:c/payments — who has paid (決済): counts by state and each message's payment
// (and the campaign's summary of recipient actions, shown with GET /campaigns/:c);
// and, outside the API key, the providers' webhooks (/webhooks/payments/:provider), verified over the
// raw body before anything is believed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignParam, loadCampaign } from './documents.ts';
import type { PaymentService } from '../../payments/service.ts';
import type { Store } from '../../store/index.ts';

/** A campaign's recipient actions in numbers (shown with the campaign itself). */
export async function recipientActionCounts(store: Store, campaignId: number) {
  const payments = await store.payments.counts(campaignId);
  return {
    paid: payments.paid,
    paymentPending: payments.pending,
    answered: await store.surveys.answeredCount(campaignId),
    downloaded: (await store.documents.counts(campaignId)).downloadedMessages,
  };
}

const STATES = ['unpaid', 'pending', 'paid', 'cancelled', 'expired'] as const;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function paymentRoutes(app: FastifyInstance, ctx: ApiContext, payments: PaymentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/campaigns/:campaign/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Payments of a campaign: counts by state (messages without a checkout are unpaid) and each started payment',
        params: campaignParam,
        querystring: z.object({ state: z.enum(STATES).optional(), after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: {
          200: z.object({
            provider: z.string().nullable(),
            counts: z.object({ unpaid: z.number(), pending: z.number(), paid: z.number(), cancelled: z.number(), expired: z.number() }),
            payments: z.array(
              z.object({ messageId: z.number(), state: z.enum(STATES), amount: z.number(), currency: z.string(), provider: z.string().nullable(), paidAmount: z.number().nullable(), paidAt: z.string().nullable(), updatedAt: z.string() }),
            ),
            next: z.number().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(ctx.store, req.params.campaign);
      const page = await ctx.store.payments.list(c.id, { state: req.query.state, after: req.query.after, limit: req.query.limit });
      return {
        provider: payments.provider?.name ?? null,
        counts: await payments.counts(c.id),
        payments: page.map((p) => ({ messageId: p.messageId, state: p.state, amount: p.amount, currency: p.currency, provider: p.provider, paidAmount: p.paidAmount, paidAt: iso(p.paidAt), updatedAt: iso(p.updatedAt)! })),
        next: page.length === req.query.limit ? page[page.length - 1]!.messageId : null,
      };
    },
  );
}

/** The providers' webhooks, in a scope of their own whose bodies stay raw bytes for the signature. */
export function paymentWebhookRoutes(app: FastifyInstance, payments: PaymentService): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post<{ Params: { provider: string } }>('/webhooks/payments/:provider', { schema: { hide: true } }, async (req) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await payments.webhook(req.params.provider, body, req.headers);
    return { received: true, outcome: result.outcome, state: result.state };
  });
}
