// /api/v1/webhooks: an administrator's outbound webhooks. Subscribe a URL to events (the signing
// secret is in the creation answer only), change, disable, remove, rotate the secret, and read the
// delivery log (every attempt's status code or error) or send a delivery again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { WEBHOOK_EVENT_TYPES, isoTime } from '../../core/webhook-events.ts';
import { DEFAULT_ROTATION_GRACE_SECONDS } from '../../webhooks/service.ts';
import type { WebhookSubscription } from '../../store/webhooks/subscriptions.ts';
import type { DeliveryRecord } from '../../store/webhooks/deliveries.ts';

const tags = ['webhooks'];
const admin = { role: 'admin' as const };

const events = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length).describe(`what to send: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
const url = z.string().trim().min(1).max(2000).describe('https:// to a public host (internal hosts and http:// only when listed in TODOKU_WEBHOOK_ALLOW_HOSTS)');
const description = z.string().trim().max(500).nullable();

const subscriptionView = z.object({
  id: z.number(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  secretRotatedAt: z.string().nullable(),
  previousSecretUntil: z.string().nullable().describe('after a rotation the old secret also signs until then'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const withSecret = subscriptionView.extend({ secret: z.string().describe('the signing secret (whsec_…): shown in this answer only') });

const deliveryStatus = z.enum(['pending', 'delivering', 'delivered', 'failed']);
const deliveryView = z.object({
  id: z.number(),
  subscriptionId: z.number(),
  eventId: z.number(),
  eventType: z.string(),
  status: deliveryStatus,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(z.object({ attempt: z.number(), at: z.string(), durationMs: z.number(), statusCode: z.number().nullable(), error: z.string().nullable() })),
});

const idParam = z.object({ id: z.coerce.number().int().positive() });

function view(s: WebhookSubscription): z.infer<typeof subscriptionView> {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    description: s.description,
    enabled: s.enabled,
    secretRotatedAt: isoTime(s.secretRotatedAt),
    previousSecretUntil: isoTime(s.previousSecretUntil),
    createdAt: isoTime(s.createdAt)!,
    updatedAt: isoTime(s.updatedAt)!,
  };
}

function deliveryOf(d: DeliveryRecord): z.infer<typeof deliveryView> {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: isoTime(d.nextAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastAttemptAt: isoTime(d.lastAttemptAt),
    deliveredAt: isoTime(d.deliveredAt),
    createdAt: isoTime(d.createdAt)!,
    log: d.log.map((a) => ({ attempt: a.attempt, at: isoTime(a.startedAt)!, durationMs: a.durationMs, statusCode: a.statusCode, error: a.error })),
  };
}

export function webhookRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const service = ctx.webhookService;
  const missing = (id: number) => notFound(`Webhook ${id} / webhook ${id}`);
  const load = async (id: number) => (await store.webhooks.subscriptions.byId(id)) ?? Promise.reject(missing(id));

  r.get('/webhooks', { config: admin, schema: { tags, summary: 'List webhook subscriptions (never their secrets)', response: { 200: z.object({ webhooks: z.array(subscriptionView) }) } } }, async () => ({
    webhooks: (await store.webhooks.subscriptions.list()).map(view),
  }));

  r.post(
    '/webhooks',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the signing secret is in this answer only',
        body: z.object({ url, events, description: description.default(null), enabled: z.boolean().default(true) }),
        response: { 201: withSecret },
      },
    },
    async (req, reply) => {
      const { subscription, secret } = await service.subscribe(req.body);
      await store.audit.append({ actor: req.actor, action: 'webhook.create', target: `webhook:${subscription.id}`, details: { url: subscription.url, events: subscription.events } });
      return reply.status(201).send({ ...view(subscription), secret });
    },
  );

  r.get('/webhooks/:id', { config: admin, schema: { tags, summary: 'Show a webhook subscription with its deliveries counted by status', params: idParam, response: { 200: subscriptionView.extend({ deliveries: z.record(deliveryStatus, z.number()) }) } } }, async (req) => ({
    ...view(await load(req.params.id)),
    deliveries: await store.webhooks.deliveries.counts(req.params.id),
  }));

  r.patch(
    '/webhooks/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a subscription: URL, events, description, enabled (disabled: deliveries wait)',
        params: idParam,
        body: z.object({ url: url.optional(), events: events.optional(), description: description.optional(), enabled: z.boolean().optional() }),
        response: { 200: subscriptionView },
      },
    },
    async (req) => {
      const saved = await service.change(req.params.id, req.body);
      if (!saved) throw missing(req.params.id);
      await store.audit.append({ actor: req.actor, action: 'webhook.update', target: `webhook:${saved.id}`, details: { fields: Object.keys(req.body), enabled: saved.enabled } });
      return view(saved);
    },
  );

  r.delete('/webhooks/:id', { config: admin, schema: { tags, summary: 'Remove a subscription and its delivery log', params: idParam, response: { 204: noContent } } }, async (req, reply) => {
    if (!(await store.webhooks.subscriptions.remove(req.params.id))) throw missing(req.params.id);
    await store.audit.append({ actor: req.actor, action: 'webhook.delete', target: `webhook:${req.params.id}` });
    return reply.status(204).send(null);
  });

  r.post(
    '/webhooks/:id/rotate-secret',
    {
      config: admin,
      schema: {
        tags,
        summary: 'A new signing secret (in this answer only); the old one keeps signing alongside it for graceSeconds',
        params: idParam,
        body: z.object({ graceSeconds: z.number().int().min(0).max(7 * 86_400).default(DEFAULT_ROTATION_GRACE_SECONDS) }).optional(),
        response: { 200: withSecret },
      },
    },
    async (req) => {
      const rotated = await service.rotateSecret(req.params.id, req.body?.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS);
      if (!rotated) throw missing(req.params.id);
      await store.audit.append({ actor: req.actor, action: 'webhook.rotate_secret', target: `webhook:${req.params.id}`, details: { graceSeconds: req.body?.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS } });
      return { ...view(rotated.subscription), secret: rotated.secret };
    },
  );

  r.get(
    '/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The delivery log, newest first: status, attempts, last response code and error, each attempt',
        params: idParam,
        querystring: z.object({
          status: deliveryStatus.optional(),
          before: z.coerce.number().int().positive().optional().describe('page: deliveries with a smaller id'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ deliveries: z.array(deliveryView) }) },
      },
    },
    async (req) => {
      await load(req.params.id);
      return { deliveries: (await store.webhooks.deliveries.list(req.params.id, req.query)).map(deliveryOf) };
    },
  );

  r.get('/webhooks/deliveries/:id', { config: admin, schema: { tags, summary: 'One delivery with every attempt', params: idParam, response: { 200: deliveryView } } }, async (req) => {
    const d = await store.webhooks.deliveries.byId(req.params.id);
    if (!d) throw notFound(`配信 ${req.params.id} / delivery ${req.params.id}`);
    return deliveryOf(d);
  });

  r.post(
    '/webhooks/deliveries/:id/retry',
    { config: admin, schema: { tags, summary: 'Send a delivery again now (a failed one gets one more attempt; a delivered one is sent again)', params: idParam, response: { 202: deliveryView } } },
    async (req, reply) => {
      if (!(await service.retry(req.params.id))) throw notFound(`配信 ${req.params.id} / delivery ${req.params.id}`);
      await store.audit.append({ actor: req.actor, action: 'webhook.retry', target: `webhook_delivery:${req.params.id}` });
      return reply.status(202).send(deliveryOf((await store.webhooks.deliveries.byId(req.params.id))!));
    },
  );
}
