// Append-only list of migrations. Never edit one that has shipped; add the next number.
import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../db.ts';
import { initial } from './0001_initial.ts';

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001_initial': initial(dialect),
      };
    },
  };
}
