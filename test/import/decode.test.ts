// Encoding detection on real bytes: UTF-8 with and without BOM, CP932, and files we refuse with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeCsvStream } from '../../src/import/decode.ts';
import { TodokuError } from '../../src/core/errors.ts';
import { encode, tempDir, writeCsv } from './fixtures.ts';

const PEEK = 64 * 1024;

async function readText(text: Readable): Promise<string> {
  let s = '';
  for await (const chunk of text) s += String(chunk);
  return s;
}

/** Splits bytes into chunks of the given sizes, the rest as one last chunk. */
function chunked(bytes: Buffer, ...sizes: number[]): Readable {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(bytes.subarray(at, at + size));
    at += size;
  }
  parts.push(bytes.subarray(at));
  return Readable.from(parts.filter((p) => p.length > 0));
}

const rejects = (code: string) => (e: unknown) => e instanceof TodokuError && e.code === code;

test('UTF-8 with a BOM is utf-8-bom and the BOM is stripped', async () => {
  const text = '氏名,電話番号\r\n山田,090-1234-5678\r\n';
  const decoded = await decodeCsvStream(Readable.from([encode(text, 'utf-8-bom')]));
  assert.equal(decoded.encoding, 'utf-8-bom');
  assert.equal(await readText(decoded.text), text);
});

test('a BOM split across chunks is still found', async () => {
  const decoded = await decodeCsvStream(chunked(encode('電話番号\r\n', 'utf-8-bom'), 1, 1));
  assert.equal(decoded.encoding, 'utf-8-bom');
  assert.equal(await readText(decoded.text), '電話番号\r\n');
});

test('UTF-8 without BOM with a character cut by the 64 KB peek is utf-8, read intact', async (t) => {
  const row = '山田 太郎,090-1234-5678,授業料\r\n';
  let text = '氏名,電話番号,備考\r\n';
  while (Buffer.byteLength(text) + Buffer.byteLength(row) < PEEK - 1) text += row;
  text += 'x'.repeat(PEEK - 1 - Buffer.byteLength(text));
  // '届' takes bytes 65535..65537: the peek ends after its first byte.
  text += '届,090-2222-3333,境目\r\n' + row.repeat(100);
  assert.equal(Buffer.byteLength(text.slice(0, text.indexOf('届'))), PEEK - 1);

  const path = await writeCsv(await tempDir(t), 'boundary.csv', text, 'utf-8');
  const fromFile = await decodeCsvStream(createReadStream(path));
  assert.equal(fromFile.encoding, 'utf-8');
  assert.equal(await readText(fromFile.text), text);

  const oddChunks = await decodeCsvStream(chunked(encode(text, 'utf-8'), PEEK, 1, 1));
  assert.equal(oddChunks.encoding, 'utf-8');
  assert.equal(await readText(oddChunks.text), text);
});

test('Shift_JIS from Excel (CP932, with NEC and IBM extensions and half-width kana) is cp932', async () => {
  const text = '氏名,携帯電話番号,備考\r\n髙橋 ①,０９０-１２３４-５６７８,ﾔﾏﾀﾞ ﾀﾛｳ\r\n';
  const decoded = await decodeCsvStream(Readable.from([iconv.encode(text, 'CP932')]));
  assert.equal(decoded.encoding, 'cp932');
  assert.equal(await readText(decoded.text), text);
});

test('a CP932 character split between chunks is decoded whole', async () => {
  const text = '氏名,電話番号\r\n髙橋,090-1234-5678\r\n';
  const bytes = iconv.encode(text, 'CP932');
  const decoded = await decodeCsvStream(chunked(bytes, ...Array<number>(bytes.length).fill(1)));
  assert.equal(decoded.encoding, 'cp932');
  assert.equal(await readText(decoded.text), text);
});

test('a CP932 file whose first 64 KB are plain ASCII is still read as cp932', async () => {
  let text = 'name,phone,note\r\n';
  while (text.length < 200 * 1024) text += 'Taro Yamada,090-1234-5678,ok\r\n';
  text += '山田 太郎,090-1234-5678,未納\r\n';
  const decoded = await decodeCsvStream(chunked(iconv.encode(text, 'CP932'), ...Array<number>(10).fill(PEEK)));
  assert.equal(decoded.encoding, 'cp932');
  assert.equal(await readText(decoded.text), text);
});

