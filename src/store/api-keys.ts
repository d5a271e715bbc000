// API keys: shown once when created, stored only as a SHA-256 hash (they are long random secrets,
// so a slow password hash would add nothing but latency to every API call).
import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, Database } from './schema.ts';
import type { Role } from './schema-accounts.ts';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKeySecret(): string {
  return `tdk_${randomBytes(24).toString('base64url')}`;
}

export function apiKeyStore(db: Kysely<Database>, now: () => number) {
  return {
    /** Creates a key; the plain key is returned only here. */
    async create(name: string, secret: string = newApiKeySecret(), role: Role = 'operator'): Promise<{ key: ApiKey; secret: string }> {
      const key = await db
        .insertInto('api_keys')
        .values({ name, prefix: secret.slice(0, 8), key_hash: hashApiKey(secret), created_at: now(), revoked_at: null, last_used_at: null, role })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { key, secret };
    },
    async verify(secret: string): Promise<ApiKey | undefined> {
      const key = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', hashApiKey(secret))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (key) await db.updateTable('api_keys').set({ last_used_at: now() }).where('id', '=', key.id).execute();
      return key;
    },
    async list(): Promise<ApiKey[]> {
      return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
    },
    async revoke(id: number): Promise<boolean> {
      const r = await db.updateTable('api_keys').set({ revoked_at: now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type ApiKeyStore = ReturnType<typeof apiKeyStore>;
