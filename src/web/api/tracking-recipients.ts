// The recipient table and one message's story, for live tracking (reads, viewer):
//   GET /campaigns/:c/recipients/progress      each person's message and how far they got; q searches
//   GET /campaigns/:c/messages/:id/timeline    one message's events with times and carrier error codes
// A viewer sees states, times and counts: names and numbers masked, texts withheld, search by line only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignParam, loadCampaign } from './documents.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { messageView, toMessageView } from './campaign-views.ts';
import { notFound } from './problem.ts';
import { messageTimeline } from '../../tracking/message-timeline.ts';
import { maskName, recipientMatches } from '../../tracking/search.ts';
import type { MessageRecord } from '../../store/tracking.ts';
import { MESSAGE_STATES } from '../../core/message.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function recipientTrackingRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, vault } = ctx;

  const progressRow = z.object({
    recipientId: z.number(),
    line: z.number(),
    name: z.string().nullable(),
    phone: z.string(),
    externalId: z.string().nullable(),
    messageId: z.number().nullable(),
    state: z.enum(MESSAGE_STATES).nullable(),
    errorCode: z.string().nullable(),
    errorReason: z.string().nullable(),
    /** While queued: when it may go (a policy wait or a retry); null otherwise. */
    nextAttemptAt: z.string().nullable(),
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
          state: z.enum(MESSAGE_STATES).optional(),
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
      const found: { recipientId: number; line: number; phone: string; fields: Record<string, string>; message: MessageRecord | null }[] = [];
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
            nextAttemptAt: f.message?.state === 'queued' ? iso(f.message.nextAttemptAt) : null,
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
