// /api/v1/audit (administrators only): the audit log, newest first, page by page. Each entry carries a
// sentence a person can read (core/audit-sentence.ts), with the user's display name and the campaign's
// name looked up here, once per page.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditSentence } from '../../core/audit-sentence.ts';
import type { AuditStore } from '../../store/audit.ts';
import type { Store } from '../../store/index.ts';

const entry = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    details: z.unknown().nullable(),
    sentence: z.object({ ja: z.string(), en: z.string() }).describe('what happened, in words: 「山田 が 2026年12月 督促 を送信開始（26名）」'),
  })
  .meta({ id: 'AuditEntry' });

type Names = Pick<Store, 'accounts' | 'campaigns'>;

/** "user:3:…" → 3, "campaign:7" → 7 for the lookups; anything else undefined. */
const idOf = (ref: string | null, kind: string): number | undefined => {
  const m = ref ? new RegExp(`^${kind}:(\\d+)(?::|$)`).exec(ref) : null;
  return m ? Number(m[1]) : undefined;
};

async function nameLookup(names: Names, rows: { actor: string; target: string | null }[]) {
  const userIds = new Set<number>();
  const campaignIds = new Set<number>();
  for (const r of rows) {
    for (const ref of [r.actor, r.target]) {
      const u = idOf(ref, 'user');
      if (u !== undefined) userIds.add(u);
    }
    const c = idOf(r.target, 'campaign');
    if (c !== undefined) campaignIds.add(c);
  }
  const users = new Map<number, string>();
  for (const id of userIds) {
    const u = await names.accounts.userById(id);
    if (u) users.set(id, u.display_name || u.login);
  }
  const campaigns = new Map<number, string>();
  for (const id of campaignIds) {
    const c = await names.campaigns.byId(id);
    if (c) campaigns.set(id, c.name);
  }
  const of = (ref: string | null): string | undefined => {
    const u = idOf(ref, 'user');
    if (u !== undefined) return users.get(u);
    const c = idOf(ref, 'campaign');
    return c === undefined ? undefined : campaigns.get(c);
  };
  return of;
}

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditStore; names: Names }): void {
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
      const nameOf = await nameLookup(deps.names, rows);
      return {
        entries: rows.map((e) => {
          const details = e.details_json ? (JSON.parse(e.details_json) as unknown) : null;
          const sentence = auditSentence({ actor: e.actor, action: e.action, target: e.target, details, names: { actor: nameOf(e.actor), target: nameOf(e.target) } });
          return { id: e.id, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, details, sentence };
        }),
        next: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );
}
