#!/usr/bin/env node
// `npm start`: builds the operator console when dist/console is missing or older than its sources
// (a fresh clone, or a pull that changed it), then runs the server (src/main.ts) in this same process,
// so that signals reach it directly and shutdown stays graceful; under npm, losing its parent (npm
// stopped) stops it too.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { setInterval, clearInterval } from 'node:timers';
import { register } from 'tsx/esm/api';

const SOURCES = 'src/web/console';
const BUILT = 'dist/console/index.html';

/** The newest modification time of any file under a directory. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function consoleIsStale() {
  if (!existsSync(SOURCES)) return false;
  if (!existsSync(BUILT)) return true;
  return newest(SOURCES) > statSync(BUILT).mtimeMs;
}

// TODOKU_CONSOLE_BUILD=off serves dist/console as it is (a read-only install, or tests that must not rebuild it).
if (process.env.TODOKU_WEB !== 'off' && process.env.TODOKU_CONSOLE_BUILD !== 'off' && consoleIsStale()) {
  let vite;
  try {
    // The package exports no bin path: find it beside its package.json.
    vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    vite = undefined;
  }
  if (!vite) {
    console.warn('コンソールをビルドできません（vite がありません: npm ci で開発用の依存もインストールしてください）/ cannot build the console: vite is not installed');
  } else {
    console.log('コンソールをビルドしています… / building the operator console…');
    // A child process: the bundler's memory is returned before the server starts.
    const built = spawnSync(process.execPath, [vite, 'build', '--config', join(SOURCES, 'vite.config.ts')], { stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('コンソールのビルドに失敗しました / the console build failed');
      process.exit(1);
    }
  }
}

// npm runs this script through `sh -c`, and the shell does not pass npm's SIGTERM on: the shell dies and
// this process, left to init, would keep serving the port. So when started by npm, a change of parent
// stops the server as a SIGTERM would (once; not when a signal already reached it, e.g. Ctrl-C, which
// the terminal sends to the whole group).
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  watch.unref();
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]]) {
    process.once(signal, () => {
      clearInterval(watch);
      // Before the server has installed its own handlers (still loading), a signal ends the process as it would have.
      if (process.listenerCount(signal) === 0) process.exit(128 + number);
    });
  }
}

register();
await import('../src/main.ts');
