// Routes (ways out) as an administrator manages them. Settings are sealed: they hold passwords and tokens.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.ts';
import type { RouteTable } from './schema-routing.ts';
import type { Vault } from '../core/vault.ts';
import type { RouteRecord } from '../core/route-record.ts';

/** What an administrator sets; the store adds the id and the time of the change. */
export type RouteInput = Omit<RouteRecord, 'id' | 'updatedAt'>;

export function routeStore(db: Kysely<Database>, vault: Vault, now: () => number) {
  const open = (r: Selectable<RouteTable>): RouteRecord => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    profile: r.profile,
    priority: r.priority,
    enabled: r.enabled === 1,
    sender: r.sender,
    ratePerSecond: r.rate_per_second,
    config: JSON.parse(vault.decrypt(r.config_enc)) as Record<string, unknown>,
    updatedAt: r.updated_at,
  });
  const row = (r: RouteInput) => ({
    name: r.name,
    kind: r.kind,
    profile: r.profile,
    priority: r.priority,
    enabled: r.enabled ? 1 : 0,
    sender: r.sender,
    rate_per_second: r.ratePerSecond,
    config_enc: vault.encrypt(JSON.stringify(r.config)),
  });
  return {
    async list(): Promise<RouteRecord[]> {
      return (await db.selectFrom('routes').selectAll().orderBy('profile').orderBy('priority').orderBy('id').execute()).map(open);
    },
    async byName(name: string): Promise<RouteRecord | undefined> {
      const r = await db.selectFrom('routes').selectAll().where('name', '=', name).executeTakeFirst();
      return r ? open(r) : undefined;
    },
    async create(input: RouteInput): Promise<RouteRecord> {
      const t = now();
      return open(await db.insertInto('routes').values({ ...row(input), created_at: t, updated_at: t }).returningAll().executeTakeFirstOrThrow());
    },
    async update(name: string, input: RouteInput): Promise<RouteRecord | undefined> {
      const r = await db.updateTable('routes').set({ ...row(input), updated_at: now() }).where('name', '=', name).returningAll().executeTakeFirst();
      return r ? open(r) : undefined;
    },
    async remove(name: string): Promise<boolean> {
      const r = await db.deleteFrom('routes').where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** A cheap fingerprint of the whole table: workers reload their routes when it changes. */
    async version(): Promise<string> {
      const r = await db
        .selectFrom('routes')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('t')])
        .executeTakeFirst();
      return `${Number(r?.n ?? 0)}:${Number(r?.t ?? 0)}`;
    },
  };
}

export type RouteStore = ReturnType<typeof routeStore>;
