// Prior consent as offices write it (core/consent.ts), and what retention keeps of a list (core/retention.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConsent, parseConsentMethod } from '../../src/core/consent.ts';
import { commitmentsIn, fieldsToKeep, keptFields, yearsAfter } from '../../src/core/retention.ts';
import { toRow, type AcceptedRow, type RejectedRow } from '../../src/core/csv/row.ts';
import { mapHeader } from '../../src/core/csv/aliases.ts';
import { normaliseBirthDate } from '../../src/landing/birth-date.ts';

test('a consent date is read in the forms a list holds it: Western, Japanese era, full-width, Excel date-time', () => {
  for (const [cell, date] of [
    ['2024-04-01', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['２０２４年４月１日', '2024-04-01'],
    ['令和6年4月1日', '2024-04-01'],
    ['R6.4.1', '2024-04-01'],
    ['2024/4/1 0:00', '2024-04-01'],
  ]) {
    const r = checkConsent(cell, '書面', '2026-12-07');
    assert.ok(r.ok, cell);
    assert.equal(r.consent?.date, date, cell);
  }
});

test('a consent date that is not a date, or is after today, is refused with the reason in both languages', () => {
  const bad = checkConsent('2024/13/01', '書面', '2026-12-07');
  assert.ok(!bad.ok);
  assert.match(bad.message.ja, /同意日「2024\/13\/01」を日付として読めません/);
  assert.match(bad.message.en, /not a date/);
  const future = checkConsent('2026-12-08', '書面', '2026-12-07');
  assert.ok(!future.ok);
  assert.match(future.message.ja, /未来の日付/);
  assert.ok(checkConsent('2026-12-07', '書面', '2026-12-07').ok, 'today itself is prior');
});

test('both cells empty is no consent; one without the other is refused', () => {
  assert.deepEqual(checkConsent('', ''), { ok: true, consent: null });
  assert.deepEqual(checkConsent(undefined, '  '), { ok: true, consent: null });
  const noDate = checkConsent('', '電子');
  assert.ok(!noDate.ok);
  assert.match(noDate.message.ja, /同意日がありません/);
  const noMethod = checkConsent('2024-04-01', '');
  assert.ok(!noMethod.ok);
  assert.match(noMethod.message.ja, /同意方法がありません/);
});

test('the method is read from the words offices write, with their own note after it', () => {
  assert.deepEqual(parseConsentMethod('書面'), { method: 'written', note: null });
  assert.deepEqual(parseConsentMethod('書面（契約書第12条）'), { method: 'written', note: '契約書第12条' });
  assert.deepEqual(parseConsentMethod('電子: 申込フォーム'), { method: 'electronic', note: '申込フォーム' });
  assert.deepEqual(parseConsentMethod('口頭記録 2024-04-01 通話録音あり'), { method: 'oral_record', note: '2024-04-01 通話録音あり' });
  assert.deepEqual(parseConsentMethod('口頭'), { method: 'oral_record', note: null });
  assert.deepEqual(parseConsentMethod('Electronic'), { method: 'electronic', note: null });
  assert.deepEqual(parseConsentMethod('その他（窓口で署名）'), { method: 'other', note: '窓口で署名' });
  assert.deepEqual(parseConsentMethod('otherwise agreed'), { method: 'other', note: 'otherwise agreed' }, 'an English word ends where the word does');
  assert.deepEqual(parseConsentMethod('窓口で確認'), { method: 'other', note: '窓口で確認' }, 'unknown words are the note of その他');
  assert.equal(parseConsentMethod('   '), undefined);
});

test('a row with consent columns carries its consent and not the columns among its fields; a bad date rejects the row with its line', () => {
  const { columns } = mapHeader(['氏名', '電話番号', '同意日', '同意方法']);
  assert.deepEqual(columns.map((c) => c.field), ['name', 'phone', 'consent_date', 'consent_method']);
  const ok = toRow(['山田 太郎', '090-1111-0001', '2024/4/1', '書面'], 2, { columns, today: '2026-12-07' }) as AcceptedRow;
  assert.deepEqual(ok.consent, { date: '2024-04-01', method: 'written', note: null });
  assert.deepEqual(Object.keys(ok.fields), ['name', 'phone']);
  const none = toRow(['佐藤 花子', '090-1111-0002', '', ''], 3, { columns }) as AcceptedRow;
  assert.equal(none.consent, undefined);
  const bad = toRow(['鈴木 一郎', '090-1111-0003', '4月1日', '書面'], 4, { columns }) as RejectedRow;
  assert.equal(bad.reason, 'consent_invalid');
  assert.equal(bad.line, 4);
  assert.match(bad.message.ja, /同意日「4月1日」/);
});

test('birth dates still read as before through the shared calendar parser', () => {
  assert.equal(normaliseBirthDate('平成元年1月8日'), '19890108');
  assert.equal(normaliseBirthDate('1990/1/2 0:00'), '19900102');
  assert.equal(normaliseBirthDate('1990/2/30'), undefined);
});

test('retention keeps the number, the name and what the text or the page uses; the identity answers only while the page asks', () => {
  const use = {
    sentTemplate: '{{name}}様 {{amount|yen}}のお支払いを {{url}}',
    columns: [
      { header: '氏名', field: 'name' },
      { header: '電話番号', field: 'phone' },
      { header: '学籍番号', field: 'external_id' },
      { header: '住所', field: '住所' },
      { header: '生年月日', field: 'birth_date' },
      { header: '備考', field: '備考' },
    ],
    page: { notices: ['学籍番号 {{学籍番号}} の方へ'], identityColumn: 'birth_date', live: true },
    invoiceJson: null,
    documentColumn: null,
  };
  const live = fieldsToKeep(use);
  for (const f of ['phone', 'name', 'amount', 'external_id', 'birth_date']) assert.ok(live.has(f), f);
  for (const f of ['住所', '備考']) assert.ok(!live.has(f), f);
  const expired = fieldsToKeep({ ...use, page: { ...use.page, live: false } });
  assert.ok(!expired.has('birth_date'), 'an expired page no longer asks');
  const row = { name: '山田', phone: '090-1111-0001', amount: '1000', external_id: 'S1', 住所: '東京都', 備考: 'x', birth_date: '19900102' };
  assert.deepEqual(keptFields(row, expired), { name: '山田', phone: '090-1111-0001', amount: '1000', external_id: 'S1' });
  assert.equal(keptFields({ name: '山田', phone: '1' }, expired), null, 'nothing to remove: no change');
  const invoice = fieldsToKeep({ ...use, page: null, invoiceJson: JSON.stringify({ number: 'INV-{{備考}}', items: [{ label: '住所', column: '住所' }] }) });
  assert.ok(invoice.has('備考') && invoice.has('住所'), 'the invoice uses them');
});

test('evidence content is kept a number of calendar years; commitments are read from an entry', () => {
  const at = Date.UTC(2021, 5, 30, 12);
  assert.equal(yearsAfter(at, 5), Date.UTC(2026, 5, 30, 12));
  const c = 'a'.repeat(64);
  assert.deepEqual(commitmentsIn(JSON.stringify({ text: c, recipient: 'b'.repeat(64), route: 'x', parts: 2 })), [c, 'b'.repeat(64)]);
});
