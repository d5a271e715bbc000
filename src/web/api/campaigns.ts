// /api/v1/campaigns: list, create, show and change campaigns, and control their sending (send now or at a
// time, pause, resume, cancel). Recipients, preview and results live in the campaign-*.ts files beside it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignView } from './campaign-views.ts';
import { campaignAccess, campaignRef as ref, templateBody } from './campaign-access.ts';
import { campaignRecipientRoutes } from './campaign-recipients.ts';
import { campaignPreviewRoutes } from './campaign-preview.ts';
import { campaignResultRoutes } from './campaign-results.ts';
import { TodokuError } from '../../core/errors.ts';
import { cancelCampaign, confirmSend, pauseCampaign, resumeCampaign } from '../../campaign/control.ts';
import { parseOrThrow } from '../../campaign/validate.ts';
import { blockingError, lintForCampaign } from '../../campaign/lint.ts';
import { isValidTimeZone } from '../../core/policy/time.ts';
import type { Campaign } from '../../store/schema.ts';

/** Settings an operator may change while the campaign is a draft. */
const settingsFields = {
  timeZone: z
    .string()
    .refine(isValidTimeZone, 'unknown IANA time zone / 不明なタイムゾーンです')
    .optional()
    .describe('recipients\' time zone for the contact policy; default Asia/Tokyo'),
  routeProfile: z.string().trim().min(1).max(50).optional().describe('which routes carry it (sender profile); default "default"'),
  policyPack: z.enum(['jp_money_lending', 'us_fdcpa_reg_f', 'none']).optional().describe('contact policy; default jp_money_lending'),
  noticeKind: z.enum(['first', 'reminder', 'final']).optional().describe('first notice, reminder or final notice (the wording lint is stricter on a first notice)'),
};

function settingsPatch(b: { timeZone?: string | undefined; routeProfile?: string | undefined; policyPack?: string | undefined; noticeKind?: string | undefined }) {
  return {
    ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
    ...(b.routeProfile !== undefined ? { route_profile: b.routeProfile } : {}),
    ...(b.policyPack !== undefined ? { policy_pack: b.policyPack } : {}),
    ...(b.noticeKind !== undefined ? { notice_kind: b.noticeKind } : {}),
  };
}


