// An identity check by the last digits of a number must ask for at least four: two digits with five tries
// is a 5 % guess. The API refuses fewer with 422 and a message saying why; four or more are saved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList } from '../support/factories.ts';

const LIST = ['氏名,電話番号,学籍番号', '山田 太郎,090-4444-0001,S00012345'].join('\n');

let t: TestApp;
let campaignId: number;
before(async () => {
  t = await startTestApp('sqlite');
  ({ id: campaignId } = await campaignWithList(t, { name: 'digits', template: '{{name}}様 {{url}}' }, LIST));
});
after(async () => t.stop());

const put = (digits: number | undefined) =>
  t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'id_suffix', column: '学籍番号', ...(digits === undefined ? {} : { digits }) }, expiresAt: null, notice: 'x' });

test('two or three trailing digits are refused with 422, in Japanese and English, and nothing is saved', async () => {
  for (const digits of [2, 3]) {
    const r = await put(digits);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.code, 'TODOKU_E_LANDING_DIGITS');
    assert.match(r.body.title, /4桁以上/u);
    assert.match(r.body.title_en, /at least 4/u);
    assert.deepEqual(r.body.details, { digits, minimum: 4 });
  }
  assert.equal((await t.api('GET', `/campaigns/${campaignId}/landing`)).status, 404);
});

test('four digits (the default when none is given) and six are saved', async () => {
  const byDefault = await put(undefined);
  assert.equal(byDefault.status, 200, JSON.stringify(byDefault.body));
  assert.equal(byDefault.body.verification.digits, 4);
  const six = await put(6);
  assert.equal(six.status, 200);
  assert.equal(six.body.verification.digits, 6);
});
