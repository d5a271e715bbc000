// 和暦 dates as banks write them: the era is the one nearest to the day the file is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bankDate, isoDate, warekiYymmdd } from '../../../src/core/bank/era-date.ts';

const TODAY = '2026-12-07';

test('令和8年 is 2026: 081207 read in December 2026', () => {
  assert.equal(warekiYymmdd('081207', TODAY), '2026-12-07');
  assert.equal(warekiYymmdd('010501', TODAY), '2019-05-01');
});

test('平成 where 令和 would be decades away: 280503 is 平成28年5月3日 (2016), 310430 is 平成31 (2019)', () => {
  assert.equal(warekiYymmdd('280503', TODAY), '2016-05-03');
  assert.equal(warekiYymmdd('310430', TODAY), '2019-04-30');
  // 令和1年4月 never existed and 平成1年4月 is 1989: the only reading left.
  assert.equal(warekiYymmdd('010430', TODAY), '1989-04-30');
});

test('a file read in 2005 takes 08 as 平成8 (1996), not 令和8 (2026)', () => {
  assert.equal(warekiYymmdd('080101', '2005-06-01'), '1996-01-01');
});

test('days that are not days are refused: 000000, 30 February, month 13, letters', () => {
  for (const s of ['000000', '080230', '081301', '0812AB', '81207']) assert.equal(warekiYymmdd(s, TODAY), null, s);
  assert.equal(isoDate(2026, 2, 29), null);
  assert.equal(isoDate(2028, 2, 29), '2028-02-29');
});

test('portal dates in the ways portals write them', () => {
  const cases: Record<string, string> = {
    '2026/12/07': '2026-12-07',
    '2026-12-7': '2026-12-07',
    '2026.12.07': '2026-12-07',
    '20261207': '2026-12-07',
    '2026年12月7日': '2026-12-07',
    '令和8年12月7日': '2026-12-07',
    '令和元年5月1日': '2019-05-01',
    'R8.12.7': '2026-12-07',
    'R08/12/07': '2026-12-07',
    'H28.5.3': '2016-05-03',
    '平成31年4月30日': '2019-04-30',
    '２０２６／１２／０７': '2026-12-07',
    '081207': '2026-12-07',
  };
  for (const [text, iso] of Object.entries(cases)) assert.equal(bankDate(text, TODAY), iso, text);
  for (const bad of ['', '12/07', '平成32年1月1日', '令和1年4月30日', 'yesterday']) assert.equal(bankDate(bad, TODAY), null, bad);
});
