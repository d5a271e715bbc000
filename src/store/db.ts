// Opens the database (SQLite file by default, PostgreSQL when configured) and runs migrations.
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Dialect } from './dialect.ts';

export type { Dialect };

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema; the migration bookkeeping tables live there too. */
  schema?: string;
  /** The SQLite handle, for the few bulk paths where prepared statements beat building queries. */
  sqlite?: SqliteDatabase.Database;
  /** The PostgreSQL pool Kysely uses, for the bulk path that streams rows in with COPY. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export type DbConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

// int8 (bigint) and numeric come back as strings by default; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDb(cfg: DbConfig): Promise<Db> {
  if (cfg.kind === 'sqlite') {
    if (cfg.file !== ':memory:') {
      // Sealed personal data and hashes live here: the directory for this user only (0700), and the file
      // created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode).
      mkdirSync(dirname(cfg.file), { recursive: true, mode: 0o700 });
      closeSync(openSync(cfg.file, 'a', 0o600));
    }
    const database = new SqliteDatabase(cfg.file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 10000');
    database.pragma('foreign_keys = ON');
    // A larger page cache keeps the random-keyed unique indexes (blind-indexed phone numbers) in memory
    // while a million-row list is imported.
    database.pragma('cache_size = -65536');
    database.pragma('temp_store = MEMORY');
    // Checkpoint every 64 MB of WAL rather than every 4 MB: a bulk import copies each page far fewer times.
    database.pragma('wal_autocheckpoint = 16384');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    return { kysely, dialect: 'sqlite', sqlite: database, close: () => kysely.destroy() };
  }
  const bootstrap = new pg.Client({ connectionString: cfg.url });
  await bootstrap.connect();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${cfg.schema}"`);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({ connectionString: cfg.url, max: 10, options: `-c search_path="${cfg.schema}"` });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', schema: cfg.schema, pool, close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query afresh; on SQLite preparing costs as much as running a small query, so
 * prepared statements are kept by their SQL text (most recently used first, a bounded number).
 */
function withStatementCache(database: SqliteDatabase.Database, max = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
    } else {
      stmt = database.prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  };
  return new Proxy(database, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      // Native methods need the real database as `this`.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function migrate(db: Db): Promise<void> {
  // Kysely checks for its bookkeeping tables by listing every table of the database; on PostgreSQL that
  // listing fails if another schema is dropped at the same moment (other tenants, parallel test runs).
  // Such a failure names a schema that is not ours and is worth another try.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateOnce(db);
      return;
    } catch (err) {
      const other = /schema "([^"]+)" does not exist/.exec(String(err));
      if (!other || other[1] === db.schema || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

async function migrateOnce(db: Db): Promise<void> {
  // Without an explicit schema Kysely may find another schema's migration tables and skip creating its own.
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect), ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** Drops a PostgreSQL schema (tests clean up after themselves). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export { sql };
