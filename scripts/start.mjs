#!/usr/bin/env node
// `npm start`: builds the operator console when dist/console is missing or older than its sources
// (a fresh clone, or a pull that changed it), then runs the server (src/main.ts) in this same process,
// so that signals reach it directly and shutdown stays graceful.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
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

if (process.env.TODOKU_WEB !== 'off' && consoleIsStale()) {
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

register();
await import('../src/main.ts');
