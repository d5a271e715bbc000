// /api/v1 for self-service (issue 13): what recipients asked for on their page — promises to pay,
// instalment requests, disputes, "not me" reports — listed as the inbox's tasks and reviewed by an
// operator (audited); the misdelivery list ("not me" numbers that imports reject) and its removal; and
// each campaign's choice of actions offered (GET/PUT /campaigns/:c/self-service). A viewer sees who
// and what kind, not the person's name in full nor what they wrote.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import type { Campaign } from '../../store/schema.ts';
import type { DebtorAction } from '../../store/debtor-actions.ts';
import type { SelfService } from '../../landing/self-service.ts';
import { DEBTOR_ACTION_KINDS, DEBTOR_ACTION_RESOLUTIONS, DEBTOR_ACTION_STATES, DEBTOR_NOTE_MAX, PROMISE_GRACE_DAYS_LIMIT, PROMISE_MAX_DAYS_LIMIT } from '../../core/debtor-actions.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { maskPerson, personOf } from '../../inbox/person.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** A viewer sees who replied when and with what intent, not what was written (as in the inbox). */
const personal = (req: FastifyRequest) => req.principal.role !== 'viewer';

const personView = z.object({ name: z.string().nullable(), customerNumber: z.string().nullable() }).describe('from the list (name, external_id); masked for a viewer');

const debtorActionView = z
  .object({
    id: z.number(),
    kind: z.enum(DEBTOR_ACTION_KINDS).describe('promise 支払いの約束 | instalment 分割払いの相談 | dispute 内容に心当たりがない | not_me 宛先の本人ではない'),
    state: z.enum(DEBTOR_ACTION_STATES).describe('open until kept / broken (promises, by rule), resolved / dismissed (an operator), or superseded by a newer promise'),
    campaign: z.object({ id: z.number(), name: z.string() }),
    messageId: z.number(),
    recipientId: z.number(),
    person: personView,
    phone: z.string().nullable().describe('masked, e.g. 090-****-5678'),
    conversationId: z.string().nullable().describe('the inbox conversation of this number (GET /inbox/{id})'),
    promisedDate: z.string().nullable().describe('YYYY-MM-DD (promise)'),
    amount: z.number().nullable().describe('yen (promise, optional)'),
    monthlyAmount: z.number().nullable().describe('yen per month (instalment)'),
    note: z.string().nullable().describe('what the person wrote; null when nothing, and for a viewer'),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolutionNote: z.string().nullable().describe("the operator's note on the review; null for a viewer"),
  })
  .meta({ id: 'DebtorAction' });

const kindCounts = z.object(Object.fromEntries(DEBTOR_ACTION_KINDS.map((k) => [k, z.number()])) as Record<(typeof DEBTOR_ACTION_KINDS)[number], z.ZodNumber>);

const misdeliveredView = z
  .object({
    id: z.number(),
    phone: z.string().nullable().describe('masked, e.g. 090-****-5678'),
    campaign: z.object({ id: z.number(), name: z.string() }),
    messageId: z.number(),
    reportedAt: z.string(),
  })
  .meta({ id: 'MisdeliveredNumber' });

const selfServiceSettings = z
  .object({
    promise: z.boolean().describe('「支払いを約束する」 offered'),
    promiseMaxDays: z.number().int().min(1).max(PROMISE_MAX_DAYS_LIMIT).describe('the latest promised date, in days from today (default 30)'),
    promiseGraceDays: z.number().int().min(0).max(PROMISE_GRACE_DAYS_LIMIT).describe('days after the promised date before a promise without payment is broken (default 3)'),
    instalment: z.boolean().describe('「分割払いを相談したい」 offered'),
    dispute: z.boolean().describe('「内容に心当たりがない」 offered'),
    notMe: z.boolean().describe('「私は宛先の本人ではありません」 offered (also before the identity check)'),
  })
  .meta({ id: 'SelfServiceSettings' });

const idParams = z.object({ id: z.coerce.number().int().positive() });
const campaignRef = z.object({ campaign: z.string().min(1).describe('campaign id or name') });

