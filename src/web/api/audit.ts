// /api/v1/audit (administrators only): the audit log, newest first, page by page.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditStore } from '../../store/audit.ts';

const entry = z.object({ id: z.number(), at: z.string(), actor: z.string(), action: z.string(), target: z.string().nullable(), details: z.unknown().nullable() });

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditStore }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Who did what, newest first; pass next as before for the following page',
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          actor: z.string().max(300).optional().describe('e.g. user:3:tanaka@example.jp or apikey:1:development'),
          action: z.string().max(100).optional().describe('e.g. campaign.send'),
        }),
        response: { 200: z.object({ entries: z.array(entry), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      const rows = await deps.audit.page(req.query);
      return {
        entries: rows.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details_json ? (JSON.parse(e.details_json) as unknown) : null })),
        next: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );
}
