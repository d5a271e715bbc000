// /api/v1/campaigns/:c/messages/resend-unknown: the operator's knowing re-send of 送達不明 messages, per
// message or all of them, only with confirm: "duplicate-risk" (a problem+json naming the risk otherwise).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref } from './campaign-access.ts';
import { DUPLICATE_RISK, DUPLICATE_RISK_CONFIRMATION, resendUnknown } from '../../campaign/resend.ts';

export function campaignResendRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { load } = campaignAccess(ctx.store);

  r.post(
    '/campaigns/:campaign/messages/resend-unknown',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['campaigns'],
        summary: 'Re-send messages whose delivery is unknown (送達不明), knowingly: each may already have arrived',
        params: ref,
        body: z.object({
          messageIds: z.array(z.number().int().positive()).max(100_000).optional().describe("only these messages; every 'unknown' one of the campaign when absent"),
          // Optional here so that leaving it out gets the answer naming the risk, not a bare validation error.
          confirm: z.string().optional().describe(`must be "${DUPLICATE_RISK_CONFIRMATION}": ${DUPLICATE_RISK.en}`),
        }),
        response: {
          200: z
            .object({
              resent: z.number(),
              messages: z.array(z.object({ from: z.number().describe('the unknown message'), to: z.number().describe('its new message') })),
            })
            .meta({ id: 'ResendUnknownResult' }),
        },
      },
    },
    async (req) => {
      const result = await resendUnknown(ctx, await load(req.params.campaign), req.actor, req.body);
      return { resent: result.resent.length, messages: result.resent };
    },
  );
}
