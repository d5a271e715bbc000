// Live tracking (トラッキング) for the console and integrators:
//   GET /campaigns/:c/funnel            targeted → sent → delivered → opened → verified → paid / answered / replied
//   GET /campaigns/:c/events            the same as Server-Sent Events: a reading whenever the figures change
//                                       (looked at every second), a heartbeat comment otherwise
//   GET /campaigns/:c/timeline          the steps counted per minute / hour / day, for a chart
//   GET /campaigns/:c/recipients/progress  the recipient table: each person's message and how far they got
//   GET /campaigns/:c/messages/:id/timeline  one message's events with times and carrier error codes
// All are reads (viewer). A viewer sees states, times and counts; names and numbers masked, texts withheld.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignParam, loadCampaign } from './documents.ts';
import { maskPhone, messageView, toMessageView } from './campaign-views.ts';
import { notFound } from './problem.ts';
import { liveFunnels, type LiveReading } from '../../tracking/live.ts';
import { messageTimeline } from '../../tracking/message-timeline.ts';
import { TIMELINE_SERIES } from '../../store/tracking.ts';
import { recipientMatches, maskName } from '../../tracking/search.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const funnelView = z.object({
  campaignId: z.number(),
  status: z.string(),
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

const HEARTBEAT_MS = 15_000;

const toView = (r: LiveReading) => ({ campaignId: r.campaignId, status: r.status, at: new Date(r.at).toISOString(), funnel: r.funnel, states: r.states });

export function trackingRoutes(app: FastifyInstance, ctx: ApiContext, opts: { everyMs?: number } = {}): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, vault } = ctx;

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
      const heartbeat = setInterval(() => {
        if (Date.now() - lastWrite < HEARTBEAT_MS - 100) return;
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }, Math.min(HEARTBEAT_MS, 5_000));
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

  const progressRow = z.object({
    recipientId: z.number(),
    line: z.number(),
    name: z.string().nullable(),
    phone: z.string(),
    externalId: z.string().nullable(),
    messageId: z.number().nullable(),
    state: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorReason: z.string().nullable(),
    submittedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    downloadedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    repliedAt: z.string().nullable(),
    locked: z.boolean(),
  });

  r.get(
    '/campaigns/:campaign/recipients/progress',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Recipients in line order with their message and how far each got; q searches names, numbers and columns (line numbers only for viewers)',
        params: campaignParam,
        querystring: z.object({
          q: z.string().max(100).optional(),
          state: z.string().max(20).optional(),
          after: z.coerce.number().int().min(0).default(0).describe('recipientId of the last row seen'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ rows: z.array(progressRow), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const personal = req.principal.role !== 'viewer';
      const q = req.query.q?.trim() ?? '';
      const { limit, state } = req.query;
      const found: { recipientId: number; line: number; phone: string; fields: Record<string, string>; message: Awaited<ReturnType<typeof store.tracking.recipientPage>>[number]['message'] }[] = [];
      let after = req.query.after;
      let next: number | null = null;
      // A search decrypts rows to look at them: read on page by page, at most this many per request.
      const SCAN_MAX = 20_000;
      for (let scanned = 0; ; ) {
        const page = await store.tracking.recipientPage(c.id, { afterId: after, limit: q ? 500 : limit + 1, state });
        for (const row of page) {
          scanned++;
          after = row.recipientId;
          const { phone, fields } = JSON.parse(vault.decrypt(row.fieldsEnc)) as { phone: string; fields: Record<string, string> };
          if (q && !recipientMatches({ line: row.line, phone, fields }, q, personal)) continue;
          if (found.length === limit) {
            next = found[found.length - 1]!.recipientId;
            break;
          }
          found.push({ recipientId: row.recipientId, line: row.line, phone, fields, message: row.message });
        }
        if (next !== null || page.length < (q ? 500 : limit + 1)) break;
        if (scanned >= SCAN_MAX) {
          next = after;
          break;
        }
      }
      const flags = await store.tracking.progress(found.flatMap((f) => (f.message ? [f.message.id] : [])));
      return {
        rows: found.map((f) => {
          const p = f.message ? flags.get(f.message.id) : undefined;
          const name = f.fields.name ?? null;
          return {
            recipientId: f.recipientId,
            line: f.line,
            name: name === null ? null : personal ? name : maskName(name),
            phone: personal ? f.phone : maskPhone(f.phone),
            externalId: personal ? (f.fields.external_id ?? null) : null,
            messageId: f.message?.id ?? null,
            state: f.message?.state ?? null,
            errorCode: f.message?.errorCode ?? null,
            errorReason: f.message?.errorReason ?? null,
            submittedAt: iso(f.message?.submittedAt ?? null),
            deliveredAt: iso(f.message?.deliveredAt ?? null),
            openedAt: iso(p?.openedAt ?? null),
            verifiedAt: iso(p?.verifiedAt ?? null),
            downloadedAt: iso(p?.downloadedAt ?? null),
            answeredAt: iso(p?.answeredAt ?? null),
            paidAt: iso(p?.paidAt ?? null),
            repliedAt: iso(p?.repliedAt ?? null),
            locked: p?.locked ?? false,
          };
        }),
        next,
      };
    },
  );

  r.get(
    '/campaigns/:campaign/messages/:id/timeline',
    {
      schema: {
        tags: ['tracking'],
        summary: "One message's events in time order: queued, submitted, delivered or not (carrier error code), opened, verified, downloaded, answered, paid, replied",
        params: campaignParam.extend({ id: z.coerce.number().int().min(1) }),
        response: {
          200: z.object({
            message: messageView.extend({ name: z.string().nullable() }),
            events: z.array(
              z.object({
                kind: z.string(),
                at: z.string(),
                detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
                text: z.string().nullable().optional().describe('a reply\'s text (not for viewers)'),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      const found = await store.tracking.message(req.params.id);
      if (!found || found.record.campaignId !== c.id) throw notFound(`メッセージ ${req.params.id} / message ${req.params.id}`);
      const personal = req.principal.role !== 'viewer';
      const recipient = (await store.recipients.byIds([found.record.recipientId])).get(found.record.recipientId);
      const events = messageTimeline(found.record, await store.tracking.history(found.record));
      const texts = new Map<number, string>();
      if (personal) {
        for (const e of events) {
          if (e.replyId === undefined) continue;
          const reply = await store.inbound.byId(e.replyId);
          if (reply) texts.set(e.replyId, reply.text);
        }
      }
      const name = recipient?.fields.name ?? null;
      return {
        message: { ...toMessageView(found.row, recipient, vault, { personalData: personal }), name: name === null ? null : personal ? name : maskName(name) },
        events: events.map((e) => ({
          kind: e.kind,
          at: iso(e.at)!,
          detail: e.detail,
          ...(e.replyId !== undefined ? { text: texts.get(e.replyId) ?? null } : {}),
        })),
      };
    },
  );
}

