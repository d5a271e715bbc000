import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { clockSkew, headDigest, headText, keyIdOf, verifyHeadSignature, type TreeHead } from '../../../src/core/evidence/head.ts';
import { signingKey } from '../../../src/evidence/signing-key.ts';
import { createVault } from '../../../src/security/vault.ts';

const vault = createVault(Buffer.alloc(32, 7));
const key = signingKey(vault);
const head: TreeHead = { size: 12, root: 'ab'.repeat(32), at: 1_760_000_000_000, keyId: key.keyId };

test('a head is signed as its canonical text, and a TSA stamps that text’s SHA-256', () => {
  assert.equal(headText(head), `{"at":1760000000000,"keyId":"${key.keyId}","root":"${'ab'.repeat(32)}","size":12,"v":1}`);
  assert.equal(headDigest(head).toString('hex'), createHash('sha256').update(headText(head)).digest('hex'));
  // Extra fields on the object do not enter the text.
  assert.equal(headText({ ...head, extra: 1 } as TreeHead), headText(head));
});

test('the installation’s key is derived from the secret: same secret, same key; another secret, another key', () => {
  const again = signingKey(createVault(Buffer.alloc(32, 7)));
  assert.equal(again.publicKeyPem, key.publicKeyPem);
  assert.equal(again.keyId, key.keyId);
  assert.match(key.keyId, /^[0-9a-f]{16}$/);
  assert.match(key.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
  assert.equal(keyIdOf(key.publicKeyPem), key.keyId);
  const other = signingKey(createVault(Buffer.alloc(32, 8)));
  assert.notEqual(other.keyId, key.keyId);
  // Ed25519 is deterministic: the same text signed twice gives the same signature.
  assert.equal(key.sign(headText(head)), again.sign(headText(head)));
});

test('a signature verifies for its head only, under its key only', () => {
  const sig = key.sign(headText(head));
  assert.ok(verifyHeadSignature(head, sig, key.publicKeyPem));
  for (const changed of [{ ...head, size: 13 }, { ...head, root: 'ac' + 'ab'.repeat(31) }, { ...head, at: head.at + 1 }, { ...head, keyId: '0'.repeat(16) }]) {
    assert.equal(verifyHeadSignature(changed, sig, key.publicKeyPem), false, JSON.stringify(changed));
  }
  const other = signingKey(createVault(Buffer.alloc(32, 8)));
  assert.equal(verifyHeadSignature(head, sig, other.publicKeyPem), false);
  const raw = Buffer.from(sig, 'base64');
  raw[10]! ^= 1;
  assert.equal(verifyHeadSignature(head, raw.toString('base64'), key.publicKeyPem), false);
  assert.equal(verifyHeadSignature(head, sig.slice(0, -4), key.publicKeyPem), false);
  assert.equal(verifyHeadSignature(head, '', key.publicKeyPem), false);
  assert.equal(verifyHeadSignature(head, 'not base64 !', key.publicKeyPem), false);
  assert.equal(verifyHeadSignature(head, sig, 'not a key'), false);
  // A key of another type is refused rather than used.
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
  assert.equal(verifyHeadSignature(head, sig, rsa), false);
});

test('clock skew: zero while the TSA’s time can lie between sending and receiving, else the gap', () => {
  // A TSA stamping to the second: genTime 10:00:00 stands for any time in [10:00:00, 10:00:01).
  assert.equal(clockSkew(10_000_400, 10_000_900, 10_000_000), 0);
  assert.equal(clockSkew(10_000_999, 10_001_200, 10_000_000), 0);
  assert.equal(clockSkew(10_003_500, 10_003_600, 10_000_000), 2500, 'ours ahead');
  assert.equal(clockSkew(9_998_000, 9_998_100, 10_000_000), -1900, 'ours behind');
  // A TSA stamping to the millisecond has no second's leeway.
  assert.equal(clockSkew(10_000_400, 10_000_900, 10_000_123), 277);
  assert.equal(clockSkew(10_000_100, 10_000_200, 10_000_123), 0);
});
