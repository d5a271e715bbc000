import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base62, linkUrl } from '../../src/core/link.ts';

test('64 random bits make an 11-character base62 code of fixed width', () => {
  assert.equal(base62(new Uint8Array(8)), '00000000000');
  assert.equal(base62(new Uint8Array(8).fill(255)).length, 11);
  assert.equal(base62(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 61])), '0000000000z');
  assert.equal(base62(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 62])), '00000000010');
  assert.match(base62(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])), /^[0-9A-Za-z]{11}$/);
});

test('a link is the base and the code', () => {
  assert.equal(linkUrl('https://t.example.jp', 'abc'), 'https://t.example.jp/abc');
});
