// /api/v1/simulator: the built-in SMSC simulator (when it runs in this process): what it received, its
// knobs (GET/PUT /simulator/settings: latency, refusals, throttling, receipt timing and outcomes,
// disconnects, replies), and a forced disconnect of every client, as a carrier outage would.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext, SimulatorView } from './context.ts';
import { TodokuError } from '../../core/errors.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { simulatorSettingsPatchSchema, simulatorSettingsSchema } from '../../routes/simulator/settings.ts';

const admin = { role: 'admin' as const };

/** SMPP carries international numbers without their +; put it back so the mask knows the country. */
function asE164(address: string): string {
  return /^[1-9]\d{6,14}$/u.test(address) ? `+${address}` : address;
}

export function simulatorRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const running = (): SimulatorView => {
    if (ctx.simulator) return ctx.simulator;
    throw new TodokuError('TODOKU_E_SIMULATOR_OFF', { ja: 'このプロセスではSMSCシミュレータが動いていません', en: 'the SMSC simulator is not running in this process' });
  };

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
            received: z.array(
              z.object({
                smscId: z.string(),
                systemId: z.string(),
                from: z.string(),
                to: z.string().describe('masked (090-****-5678) for viewer keys'),
                text: z.string().nullable().describe('null for viewer keys, as in the message views'),
                dataCoding: z.number(),
                parts: z.number(),
                receivedAt: z.string(),
                outcome: z.string().optional().describe('the stat word of its receipt (DELIVRD, UNDELIV …)'),
              }),
            ),
          }).meta({ id: 'ReceivedPage' }),
        },
      },
    },
    async (req) => {
      const all = running().received();
      const page = all.slice(req.query.offset, req.query.offset + req.query.limit);
      // What reached the simulator is what reached the phones: viewers see it as they see messages.
      const personal = req.principal.role !== 'viewer';
      return {
        total: all.length,
        received: page.map((m) => ({
          ...m,
          to: personal ? m.to : maskPhone(asE164(m.to)),
          text: personal ? m.text : null,
          receivedAt: m.receivedAt.toISOString(),
        })),
      };
    },
  );

  r.delete('/simulator/received', { schema: { tags: ['simulator'], summary: 'Forget what the simulator received', response: { 204: noContent } } }, async (req, reply) => {
    running().clear();
    await ctx.store.audit.append({ actor: req.actor, action: 'simulator.clear' });
    return reply.status(204).send(null);
  });

  r.get(
    '/simulator/settings',
    { schema: { tags: ['simulator'], summary: "The simulator's knobs as they are now", response: { 200: simulatorSettingsSchema } } },
    async () => running().settings(),
  );

  r.put(
    '/simulator/settings',
    {
      config: admin,
      schema: {
        tags: ['simulator'],
        summary: "Change some of the simulator's knobs at once (omitted ones keep their values); answers all of them",
        body: simulatorSettingsPatchSchema,
        response: { 200: simulatorSettingsSchema },
      },
    },
    async (req) => {
      const settings = running().configure(req.body);
      // Which knobs, not their values: scripted replies name phone numbers.
      await ctx.store.audit.append({ actor: req.actor, action: 'simulator.settings', details: { changed: Object.keys(req.body) } });
      return settings;
    },
  );

  r.post(
    '/simulator/disconnect',
    {
      config: admin,
      schema: {
        tags: ['simulator'],
        summary: 'Drop every client connection without unbinding, as a carrier outage would (clients bind again)',
        response: { 200: z.object({ dropped: z.number().describe('connections dropped') }) },
      },
    },
    async (req) => {
      const dropped = running().dropConnections();
      await ctx.store.audit.append({ actor: req.actor, action: 'simulator.disconnect', details: { dropped } });
      return { dropped };
    },
  );
}
