// The column mapping kept with a campaign: written once by the import, read back the same by every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeColumns, encodeColumns } from '../../../src/core/csv/imported-columns.ts';

test('a mapping written by an import reads back as it was', () => {
  const columns = [
    { header: '氏名', field: 'name' },
    { header: '学籍番号', field: 'external_id' },
  ];
  assert.deepEqual(decodeColumns(encodeColumns(columns)), columns);
});

test('only header and field are kept', () => {
  assert.equal(encodeColumns([{ header: '金額', field: 'amount', extra: 1 } as never]), '[{"header":"金額","field":"amount"}]');
});

test('no mapping (a campaign without an import) reads as none, and malformed entries are skipped', () => {
  assert.deepEqual(decodeColumns(null), []);
  assert.deepEqual(decodeColumns(''), []);
  assert.deepEqual(decodeColumns('{"header":"x"}'), []);
  assert.deepEqual(decodeColumns('[{"header":"電話番号","field":"phone"},{"header":1},null]'), [{ header: '電話番号', field: 'phone' }]);
});
