// /api/v1/campaigns/:c/preview: the template rendered on real rows (first, random, longest), every row checked, parts counted, missing columns and the wording lint.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref, templateBody } from './campaign-access.ts';
import { parseOrThrow, validateCampaign } from '../../campaign/validate.ts';
import { countSegments } from '../../core/segments.ts';
import { missingColumns } from '../../core/template.ts';
import { lintForCampaign } from '../../campaign/lint.ts';

export function campaignPreviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const { load } = campaignAccess(store);

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

}
