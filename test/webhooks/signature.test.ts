// Signing and verifying Todoku's webhooks, pure: what an integrator's receiver does with the
// Todoku-Signature header, including replays, tampering and a rotated secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { checkSignature, signatureHeader, verifySignature } from '../../src/webhooks/signature.ts';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 7, type: 'message.status', createdAt: '2026-12-01T00:00:00.000Z', data: { messageId: 1, state: 'delivered' } });
const sentAt = 1_796_083_200; // unix seconds
const atMs = (seconds: number) => seconds * 1000;

test('the header is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">, as documented', () => {
  const header = signatureHeader([secret], sentAt, body);
  const expected = createHmac('sha256', secret).update(`${sentAt}.${body}`).digest('hex');
  assert.equal(header, `t=${sentAt},v1=${expected}`);
});

test('a fresh, untouched body verifies', () => {
  const header = signatureHeader([secret], sentAt, body);
  assert.equal(verifySignature(secret, header, body, atMs(sentAt + 3)), true);
  assert.equal(verifySignature(secret, header, Buffer.from(body), atMs(sentAt + 3)), true, 'raw bytes as a Buffer work the same');
});

test('a replay older than the tolerance is refused as stale, and so is one from the future', () => {
  const header = signatureHeader([secret], sentAt, body);
  assert.deepEqual(checkSignature(secret, header, body, atMs(sentAt + 301)), { ok: false, reason: 'stale' });
  assert.deepEqual(checkSignature(secret, header, body, atMs(sentAt - 301)), { ok: false, reason: 'stale' });
  assert.equal(verifySignature(secret, header, body, atMs(sentAt + 301)), false);
  assert.equal(verifySignature(secret, header, body, atMs(sentAt + 301), 600), true, 'a receiver may allow more');
});

test('a tampered body, a changed timestamp or another secret does not verify', () => {
  const header = signatureHeader([secret], sentAt, body);
  const tampered = body.replace('delivered', 'undeliverable');
  assert.deepEqual(checkSignature(secret, header, tampered, atMs(sentAt)), { ok: false, reason: 'mismatch' });
  const moved = header.replace(`t=${sentAt}`, `t=${sentAt + 60}`);
  assert.deepEqual(checkSignature(secret, moved, body, atMs(sentAt + 60)), { ok: false, reason: 'mismatch' });
  assert.equal(verifySignature('whsec_other', header, body, atMs(sentAt)), false);
});

test('a re-serialised JSON body does not verify: receivers must check the raw bytes', () => {
  const header = signatureHeader([secret], sentAt, body);
  assert.equal(verifySignature(secret, header, JSON.stringify(JSON.parse(body), null, 2), atMs(sentAt)), false);
});

test('malformed headers are refused, never thrown on', () => {
  for (const header of ['', 't=abc,v1=00', `v1=${'a'.repeat(64)}`, `t=${sentAt}`, `t=${sentAt},v1=xyz`, 'garbage']) {
    assert.deepEqual(checkSignature(secret, header, body, atMs(sentAt)), { ok: false, reason: 'malformed' }, header);
  }
});

test('during a secret rotation the header carries both signatures and either secret verifies', () => {
  const header = signatureHeader(['whsec_new', 'whsec_old'], sentAt, body);
  assert.equal(header.split(',').filter((p) => p.startsWith('v1=')).length, 2);
  assert.equal(verifySignature('whsec_new', header, body, atMs(sentAt)), true);
  assert.equal(verifySignature('whsec_old', header, body, atMs(sentAt)), true);
  assert.equal(verifySignature('whsec_unrelated', header, body, atMs(sentAt)), false);
});
