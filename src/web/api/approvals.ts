// /api/v1 for approval before a send and test sends: the organisation's sending settings (approval
// required, test numbers), requests (POST /campaigns/:c/approval-requests), the list and one request,
// approve / reject / withdraw, the campaign's latest request for its send step, and
// POST /campaigns/:c/test-send. The rules live in campaign/approval*.ts and campaign/test-send.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref } from './campaign-access.ts';
import { campaignView } from './campaign-views.ts';
import type { ApprovalRequest } from '../../store/schema-approvals.ts';
import { APPROVAL_KINDS, APPROVAL_STATUSES, type Requester } from '../../core/approval.ts';
import { approvalStatus, decideApproval, requestApproval, withdrawApproval, type Person } from '../../campaign/approval.ts';
import { MAX_TEST_NUMBERS, saveSendingSettings } from '../../campaign/approval-settings.ts';
import { testSend } from '../../campaign/test-send.ts';
import { TodokuError } from '../../core/errors.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const sendingSettings = z
  .object({
    approvalRequired: z.boolean().describe('sends and schedules need an approver’s approval first'),
    testNumbers: z.array(z.string()).describe('the organisation’s own phones for test sends, E.164'),
  })
  .meta({ id: 'SendingSettings' });

const person = z.object({ kind: z.enum(['user', 'apikey']), id: z.number(), name: z.string().describe("a person's display name (or login), or the API key's name") });

const approvalView = z
  .object({
    id: z.number(),
    campaignId: z.number(),
    campaignName: z.string(),
    kind: z.enum(APPROVAL_KINDS).describe('now: send when approved; schedule: put on schedule for scheduledAt'),
    scheduledAt: z.string().nullable(),
    note: z.string().nullable(),
    requestedBy: person,
    requestedAt: z.string(),
    recipients: z.number(),
    totalParts: z.number(),
    status: z.enum(APPROVAL_STATUSES).describe('pending 承認待ち | approved 承認済み | rejected 差戻し | withdrawn 取下げ | stale 無効（内容が変更された）'),
    decidedBy: person.nullable(),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
    sentAt: z.string().nullable().describe('when the approval started the send or the schedule'),
    applies: z.boolean().nullable().describe('checked now: the campaign is as it was when asked for (null: not checked, the request is closed)'),
    own: z.boolean().describe('the caller made this request (and so may not decide it)'),
  })
  .meta({ id: 'ApprovalRequest' });

const idRef = z.object({ id: z.coerce.number().int().positive() });

/** `user:<id>:<login>` / `apikey:<id>:<name>` → who, for showing: a person by their display name. */
async function personOf(store: ApiContext['store'], actor: string | null, user: number | null, key: number | null): Promise<z.infer<typeof person> | null> {
  if (actor === null) return null;
  const m = /^(user|apikey):(\d+):(.*)$/su.exec(actor);
  const who = m ? { kind: m[1] as 'user' | 'apikey', id: Number(m[2]), name: m[3]! } : { kind: user !== null ? ('user' as const) : ('apikey' as const), id: user ?? key ?? 0, name: actor };
  if (who.kind !== 'user') return who;
  const u = await store.accounts.userById(who.id);
  return u ? { ...who, name: u.display_name || u.login } : who;
}

function personFrom(req: FastifyRequest): Person {
  const p = req.principal;
  const who: Requester = p.kind === 'user' ? { kind: 'user', id: p.id } : { kind: 'apikey', id: p.id };
  return { who, actor: req.actor };
}

