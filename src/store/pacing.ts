// A route's rate limit shared by every worker process: each takes its share of the current second's
// budget from one row, so several processes on one PostgreSQL never exceed the route's messages/second.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';

export function pacingStore(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Grants up to `wanted` sends on `route` in the second `second` (epoch seconds), never past `limit`. */
    async take(route: string, second: number, wanted: number, limit: number): Promise<number> {
      if (wanted <= 0) return 0;
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('route_pacing').values({ route, second, used: 0 }).onConflict((oc) => oc.doNothing()).execute();
        let q = trx.selectFrom('route_pacing').select('used').where('route', '=', route).where('second', '=', second);
        if (dialect === 'postgres') q = q.forUpdate();
        const used = Number((await q.executeTakeFirstOrThrow()).used);
        const granted = Math.max(0, Math.min(wanted, limit - used));
        if (granted > 0) {
          await trx.updateTable('route_pacing').set({ used: used + granted }).where('route', '=', route).where('second', '=', second).execute();
        }
        return granted;
      });
    },
    async prune(beforeSecond: number): Promise<void> {
      await db.deleteFrom('route_pacing').where('second', '<', beforeSecond).execute();
    },
  };
}

export type PacingStore = ReturnType<typeof pacingStore>;
