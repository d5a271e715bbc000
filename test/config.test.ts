// The proxy and public-address settings: by default no proxy is believed and no address is read from a
// request; `true` is refused with the reason; hop counts and address lists reach Fastify as it wants them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

test('unset, no proxy is trusted: the socket address is the client', () => {
  assert.equal(loadConfig({}).retryBaseMs, 5_000);
  assert.equal(loadConfig({ TODOKU_RETRY_BASE_MS: '500' }).retryBaseMs, 500);
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TODOKU_TRUST_PROXY: '' }).trustProxy, false);
  assert.equal(loadConfig({ TODOKU_TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TODOKU_TRUST_PROXY: '0' }).trustProxy, false);
});

test('true is refused, and the message says why and what to give instead', () => {
  for (const value of ['true', 'TRUE', 'yes', 'on', '*', 'all']) {
    const [problem, ...rest] = problems({ TODOKU_TRUST_PROXY: value });
    assert.deepEqual(rest, []);
    assert.match(problem!, /^TODOKU_TRUST_PROXY: /);
    assert.match(problem!, /X-Forwarded-For/);
    assert.match(problem!, /127\.0\.0\.1/);
  }
});

test('a hop count, or a list of addresses and CIDRs as Fastify understands them', () => {
  assert.equal(loadConfig({ TODOKU_TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(loadConfig({ TODOKU_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(loadConfig({ TODOKU_TRUST_PROXY: '127.0.0.1' }).trustProxy, ['127.0.0.1']);
  assert.deepEqual(loadConfig({ TODOKU_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,192.168.0.0/255.255.0.0,loopback' }).trustProxy, [
    '127.0.0.1',
    '10.0.0.0/8',
    '::1',
    'fd00::/8',
    '192.168.0.0/255.255.0.0',
    'loopback',
  ]);
});

test('a malformed proxy list names the variable', () => {
  for (const value of ['proxy.example.jp', '10.0.0.0/33', '::1/129', '10.0.0.1,', '1.2.3', '10.0.0.0/8/8', '-1', '1.5']) {
    const [problem] = problems({ TODOKU_TRUST_PROXY: value });
    assert.match(problem!, /^TODOKU_TRUST_PROXY: a hop count/, value);
  }
});

test('the public address: configured, else the link base\'s origin, else unknown until the server listens', () => {
  assert.equal(loadConfig({ TODOKU_PUBLIC_URL: 'https://todoku.example.jp/' }).publicUrl, 'https://todoku.example.jp');
  assert.equal(loadConfig({ TODOKU_PUBLIC_URL: 'https://todoku.example.jp', TODOKU_LINK_BASE: 'https://t.example.jp/l' }).publicUrl, 'https://todoku.example.jp');
  assert.equal(loadConfig({ TODOKU_LINK_BASE: 'https://t.example.jp/l' }).publicUrl, 'https://t.example.jp');
  assert.equal(loadConfig({}).publicUrl, null);
  for (const bad of ['ftp://todoku.example.jp', 'https://user:pw@todoku.example.jp', 'https://todoku.example.jp/?a=1', 'https://todoku.example.jp/#x', 'todoku.example.jp']) {
    assert.match(problems({ TODOKU_PUBLIC_URL: bad })[0]!, /^TODOKU_PUBLIC_URL: /, bad);
  }
});
