// Whole-queue figures for monitoring (/metrics): messages counted by state and route. One grouped scan
// of the messages table, so callers cache it rather than run it on every scrape.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface MessageCount {
  state: string;
  /** The route that carried it; null while it has not been handed to one. */
  route: string | null;
  count: number;
}

export async function messageCounts(db: Kysely<Database>): Promise<MessageCount[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['state', 'route', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['state', 'route'])
    .execute();
  return rows.map((r) => ({ state: r.state, route: r.route, count: Number(r.n) }));
}
