// `npm start` as a Unix citizen, on real processes: the banner names the console's URL; SIGTERM to
// the npm process stops the server (no orphan keeps the port); a second server on the same SQLite data
// directory refuses with one line naming the first one's pid, a lock left by a dead process is taken
// over; a port in use is one line naming PORT, not a stack trace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-start-'));
  dirs.push(dir);
  return dir;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, TODOKU_LOG_LEVEL: 'warn', TODOKU_SIMULATOR_PORT: '0', TODOKU_CONSOLE_BUILD: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, output: () => out, exited };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function listening(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
  });
}

/**
 * Only the lines a person is meant to read: no stack frames. JSON log lines (pino, for log collectors; e.g.
 * the warning that dist/console is not built, as on a fresh clone) are not for the person at the terminal.
 */
function assertOneLine(output: string, pattern: RegExp): void {
  const lines = output.trim().split('\n').filter((l) => !/^\{"level":\d+,/u.test(l));
  assert.equal(lines.length, 1, output);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(output, /^\s+at /mu, 'no stack trace');
}

let port: number;
let dir: string;
let npm: Started;
before(async () => {
  port = await freePort();
  dir = dataDir();
  npm = start('npm', ['start'], { PORT: String(port), TODOKU_DATA_DIR: dir });
  // The banner's own line: a warning naming dist/console/ (not built, as on a fresh clone) comes before it.
  await waitFor('the start banner', async () => npm.output().includes('コンソール / console: http'), 60_000, 100);
});

after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('the start banner prints the console URL on a line of its own', () => {
  assert.match(npm.output(), new RegExp(`^ {2}コンソール / console: http://127\\.0\\.0\\.1:${port}/console/$`, 'mu'));
});

test('a second server on the same data directory refuses with one line naming the running pid', async () => {
  const server = Number(readFileSync(join(dir, 'todoku.lock'), 'utf8'));
  assert.ok(alive(server) && server !== npm.child.pid, 'the lock holds the server’s pid, not npm’s');
  const second = start(process.execPath, ['scripts/start.mjs'], { PORT: String(await freePort()), TODOKU_DATA_DIR: dir });
  assert.equal(await second.exited, 1);
  assertOneLine(second.output(), new RegExp(`データディレクトリ .+ は別のTodoku（pid ${server}）が使用中.*TODOKU_DATA_DIR`, 'u'));
  assert.equal(readFileSync(join(dir, 'todoku.lock'), 'utf8').trim(), String(server), 'the running server keeps its lock');
});

test('a port in use is one line naming PORT', async () => {
  const other = start(process.execPath, ['scripts/start.mjs'], { PORT: String(port), TODOKU_DATA_DIR: dataDir() });
  assert.equal(await other.exited, 1);
  assertOneLine(other.output(), new RegExp(`ポート ${port} は既に使われています。PORT で別のポートを指定してください.*set PORT to another port`, 'u'));
});

test('a lock left by a process that no longer exists is taken over', async () => {
  const stale = dataDir();
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((ok) => gone.once('exit', ok));
  writeFileSync(join(stale, 'todoku.lock'), `${gone.pid}\n`);
  const p = await freePort();
  const server = start(process.execPath, ['scripts/start.mjs'], { PORT: String(p), TODOKU_DATA_DIR: stale });
  await waitFor('the server on a stale lock', async () => server.output().includes('/console/'), 60_000, 100);
  assert.equal(readFileSync(join(stale, 'todoku.lock'), 'utf8').trim(), String(server.child.pid));
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.ok(!existsSync(join(stale, 'todoku.lock')), 'the lock is removed on exit');
});

test('SIGTERM to the npm process stops the server: nothing keeps the port, the lock is gone', { timeout: 60_000 }, async () => {
  const server = Number(readFileSync(join(dir, 'todoku.lock'), 'utf8'));
  npm.child.kill('SIGTERM');
  await npm.exited;
  await waitFor('the server process gone', async () => !alive(server), 20_000, 100);
  assert.equal(await listening(port), false, 'nothing listens on the port');
  assert.ok(!existsSync(join(dir, 'todoku.lock')));
});
