// /api/v1/inbox and /api/v1/inbound: replies as conversations (one per number, named by the keyed hash
// of the number, never the number), a conversation's timeline, the operator's reply (queued like any
// message), marking read, correcting a reply's intent, and the intent rules themselves. The person
// (name, 顧客番号) is shown to operators and administrators and masked for viewers; an administrator
// also reads what a cancelled message would have said.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { INTENT_RULES, INTENTS } from '../../core/inbound/intent-rules.ts';
import { INTENT_LABELS } from '../../core/labels.ts';
import { isLocalDate } from '../../core/policy/time.ts';
import { MESSAGE_STATES } from '../../core/message.ts';
import { MESSAGE_KINDS } from '../../core/inbound/message-kinds.ts';
import type { StoredInbound, OutboundItem } from '../../store/inbound.ts';
import type { InboxDeps } from '../../inbox/deps.ts';
import { listConversations, markConversationRead, promisedDateOf, showConversation } from '../../inbox/conversations.ts';
import { replyInConversation } from '../../inbox/reply.ts';
import { correctIntent } from '../../inbox/correct.ts';
import { maskPerson, type Person } from '../../inbox/person.ts';
import { withUnsentTexts } from '../../inbox/unsent-text.ts';

const bilingual = z.object({ ja: z.string(), en: z.string() });
const intent = z.enum(INTENTS);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const conversationParams = z.object({ conversationId: z.string().regex(/^[0-9a-f]{32}$/u, 'a conversation id (32 hex digits)') });
const ruleById = new Map(INTENT_RULES.map((r) => [r.id, r]));
/** A viewer sees who replied when and with what intent, not what was written (as for campaign messages). */
const personal = (req: FastifyRequest) => req.principal.role !== 'viewer';

const personView = z
  .object({
    name: z.string().nullable(),
    customerNumber: z.string().nullable().describe('the list\'s 顧客番号 / 学籍番号 … (external_id)'),
    masked: z.boolean().describe('true for a viewer: 山＊＊＊, ****45'),
  })
  .nullable()
  .describe('who the number belongs to, from the list row of the latest message sent; null when nothing was sent to it');
const toPersonView = (p: Person | null, shown: boolean): z.infer<typeof personView> => (p === null ? null : { ...(shown ? p : maskPerson(p)), masked: !shown });

const replyView = z.object({
  direction: z.literal('in'),
  id: z.number(),
  text: z.string().nullable().describe('null for a viewer'),
  at: z.string(),
  readAt: z.string().nullable(),
  campaignId: z.number().nullable(),
  messageId: z.number().nullable().describe('the message it answers'),
  intent,
  promisedDate: z.string().nullable(),
  optOut: z.boolean(),
  tag: z.object({ intent, rule: z.string(), matched: z.string().nullable(), promisedDate: z.string().nullable(), description: bilingual.nullable() }).describe("the rule's own reading, kept after a correction"),
  correction: z.object({ intent, promisedDate: z.string().nullable(), actor: z.string(), at: z.string() }).nullable(),
});

const sentView = z.object({
  direction: z.literal('out'),
  id: z.number(),
  campaign: z.object({ id: z.number(), name: z.string() }),
  kind: z.enum(MESSAGE_KINDS).describe("'campaign', 'reply' (an operator's), 'confirmation' (after an opt-out) or 'test' (a test send)"),
  state: z.enum(MESSAGE_STATES),
  text: z.string().nullable().describe('null until composed and sent, and for a viewer; for an administrator a cancelled message shows what it would have said'),
  at: z.string(),
  submittedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorReason: z.string().nullable(),
});

const summaryView = z.object({
  id: z.string(),
  phone: z.string(),
  person: personView,
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  intent,
  promisedDate: z.string().nullable(),
  replies: z.number(),
  unread: z.number(),
  suppressed: z.boolean(),
  lastMessage: z.object({ direction: z.enum(['in', 'out']), text: z.string().nullable(), at: z.string() }),
});

function toReplyView(m: StoredInbound, personal: boolean): z.infer<typeof replyView> {
  return {
    direction: 'in',
    id: m.id,
    text: personal ? m.text : null,
    at: iso(m.receivedAt)!,
    readAt: iso(m.readAt),
    campaignId: m.campaignId,
    messageId: m.messageId,
    intent: m.intent,
    promisedDate: promisedDateOf(m),
    optOut: m.optOut,
    tag: { intent: m.tag.intent, rule: m.tag.rule, matched: personal ? (m.tag.matched ?? null) : null, promisedDate: m.tag.promisedDate ?? null, description: ruleById.get(m.tag.rule)?.description ?? null },
    correction: m.correction && { intent: m.correction.intent, promisedDate: m.correction.promisedDate ?? null, actor: m.correction.actor, at: iso(m.correction.at)! },
  };
}

function toSentView(m: OutboundItem & { at: number }, personal: boolean): z.infer<typeof sentView> {
  return {
    direction: 'out',
    id: m.messageId,
    campaign: { id: m.campaignId, name: m.campaignName },
    kind: m.kind,
    state: m.state,
    text: personal ? m.text : null,
    at: iso(m.at)!,
    submittedAt: iso(m.submittedAt),
    deliveredAt: iso(m.deliveredAt),
    errorCode: m.errorCode,
    errorReason: m.errorReason,
  };
}

