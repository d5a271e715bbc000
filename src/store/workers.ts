// Worker heartbeats: how one process tells the others it is alive (and so owns what it claimed).
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export function workerStore(db: Kysely<Database>, now: () => number) {
  return {
    async beat(id: string): Promise<void> {
      const t = now();
      await db
        .insertInto('workers')
        .values({ id, started_at: t, heartbeat_at: t })
        .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: t }))
        .execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('workers').where('id', '=', id).execute();
    },
    /** Forget workers silent for long (their messages were recovered already). */
    async pruneBefore(t: number): Promise<void> {
      await db.deleteFrom('workers').where('heartbeat_at', '<', t).execute();
    },
  };
}

export type WorkerStore = ReturnType<typeof workerStore>;
