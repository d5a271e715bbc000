// /api/v1/campaigns: create, show, import recipients (CSV body), rejection report, preview, send,
// pause / resume / cancel, messages and results export.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignView, messageView, toCampaignView, toMessageView } from './campaign-views.ts';
import { recipientActionCounts } from './payments.ts';
import { notFound } from './problem.ts';
import { TodokuError } from '../../core/errors.ts';
import { importRecipients } from '../../campaign/import-recipients.ts';
import { cancelCampaign, confirmSend, pauseCampaign, resumeCampaign } from '../../campaign/control.ts';
import { parseOrThrow, validateCampaign } from '../../campaign/validate.ts';
import { countSegments } from '../../core/segments.ts';
import { missingColumns } from '../../core/template.ts';
import { blockingError, lintForCampaign } from '../../campaign/lint.ts';
import { isValidTimeZone } from '../../core/policy/time.ts';
import { writeRejectionReport } from '../../import/report.ts';
import { exportResults } from '../../export/results.ts';
import type { Campaign } from '../../store/schema.ts';
import type { RejectReason } from '../../core/csv/row.ts';

const ref = z.object({ campaign: z.string().min(1).describe('campaign id or name') });
const encodingQuery = z.object({ encoding: z.enum(['utf-8-bom', 'cp932']).default('utf-8-bom') });
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

const templateBody = z.object({ template: z.string().min(1).max(5000).optional() });

