// CSV import over real files: every rejection keeps its line and reason, batches respect back-pressure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { importCsv } from '../../src/import/import-csv.ts';
import { isHeader, readRows } from '../../src/import/read-rows.ts';
import { TodokuError } from '../../src/core/errors.ts';
import type { E164 } from '../../src/core/phone.ts';
import { csvText, importFile, linesAndReasons, tempDir, writeCsv } from './fixtures.ts';

const OFFICE_CSV = csvText([
  '氏名,携帯電話番号,請求金額,支払期限,学籍番号,備考',
  '山田 太郎,090-1234-5678,"12,000",2025/04/30,S0001,前期分',
  '髙橋 花子,０８０－２３４５－６７８９,８０００,2025/05/31,S0002,全角の番号',
  '佐藤 次郎,03-1234-5678,5000,2025/04/30,S0003,固定電話',
  '鈴木 三郎,090-123,5000,2025/04/30,S0004,桁が足りない',
  '田中 四郎,09012345678,5000,2025/04/30,S0005,2行目と同じ番号',
  '伊藤 五郎,,5000,2025/04/30,S0006,番号なし',
  'ﾔﾏﾓﾄ ﾛｸﾛｳ,070-3456-7890,3000,2025/04/30,S0007,"分割払い希望,\r\n電話で相談済み"',
  '',
  '中村 七子,080-9876-5432,1000,2025/04/30,S0008,最後の正しい行',
  '小林 八郎,090-5555-6666,1,000,2025/04/30,S0009,金額のカンマを囲んでいない',
  ',,,,,',
]);

test('a CP932 file from Excel reports each rejected row with its line and reason', async (t) => {
  const path = await writeCsv(await tempDir(t), 'office.csv', OFFICE_CSV, 'cp932');
  const { summary, accepted, rejected } = await importFile(path);

  assert.equal(summary.encoding, 'cp932');
  assert.deepEqual(summary.columns.map((c) => c.field), ['name', 'phone', 'amount', 'due_date', 'external_id', '備考']);
  assert.deepEqual(
    accepted.map((r) => [r.line, r.phone]),
    [
      [2, '+819012345678'],
      [3, '+818023456789'],
      [8, '+817034567890'],
      [11, '+818098765432'],
    ],
  );
  assert.deepEqual(linesAndReasons(rejected), [
    [4, 'phone_not_mobile'],
    [5, 'phone_invalid'],
    [6, 'duplicate'],
    [7, 'phone_empty'],
    [12, 'column_count'],
  ]);
  assert.deepEqual(rejected.find((r) => r.reason === 'duplicate')?.message, {
    ja: '2行目と同じ電話番号です',
    en: 'same phone number as line 2',
  });
  assert.equal(rejected[0]?.raw, '03-1234-5678');
  assert.deepEqual(
    { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected },
    { rows: 9, accepted: 4, rejected: 5 },
  );
  assert.deepEqual(summary.byReason, {
    phone_empty: 1,
    phone_invalid: 1,
    phone_not_mobile: 1,
    duplicate: 1,
    column_count: 1,
    suppressed: 0,
    consent_invalid: 0,
    misdelivered: 0,
  });
});

test('Japanese text survives CP932: names, full-width amounts and a quoted cell with a newline and a comma', async (t) => {
  const path = await writeCsv(await tempDir(t), 'office.csv', OFFICE_CSV, 'cp932');
  const { accepted } = await importFile(path);
  assert.deepEqual(accepted[0]?.fields, {
    name: '山田 太郎',
    phone: '090-1234-5678',
    amount: '12,000',
    due_date: '2025/04/30',
    external_id: 'S0001',
    備考: '前期分',
  });
  assert.equal(accepted[1]?.fields.name, '髙橋 花子');
  assert.equal(accepted[1]?.fields.amount, '８０００');
  assert.equal(accepted[2]?.fields.name, 'ﾔﾏﾓﾄ ﾛｸﾛｳ');
  assert.equal(accepted[2]?.fields.備考, '分割払い希望,\r\n電話で相談済み');
});

