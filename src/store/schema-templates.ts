// Table shapes of migration 0007: saved templates.
import type { Generated } from 'kysely';

export interface TemplateTable {
  id: Generated<number>;
  name: string;
  body: string;
  /** 'first' | 'reminder' | 'final' */
  notice_kind: Generated<string>;
  created_at: number;
  updated_at: number;
}

export interface TemplateTables {
  templates: TemplateTable;
}
