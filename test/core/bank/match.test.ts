// The matching rules: a customer number in the payer name, EDI or 振込依頼人コード with the amount; else
// the kana name with the amount owed, only when one debt fits; everything else unmatched with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexDebts, matchCredit, type Debt } from '../../../src/core/bank/match.ts';

let next = 100;
function debt(over: Partial<Debt>): Debt {
  next++;
  return { campaignId: 1, messageId: next, recipientId: next, customerNumber: '', kana: '', owed: 35_000, paid: false, ...over };
}

const credit = (payerName: string, amount: number, extra: { edi?: string; payerCode?: string } = {}) => ({ payerName, amount, edi: extra.edi ?? '', payerCode: extra.payerCode ?? '' });

test('rule 1: the customer number before the name, with the amount owed: exact', () => {
  const yamada = debt({ customerNumber: '1234567', kana: 'ヤマダ タロウ' });
  const m = matchCredit(credit('1234567ﾔﾏﾀﾞ ﾀﾛｳ', 35_000), indexDebts([yamada, debt({ customerNumber: '7654321' })]));
  assert.deepEqual(m, { kind: 'matched', debt: yamada, rule: 'customer_number', balance: 'exact' });
});

test('rule 1 in the EDI field and in the 振込依頼人コード, with zeros and width as written', () => {
  const d = debt({ customerNumber: 'S2026-0042', owed: 12_800 });
  const index = indexDebts([d]);
  assert.equal(matchCredit(credit('ｶ)ﾄｳﾄｼﾖｳｼﾞ', 12_800, { edi: 'S20260042' }), index).kind, 'matched');
  const n = debt({ customerNumber: '０４２２５５', owed: 5_000 });
  const m = matchCredit(credit('ﾀﾅｶ', 5_000, { payerCode: '0000042255' }), indexDebts([n]));
  assert.equal(m.kind === 'matched' && m.debt, n);
});

test('rule 1 with another amount: a partial payment or an overpayment, recorded as such', () => {
  const d = debt({ customerNumber: '1234567', owed: 35_000 });
  const index = indexDebts([d]);
  assert.deepEqual(matchCredit(credit('1234567ﾔﾏﾀﾞ', 20_000), index), { kind: 'matched', debt: d, rule: 'customer_number', balance: 'partial' });
  assert.deepEqual(matchCredit(credit('1234567ﾔﾏﾀﾞ', 40_000), index), { kind: 'matched', debt: d, rule: 'customer_number', balance: 'over' });
  const noAmount = debt({ customerNumber: '5555555', owed: null });
  assert.deepEqual(matchCredit(credit('5555555ｻﾄｳ', 1_000), indexDebts([noAmount])), { kind: 'matched', debt: noAmount, rule: 'customer_number', balance: 'unknown' });
});

test('rule 1 with one customer in two campaigns: the debt of that amount, the latest when notified twice', () => {
  const first = debt({ customerNumber: '1234567', owed: 35_000, campaignId: 1 });
  const again = debt({ customerNumber: '1234567', owed: 35_000, campaignId: 2 });
  const other = debt({ customerNumber: '1234567', owed: 9_000, campaignId: 3 });
  const index = indexDebts([first, again, other]);
  assert.equal((matchCredit(credit('1234567ﾔﾏﾀﾞ', 35_000), index) as { debt: Debt }).debt, again);
  assert.equal((matchCredit(credit('1234567ﾔﾏﾀﾞ', 9_000), index) as { debt: Debt }).debt, other);
  assert.deepEqual(matchCredit(credit('1234567ﾔﾏﾀﾞ', 10_000), index), { kind: 'unmatched', reason: 'ambiguous_customer_number', candidates: [first.messageId, again.messageId, other.messageId] });
});

test('rule 1 never looks for short numbers, nor numbers inside longer ones', () => {
  const short = debt({ customerNumber: '123', kana: '' });
  assert.equal(matchCredit(credit('123ﾔﾏﾀﾞ', 35_000), indexDebts([short])).kind, 'unmatched');
  const d = debt({ customerNumber: '1234567' });
  assert.deepEqual(matchCredit(credit('91234567ﾔﾏﾀﾞ', 35_000), indexDebts([d])), { kind: 'unmatched', reason: 'no_candidate', candidates: [] });
});

test('two customer numbers of two people in one credit: unmatched, both named', () => {
  const a = debt({ customerNumber: '1111111' });
  const b = debt({ customerNumber: '2222222' });
  assert.deepEqual(matchCredit(credit('1111111ﾔﾏﾀﾞ', 35_000, { edi: '2222222' }), indexDebts([a, b])), { kind: 'unmatched', reason: 'ambiguous_customer_number', candidates: [a.messageId, b.messageId] });
});

test('rule 2: the kana name and the amount owed, when exactly one debt fits', () => {
  const suzuki = debt({ kana: 'すずき はなこ', owed: 8_000 });
  const index = indexDebts([suzuki, debt({ kana: 'サトウ ジロウ', owed: 8_000 })]);
  assert.deepEqual(matchCredit(credit('ｽｽﾞｷ ﾊﾅｺ', 8_000), index), { kind: 'matched', debt: suzuki, rule: 'kana_name', balance: 'exact' });
  assert.deepEqual(matchCredit(credit('ｽｽﾞｷ ﾊﾅｺ', 7_999), index), { kind: 'unmatched', reason: 'amount_differs', candidates: [suzuki.messageId] });
  const company = debt({ kana: 'トウトショウジ', owed: 12_800 });
  assert.equal(matchCredit(credit('ｶ)ﾄｳﾄｼﾖｳｼﾞ', 12_800), indexDebts([company])).kind, 'matched');
});

test('rule 2 with an ambiguous name: two people of one name and amount are never guessed between', () => {
  const a = debt({ kana: 'タナカ イチロウ', owed: 5_000 });
  const b = debt({ kana: 'たなか いちろう', owed: 5_000 });
  const c = debt({ kana: 'タナカイチロウ', owed: 9_000 });
  const index = indexDebts([a, b, c]);
  assert.deepEqual(matchCredit(credit('ﾀﾅｶ ｲﾁﾛｳ', 5_000), index), { kind: 'unmatched', reason: 'ambiguous_name', candidates: [a.messageId, b.messageId] });
  // The same name with the other amount is unique again.
  assert.equal((matchCredit(credit('ﾀﾅｶ ｲﾁﾛｳ', 9_000), index) as { debt: Debt }).debt, c);
});

test('a debt already paid is not matched again: the credit is unmatched as already paid', () => {
  const paid = debt({ customerNumber: '1234567', kana: 'ヤマダ', paid: true });
  assert.deepEqual(matchCredit(credit('1234567ﾔﾏﾀﾞ', 35_000), indexDebts([paid])), { kind: 'unmatched', reason: 'already_paid', candidates: [paid.messageId] });
  assert.deepEqual(matchCredit(credit('ﾔﾏﾀﾞ', 35_000), indexDebts([paid])), { kind: 'unmatched', reason: 'already_paid', candidates: [paid.messageId] });
});

test('nobody of that number or name: unmatched, no candidates', () => {
  assert.deepEqual(matchCredit(credit('ｺﾊﾞﾔｼ', 1_000), indexDebts([debt({ kana: 'ヤマダ' })])), { kind: 'unmatched', reason: 'no_candidate', candidates: [] });
});
