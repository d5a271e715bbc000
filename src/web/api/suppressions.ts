// /api/v1/suppressions: the suppression list (配信停止リスト). Numbers are added as people write them
// (normalised to E.164), listed masked (090-****-5678), and removed by their id (the keyed hash that
// names them) or by number. Every change is audited without the number itself.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { TodokuError } from '../../core/errors.ts';
import { normalizePhone } from '../../core/phone.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { SUPPRESSION_REASONS, type Suppression } from '../../store/suppressions.ts';

const SOURCES = ['reply', 'operator'] as const;

const suppressionView = z.object({
  id: z.string().describe('keyed hash of the number; also the inbox conversation id'),
  phone: z.string().describe('masked, e.g. 090-****-5678'),
  reason: z.enum(SUPPRESSION_REASONS),
  source: z.enum(SOURCES).describe("'reply' (the person asked) or 'operator'"),
  createdAt: z.string(),
}).meta({ id: 'Suppression' });
const phoneBody = z.object({ phone: z.string().trim().min(1).max(40).describe('the number as written: 090-1234-5678, +81 90 1234 5678 …') });
const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/u, 'a suppression id (32 hex digits)') });

// The store keeps reason and source as the text this module and the inbox wrote (from these lists).
function view(s: Suppression) {
  const reason = s.reason as (typeof SUPPRESSION_REASONS)[number];
  const source = s.source as (typeof SOURCES)[number];
  return { id: s.id, phone: maskPhone(s.phone), reason, source, createdAt: new Date(s.createdAt).toISOString() };
}

function phoneOrThrow(raw: string): string {
  const n = normalizePhone(raw);
  if (!n.ok) throw new TodokuError('TODOKU_E_PHONE_INVALID', { ja: `電話番号を読み取れません: ${n.message.ja}`, en: `not a usable phone number: ${n.message.en}` });
  return n.e164;
}

export function suppressionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  r.get(
    '/suppressions',
    {
      schema: {
        tags: ['suppressions'],
        summary: 'The suppression list, newest first (numbers masked)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ total: z.number(), suppressions: z.array(suppressionView) }) },
      },
    },
    async (req) => {
      const { total, items } = await store.suppressions.list(req.query);
      return { total, suppressions: items.map(view) };
    },
  );

  r.post(
    '/suppressions',
    {
      schema: {
        tags: ['suppressions'],
        summary: 'Put a number on the suppression list (201 when added, 200 when it was already there)',
        body: phoneBody.extend({ reason: z.enum(SUPPRESSION_REASONS).default('opt_out') }),
        response: { 200: suppressionView.extend({ added: z.boolean() }), 201: suppressionView.extend({ added: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const phone = phoneOrThrow(req.body.phone);
      const proof = { source: req.principal.kind === 'apikey' ? ('api' as const) : ('operator' as const), campaignId: null, messageId: null };
      const { added, suppression } = await store.suppressions.add({ phone, reason: req.body.reason, source: 'operator' }, proof);
      if (added) await store.audit.append({ actor: req.actor, action: 'suppression.add', target: `suppression:${suppression.id}`, details: { reason: req.body.reason, source: 'operator' } });
      return reply.status(added ? 201 : 200).send({ ...view(suppression), added });
    },
  );

  async function remove(id: string, actor: string): Promise<void> {
    const removed = await store.suppressions.remove(id);
    if (!removed) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: 'この番号は配信停止リストにありません', en: 'this number is not on the suppression list' });
    await store.audit.append({ actor, action: 'suppression.remove', target: `suppression:${id}`, details: { reason: removed.reason, source: removed.source } });
  }

  r.delete(
    '/suppressions/:id',
    { schema: { tags: ['suppressions'], summary: 'Take a number off the suppression list, by its id', params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await remove(req.params.id, req.actor);
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/suppressions',
    { schema: { tags: ['suppressions'], summary: 'Take a number off the suppression list, by the number (in the body, not the URL)', body: phoneBody, response: { 204: noContent } } },
    async (req, reply) => {
      await remove(store.suppressions.idOf(phoneOrThrow(req.body.phone)), req.actor);
      return reply.status(204).send(null);
    },
  );
}
