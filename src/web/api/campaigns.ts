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
import { campaignLifecycleRoutes } from './campaign-lifecycle.ts';
import { campaignResendRoutes } from './campaign-resend.ts';
import { campaignConsentRoutes } from './campaign-consent.ts';
import { cancelSending, pauseSending, resumeSending, sendCampaign } from '../../campaign/send.ts';
import { changeDraft, createCampaign, type DraftSettings } from '../../campaign/draft.ts';
import { isValidTimeZone } from '../../core/policy/time.ts';
import { NOTICE_FORMALITIES } from '../../core/consent.ts';

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
  formality: z
    .enum(NOTICE_FORMALITIES)
    .nullable()
    .optional()
    .describe('assignment 債権譲渡通知 | formal 正式な通知: sent only when every recipient\'s prior consent is recorded; null: an ordinary notice'),
};

/** The request's names for a draft's settings, in the store's terms; what was not sent stays as it is. */
function draftSettings(b: {
  template?: string | undefined;
  sender?: string | undefined;
  timeZone?: string | undefined;
  routeProfile?: string | undefined;
  policyPack?: DraftSettings['policy_pack'];
  noticeKind?: DraftSettings['notice_kind'];
  formality?: DraftSettings['notice_formality'] | undefined;
}): DraftSettings {
  return {
    ...(b.template !== undefined ? { template: b.template } : {}),
    ...(b.sender !== undefined ? { sender: b.sender } : {}),
    ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
    ...(b.routeProfile !== undefined ? { route_profile: b.routeProfile } : {}),
    ...(b.policyPack !== undefined ? { policy_pack: b.policyPack } : {}),
    ...(b.noticeKind !== undefined ? { notice_kind: b.noticeKind } : {}),
    ...(b.formality !== undefined ? { notice_formality: b.formality } : {}),
  };
}


export function campaignRoutes(app: FastifyInstance, ctx: ApiContext): void {
  campaignRecipientRoutes(app, ctx);
  campaignPreviewRoutes(app, ctx);
  campaignResultRoutes(app, ctx);
  campaignLifecycleRoutes(app, ctx);
  campaignResendRoutes(app, ctx);
  campaignConsentRoutes(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  const { load, view } = campaignAccess(store);

  r.get(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'List campaigns (archived ones only with ?archived=1)',
        querystring: z.object({ archived: z.enum(['0', '1']).default('0').describe('1: include archived campaigns') }),
        response: { 200: z.object({ campaigns: z.array(campaignView) }) },
      },
    },
    async (req) => {
    const list = await store.campaigns.list(100, { archived: req.query.archived === '1' });
    return { campaigns: await Promise.all(list.map(view)) };
  },
  );

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
      const c = await createCampaign(ctx, req.actor, { name: req.body.name, settings: draftSettings(req.body) });
      return reply.status(201).send(await view(c));
    },
  );

  r.get('/campaigns/:campaign', { schema: { tags: ['campaigns'], summary: 'Show a campaign with message counts by state', params: ref, response: { 200: campaignView } } }, async (req) =>
    view(await load(req.params.campaign)),
  );

  r.patch(
    '/campaigns/:campaign',
    { schema: { tags: ['campaigns'], summary: 'Change the template, sender, time zone, route profile or policy of a draft', params: ref, body: z.object({ template: z.string().max(5000).optional(), sender: z.string().max(20).optional(), ...settingsFields }), response: { 200: campaignView } } },
    async (req) => view(await changeDraft(ctx, req.actor, await load(req.params.campaign), draftSettings(req.body), Object.keys(req.body))),
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
        response: { 202: z.object({ campaign: campaignView, queued: z.number(), recipients: z.number(), totalParts: z.number() }).meta({ id: 'SendResult' }) },
      },
    },
    async (req, reply) => {
      const scheduledAt = req.body?.scheduledAt ? Date.parse(req.body.scheduledAt) : undefined;
      const result = await sendCampaign(ctx, await load(req.params.campaign), req.actor, { template: req.body?.template, scheduledAt });
      return reply.status(202).send({ campaign: await view(result.campaign), queued: result.queued, recipients: result.recipients, totalParts: result.totalParts });
    },
  );

  for (const [action, run] of [
    ['pause', pauseSending],
    ['resume', resumeSending],
  ] as const) {
    r.post(`/campaigns/:campaign/${action}`, { schema: { tags: ['campaigns'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} sending`, params: ref, response: { 200: campaignView } } }, async (req) =>
      view(await run(ctx, await load(req.params.campaign), req.actor)),
    );
  }

  r.post(
    '/campaigns/:campaign/cancel',
    { schema: { tags: ['campaigns'], summary: 'Cancel what has not gone out yet', params: ref, response: { 200: z.object({ campaign: campaignView, cancelled: z.number(), alreadySubmitted: z.number(), note: z.string() }).meta({ id: 'CancelResult' }) } } },
    async (req) => {
      const result = await cancelSending(ctx, await load(req.params.campaign), req.actor);
      return {
        campaign: await view(result.campaign),
        cancelled: result.cancelled,
        alreadySubmitted: result.alreadySubmitted,
        note: `${result.cancelled}件を取り消しました。送信済みの${result.alreadySubmitted}件は取り消せません / cancelled ${result.cancelled}; ${result.alreadySubmitted} already handed to the carrier are unaffected`,
      };
    },
  );

}