export function campaignRoutes(app: FastifyInstance, ctx: ApiContext): void {
  campaignRecipientRoutes(app, ctx);
  campaignPreviewRoutes(app, ctx);
  campaignResultRoutes(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  const { load, view, audit } = campaignAccess(store);

  r.get('/campaigns', { schema: { tags: ['campaigns'], summary: 'List campaigns', response: { 200: z.object({ campaigns: z.array(campaignView) }) } } }, async () => {
    const list = await store.campaigns.list();
    return { campaigns: await Promise.all(list.map(view)) };
  });

  r.post(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign',
        body: z.object({
          name: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .refine((n) => !/^\d+$/.test(n), 'a name of digits only would read as an id / 数字だけの名前は使えません'),
          template: z.string().max(5000).optional(),
          sender: z.string().max(20).optional(),
          ...settingsFields,
        }),
        response: { 201: campaignView },
      },
    },
    async (req, reply) => {
      if (await store.campaigns.byName(req.body.name)) {
        throw new TodokuError('TODOKU_E_CONFLICT', { ja: `同じ名前のキャンペーンがあります: ${req.body.name}`, en: `a campaign named "${req.body.name}" exists` });
      }
      if (req.body.template) parseOrThrow(ctx.composer, req.body.template);
      const created = await store.campaigns.create({ name: req.body.name, template: req.body.template ?? null, sender: req.body.sender ?? null });
      const c = (await store.campaigns.update(created.id, settingsPatch({ policyPack: ctx.defaultPolicyPack ?? 'jp_money_lending', ...req.body }))) ?? created;
      await audit(req.actor, 'campaign.create', c, { name: c.name });
      return reply.status(201).send(await view(c));
    },
  );

  r.get('/campaigns/:campaign', { schema: { tags: ['campaigns'], summary: 'Show a campaign with message counts by state', params: ref, response: { 200: campaignView } } }, async (req) =>
    view(await load(req.params.campaign)),
  );

  r.patch(
    '/campaigns/:campaign',
    { schema: { tags: ['campaigns'], summary: 'Change the template, sender, time zone, route profile or policy of a draft', params: ref, body: z.object({ template: z.string().max(5000).optional(), sender: z.string().max(20).optional(), ...settingsFields }), response: { 200: campaignView } } },
    async (req) => {
      const c = await load(req.params.campaign);
      if (c.status !== 'draft') throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', { ja: '送信開始後は変更できません', en: 'cannot change a campaign after sending started' });
      if (req.body.template) parseOrThrow(ctx.composer, req.body.template);
      const updated = await store.campaigns.update(c.id, {
        ...(req.body.template !== undefined ? { template: req.body.template } : {}),
        ...(req.body.sender !== undefined ? { sender: req.body.sender } : {}),
        ...settingsPatch(req.body),
      });
      await audit(req.actor, 'campaign.update', c, { fields: Object.keys(req.body) });
      return view(updated!);
    },
  );

  r.post(
    '/campaigns/:campaign/send',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Confirm and start sending now or at a scheduled time (idempotent: confirming twice sends once)',
        params: ref,
        body: templateBody
          .extend({ scheduledAt: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 with offset, e.g. 2026-12-01T09:00:00+09:00') })
          .optional(),
        response: { 202: z.object({ campaign: campaignView, queued: z.number(), recipients: z.number(), totalParts: z.number() }) },
      },
    },
    async (req, reply) => {
      const c = await load(req.params.campaign);
      const scheduledAt = req.body?.scheduledAt ? Date.parse(req.body.scheduledAt) : undefined;
      if (c.status === 'draft') {
        const blocked = blockingError(await lintForCampaign(store, ctx.lint, c, req.body?.template ?? c.template ?? ''));
        if (blocked) throw blocked;
      }
      const result = await confirmSend(store, ctx.composer, c, { template: req.body?.template, limits: ctx.limits, scheduledAt, now: Date.now() });
      await audit(req.actor, 'campaign.send', c, { queued: result.queued });
      ctx.poke();
      return reply.status(202).send({
        campaign: await view(result.campaign),
        queued: result.queued,
        recipients: result.validation?.recipients ?? result.campaign.accepted_count,
        totalParts: result.validation?.totalParts ?? 0,
      });
    },
  );

  for (const [action, run] of [
    ['pause', (st: typeof store, c: Campaign) => pauseCampaign(st, c)],
    ['resume', (st: typeof store, c: Campaign) => resumeCampaign(st, c, Date.now())],
  ] as const) {
    r.post(`/campaigns/:campaign/${action}`, { schema: { tags: ['campaigns'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} sending`, params: ref, response: { 200: campaignView } } }, async (req) => {
      const c = await load(req.params.campaign);
      const updated = await run(store, c);
      await audit(req.actor, `campaign.${action}`, c);
      ctx.poke();
      return view(updated);
    });
  }

  r.post(
    '/campaigns/:campaign/cancel',
    { schema: { tags: ['campaigns'], summary: 'Cancel what has not gone out yet', params: ref, response: { 200: z.object({ campaign: campaignView, cancelled: z.number(), alreadySubmitted: z.number(), note: z.string() }) } } },
    async (req) => {
      const c = await load(req.params.campaign);
      const result = await cancelCampaign(store, c);
      await audit(req.actor, 'campaign.cancel', c, { cancelled: result.cancelled, alreadySubmitted: result.alreadySubmitted });
      return {
        campaign: await view(result.campaign),
        cancelled: result.cancelled,
        alreadySubmitted: result.alreadySubmitted,
        note: `${result.cancelled}件を取り消しました。送信済みの${result.alreadySubmitted}件は取り消せません / cancelled ${result.cancelled}; ${result.alreadySubmitted} already handed to the carrier are unaffected`,
      };
    },
  );

}
