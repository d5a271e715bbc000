// /api/v1/templates: saved message templates; checking one against a campaign's columns and the wording lint.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { parseOrThrow } from '../../campaign/validate.ts';
import { lintForCampaign } from '../../campaign/lint.ts';
import { missingColumns } from '../../core/template.ts';
import type { SavedTemplate } from '../../store/templates.ts';
import { decodeColumns } from '../../core/csv/imported-columns.ts';
import { NOTICE_KINDS } from '../../core/lint/types.ts';

const templateView = z.object({ id: z.number(), name: z.string(), body: z.string(), noticeKind: z.enum(NOTICE_KINDS), fields: z.array(z.string()), updatedAt: z.string() });

export function templateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const view = (t: SavedTemplate) => ({
    id: t.id,
    name: t.name,
    body: t.body,
    noticeKind: t.notice_kind,
    fields: ctx.composer.parse(t.body).fields,
    updatedAt: new Date(t.updated_at).toISOString(),
  });

  r.get('/templates', { schema: { tags: ['templates'], summary: 'Saved templates', response: { 200: z.object({ templates: z.array(templateView) }) } } }, async () => ({
    templates: (await store.templates.list()).map(view),
  }));

  r.put(
    '/templates/:name',
    {
      schema: {
        tags: ['templates'],
        summary: 'Save a template (by name)',
        params: z.object({ name: z.string().trim().min(1).max(100) }),
        body: z.object({ body: z.string().min(1).max(5000), noticeKind: z.enum(['first', 'reminder', 'final']).default('first') }),
        response: { 200: templateView },
      },
    },
    async (req) => {
      parseOrThrow(ctx.composer, req.body.body);
      const t = await store.templates.save({ name: req.params.name, body: req.body.body, noticeKind: req.body.noticeKind });
      await store.audit.append({ actor: req.actor, action: 'template.save', target: `template:${t.id}`, details: { name: t.name } });
      return view(t);
    },
  );

  r.delete('/templates/:id', { schema: { tags: ['templates'], summary: 'Delete a saved template', params: z.object({ id: z.coerce.number().int() }), response: { 204: noContent } } }, async (req, reply) => {
    if (!(await store.templates.remove(req.params.id))) throw notFound(`テンプレート ${req.params.id} / template ${req.params.id}`);
    await store.audit.append({ actor: req.actor, action: 'template.delete', target: `template:${req.params.id}` });
    return reply.status(204).send(null);
  });

  r.post(
    '/templates/:id/check',
    {
      schema: {
        tags: ['templates'],
        summary: "Check a saved template against a campaign's columns, and the wording lint",
        params: z.object({ id: z.coerce.number().int() }),
        body: z.object({ campaign: z.string().min(1).describe('campaign id or name') }),
        response: {
          200: z.object({
            missingColumns: z.array(z.string()),
            lint: z.array(z.object({ rule: z.string(), severity: z.string(), message: z.string(), message_en: z.string(), suggestion: z.string(), suggestion_en: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const t = await store.templates.byId(req.params.id);
      if (!t) throw notFound(`テンプレート ${req.params.id} / template ${req.params.id}`);
      const key = req.body.campaign;
      const c = (/^\d+$/.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
      if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
      const columns = decodeColumns(c.columns_json).map((col) => col.field);
      const findings = await lintForCampaign(store, ctx.lint, { notice_kind: t.notice_kind }, t.body);
      return {
        missingColumns: missingColumns(ctx.composer.parse(t.body), columns),
        lint: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message.ja, message_en: f.message.en, suggestion: f.suggestion.ja, suggestion_en: f.suggestion.en })),
      };
    },
  );
}