test('line numbers count the lines of multi-line cells however the file ends its lines', async (t) => {
  const dir = await tempDir(t);
  const rows = ['電話番号,メモ', '090-1111-2222,"一行目{NL}二行目{NL}{NL}四行目"', '', '03-1111-2222,固定', '090-1111-3333,"a{NL}b"', 'bad,x'];
  for (const [name, eol, inCell] of [
    ['excel.csv', '\r\n', '\n'],
    ['crlf-inside.csv', '\r\n', '\r\n'],
    ['unix.csv', '\n', '\n'],
  ] as const) {
    const text = rows.map((r) => r.replaceAll('{NL}', inCell)).join(eol) + eol;
    const { accepted, rejected } = await importFile(await writeCsv(dir, name, text, 'utf-8'));
    assert.deepEqual(accepted.map((r) => r.line), [2, 8], name);
    assert.deepEqual(linesAndReasons(rejected), [[7, 'phone_not_mobile'], [10, 'phone_invalid']], name);
  }
});

test('UTF-8 with BOM and English headers keeps custom columns under their own names', async (t) => {
  const text = csvText([
    'Name,Phone Number,Amount,Due,ID,Campus,Note,',
    'Taro Yamada,+81 90-1111-2222,1000,2025-04-30,A1,Tokyo,"He said ""call after 6""",',
    'Hanako Sato,(080) 3333 4444,2000,2025-04-30,A2,Osaka,,',
  ]);
  const path = await writeCsv(await tempDir(t), 'english.csv', text, 'utf-8-bom');
  const { summary, accepted, rejected } = await importFile(path);
  assert.equal(summary.encoding, 'utf-8-bom');
  assert.deepEqual(summary.columns.map((c) => c.field), [
    'name', 'phone', 'amount', 'due_date', 'external_id', 'Campus', 'Note', 'col_8',
  ]);
  assert.deepEqual(summary.warnings.map((w) => w.code), ['TODOKU_W_CSV_EMPTY_HEADER']);
  assert.deepEqual(rejected, []);
  assert.deepEqual(accepted[0]?.fields, {
    name: 'Taro Yamada',
    phone: '+81 90-1111-2222',
    amount: '1000',
    due_date: '2025-04-30',
    external_id: 'A1',
    Campus: 'Tokyo',
    Note: 'He said "call after 6"',
    col_8: '',
  });
  assert.equal(accepted[1]?.phone, '+818033334444');
});

