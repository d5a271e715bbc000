// Dependencies point one way (docs/architecture.md): the core imports nothing of ours outside it, the store
// only the core, the dispatcher knows storage through its own port and carriers without protocol codes,
// and only the composition root (app.ts, app/) and the web layer itself reach into web/. Read from the
// source files' import statements, so a new wrong-way import fails here, next to madge's cycle check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const SRC = 'src';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports (static, re-exports, dynamic), as src-relative paths; packages as `pkg:name`. */
function importsOf(file: string): { text: string; targets: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const targets = specs.map((s) => (s.startsWith('.') ? relative(SRC, normalize(join(dirname(file), s))) : `pkg:${s}`));
  return { text, targets };
}

const files = sources(SRC).map((f) => ({ path: relative(SRC, f), ...importsOf(f) }));
const under = (p: string, ...dirs: string[]) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
const ours = (t: string) => !t.startsWith('pkg:');

function violations(select: (path: string) => boolean, allowed: (target: string, from: string) => boolean): string[] {
  return files.filter((f) => select(f.path)).flatMap((f) => f.targets.filter((t) => ours(t) && !allowed(t, f.path)).map((t) => `${f.path} → ${t}`));
}

test('the sources were found and their imports read (the rules below are not checking nothing)', () => {
  assert.ok(files.length > 300, `${files.length} files`);
  assert.ok(files.find((f) => f.path === 'app.ts')?.targets.includes('store/index.ts'));
});

test('core/ imports nothing of ours outside core/, and no package that does I/O', () => {
  assert.deepEqual(violations((p) => under(p, 'core'), (t) => under(t, 'core')), []);
  const io = files.filter((f) => under(f.path, 'core')).flatMap((f) => f.targets.filter((t) => /^pkg:(node:(fs|net|http|https|child_process|dgram|worker_threads)|fs|pg|better-sqlite3|kysely|fastify|smpp)/.test(t)).map((t) => `${f.path} → ${t}`));
  assert.deepEqual(io, []);
});

test('store/ imports only core/ and its own files', () => {
  assert.deepEqual(violations((p) => under(p, 'store'), (t) => under(t, 'core', 'store')), []);
});

test('dispatch/ knows storage only through its port, and no SMPP status code', () => {
  assert.deepEqual(violations((p) => under(p, 'dispatch'), (t) => !under(t, 'store', 'web', 'cli', 'app') && t !== 'app.ts'), []);
  const smpp = files.filter((f) => under(f.path, 'dispatch') && /ESME_|command_status/.test(f.text)).map((f) => f.path);
  assert.deepEqual(smpp, [], 'SMPP knowledge stays in routes/: outcomes carry throttled / answerLost / held flags');
  const clock = files.filter((f) => under(f.path, 'dispatch') && /Date\.now\(\)/.test(f.text)).map((f) => f.path);
  assert.deepEqual(clock, [], 'one clock, injected');
});

test('routes/ never reach into the dispatcher, the web or the CLI', () => {
  assert.deepEqual(violations((p) => under(p, 'routes'), (t) => !under(t, 'dispatch', 'web', 'cli', 'app')), []);
});

test('only the composition root and the web layer import web/; nothing but main.ts imports the root', () => {
  assert.deepEqual(violations((p) => !under(p, 'web', 'app') && p !== 'app.ts', (t) => !under(t, 'web')), []);
  assert.deepEqual(violations((p) => p !== 'main.ts' && p !== 'app.ts' && !under(p, 'app', 'cli'), (t) => !under(t, 'app') && t !== 'app.ts'), []);
});

test('the console and the CLI speak to the server only through the generated client (and share the core labels)', () => {
  const consoleAllowed = (t: string) => under(t, 'web/console', 'api-client', 'core');
  assert.deepEqual(violations((p) => under(p, 'web/console'), consoleAllowed), []);
  assert.deepEqual(violations((p) => under(p, 'api-client'), (t) => under(t, 'api-client')), []);
  assert.deepEqual(violations((p) => under(p, 'cli'), (t) => !under(t, 'web')), []);
});