test('only the peek is read before the encoding is known; the rest is pulled as the text is read', async () => {
  const line = Buffer.from('山田,090-1234-5678\r\n');
  let produced = 0;
  const input = new Readable({
    read() {
      if (produced >= 5_000_000) return void this.push(null);
      const chunk = Buffer.concat(Array<Buffer>(1000).fill(line));
      produced += chunk.length;
      this.push(chunk);
    },
  });
  const decoded = await decodeCsvStream(input);
  assert.ok(decoded.bytesRead() < 4 * PEEK, `read ${decoded.bytesRead()} bytes before deciding`);
  await readText(decoded.text);
  assert.equal(decoded.bytesRead(), produced);
});

test('bytes that stop being UTF-8 after the peek fail the stream with TODOKU_E_CSV_ENCODING', async () => {
  const head = encode('氏名,電話番号\r\n' + '山田,090-1234-5678\r\n'.repeat(5000), 'utf-8');
  const decoded = await decodeCsvStream(Readable.from([head, iconv.encode('髙橋,090-1234-5678\r\n', 'CP932')]));
  assert.equal(decoded.encoding, 'utf-8');
  await assert.rejects(readText(decoded.text), rejects('TODOKU_E_CSV_ENCODING'));
});

test('UTF-16 (with or without a BOM) is refused with TODOKU_E_CSV_ENCODING', async () => {
  const utf16 = iconv.encode('氏名,電話番号\r\n', 'UTF-16LE');
  await assert.rejects(decodeCsvStream(Readable.from([Buffer.concat([Buffer.from([0xff, 0xfe]), utf16])])), rejects('TODOKU_E_CSV_ENCODING'));
  await assert.rejects(decodeCsvStream(Readable.from([iconv.encode('name,phone\r\n', 'UTF-16LE')])), rejects('TODOKU_E_CSV_ENCODING'));
});

test('EUC-JP is refused rather than read as garbled names', async () => {
  const euc = iconv.encode('氏名,携帯電話番号,備考\r\n山田太郎,090-1234-5678,授業料未納（前期分）\r\n', 'EUC-JP');
  await assert.rejects(decodeCsvStream(Readable.from([euc])), (e: unknown) => {
    assert.ok(e instanceof TodokuError);
    assert.equal(e.code, 'TODOKU_E_CSV_ENCODING');
    assert.match(e.ja, /EUC-JP/);
    return true;
  });
});

test('an Excel workbook uploaded by mistake is refused with TODOKU_E_CSV_NOT_CSV', async () => {
  const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(100, 0x41)]);
  await assert.rejects(decodeCsvStream(Readable.from([xlsx])), rejects('TODOKU_E_CSV_NOT_CSV'));
});

test('an empty input decodes to empty text', async () => {
  const decoded = await decodeCsvStream(Readable.from([]));
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(await readText(decoded.text), '');
});

test('a binary file is refused as not a CSV (not text), not as UTF-16', async () => {
  // A PNG header, a PDF and random bytes (fixed seed): each has NUL bytes, none is UTF-16 text.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(200, 7)]);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n', 'latin1'), Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])]);
  let seed = 42;
  const random = Buffer.alloc(4096, 0).map(() => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed >> 16;
  });
  for (const bytes of [png, pdf, random]) {
    await assert.rejects(decodeCsvStream(Readable.from([bytes])), (e: unknown) => {
      assert.ok(e instanceof TodokuError);
      assert.equal(e.code, 'TODOKU_E_CSV_NOT_CSV');
      assert.match(e.message, /not a CSV \(not a text file/);
      assert.doesNotMatch(e.message, /UTF-16/);
      return true;
    });
  }
});

test('binary bytes without NUL (control bytes throughout) are refused as not text, not read as CP932', async () => {
  const blob = Buffer.from(Array.from({ length: 2000 }, (_, i) => [0x01, 0x83, 0x1b, 0xfe, 0x02, 0x90][i % 6]!));
  await assert.rejects(decodeCsvStream(Readable.from([blob])), rejects('TODOKU_E_CSV_NOT_CSV'));
});

test('UTF-16 without a BOM and with only Japanese text between separators is still named UTF-16', async () => {
  await assert.rejects(decodeCsvStream(Readable.from([iconv.encode('氏名,電話番号\r\n山田,０９０\r\n', 'UTF-16BE')])), rejects('TODOKU_E_CSV_ENCODING'));
});

test('a CSV with one stray control character and a DOS end-of-file mark is still read', async () => {
  const text = '氏名,電話番号\r\n山田\u000b太郎,090-1234-5678\r\n' + '鈴木,090-1234-0000\r\n'.repeat(20);
  const decoded = await decodeCsvStream(Readable.from([Buffer.concat([iconv.encode(text, 'CP932'), Buffer.from([0x1a])])]));
  assert.equal(decoded.encoding, 'cp932');
});
