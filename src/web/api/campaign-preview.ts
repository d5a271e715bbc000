// /api/v1/campaigns/:c/preview: the template rendered on real rows (first, random, longest), every row checked, parts counted, missing columns and the wording lint.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref, templateBody } from './campaign-access.ts';
import { previewCampaign } from '../../campaign/preview.ts';
import { PREVIEW_ISSUE_REASONS } from '../../core/labels.ts';
import { RULE_IDS } from '../../core/lint/types.ts';

export function campaignPreviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { load } = campaignAccess(ctx.store);

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
            issues: z.array(z.object({ line: z.number(), field: z.string().optional(), reason: z.enum(PREVIEW_ISSUE_REASONS) })),
            columnIssues: z
              .array(
                z.object({
                  field: z.string().optional(),
                  header: z.string().nullable().describe('the CSV header as written; null when the list has no such column'),
                  reason: z.enum(PREVIEW_ISSUE_REASONS),
                  count: z.number(),
                  lines: z.array(z.number()).describe('the first 20 lines'),
                }),
              )
              .describe('the rows that cannot be filled, once per column, counted over every row'),
            headers: z.array(z.string()).describe("the list's columns as its header row names them"),
            missingColumns: z.array(z.string()).describe('merge fields the campaign has no column for'),
            lint: z.array(
              z.object({
                rule: z.enum(RULE_IDS),
                severity: z.enum(['warning', 'block']),
                message: z.string(),
                message_en: z.string(),
                suggestion: z.string(),
                suggestion_en: z.string(),
                span: z.object({ start: z.number(), end: z.number() }).optional(),
              }),
            ),
            blockers: z
              .array(z.object({ code: z.string(), message: z.string(), message_en: z.string() }))
              .describe('what refuses the send besides rows and wording, e.g. {{url}} with no recipient page (TODOKU_E_LANDING_REQUIRED)'),
          }).meta({ id: 'Preview' }),
        },
      },
    },
    async (req) => {
      const p = await previewCampaign(ctx, await load(req.params.campaign), { template: req.body.template, limit: req.body.limit });
      return {
        ...p,
        blockers: p.blockers.map((b) => ({ code: b.code, message: b.message.ja, message_en: b.message.en })),
        // Findings speak both languages as pairs; the API has always given them as flat fields.
        lint: p.lint.map((f) => ({
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
