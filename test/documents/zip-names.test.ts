// Names inside ZIPs as Japanese offices make them: Windows' CP932 names without the UTF-8 flag, macOS's
// flagged UTF-8 names and resource forks; and the key a name is matched by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeZipName, isNoise, keyOfFile, matchKey } from '../../src/documents/zip-names.ts';

test('a CP932 name (Windows Explorer, no UTF-8 flag) reads as Japanese again', () => {
  const asFflateGivesIt = iconv.encode('後期/山田太郎.pdf', 'CP932').toString('latin1');
  assert.equal(decodeZipName(asFflateGivesIt), '後期/山田太郎.pdf');
});

test('a UTF-8 name without the flag, a flagged one and an ASCII one all read as written', () => {
  assert.equal(decodeZipName(Buffer.from('請求書_S0001.pdf', 'utf8').toString('latin1')), '請求書_S0001.pdf');
  assert.equal(decodeZipName('請求書_S0001.pdf'), '請求書_S0001.pdf');
  assert.equal(decodeZipName('S0001.pdf'), 'S0001.pdf');
});

test('folders, macOS resource forks and hidden files are noise', () => {
  for (const n of ['後期/', '__MACOSX/._S0001.pdf', '.DS_Store', 'a/.hidden.pdf', 'Thumbs.db']) assert.ok(isNoise(n), n);
  assert.ok(!isNoise('後期/S0001.pdf'));
});

test('the key of a file is its base name without .pdf, in any width and case', () => {
  assert.equal(keyOfFile('後期/ｓ０００１.PDF'), 'S0001');
  assert.equal(keyOfFile('S0001'), 'S0001');
  assert.equal(matchKey(' s0001 '), 'S0001');
});
