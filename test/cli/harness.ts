// For CLI tests: the real app in-process (web server, dispatcher, SMSC simulator on real sockets, a
// SQLite file in a temp dir) and the real `todoku` command run as a child process against it.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import type { Running } from '../../src/app.ts';
import { startTestApp } from '../support/app.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/todoku.js');

export interface TestServer {
  url: string;
  key: string;
  dir: string;
  running: Running;
  stop(): Promise<void>;
}

/** The app as every other test starts it (test/support/app.ts), on SQLite, seen from the CLI's side. */
export async function startTestServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const t = await startTestApp('sqlite', { TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '50', ...extraEnv });
  return { url: t.url, key: t.key, dir: t.app.config.dataDir, running: t.app, stop: () => t.stop() };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `todoku ARGS` with no TTY and a clean environment (no TODOKU_*, LANG or LC_* from the caller, only opts.env). */
export async function todoku(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  // The locale chooses the CLI's language: a test machine's own LANG must not, only opts.env.
  const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith('TODOKU_') && k !== 'PORT' && k !== 'LANG' && !k.startsWith('LC_'));
  const env = { ...Object.fromEntries(inherited), ...opts.env };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** `todoku ARGS --server URL --api-key KEY --json`, expecting exit 0 and JSON on stdout. */
export async function todokuJson<T>(server: { url: string; key: string }, args: string[]): Promise<T> {
  const result = await todoku([...args, '--server', server.url, '--api-key', server.key, '--json']);
  if (result.code !== 0) throw new Error(`todoku ${args.join(' ')} exited ${result.code}\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

/** `PUT /api/v1/campaigns/:c/landing` (no CLI command sets a page): a template with {{url}} needs one. */
export async function setLanding(server: { url: string; key: string }, campaign: string, body: unknown): Promise<void> {
  const r = await fetch(`${server.url}/api/v1/campaigns/${encodeURIComponent(campaign)}/landing`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`PUT landing: ${r.status} ${await r.text()}`);
}

/** A local port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}
