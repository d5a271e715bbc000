// Starts the whole app in-process (web, dispatcher, SMSC simulator over real SMPP on 127.0.0.1) on a
// fresh SQLite file or PostgreSQL schema, and gives a small authenticated API client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startApp, type Running } from '../../src/app.ts';
import { dropSchema } from '../../src/store/db.ts';
import { PG_URL, uniqueSchema } from './db.ts';

export interface TestApp {
  app: Running;
  url: string;
  key: string;
  api<T = any>(method: string, path: string, body?: unknown, init?: { contentType?: string; key?: string | null }): Promise<{ status: number; body: T; headers: Headers; raw: Buffer }>;
  stop(): Promise<void>;
}

export async function startTestApp(kind: 'sqlite' | 'postgres' = 'sqlite', extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-app-'));
  const schema = uniqueSchema();
  const env: Record<string, string> = {
    PORT: '0',
    TODOKU_DATA_DIR: dir,
    TODOKU_SIMULATOR_PORT: '0',
    TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '20',
    TODOKU_LOG_LEVEL: process.env.TODOKU_TEST_LOG_LEVEL ?? 'silent',
    TODOKU_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    // Tests run at any hour: quiet hours are tested on their own (test/dispatch/policy.test.ts).
    TODOKU_DEFAULT_POLICY: 'none',
    // The test process stands in for a trusted proxy: each Visitor (web/pages/visitor.ts) names its own address.
    TODOKU_TRUST_PROXY: '127.0.0.1',
    ...(kind === 'postgres' ? { DATABASE_URL: PG_URL, TODOKU_DB_SCHEMA: schema } : {}),
    ...extraEnv,
  };
  const app = await startApp(loadConfig(env));
  const url = app.url!;
  const key = app.devApiKey!;
  return {
    app,
    url,
    key,
    async api(method, path, body, init = {}) {
      const auth: Record<string, string> = init.key === null ? {} : { authorization: `Bearer ${init.key ?? key}` };
      const isRaw = typeof body === 'string' || body instanceof Uint8Array;
      const r = await fetch(`${url}${/^\/(api\/v1|health|ready)\b/.test(path) ? path : `/api/v1${path}`}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }) } as Record<string, string>,
        ...(body === undefined ? {} : { body: isRaw ? (body as string | Uint8Array) : JSON.stringify(body) }),
      });
      const raw = Buffer.from(await r.arrayBuffer());
      const type = r.headers.get('content-type') ?? '';
      return { status: r.status, headers: r.headers, raw, body: type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8') };
    },
    async stop() {
      await app.stop();
      if (kind === 'postgres') await dropSchema(PG_URL, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { until } from './wait.ts';
