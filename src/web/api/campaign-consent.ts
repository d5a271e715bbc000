// /api/v1/campaigns/:c/recipients/:r/consent: recording a recipient's prior consent to notices by SMS on
// a draft's list (PUT), or its withdrawal (DELETE); each is a ledger entry and an audit line
// (campaign/consent.ts). The list's rows show the consent as recorded (RecipientRow.consent).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiContext } from './context.ts';
import { campaignAccess } from './campaign-access.ts';
import { recipientRef, recipientRow, toRecipientRow } from './campaign-recipients.ts';
import { consentBody } from './consent-views.ts';
import { recordConsent } from '../../campaign/consent.ts';

export function campaignConsentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { load } = campaignAccess(ctx.store);

  r.put(
    '/campaigns/:campaign/recipients/:recipient/consent',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Record one row's prior consent to notices by SMS (date and method) on a draft's list; entered in the evidence ledger",
        params: recipientRef,
        body: consentBody,
        response: { 200: recipientRow },
      },
    },
    async (req) => toRecipientRow(await recordConsent(ctx.store, req.actor, await load(req.params.campaign), req.params.recipient, req.body, ctx.now())),
  );

  r.delete(
    '/campaigns/:campaign/recipients/:recipient/consent',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Withdraw one row's recorded consent on a draft's list (the withdrawal is entered in the evidence ledger)",
        params: recipientRef,
        response: { 200: recipientRow },
      },
    },
    async (req) => toRecipientRow(await recordConsent(ctx.store, req.actor, await load(req.params.campaign), req.params.recipient, null, ctx.now())),
  );
}