export function approvalRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load, view } = campaignAccess(store);

  async function toView(req: FastifyRequest, a: ApprovalRequest, applies: boolean | null = null): Promise<z.infer<typeof approvalView>> {
    const c = await store.campaigns.byId(a.campaign_id);
    const mine = personFrom(req).who;
    const own = mine.kind === 'user' ? a.requested_by_user === mine.id : a.requested_by_key === mine.id;
    return {
      id: a.id,
      campaignId: a.campaign_id,
      campaignName: c?.name ?? String(a.campaign_id),
      kind: a.kind,
      scheduledAt: iso(a.scheduled_at),
      note: a.note,
      requestedBy: (await personOf(store, a.requested_by, a.requested_by_user, a.requested_by_key))!,
      requestedAt: iso(a.requested_at)!,
      recipients: a.recipients,
      totalParts: a.total_parts,
      status: a.status,
      decidedBy: await personOf(store, a.decided_by, a.decided_by_user, a.decided_by_key),
      decidedAt: iso(a.decided_at),
      comment: a.comment,
      sentAt: iso(a.sent_at),
      applies,
      own,
    };
  }

  // Operators and above: the test numbers may be the staff's own phones.
  r.get(
    '/organisation/sending',
    { config: { role: 'operator' }, schema: { tags: ['approvals'], summary: 'Whether sends need approval, and the organisation’s test numbers', response: { 200: sendingSettings } } },
    async () => store.approvals.settings(),
  );

  r.put(
    '/organisation/sending',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['approvals'],
        summary: 'Require approval before sends and schedules; list the organisation’s own phones for test sends (set the organisation first)',
        body: z.object({
          approvalRequired: z.boolean(),
          testNumbers: z.array(z.string().trim().min(1).max(40)).max(MAX_TEST_NUMBERS).default([]).describe('mobile numbers (090-…, +8190…): test sends go only to these'),
        }),
        response: { 200: sendingSettings },
      },
    },
    async (req) => saveSendingSettings(store, req.body, req.actor),
  );

  r.post(
    '/campaigns/:campaign/approval-requests',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['approvals'],
        summary: 'Ask for approval to send a draft now or at a time (a pending request of the campaign is withdrawn by it)',
        params: ref,
        body: z
          .object({
            scheduledAt: z.iso.datetime({ offset: true }).optional().describe('send at this time once approved (ISO 8601 with offset); at once when absent'),
            note: z.string().max(2000).optional().describe('a note for the approver'),
          })
          .optional(),
        response: { 201: approvalView },
      },
    },
    async (req, reply) => {
      const scheduledAt = req.body?.scheduledAt ? Date.parse(req.body.scheduledAt) : undefined;
      const request = await requestApproval(ctx, await load(req.params.campaign), personFrom(req), { scheduledAt, note: req.body?.note });
      return reply.status(201).send(await toView(req, request, true));
    },
  );

  r.get(
    '/campaigns/:campaign/approval',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Whether the campaign needs approval, and its latest request (checked against the campaign as it is now)',
        params: ref,
        response: { 200: z.object({ approvalRequired: z.boolean(), latest: approvalView.nullable() }).meta({ id: 'CampaignApproval' }) },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      const latest = await store.approvals.latestFor(c.id);
      const checked = latest ? await approvalStatus(ctx, latest, req.actor) : null;
      return { approvalRequired: (await store.approvals.settings()).approvalRequired, latest: checked ? await toView(req, checked.request, checked.applies) : null };
    },
  );

  r.get(
    '/approval-requests',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approval requests, newest first (?status=pending for those waiting), with the number pending',
        querystring: z.object({ status: z.enum(APPROVAL_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ requests: z.array(approvalView), pending: z.number() }).meta({ id: 'ApprovalRequestList' }) },
      },
    },
    async (req) => {
      const list = await store.approvals.list({ status: req.query.status, limit: req.query.limit });
      return { requests: await Promise.all(list.map((a) => toView(req, a))), pending: await store.approvals.pendingCount() };
    },
  );

  r.get(
    '/approval-requests/:id',
    {
      schema: {
        tags: ['approvals'],
        summary: 'One approval request with its campaign, checked against the campaign as it is now',
        params: idRef,
        response: { 200: z.object({ request: approvalView, campaign: campaignView }).meta({ id: 'ApprovalRequestDetail' }) },
      },
    },
    async (req) => {
      const a = await store.approvals.byId(req.params.id);
      if (!a) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `承認依頼 #${req.params.id} は見つかりません`, en: `approval request #${req.params.id} not found` });
      const checked = await approvalStatus(ctx, a, req.actor);
      return { request: await toView(req, checked.request, checked.applies), campaign: await view(await load(String(a.campaign_id))) };
    },
  );

  const decisionResult = z
    .object({
      request: approvalView,
      send: z
        .object({
          started: z.boolean().describe('approving started the send (or the schedule) as requested'),
          campaign: campaignView.optional(),
          queued: z.number().optional(),
          error: z.object({ code: z.string(), message: z.string(), message_en: z.string() }).optional().describe('why the send did not start; the approval stands and the send can be retried'),
        })
        .nullable(),
    })
    .meta({ id: 'ApprovalDecision' });

  for (const decision of ['approve', 'reject'] as const) {
    r.post(
      `/approval-requests/:id/${decision}`,
      {
        config: { role: 'approver' },
        schema: {
          tags: ['approvals'],
          summary:
            decision === 'approve'
              ? 'Approve another person’s request: the send (or schedule) starts at once, exactly as requested'
              : 'Reject another person’s request with a comment saying why (差戻し)',
          params: idRef,
          body: z.object({ comment: z.string().max(2000).optional() }).optional(),
          response: { 200: decisionResult },
        },
      },
      async (req) => {
        const decided = await decideApproval(ctx, req.params.id, personFrom(req), decision, req.body?.comment);
        const s = decided.send;
        return {
          request: await toView(req, decided.request),
          send: !s
            ? null
            : s.ok
              ? { started: true, campaign: await view(s.result.campaign), queued: s.result.queued }
              : { started: false, error: { code: s.error.code, message: s.error.ja, message_en: s.error.message } },
        };
      },
    );
  }

  r.post(
    '/approval-requests/:id/withdraw',
    { config: { role: 'operator' }, schema: { tags: ['approvals'], summary: 'Take back a pending request', params: idRef, response: { 200: approvalView } } },
    async (req) => toView(req, await withdrawApproval(ctx, req.params.id, personFrom(req))),
  );

  r.post(
    '/campaigns/:campaign/test-send',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['approvals'],
        summary: 'Send the campaign’s message now to the organisation’s test numbers only (no approval needed, a draft too; never counted in the figures)',
        params: ref,
        body: z
          .object({
            numbers: z.array(z.string().trim().min(1).max(40)).min(1).max(MAX_TEST_NUMBERS).optional().describe('some of the organisation’s test numbers; all of them when absent'),
            line: z.number().int().positive().optional().describe('the list’s line whose fields fill the template; the first row when absent'),
          })
          .optional(),
        response: {
          202: z
            .object({
              line: z.number(),
              text: z.string().describe('the text as sent (the contact policy’s opt-out line, if any, is added when sent)'),
              parts: z.number(),
              messages: z.array(z.object({ id: z.number(), to: z.string() })),
            })
            .meta({ id: 'TestSendResult' }),
        },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const by = p.kind === 'user' ? { by: p.id } : { by: null, key: p.id };
      const result = await testSend(ctx, await load(req.params.campaign), req.actor, by, { numbers: req.body?.numbers, line: req.body?.line });
      return reply.status(202).send(result);
    },
  );
}
