// The README promises Node.js 20.19+ (package.json "engines"): every package the lockfile installs must
// accept that version, so that `npm ci` on Node 20 neither warns nor runs code written for a later Node
// (cookie@2 wanted Node 22: @fastify/cookie is pinned to 11.1.0 and light-my-request overridden to 6.6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };

test('every installed package accepts the oldest Node.js the README promises', () => {
  const oldest = semver.minVersion(pkg.engines.node);
  assert.ok(oldest, `engines.node "${pkg.engines.node}" names a version`);
  const refusing = Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, p]) => {
      const range = !p.engines || Array.isArray(p.engines) ? undefined : p.engines.node;
      return range && !semver.satisfies(oldest, range) ? [`${path.replace(/^node_modules\//u, '')} wants ${range}`] : [];
    });
  assert.ok(Object.keys(lock.packages).length > 100, 'the lockfile was read');
  assert.deepEqual(refusing, [], `Node ${oldest.version} is refused by`);
});
