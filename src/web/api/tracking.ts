// Live tracking (トラッキング) for the console and integrators:
//   GET /campaigns/:c/funnel            targeted → sent → delivered → opened → verified → paid / answered / replied
//   GET /campaigns/:c/events            the same as Server-Sent Events: a reading whenever the figures change
//                                       (looked at every second), a heartbeat comment otherwise
//   GET /campaigns/:c/timeline          the steps counted per minute / hour / day, for a chart
// and, in tracking-recipients.ts, the recipient table and each message's timeline.
// All are reads (viewer); nothing personal is in them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignParam, loadCampaign } from './documents.ts';
import { liveFunnels, type LiveReading } from '../../tracking/live.ts';
import { TIMELINE_SERIES } from '../../store/tracking.ts';
import { recipientTrackingRoutes } from './tracking-recipients.ts';
import { CAMPAIGN_STATUSES } from '../../core/campaign-status.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const funnelView = z.object({
  campaignId: z.number(),
  status: z.enum(CAMPAIGN_STATUSES),
  at: z.string(),
  funnel: z.object({
    targeted: z.number().describe('recipients imported'),
    sent: z.number().describe('accepted by the carrier (submitted or later)'),
    delivered: z.number(),
    failed: z.number().describe('undeliverable, expired, rejected or failed'),
    opened: z.number().describe('opened their page'),
    verified: z.number().describe('passed the identity check'),
    locked: z.number().describe('pages locked after five wrong answers'),
    downloaded: z.number().describe('downloaded their PDF'),
    answered: z.number().describe('answered the survey'),
    paid: z.number(),
    replied: z.number().describe('people who replied by SMS'),
    optedOut: z.number().describe('of them, opted out'),
  }),
  states: z.record(z.string(), z.number()).describe("the campaign's messages per state"),
});

const BUCKETS = { minute: 60_000, '5min': 300_000, hour: 3_600_000, day: 86_400_000 } as const;
type BucketName = keyof typeof BUCKETS;

/** The bucket that gives a chart of at most ~120 points over the campaign's span so far. */
function autoBucket(spanMs: number): BucketName {
  if (spanMs <= 120 * BUCKETS.minute) return 'minute';
  if (spanMs <= 120 * BUCKETS['5min']) return '5min';
  if (spanMs <= 120 * BUCKETS.hour) return 'hour';
  return 'day';
}


const toView = (r: LiveReading) => ({ campaignId: r.campaignId, status: r.status, at: new Date(r.at).toISOString(), funnel: r.funnel, states: r.states });

/** everyMs: how often a watched campaign's figures are read; heartbeatMs: a comment line after this much silence. */
export function trackingRoutes(app: FastifyInstance, ctx: ApiContext, opts: { everyMs?: number; heartbeatMs?: number } = {}): void {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  async function reading(campaignId: number): Promise<LiveReading | undefined> {
    const c = await store.campaigns.byId(campaignId);
    if (!c) return undefined;
    const { funnel, states } = await store.tracking.funnel(campaignId);
    return { campaignId, status: c.status, at: Date.now(), funnel, states };
  }
  const live = liveFunnels(reading, { everyMs: opts.everyMs ?? 1000, onError: (err) => app.log.warn({ err }, 'live funnel: reading failed') });
  // Event streams never end on their own: end them when the server closes, so shutdown does not wait.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    live.close();
    for (const s of streams) s.end();
    streams.clear();
  });

  r.get(
    '/campaigns/:campaign/funnel',
    { schema: { tags: ['tracking'], summary: 'The funnel: targeted → sent → delivered → opened → verified → paid / answered / replied', params: campaignParam, response: { 200: funnelView } } },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      return toView((await reading(c.id))!);
    },
  );

  r.get(
    '/campaigns/:campaign/events',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Server-Sent Events: `funnel` events (the funnel shape) whenever the figures change, checked every second; a comment line as heartbeat every 15 s',
        params: campaignParam,
      },
    },
    async (req, reply) => {
      const c = await loadCampaign(store, req.params.campaign);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies (nginx) would otherwise hold events back in their buffers.
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      streams.add(res);
      let lastWrite = Date.now();
      const stop = live.watch(c.id, (rd) => {
        res.write(`event: funnel\ndata: ${JSON.stringify(toView(rd))}\n\n`);
        lastWrite = Date.now();
      });
      // Keeps proxies and the browser from taking a quiet stream for a dead one.
      const heartbeat = setInterval(() => {
        if (Date.now() - lastWrite < heartbeatMs - 50) return;
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }, Math.max(50, Math.min(heartbeatMs / 3, 5_000)));
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        stop();
        streams.delete(res);
      };
      req.raw.on('close', end);
      res.on('close', end);
    },
  );

  r.get(
    '/campaigns/:campaign/timeline',
    {
      schema: {
        tags: ['tracking'],
        summary: 'The funnel over time: how many were sent, delivered, opened … in each minute, 5 minutes, hour or day (only buckets where something happened)',
        params: campaignParam,
        querystring: z.object({ bucket: z.enum(['auto', 'minute', '5min', 'hour', 'day']).default('auto') }),
        response: {
          200: z.object({
            bucket: z.enum(['minute', '5min', 'hour', 'day']),
            bucketMs: z.number(),
            series: z.array(z.string()),
            buckets: z.array(z.object({ at: z.string(), ...Object.fromEntries(TIMELINE_SERIES.map((s) => [s, z.number()])) } as Record<string, z.ZodType>)),
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const start = c.send_requested_at ?? c.created_at;
      const bucket: BucketName = req.query.bucket === 'auto' ? autoBucket(Date.now() - start) : req.query.bucket;
      const buckets = await store.tracking.timeline(c.id, BUCKETS[bucket]);
      return { bucket, bucketMs: BUCKETS[bucket], series: [...TIMELINE_SERIES], buckets: buckets.map((b) => ({ ...b, at: iso(b.at)! })) };
    },
  );

  recipientTrackingRoutes(app, ctx);
}
