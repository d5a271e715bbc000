// Saved templates: named message bodies an operator picks when building a campaign.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.ts';
import type { TemplateTable } from './schema-templates.ts';
import type { NoticeKind } from '../core/lint/types.ts';

export type SavedTemplate = Selectable<TemplateTable>;

export function templateStore(db: Kysely<Database>, now: () => number) {
  return {
    list: (): Promise<SavedTemplate[]> => db.selectFrom('templates').selectAll().orderBy('name').execute(),
    byId: (id: number): Promise<SavedTemplate | undefined> => db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst(),
    byName: (name: string): Promise<SavedTemplate | undefined> => db.selectFrom('templates').selectAll().where('name', '=', name).executeTakeFirst(),
    async save(input: { name: string; body: string; noticeKind: NoticeKind }): Promise<SavedTemplate> {
      const t = now();
      return db
        .insertInto('templates')
        .values({ name: input.name, body: input.body, notice_kind: input.noticeKind, created_at: t, updated_at: t })
        .onConflict((oc) => oc.column('name').doUpdateSet({ body: input.body, notice_kind: input.noticeKind, updated_at: t }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async remove(id: number): Promise<boolean> {
      const r = await db.deleteFrom('templates').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