export function debtorActionRoutes(app: FastifyInstance, ctx: ApiContext, service: SelfService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  async function loadCampaign(key: string): Promise<Campaign> {
    const c = (/^\d+$/u.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
    if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
    return c;
  }

  /** The rows as the API shows them: the people behind them read in one query. */
  async function views(req: FastifyRequest, rows: readonly (DebtorAction & { campaign_name: string })[]): Promise<z.infer<typeof debtorActionView>[]> {
    const people = await store.recipients.byIds([...new Set(rows.map((a) => a.recipient_id))]);
    const full = personal(req);
    return rows.map((a) => {
      const recipient = people.get(a.recipient_id);
      const person = recipient ? personOf(recipient.fields) : { name: null, customerNumber: null };
      return {
        id: a.id,
        kind: a.kind,
        state: a.state,
        campaign: { id: a.campaign_id, name: a.campaign_name },
        messageId: a.message_id,
        recipientId: a.recipient_id,
        person: full ? person : maskPerson(person),
        phone: recipient ? maskPhone(recipient.phone) : null,
        conversationId: recipient ? store.suppressions.idOf(recipient.phone) : null,
        promisedDate: a.promised_date,
        amount: a.amount,
        monthlyAmount: a.monthly_amount,
        note: full ? store.debtorActions.noteOf(a) : null,
        createdAt: iso(a.created_at)!,
        resolvedAt: iso(a.resolved_at),
        resolvedBy: a.resolved_by,
        resolutionNote: full ? store.debtorActions.resolutionNoteOf(a) : null,
      };
    });
  }

  async function one(req: FastifyRequest, id: number): Promise<z.infer<typeof debtorActionView>> {
    await service.settle();
    const a = await store.debtorActions.byId(id);
    if (!a) throw notFound(`申出 #${id} / request #${id}`);
    const c = await store.campaigns.byId(a.campaign_id);
    return (await views(req, [{ ...a, campaign_name: c?.name ?? '' }]))[0]!;
  }

  r.get(
    '/debtor-actions',
    {
      schema: {
        tags: ['self-service'],
        summary: "What recipients asked for on their page (promises, instalment requests, disputes, not-me reports), newest first, with the open ones counted by kind",
        querystring: z.object({
          kind: z.enum(DEBTOR_ACTION_KINDS).optional(),
          state: z.enum(DEBTOR_ACTION_STATES).optional(),
          campaign: z.coerce.number().int().positive().optional().describe('campaign id'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ total: z.number(), open: kindCounts.describe('open requests per kind'), actions: z.array(debtorActionView) }).meta({ id: 'DebtorActionList' }) },
      },
    },
    async (req) => {
      const q = req.query;
      await service.settle();
      const [{ total, items }, open] = await Promise.all([
        store.debtorActions.list({ kind: q.kind, state: q.state, campaignId: q.campaign, limit: q.limit, offset: q.offset }),
        store.debtorActions.openCounts(),
      ]);
      return { total, open, actions: await views(req, items) };
    },
  );

  r.get('/debtor-actions/:id', { schema: { tags: ['self-service'], summary: 'One request from a recipient’s page', params: idParams, response: { 200: debtorActionView } } }, async (req) => one(req, req.params.id));

  r.post(
    '/debtor-actions/:id/resolve',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['self-service'],
        summary: 'Review an open request: resolved (dispute upheld, not-me confirmed, instalments agreed, promise acknowledged) or dismissed (rejected, wrong: a not-me found wrong leaves the misdelivery list); audited',
        params: idParams,
        body: z.object({
          outcome: z.enum(DEBTOR_ACTION_RESOLUTIONS),
          note: z.string().max(DEBTOR_NOTE_MAX).nullish().describe("the operator's note, kept sealed"),
        }),
        response: { 200: debtorActionView },
      },
    },
    async (req) => {
      await service.resolve(req.params.id, { state: req.body.outcome, note: req.body.note ?? null }, req.actor);
      return one(req, req.params.id);
    },
  );

  r.get(
    '/misdelivered-numbers',
    {
      schema: {
        tags: ['self-service'],
        summary: 'The misdelivery list: numbers someone reported as not theirs (「私は宛先の本人ではありません」); imports reject them as misdelivered until removed',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ total: z.number(), numbers: z.array(misdeliveredView) }).meta({ id: 'MisdeliveredNumberList' }) },
      },
    },
    async (req) => {
      const { total, items } = await store.debtorActions.misdelivered.list(req.query);
      const people = await store.recipients.byIds([...new Set(items.map((n) => n.recipient_id))]);
      return {
        total,
        numbers: items.map((n) => {
          const phone = people.get(n.recipient_id)?.phone;
          return { id: n.id, phone: phone ? maskPhone(phone) : null, campaign: { id: n.campaign_id, name: n.campaign_name }, messageId: n.message_id, reportedAt: iso(n.reported_at)! };
        }),
      };
    },
  );

  r.delete(
    '/misdelivered-numbers/:id',
    { config: { role: 'operator' }, schema: { tags: ['self-service'], summary: 'Take a number off the misdelivery list: imports accept it again (audited)', params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await service.removeMisdelivered(req.params.id, req.actor);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/campaigns/:campaign/self-service',
    { schema: { tags: ['self-service'], summary: 'Which self-service actions the campaign’s page offers (the defaults until set)', params: campaignRef, response: { 200: selfServiceSettings } } },
    async (req) => service.settings((await loadCampaign(req.params.campaign)).id),
  );

  r.put(
    '/campaigns/:campaign/self-service',
    { schema: { tags: ['self-service'], summary: 'Choose which self-service actions the campaign’s page offers, and a promise’s limits (audited)', params: campaignRef, body: selfServiceSettings, response: { 200: selfServiceSettings } } },
    async (req) => service.saveSettings((await loadCampaign(req.params.campaign)).id, req.body, req.actor),
  );
}