test('overrides pick the mobile column when a file has two phone columns', async (t) => {
  const text = csvText(['氏名,電話番号,携帯番号', '山田,03-1234-5678,090-1234-5678']);
  const path = await writeCsv(await tempDir(t), 'two-phones.csv', text, 'cp932');
  await assert.rejects(importFile(path), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_CSV_DUPLICATE_FIELD');
  const { accepted } = await importFile(path, { overrides: { 電話番号: '自宅電話' } });
  assert.equal(accepted[0]?.phone, '+819012345678');
  assert.equal(accepted[0]?.fields.自宅電話, '03-1234-5678');
});

test('opted-out numbers are flagged as suppressed, not dropped', async (t) => {
  const text = csvText(['phone', '090-1234-5678', '090-8765-4321']);
  const path = await writeCsv(await tempDir(t), 'suppressed.csv', text, 'utf-8');
  const { rejected, summary } = await importFile(path, { isSuppressed: (e164: E164) => e164 === '+819087654321' });
  assert.deepEqual(linesAndReasons(rejected), [[3, 'suppressed']]);
  assert.equal(rejected[0]?.raw, '090-8765-4321');
  assert.equal(summary.byReason.suppressed, 1);
});

test('an empty file, a blank file and a header-only file are refused with a clear error', async (t) => {
  const dir = await tempDir(t);
  const cases = [
    ['empty.csv', '', 'TODOKU_E_CSV_EMPTY'],
    ['blank.csv', '\r\n\r\n', 'TODOKU_E_CSV_EMPTY'],
    ['header-only.csv', csvText(['氏名,電話番号']), 'TODOKU_E_CSV_NO_ROWS'],
    ['header-and-empty-rows.csv', csvText(['氏名,電話番号', ',', ',']), 'TODOKU_E_CSV_NO_ROWS'],
    ['no-phone.csv', csvText(['氏名,金額', '山田,1000']), 'TODOKU_E_CSV_NO_PHONE'],
  ] as const;
  for (const [name, text, code] of cases) {
    let batches = 0;
    await assert.rejects(
      importFile(await writeCsv(dir, name, text, 'cp932'), { onBatch: () => void batches++ }),
      (e: unknown) => {
        assert.ok(e instanceof TodokuError, name);
        assert.equal(e.code, code, name);
        assert.ok(e.ja.length > 0 && e.message.length > 0);
        return true;
      },
    );
    assert.equal(batches, 0, name);
  }
});

test('an unclosed quote fails with TODOKU_E_CSV_PARSE naming the line it starts on', async (t) => {
  const text = csvText(['電話番号,メモ', '090-1234-5678,ok', '090-1234-5679,"never closed', '090-1234-5670,x']);
  const path = await writeCsv(await tempDir(t), 'unclosed.csv', text, 'utf-8');
  await assert.rejects(importFile(path), (e: unknown) => {
    assert.ok(e instanceof TodokuError);
    assert.equal(e.code, 'TODOKU_E_CSV_PARSE');
    assert.match(e.ja, /^3行目/);
    return true;
  });
});

test('a file that turns from UTF-8 into CP932 part-way fails instead of importing garbled names', async (t) => {
  const utf8 = Buffer.from(csvText(['氏名,電話番号', ...Array<string>(5000).fill('山田,090-1234-5678')]));
  const path = await writeCsv(await tempDir(t), 'mixed.csv', Buffer.concat([utf8, iconv.encode('髙橋,090-1234-5678\r\n', 'CP932')]), 'utf-8');
  await assert.rejects(importFile(path), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_CSV_ENCODING');
});

test('an unclosed quote in a large file stops at a size limit instead of reading the file into one cell', async (t) => {
  const rows = Array<string>(60_000).fill('090-1234-5678,ok');
  rows.splice(2, 0, '090-1234-5679,"never closed');
  const path = await writeCsv(await tempDir(t), 'unclosed-big.csv', csvText(['電話番号,メモ', ...rows]), 'utf-8');
  await assert.rejects(importFile(path), (e: unknown) => {
    assert.ok(e instanceof TodokuError);
    assert.equal(e.code, 'TODOKU_E_CSV_PARSE');
    assert.match(e.message, /from line 4 on/);
    return true;
  });
});

function bigCsv(rows: number): string {
  const lines = ['氏名,携帯電話番号,請求金額,支払期限,学籍番号'];
  for (let i = 0; i < rows; i++) {
    const digits = String(i).padStart(8, '0');
    const phone = i % 100 === 99 ? `03-5${digits.slice(1, 4)}-${digits.slice(4)}` : `090-1${digits.slice(1, 4)}-${digits.slice(4)}`;
    lines.push(`学生${i},${phone},${1000 + i},2025/04/30,S${digits}`);
  }
  return csvText(lines);
}

test('50,000 rows arrive in batches, and nothing more is read while a batch is being stored', async (t) => {
  const path = await writeCsv(await tempDir(t), 'big.csv', bigCsv(50_000), 'cp932');
  const input = createReadStream(path);
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
  let batches = 0;
  let lastLine = 0;
  let stalled: { during: number; after: number } | undefined;
  const progress: number[] = [];
  const summary = await importCsv(input, {
    batchSize: 1000,
    onProgress: (p) => progress.push(p.bytes),
    onBatch: async ({ accepted, rejected }) => {
      batches++;
      assert.equal(accepted.length + rejected.length, 1000);
      const lines = [...accepted, ...rejected].map((r) => r.line).sort((a, b) => a - b);
      assert.equal(lines[0], lastLine === 0 ? 2 : lastLine + 1);
      lastLine = lines.at(-1) ?? 0;
      if (batches === 3) {
        // Let the pipeline (the reading thread, a couple of batches ahead, and its small buffers) fill,
        // then watch that it stays still while we are busy.
        let during = input.bytesRead;
        for (let waited = 0; waited < 2000; waited += 50) {
          await sleep(50);
          if (input.bytesRead === during) break;
          during = input.bytesRead;
        }
        // Held up here far longer than a read takes: without backpressure the whole file would be read by now.
        await sleep(300);
        stalled = { during, after: input.bytesRead };
      }
    },
  });
  assert.equal(batches, 50);
  assert.equal(lastLine, 50_001);
  assert.equal(summary.rows, 50_000);
  assert.equal(summary.byReason.phone_not_mobile, 500);
  assert.equal(summary.accepted, 49_500);
  assert.ok(stalled, 'the third batch ran');
  // Bounded, not timed: how far reading got while onBatch was pending (a busy machine may still be filling the
  // pipeline's last buffer when the wait above ends, so the figure may move a little, never to the file's end).
  assert.ok(stalled.after < size / 4, `read ${stalled.after} of ${size} bytes while the third batch was pending`);
  assert.equal(progress.at(-1), size);
});

test('a final partial batch is delivered', async (t) => {
  const path = await writeCsv(await tempDir(t), 'partial.csv', bigCsv(2_500), 'utf-8');
  const sizes: number[] = [];
  await importFile(path, { batchSize: 1000, onBatch: (b) => void sizes.push(b.accepted.length + b.rejected.length) });
  assert.deepEqual(sizes, [1000, 1000, 500]);
});

test('a failing sink stops the import and closes the file', async (t) => {
  const path = await writeCsv(await tempDir(t), 'sink-fails.csv', bigCsv(20_000), 'cp932');
  const input = createReadStream(path);
  await assert.rejects(
    importCsv(input, { batchSize: 100, onBatch: () => Promise.reject(new Error('database is down')) }),
    /database is down/,
  );
  await sleep(10);
  assert.ok(input.destroyed);
});

test('an abort before the import starts rejects at once', async (t) => {
  const path = await writeCsv(await tempDir(t), 'aborted.csv', bigCsv(10), 'utf-8');
  const input = createReadStream(path);
  await assert.rejects(importCsv(input, { signal: AbortSignal.abort(), onBatch: () => {} }), { name: 'AbortError' });
  input.destroy();
});

test('an abort signal stops the import with an AbortError', async (t) => {
  const path = await writeCsv(await tempDir(t), 'abort.csv', bigCsv(20_000), 'cp932');
  const controller = new AbortController();
  let batches = 0;
  const input = createReadStream(path);
  await assert.rejects(
    importCsv(input, {
      batchSize: 100,
      signal: controller.signal,
      onBatch: () => {
        if (++batches === 2) controller.abort();
      },
    }),
    { name: 'AbortError' },
  );
  assert.ok(batches < 200);
  await sleep(10);
  assert.ok(input.destroyed);
});

test('a large file read in the worker thread fails on an unclosed quote as a small one does, after the batches before it', async (t) => {
  const lines = bigCsv(20_000).split('\r\n');
  // Line 15,002 (row 15,000) opens a quote that never closes: about 800 KB in, well past what is read here.
  lines[15_001] = '学生,"090-1234-5678,1,2025/04/30,S1';
  const path = await writeCsv(await tempDir(t), 'unclosed-late.csv', lines.join('\r\n'), 'cp932');
  let delivered = 0;
  await assert.rejects(
    importFile(path, { batchSize: 1000, onBatch: (b) => void (delivered += b.accepted.length + b.rejected.length) }),
    (e: unknown) => {
      assert.ok(e instanceof TodokuError);
      assert.equal(e.code, 'TODOKU_E_CSV_PARSE');
      assert.match(e.ja, /^15002行目/);
      assert.deepEqual(e.details, { csvCode: 'CSV_QUOTE_NOT_CLOSED', line: 15_002 });
      return true;
    },
  );
  assert.equal(delivered, 15_000, 'the whole batches before the broken line, not the partial one it ends');
});

test('rows with long free text end a batch before its row count (a batch is held whole, and the reading worker has a small heap)', async () => {
  const note = 'あ'.repeat(300);
  const lines = ['氏名,携帯電話番号,備考', ...Array.from({ length: 10 }, (_, i) => `山田 太郎${i},090${10_000_000 + i},${note}`)];
  const sizes: number[] = [];
  const seen: number[] = [];
  for await (const item of readRows(Readable.from([`${lines.join('\r\n')}\r\n`]), { batchSize: 1000, batchChars: 1000 })) {
    if (isHeader(item)) continue;
    sizes.push(item.rows);
    seen.push(...item.candidates.map((r) => r.line));
  }
  // About 320 characters a row: a batch ends with the row that passes 1,000.
  assert.deepEqual(sizes, [4, 4, 2]);
  assert.deepEqual(seen, Array.from({ length: 10 }, (_, i) => i + 2));
});