export function inboxRoutes(app: FastifyInstance, ctx: ApiContext & { sender?: string | undefined }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const deps: InboxDeps = { store, vault: ctx.vault, sender: ctx.sender ?? 'TODOKU', now: Date.now, poke: () => ctx.poke(), limits: ctx.limits };

  async function campaignId(key: string | undefined): Promise<number | undefined> {
    if (key === undefined) return undefined;
    const c = (/^\d+$/u.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
    if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
    return c.id;
  }

  r.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Conversations, one per number that replied, newest reply first',
        querystring: z.object({
          campaign: z.string().min(1).optional().describe('campaign id or name: replies matched to it'),
          intent: intent.optional().describe('the intent of the latest reply'),
          unread: z.enum(['1', '0', 'true', 'false']).optional().describe('1: only conversations with unread replies'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ conversations: z.array(summaryView) }) },
      },
    },
    async (req) => {
      const q = req.query;
      const id = await campaignId(q.campaign);
      const list = await listConversations(deps, {
        ...(id === undefined ? {} : { campaignId: id }),
        ...(q.intent ? { intent: q.intent } : {}),
        unread: q.unread === '1' || q.unread === 'true',
        limit: q.limit,
        offset: q.offset,
      });
      return {
        conversations: list.map((c) => ({
          id: c.id,
          phone: c.phone,
          person: toPersonView(c.person, personal(req)),
          campaign: c.campaign,
          intent: c.intent,
          promisedDate: c.promisedDate,
          replies: c.replies,
          unread: c.unread,
          suppressed: c.suppressed,
          lastMessage: { direction: c.lastMessage.direction, text: personal(req) ? c.lastMessage.text : null, at: iso(c.lastMessage.at)! },
        })),
      };
    },
  );

  r.get(
    '/inbox/rules',
    {
      schema: {
        tags: ['inbox'],
        summary: 'The intent rules, in the order they are tried (the first match tags a reply)',
        response: {
          200: z.object({
            intents: z.array(z.object({ intent, label: bilingual })),
            rules: z.array(z.object({ id: z.string(), intent, match: z.enum(['whole', 'contains']), patterns: z.array(z.string()), unless: z.array(z.string()), description: bilingual })),
          }),
        },
      },
    },
    async () => ({
      intents: INTENTS.map((i) => ({ intent: i, label: INTENT_LABELS[i] })),
      rules: INTENT_RULES.map((rule) => ({
        id: rule.id,
        intent: rule.intent,
        match: rule.match,
        patterns: rule.patterns.map((p) => (typeof p === 'string' ? p : p.source)),
        unless: (rule.unless ?? []).map((p) => (typeof p === 'string' ? p : p.source)),
        description: rule.description,
      })),
    }),
  );

  r.get(
    '/inbox/:conversationId',
    {
      schema: {
        tags: ['inbox'],
        summary: 'A conversation: every message sent to the number and every reply from it, oldest first',
        params: conversationParams,
        response: {
          200: z.object({
            id: z.string(),
            phone: z.string(),
            person: personView,
            suppressed: z.boolean(),
            unread: z.number(),
            timeline: z.array(z.discriminatedUnion('direction', [sentView, replyView])),
          }),
        },
      },
    },
    async (req) => {
      const c = await showConversation(deps, req.params.conversationId);
      const shown = personal(req);
      const timeline = req.principal.role === 'admin' ? await withUnsentTexts(deps, ctx.composer, c.timeline.filter((i) => i.direction === 'out')) : [];
      const composed = new Map(timeline.map((m) => [m.messageId, m]));
      return {
        ...c,
        person: toPersonView(c.person, shown),
        timeline: c.timeline.map((item) => (item.direction === 'in' ? toReplyView(item, shown) : toSentView(composed.get(item.messageId) ?? item, shown))),
      };
    },
  );

  r.post(
    '/inbox/:conversationId/reply',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['inbox'],
        summary: "Answer a conversation: queued as the next message to the person, through the route and the contact policy (refused for a suppressed number)",
        params: conversationParams,
        body: z.object({ text: z.string().min(1).max(2000) }),
        response: { 202: z.object({ messageId: z.number(), campaignId: z.number(), parts: z.number(), state: z.literal('queued') }) },
      },
    },
    async (req, reply) => {
      const queued = await replyInConversation(deps, { conversationId: req.params.conversationId, text: req.body.text, actor: req.actor });
      return reply.status(202).send({ ...queued, state: 'queued' as const });
    },
  );

  r.post(
    '/inbox/:conversationId/read',
    {
      config: { role: 'operator' },
      schema: { tags: ['inbox'], summary: "Mark a conversation's replies read", params: conversationParams, response: { 200: z.object({ read: z.number() }) } },
    },
    async (req) => ({ read: await markConversationRead(deps, req.params.conversationId, req.actor) }),
  );

  r.patch(
    '/inbound/:id',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['inbox'],
        summary: "Correct a reply's intent (the rule's own tag is kept beside it); correcting to opt_out suppresses the number",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          intent,
          promisedDate: z.string().refine(isLocalDate, 'a date as YYYY-MM-DD').optional().describe('for a promise'),
        }),
        response: { 200: replyView.extend({ confirmationId: z.number().nullable() }) },
      },
    },
    async (req) => {
      const { inbound, confirmationId } = await correctIntent(deps, { inboundId: req.params.id, intent: req.body.intent, promisedDate: req.body.promisedDate, actor: req.actor });
      return { ...toReplyView(inbound, true), confirmationId };
    },
  );
}
