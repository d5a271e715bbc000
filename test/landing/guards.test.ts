// The guards of the landing pages: sessions bound to one link and its lock generation, CSRF tokens
// bound to the browser's nonce, constant-time answers, the anti-smishing input. (The per-IP brake is kept
// in the database: rate-limit.test.ts.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVault } from '../../src/security/vault.ts';
import { createTokens } from '../../src/landing/tokens.ts';
import { classifyCheckInput, isOfficialSender, ourLinkBases } from '../../src/landing/check.ts';

const tokens = createTokens(createVault(Buffer.alloc(32, 9)));

describe('sessions', () => {
  const now = 1_800_000_000_000;
  const cookie = tokens.session('AbCdEfGhIjK', 7, 0, now + 60_000);

  test('a session opens its own link until it expires', () => {
    assert.equal(tokens.checkSession(cookie, 'AbCdEfGhIjK', 7, 0, now), now + 60_000);
    assert.equal(tokens.checkSession(cookie, 'AbCdEfGhIjK', 7, 0, now + 60_000), null);
  });

  test('not another link, not after a lock or unlock, not when tampered with', () => {
    assert.equal(tokens.checkSession(cookie, 'AbCdEfGhIjL', 7, 0, now), null);
    assert.equal(tokens.checkSession(cookie, 'AbCdEfGhIjK', 8, 0, now), null);
    assert.equal(tokens.checkSession(cookie, 'AbCdEfGhIjK', 7, 1, now), null);
    const [, mac] = cookie.split('.');
    assert.equal(tokens.checkSession(`${(now + 10 * 3600_000).toString(36)}.${mac}`, 'AbCdEfGhIjK', 7, 0, now), null, 'a longer expiry is not accepted');
    assert.equal(tokens.checkSession('', 'AbCdEfGhIjK', 7, 0, now), null);
    assert.equal(tokens.checkSession('a.b.c', 'AbCdEfGhIjK', 7, 0, now), null);
  });
});

test('a CSRF token belongs to one nonce and one link', () => {
  const nonce = tokens.newNonce();
  const token = tokens.csrf('AbCdEfGhIjK', nonce);
  assert.ok(tokens.checkCsrf('AbCdEfGhIjK', nonce, token));
  assert.ok(!tokens.checkCsrf('AbCdEfGhIjK', tokens.newNonce(), token));
  assert.ok(!tokens.checkCsrf('verify', nonce, token));
  assert.ok(!tokens.checkCsrf('AbCdEfGhIjK', undefined, token));
  assert.ok(!tokens.checkCsrf('AbCdEfGhIjK', nonce, undefined));
});

test('answers compare equal only when equal, whatever their lengths', () => {
  assert.ok(tokens.sameAnswer('19900102', '19900102'));
  assert.ok(!tokens.sameAnswer('19900103', '19900102'));
  assert.ok(!tokens.sameAnswer('1', '19900102'));
});

test('an IP address is kept only as a keyed hash', () => {
  const h = tokens.ipHash('203.0.113.9');
  assert.match(h, /^[0-9a-f]{32}$/u);
  assert.notEqual(h, tokens.ipHash('203.0.113.10'));
});

describe('the anti-smishing input', () => {
  test('a link on our base or a bare code is a code; another host is not ours; digits are a sender number', () => {
    const ours = ourLinkBases(['https://t.example.jp/l']);
    assert.deepEqual(classifyCheckInput('https://t.example.jp/l/AbCdEfGhIjK', ours), { kind: 'link', code: 'AbCdEfGhIjK' });
    assert.deepEqual(classifyCheckInput(' ＡｂＣｄＥｆＧｈＩｊＫ ', ours), { kind: 'code', code: 'AbCdEfGhIjK' });
    assert.deepEqual(classifyCheckInput('https://t.example.jp/l/AbCdEfGhIjK?utm=1', ours), { kind: 'link', code: 'AbCdEfGhIjK' });
    assert.deepEqual(classifyCheckInput('http://x/l/AbCdEfGhIjK?utm=1', ours), { kind: 'foreign', host: 'x' });
    assert.equal(classifyCheckInput('09012345678', ours).kind, 'sender');
    assert.equal(classifyCheckInput('https://evil.example/path', ours).kind, 'foreign');
    assert.equal(classifyCheckInput('', ours).kind, 'unreadable');
  });

  test('sender numbers match across +81, hyphens and full width; alphanumeric ids ignore case', () => {
    const official = ['0120-123-456', '+81 90 1111 2222', 'TODOKU'];
    assert.ok(isOfficialSender('0120123456', official));
    assert.ok(isOfficialSender('０９０－１１１１－２２２２', official));
    assert.ok(isOfficialSender('+819011112222', official));
    assert.ok(isOfficialSender('todoku', official));
    assert.ok(!isOfficialSender('0120123457', official));
    assert.ok(!isOfficialSender('TODOKU-PAY', official));
  });
});
