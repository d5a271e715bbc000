// Table shapes of migration 0007: saved templates.
import type { Generated } from 'kysely';
import type { NoticeKind } from '../core/lint/types.ts';

export interface TemplateTable {
  id: Generated<number>;
  name: string;
  body: string;
  notice_kind: Generated<NoticeKind>;
  created_at: number;
  updated_at: number;
}

export interface TemplateTables {
  templates: TemplateTable;
}