export function campaignRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  async function load(key: string): Promise<Campaign> {
    const c = (/^\d+$/.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
    if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
    return c;
  }
  async function view(c: Campaign) {
    return { ...toCampaignView(c, await store.messages.countsByState(c.id)), recipientActions: await recipientActionCounts(store, c.id) };
  }
  const audit = (actor: string, action: string, c: Campaign, details?: Record<string, unknown>) =>
    store.audit.append({ actor, action, target: `campaign:${c.id}`, ...(details ? { details } : {}) });

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
    '/campaigns/:campaign/recipients',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Import recipients from a CSV body (UTF-8 with or without BOM, or CP932); streamed',
        params: ref,
        querystring: z.object({ mapping: z.string().optional().describe('JSON object: header → field, e.g. {"携帯":"phone"}') }),
        response: {
          200: z.object({
            campaignId: z.number(),
            encoding: z.string(),
            columns: z.array(z.object({ header: z.string(), field: z.string() })),
            rows: z.number(),
            accepted: z.number(),
            rejected: z.number(),
            byReason: z.record(z.string(), z.number()),
            warnings: z.array(z.object({ code: z.string(), message: z.string(), message_en: z.string(), columns: z.array(z.number()) })),
            reportUrl: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      let overrides: Record<string, string> | undefined;
      if (req.query.mapping) {
        const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(req.query.mapping));
        if (!parsed.success) throw new TodokuError('TODOKU_E_VALIDATION', { ja: 'mapping の形式が正しくありません', en: 'mapping must be a JSON object of strings' });
        overrides = parsed.data;
      }
      const result = await importRecipients(store, c, req.body as Readable, overrides ? { overrides } : {});
      ctx.metrics?.imported(result.accepted, result.rejected);
      await audit(req.actor, 'campaign.import', c, { rows: result.rows, accepted: result.accepted, rejected: result.rejected, encoding: result.encoding });
      return {
        campaignId: c.id,
        encoding: result.encoding,
        columns: result.columns.map((col) => ({ header: col.header, field: col.field })),
        rows: result.rows,
        accepted: result.accepted,
        rejected: result.rejected,
        byReason: result.byReason,
        warnings: result.warnings.map((w) => ({ code: w.code, message: w.message.ja, message_en: w.message.en, columns: w.columns })),
        reportUrl: `/api/v1/campaigns/${c.id}/rejections.csv`,
      };
    },
  );

  r.get('/campaigns/:campaign/rejections.csv', { config: { role: 'operator' }, schema: { tags: ['campaigns'], summary: 'Rejected rows with line and reason, as CSV', params: ref, querystring: encodingQuery } }, async (req, reply) => {
    const c = await load(req.params.campaign);
    await audit(req.actor, 'campaign.rejections.download', c);
    const rows = (async function* () {
      for await (const x of store.recipients.rejections(c.id)) yield { ...x, reason: x.reason as RejectReason };
    })();
    return reply
      .type(`text/csv; charset=${req.query.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="rejections-${c.id}.csv"`)
      .send(writeRejectionReport(rows, req.query.encoding));
  });

  r.post(
    '/campaigns/:campaign/preview',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Render the template on real rows and check every row',
        params: ref,
        body: templateBody.extend({ limit: z.number().int().min(1).max(50).default(5) }),
        response: {
          200: z.object({
            samples: z.array(
              z.object({ kind: z.enum(['first', 'random', 'longest']), line: z.number(), text: z.string(), encoding: z.string(), characters: z.number(), parts: z.number() }),
            ),
            recipients: z.number(),
            totalParts: z.number(),
            longest: z.object({ line: z.number(), characters: z.number(), parts: z.number() }).nullable(),
            rowsWithIssues: z.number(),
            issues: z.array(z.object({ line: z.number(), field: z.string().optional(), reason: z.string() })),
            missingColumns: z.array(z.string()).describe('merge fields the campaign has no column for'),
            lint: z.array(
              z.object({
                rule: z.string(),
                severity: z.enum(['warning', 'block']),
                message: z.string(),
                message_en: z.string(),
                suggestion: z.string(),
                suggestion_en: z.string(),
                span: z.object({ start: z.number(), end: z.number() }).optional(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      const source = req.body.template ?? c.template;
      const template = parseOrThrow(ctx.composer, source);
      const rows = await store.recipients.sample(c.id, req.body.limit);
      const sample = (kind: 'first' | 'random' | 'longest', line: number, text: string) => {
        const info = countSegments(text, ctx.limits);
        return { kind, line, text, encoding: info.encoding, characters: info.characters, parts: info.parts };
      };
      const first = rows.flatMap((row) => {
        const out = ctx.composer.render(template, row.fields, null);
        return out.ok ? [sample('first', row.line, out.text)] : [];
      });
      const v = await validateCampaign(store, ctx.composer, c, template, ctx.limits, { randomRows: 3 });
      const columns = c.columns_json ? (JSON.parse(c.columns_json) as { field: string }[]).map((col) => col.field) : [];
      const findings = await lintForCampaign(store, ctx.lint, c, source!);
      return {
        samples: [
          ...first,
          ...v.randomRows.filter((r) => !first.some((f) => f.line === r.line)).map((r) => sample('random', r.line, r.text)),
          ...(v.longestRow ? [sample('longest', v.longestRow.line, v.longestRow.text)] : []),
        ],
        recipients: v.recipients,
        totalParts: v.totalParts,
        longest: v.longest,
        rowsWithIssues: v.rowsWithIssues,
        issues: v.issues,
        missingColumns: columns.length > 0 ? missingColumns(template, columns) : [],
        lint: findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          message: f.message.ja,
          message_en: f.message.en,
          suggestion: f.suggestion.ja,
          suggestion_en: f.suggestion.en,
          ...(f.span ? { span: f.span } : {}),
        })),
      };
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

  r.get(
    '/campaigns/:campaign/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Messages of a campaign, page by page (after = last id seen)',
        params: ref,
        querystring: z.object({ state: z.string().optional(), after: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ messages: z.array(messageView), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const c = await load(req.params.campaign);
      const page = await store.messages.list(c.id, { state: req.query.state, after: req.query.after, limit: req.query.limit });
      const recipients = await store.recipients.byIds(page.map((m) => m.recipient_id));
      return {
        messages: page.map((m) => toMessageView(m, recipients.get(m.recipient_id), ctx.vault, { personalData: req.principal.role !== 'viewer' })),
        next: page.length === req.query.limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  r.get('/campaigns/:campaign/export.csv', { config: { role: 'operator' }, schema: { tags: ['campaigns'], summary: 'Results per message as CSV for Excel', params: ref, querystring: encodingQuery } }, async (req, reply) => {
    const c = await load(req.params.campaign);
    await audit(req.actor, 'campaign.export', c, { encoding: req.query.encoding });
    return reply
      .type(`text/csv; charset=${req.query.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="results-${c.id}.csv"`)
      .send(exportResults(store, c.id, req.query.encoding));
  });
}
