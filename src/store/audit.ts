// The audit log: who did what to which object, appended for every operator action.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

export function auditStore(db: Kysely<Database>, now: () => number) {
  return {
    async append(e: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({ at: now(), actor: e.actor, action: e.action, target: e.target ?? null, details_json: e.details ? JSON.stringify(e.details) : null })
        .execute();
    },
    async list(limit = 100) {
      return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
    /** Newest first, page by page: `before` is the last id of the previous page. */
    async page(q: { before?: number; limit: number; actor?: string; action?: string }) {
      let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
      if (q.before !== undefined) query = query.where('id', '<', q.before);
      if (q.actor !== undefined) query = query.where('actor', '=', q.actor);
      if (q.action !== undefined) query = query.where('action', '=', q.action);
      return query.execute();
    },
  };
}

export type AuditStore = ReturnType<typeof auditStore>;
