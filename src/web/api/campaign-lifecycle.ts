// /api/v1/campaigns/:c delete and archive: a draft that will never be sent is deleted; a finished
// campaign is archived (hidden from GET /campaigns unless ?archived=1, kept for records) and can be
// brought back. The rules live in campaign/delete.ts and campaign/archive.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref } from './campaign-access.ts';
import { campaignView } from './campaign-views.ts';
import { noContent } from './openapi-document.ts';
import { deleteDraft } from '../../campaign/delete.ts';
import { archiveCampaign, unarchiveCampaign } from '../../campaign/archive.ts';

export function campaignLifecycleRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, view } = campaignAccess(store);

  r.delete(
    '/campaigns/:campaign',
    { schema: { tags: ['campaigns'], summary: 'Delete a draft with its list (a campaign that sent anything is archived instead)', params: ref, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteDraft(store, req.actor, await load(req.params.campaign));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/campaigns/:campaign/archive',
    { schema: { tags: ['campaigns'], summary: 'Archive a completed or cancelled campaign: hidden from the list, kept for records', params: ref, response: { 200: campaignView } } },
    async (req) => view(await archiveCampaign(store, req.actor, await load(req.params.campaign), ctx.now())),
  );

  r.post(
    '/campaigns/:campaign/unarchive',
    { schema: { tags: ['campaigns'], summary: 'Bring an archived campaign back to the list', params: ref, response: { 200: campaignView } } },
    async (req) => view(await unarchiveCampaign(store, req.actor, await load(req.params.campaign))),
  );
}
