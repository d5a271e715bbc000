// Formula injection: every CSV we write (results, survey answers, rejection reports) goes through one cell
// writer, which must defuse what Excel would run, in ASCII and in the full-width forms a Japanese IME types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { csvCell, csvStream } from '../../src/export/csv.ts';
import { writeRejectionReport } from '../../src/import/report.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts);
}

test('full-width ＝ ＋ － ＠ at the start of a cell are neutralised like their ASCII forms', () => {
  assert.equal(csvCell('＝HYPERLINK("http://evil.example","払う")'), `"'＝HYPERLINK(""http://evil.example"",""払う"")"`);
  assert.equal(csvCell('＋81 90 1234 5678'), "'＋81 90 1234 5678");
  assert.equal(csvCell('－1＋1'), "'－1＋1");
  assert.equal(csvCell('＠SUM(A1)'), "'＠SUM(A1)");
});

test('a leading tab or CR is neutralised; the same characters later in a cell are not', () => {
  assert.equal(csvCell('\t=cmd|"/c calc"!A1'), `"'\t=cmd|""/c calc""!A1"`);
  assert.equal(csvCell('\r=1+1'), `"'\r=1+1"`);
  assert.equal(csvCell('山田＝太郎'), '山田＝太郎');
  assert.equal(csvCell('090-1234-5678'), '090-1234-5678');
});

test('an export in CP932 keeps the apostrophe in front of a full-width formula', async () => {
  async function* rows(): AsyncGenerator<string[]> {
    yield ['＝1+1', '＠A1'];
  }
  const text = iconv.decode(await readAll(csvStream(['a', 'b'], rows(), 'cp932')), 'CP932');
  assert.equal(text, "a,b\r\n'＝1+1,'＠A1\r\n");
});

test('the rejection report neutralises a full-width formula in the raw value', async () => {
  const report = writeRejectionReport(
    [{ line: 3, reason: 'phone_invalid', message: { ja: '電話番号として正しくありません', en: 'not valid' }, raw: '＝WEBSERVICE("http://x")' }],
    'utf-8-bom',
  );
  const text = (await readAll(report)).toString('utf8');
  assert.match(text, /\r\n3,phone_invalid,[^,]+,not valid,"'＝WEBSERVICE\(""http:\/\/x""\)"\r\n$/u);
});
