// /api/v1/simulator: what the built-in SMSC simulator received (when it runs in this process).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { TodokuError } from '../../core/errors.ts';

export function simulatorRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const off = () =>
    new TodokuError('TODOKU_E_SIMULATOR_OFF', { ja: 'このプロセスではSMSCシミュレータが動いていません', en: 'the SMSC simulator is not running in this process' });

  r.get(
    '/simulator/received',
    {
      schema: {
        tags: ['simulator'],
        summary: 'Messages the built-in SMSC simulator received, oldest first',
        querystring: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(10000).default(1000) }),
        response: {
          200: z.object({
            total: z.number(),
            received: z.array(z.object({ smscId: z.string(), systemId: z.string(), from: z.string(), to: z.string(), text: z.string(), dataCoding: z.number(), parts: z.number(), receivedAt: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      if (!ctx.simulator) throw off();
      const all = ctx.simulator.received();
      const page = all.slice(req.query.offset, req.query.offset + req.query.limit);
      return { total: all.length, received: page.map((m) => ({ ...m, receivedAt: m.receivedAt.toISOString() })) };
    },
  );

  r.delete('/simulator/received', { schema: { tags: ['simulator'], summary: 'Forget what the simulator received' } }, async (req, reply) => {
    if (!ctx.simulator) throw off();
    ctx.simulator.clear();
    await ctx.store.audit.append({ actor: req.actor, action: 'simulator.clear' });
    return reply.status(204).send();
  });
}
