// The CLI's main story over the real app: import a Shift_JIS list from Excel, read the report of the
// rows turned away, send, watch every accepted row get delivered, and export the results.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { setLanding, startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

// Line 1 is the header. Lines 4 (landline), 6 (not a number) and 12 (line 2 again) are rejected.
const ROWS = [
  ['氏名', '携帯電話番号', '請求金額', '支払期限', '学籍番号'],
  ['山田 太郎', '090-1234-5678', '12000', '2026-12-01', 'S0001'],
  ['佐藤 花子', '０９０－２３４５－６７８９', '８０００', '2026/12/15', 'S0002'],
  ['鈴木 一郎', '03-1234-5678', '5000', '2026-12-01', 'S0003'],
  ['高橋 美咲', '080-3456-7890', '15000', '2026年12月20日', 'S0004'],
  ['田中 健太', '12345', '3000', '2026-12-01', 'S0005'],
  ['伊藤 由美', '070-4567-8901', '22000', '2026-12-01', 'S0006'],
  ['渡辺 翔太', '(090)5678-9012', '9800', '2026-12-01', 'S0007'],
  ['中村 さくら', '+81 90 6789 0123', '4500', '2026-12-01', 'S0008'],
  ['小林 大輔', '090 7890 1234', '30000', '2026-12-01', 'S0009'],
  ['加藤 愛', '080-8901-2345', '1200', '2026-12-01', 'S0010'],
  ['山本 次郎', '09012345678', '6000', '2026-12-01', 'S0011'],
  ['斎藤 健', '080-9012-3456', '7700', '2026-12-01', 'S0012'],
  ['松本 恵', '070-1122-3344', '6600', '2026-12-01', 'S0013'],
];
const REJECTED_LINES = new Map([
  [4, 'phone_not_mobile'],
  [6, 'phone_invalid'],
  [12, 'duplicate'],
]);
const ACCEPTED = ROWS.slice(1)
  .map((row, i) => ({ row, line: i + 2 }))
  .filter(({ line }) => !REJECTED_LINES.has(line));
const E164: Record<number, string> = {
  2: '+819012345678', 3: '+819023456789', 5: '+818034567890', 7: '+817045678901', 8: '+819056789012',
  9: '+819067890123', 10: '+819078901234', 11: '+818089012345', 13: '+818090123456', 14: '+817011223344',
};
const TEMPLATE = '{{name}}様 学籍番号{{external_id}}の未納金{{amount|yen}}を{{due_date|date}}までにお支払いください。{{url}}';

function expectedText(row: string[]): RegExp {
  const [name, , amount = '', due = ''] = row;
  const yen = `¥${Number(amount.normalize('NFKC')).toLocaleString('en-US')}`;
  const [y, m, d] = due.normalize('NFKC').split(/[-/年月日]/).map(Number);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(`${name}様 学籍番号${row[4]}の未納金${yen}を${y}年${m}月${d}日までにお支払いください。`)}http://\\S+/l/\\w+$`);
}

interface Campaign {
  status: string;
  acceptedCount: number;
  rejectedCount: number;
  counts: Record<string, number>;
}

test('a CP932 file with Japanese headers, full-width digits, a landline, a bad number and a duplicate is imported, the report names each bad line, send delivers every accepted row, and status --json shows them delivered within 60 s', async () => {
  const csvFile = join(server.dir, '督促リスト.csv');
  writeFileSync(csvFile, iconv.encode(ROWS.map((r) => r.join(',')).join('\r\n') + '\r\n', 'CP932'));
  const reportFile = join(server.dir, 'rejections.csv');

  const imported = await todokuJson<{ encoding: string; rows: number; accepted: number; rejected: number; byReason: Record<string, number> }>(server, [
    'import', csvFile, '--campaign', '前期授業料 督促', '--report', reportFile,
  ]);
  assert.equal(imported.encoding, 'cp932');
  assert.equal(imported.rows, 13);
  assert.equal(imported.accepted, 10);
  assert.equal(imported.rejected, 3);
  assert.equal(imported.byReason.phone_not_mobile, 1);
  assert.equal(imported.byReason.phone_invalid, 1);
  assert.equal(imported.byReason.duplicate, 1);

  const report = readFileSync(reportFile).toString('utf8');
  assert.ok(report.startsWith('\uFEFF'), 'the report opens in Excel as UTF-8');
  const reported = new Map(
    report.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => [Number(l.split(',')[0]), l.split(',')[1]] as const),
  );
  assert.deepEqual(reported, REJECTED_LINES);
  assert.match(report, /^4,phone_not_mobile,.*固定電話.*,'?03-1234-5678/m);
  assert.match(report, /^12,duplicate,.*2行目/m);

  await setLanding(server, '前期授業料 督促', { verification: { method: 'id_suffix' }, expiresAt: null, notice: '{{name}}様 未納金のお知らせ' });
  const sent = await todokuJson<{ queued: number; recipients: number }>(server, ['send', '前期授業料 督促', '--template', TEMPLATE, '--yes']);
  assert.equal(sent.queued, 10);

  const deadline = Date.now() + 60_000;
  let status: Campaign;
  for (;;) {
    status = await todokuJson<Campaign>(server, ['status', '前期授業料 督促']);
    if (status.counts.delivered === imported.accepted || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.deepEqual(status.counts, { delivered: 10 }, 'every accepted row delivered within 60 s');
  assert.ok(['sending', 'awaiting_receipts', 'completed'].includes(status.status));

  const received = await todokuJson<{ received: { to: string; text: string }[] }>(server, ['simulator', 'received']);
  assert.equal(received.received.length, 10, 'each accepted number exactly once');
  const byNumber = new Map(received.received.map((m) => [m.to, m.text]));
  assert.equal(byNumber.size, 10);
  for (const { row, line } of ACCEPTED) {
    const text = byNumber.get(E164[line]!);
    assert.ok(text, `line ${line} (${E164[line]}) received`);
    assert.match(text, expectedText(row));
  }

  const exportFile = join(server.dir, 'results.csv');
  const exported = await todokuJson<{ file: string; bytes: number }>(server, ['export', '前期授業料 督促', '--encoding', 'cp932', '-o', exportFile]);
  assert.equal(exported.file, exportFile);
  const csv = iconv.decode(readFileSync(exportFile), 'CP932');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 11, 'a header and one line per message');
  for (const { row } of ACCEPTED) assert.ok(csv.includes(row[0]!), `${row[0]} in the export`);
  assert.ok(lines.slice(1).every((l) => l.includes('配達済み')));

  // The same export to stdout, as bytes.
  const piped = await todoku(['export', '前期授業料 督促', '--encoding', 'cp932', '--server', server.url, '--api-key', server.key]);
  assert.equal(piped.code, 0);
  assert.match(piped.stdout, /delivered/);
});
