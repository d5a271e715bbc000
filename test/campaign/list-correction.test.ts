// A list can be corrected before it is sent, on SQLite and PostgreSQL: the whole list replaced (and a
// broken replacement leaves the old one), rows edited and re-checked as the import checks them, rows
// removed one or several at a time, a draft deleted, a finished campaign archived; each change audited,
// and every correction refused in words once the campaign is no longer a draft.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const HEADER = '氏名,電話番号,請求金額,支払期限';
/** Two blank amounts: the template cannot be filled on lines 3 and 4. */
const BROKEN = [HEADER, '山田 太郎,090-1111-0001,12000,2026/12/01', '佐藤 花子,090-1111-0002,,2026/12/01', '鈴木 一郎,090-1111-0003,,2026/12/01', '田中 次郎,03-1234-5678,5000,2026/12/01'];
const FIXED = [HEADER, '山田 太郎,090-1111-0001,12000,2026/12/01', '佐藤 花子,090-1111-0002,8000,2026/12/01', '鈴木 一郎,090-1111-0003,3000,2026/12/01'];
const TEMPLATE = '{{name}}様 ご請求額{{amount|yen}}、期限{{due_date}}です。';

async function auditEntries(t: TestApp, action: string): Promise<{ target: string; details: any }[]> {
  const r = await t.api('GET', `/audit?action=${action}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.entries;
}

async function listOf(t: TestApp, id: number): Promise<{ total: number; recipients: { id: number; line: number; phone: string; fields: Record<string, string> }[] }> {
  const r = await t.api('GET', `/campaigns/${id}/recipients?limit=200`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

eachDatabase('correcting a list before it is sent', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('re-importing the fixed file with PUT replaces the list, its rejections and its figures, and the campaign can then be sent', async () => {
    const { id, imported } = await campaignWithList(t, { name: 'replace-fixed', template: TEMPLATE }, BROKEN);
    assert.equal(imported.accepted, 3);
    assert.equal(imported.rejected, 1);
    assert.equal((await t.api('POST', `/campaigns/${id}/send`, {})).status, 422, 'blank amounts block sending');

    const replaced = await t.api('PUT', `/campaigns/${id}/recipients`, FIXED.join('\r\n'), { contentType: 'text/csv' });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.accepted, 3, 'not refused as duplicates of the old list');
    assert.equal(replaced.body.rejected, 0);

    const c = await t.api('GET', `/campaigns/${id}`);
    assert.equal(c.body.acceptedCount, 3);
    assert.equal(c.body.rejectedCount, 0);
    const report = await t.api('GET', `/campaigns/${id}/rejections.csv`);
    assert.doesNotMatch(report.body as string, /03-1234-5678/, "the old list's rejections went with it");
    const list = await listOf(t, id);
    assert.equal(list.total, 3);
    assert.deepEqual(list.recipients.map((r) => r.fields.amount), ['12000', '8000', '3000']);

    const [entry] = await auditEntries(t, 'campaign.recipients.replace');
    assert.equal(entry!.target, `campaign:${id}`);
    assert.equal(entry!.details.accepted, 3);
    assert.equal(entry!.details.replacedAccepted, 3);
    await sendCampaign(t, id);
  });

  test('a replacement that breaks half-way leaves the old list as it was', async () => {
    const { id } = await campaignWithList(t, { name: 'replace-broken', template: TEMPLATE }, FIXED);
    const broken = [HEADER, '新 一,090-2222-0001,1000,2026/12/01', '"壊れた 行,090-2222-0002,1000,2026/12/01'].join('\r\n');
    const r = await t.api('PUT', `/campaigns/${id}/recipients`, broken, { contentType: 'text/csv' });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const list = await listOf(t, id);
    assert.deepEqual(list.recipients.map((x) => x.phone), ['+819011110001', '+819011110002', '+819011110003']);
    const c = await t.api('GET', `/campaigns/${id}`);
    assert.equal(c.body.acceptedCount, 3);
    // The old list still holds its numbers: adding one of them again is a duplicate.
    const again = await t.api('POST', `/campaigns/${id}/recipients`, [HEADER, '山田 太郎,090-1111-0001,1,2026/12/01'].join('\n'), { contentType: 'text/csv' });
    assert.equal(again.body.byReason.duplicate, 1);
  });

  test('a replacement that stopped half-way (a crash) blocks sending until the list is replaced again: never both lists', async () => {
    const { id } = await campaignWithList(t, { name: 'replace-crashed', template: TEMPLATE }, FIXED);
    // What a crash between setting the old list aside and finishing the new one leaves behind.
    await t.app.store.recipients.setAside(id);
    const refused = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'TODOKU_E_LIST_REPLACING');
    assert.match(refused.body.title, /差し替え/);
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.status, 'draft', 'nothing was queued');
    const replaced = await t.api('PUT', `/campaigns/${id}/recipients`, FIXED.join('\r\n'), { contentType: 'text/csv' });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    await sendCampaign(t, id);
    const counts = (await t.api('GET', `/campaigns/${id}`)).body.counts as Record<string, number>;
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 3, 'one message per person of the new list only');
  });

  test('editing a row re-checks it as the import does: number normalised, landlines and numbers already in the list refused', async () => {
    const { id } = await campaignWithList(t, { name: 'edit-row', template: TEMPLATE }, BROKEN);
    const rows = (await listOf(t, id)).recipients;
    const sato = rows.find((r) => r.line === 3)!;

    const landline = await t.api('PATCH', `/campaigns/${id}/recipients/${sato.id}`, { fields: { phone: '03-5555-1234' } });
    assert.equal(landline.status, 422);
    assert.equal(landline.body.code, 'TODOKU_E_PHONE_INVALID');
    assert.match(landline.body.title, /携帯/);

    const taken = await t.api('PATCH', `/campaigns/${id}/recipients/${sato.id}`, { fields: { phone: '090-1111-0001' } });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'TODOKU_E_CONFLICT');
    assert.match(taken.body.title, /2行目と同じ電話番号/);

    const unknown = await t.api('PATCH', `/campaigns/${id}/recipients/${sato.id}`, { fields: { 支店: '新宿' } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.title, /ある列: 氏名、電話番号、請求金額、支払期限/);

    const ok = await t.api('PATCH', `/campaigns/${id}/recipients/${sato.id}`, { fields: { phone: '０８０（９９９９）００１２', amount: ' 8000 ' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.phone, '+818099990012');
    assert.equal(ok.body.fields.amount, '8000');
    assert.equal(ok.body.fields.name, '佐藤 花子', 'fields not named stay as they were');
    assert.equal((await listOf(t, id)).recipients.find((r) => r.id === sato.id)!.fields.amount, '8000', 'stored, sealed, read back');

    // The old number is free again: another row may take it.
    const suzuki = rows.find((r) => r.line === 4)!;
    assert.equal((await t.api('PATCH', `/campaigns/${id}/recipients/${suzuki.id}`, { fields: { phone: '090-1111-0002', amount: '3000' } })).status, 200);

    const [entry] = await auditEntries(t, 'campaign.recipients.edit');
    assert.deepEqual(entry!.details.fields, ['phone', 'amount']);
    assert.equal(entry!.details.line, 4);
    assert.doesNotMatch(JSON.stringify(entry), /090|3000|佐藤|鈴木/, 'the audit names fields, not their values');
    await sendCampaign(t, id);
  });

  test('rows are removed one or several at a time; an id not in the list removes nothing', async () => {
    const list = [HEADER, ...Array.from({ length: 6 }, (_, i) => `人 ${i},090-3333-000${i},100,2026/12/01`)];
    const { id } = await campaignWithList(t, { name: 'remove-rows', template: TEMPLATE }, list);
    const rows = (await listOf(t, id)).recipients;

    const one = await t.api('DELETE', `/campaigns/${id}/recipients/${rows[0]!.id}`);
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(one.body, { removed: 1, lines: [2] });

    const stranger = await t.api('DELETE', `/campaigns/${id}/recipients?ids=${rows[1]!.id},999999`);
    assert.equal(stranger.status, 404);
    assert.equal((await listOf(t, id)).total, 5, 'all or none');

    const several = await t.api('DELETE', `/campaigns/${id}/recipients?ids=${rows[1]!.id},${rows[3]!.id},${rows[5]!.id}`);
    assert.deepEqual(several.body, { removed: 3, lines: [3, 5, 7] });
    const after = await listOf(t, id);
    assert.deepEqual(after.recipients.map((r) => r.line), [4, 6]);
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.acceptedCount, 2);
    assert.equal((await t.api('DELETE', `/campaigns/${id}/recipients?ids=abc`)).status, 400);

    const entries = await auditEntries(t, 'campaign.recipients.remove');
    assert.deepEqual(entries.map((e) => e.details.lines), [[3, 5, 7], [2]]);
  });

  test('once sending started, every correction and deletion is refused in words and nothing changes', async () => {
    const { id } = await campaignWithList(t, { name: 'sent-list', template: TEMPLATE }, FIXED);
    await sendCampaign(t, id);
    const row = (await listOf(t, id)).recipients[0]!;
    for (const [method, path, body] of [
      ['PUT', `/campaigns/${id}/recipients`, FIXED.join('\n')],
      ['PATCH', `/campaigns/${id}/recipients/${row.id}`, { fields: { amount: '1' } }],
      ['DELETE', `/campaigns/${id}/recipients/${row.id}`, undefined],
      ['DELETE', `/campaigns/${id}/recipients?ids=${row.id}`, undefined],
      ['DELETE', `/campaigns/${id}`, undefined],
    ] as const) {
      const r = await t.api(method, path, body, typeof body === 'string' ? { contentType: 'text/csv' } : {});
      assert.equal(r.status, 409, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.code, 'TODOKU_E_CAMPAIGN_STATE');
      assert.match(r.body.title, /下書き/, r.body.title);
    }
    const list = await listOf(t, id);
    assert.equal(list.total, 3);
    assert.equal(list.recipients[0]!.fields.amount, '12000');
  });

  test('a draft is deleted with its list; an archived finished campaign leaves the list, is kept, and comes back', async () => {
    const { id: draft } = await campaignWithList(t, { name: 'to-delete', template: TEMPLATE }, BROKEN);
    assert.equal((await t.api('POST', `/campaigns/${draft}/archive`)).status, 409, 'a draft is deleted, not archived');
    const deleted = await t.api('DELETE', `/campaigns/${draft}`);
    assert.equal(deleted.status, 204);
    assert.equal((await t.api('GET', `/campaigns/${draft}`)).status, 404);
    assert.equal((await t.api('GET', `/campaigns/${draft}/recipients`)).status, 404);
    const [gone] = await auditEntries(t, 'campaign.delete');
    assert.deepEqual(gone!.details, { name: 'to-delete', accepted: 3, rejected: 1 });

    const { id } = await campaignWithList(t, { name: 'to-archive', template: TEMPLATE }, FIXED);
    await sendCampaign(t, id);
    await until('the campaign completes', async () => (await t.api('GET', `/campaigns/${id}`)).body.status === 'completed');
    const names = async (q = '') => ((await t.api('GET', `/campaigns${q}`)).body.campaigns as { name: string }[]).map((c) => c.name);
    assert.ok((await names()).includes('to-archive'));

    const archived = await t.api('POST', `/campaigns/${id}/archive`);
    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    assert.ok(archived.body.archivedAt);
    assert.ok(!(await names()).includes('to-archive'), 'hidden from the list');
    assert.ok((await names('?archived=1')).includes('to-archive'), 'shown when asked for');
    const kept = await t.api('GET', `/campaigns/${id}/messages`);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.messages.length, 3, 'its messages are kept for the records');

    const back = await t.api('POST', `/campaigns/${id}/unarchive`);
    assert.equal(back.body.archivedAt, null);
    assert.ok((await names()).includes('to-archive'));
    assert.equal((await auditEntries(t, 'campaign.archive')).length, 1);
    assert.equal((await auditEntries(t, 'campaign.unarchive')).length, 1);
  });
});

eachDatabase('the "cannot merge" message', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('names each column once, by its CSV header, with the count and lines; a missing column says which columns exist', async () => {
    const { id } = await campaignWithList(t, { name: 'merge-words', template: `${TEMPLATE} {{支店}}支店` }, BROKEN);
    const r = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'TODOKU_E_TEMPLATE_ROWS');
    assert.match(r.body.title, /^3行で本文を作れません。/);
    assert.match(r.body.title, /「請求金額」が空欄です: 2行（3、4行目）/);
    assert.match(r.body.title, /差込項目 \{\{支店\}\} に当たる列が宛先リストにありません（ある列: 氏名、電話番号、請求金額、支払期限）: 3行（2、3、4行目）/);
    assert.doesNotMatch(r.body.title, /amount|due_date/);
    assert.equal(r.body.title.match(/請求金額」が空欄/g).length, 1, 'once per column, not once per row');
    assert.match(r.body.title_en, /"請求金額" is blank: 2 rows \(lines 3, 4\)/);
    assert.deepEqual(
      r.body.details.columnIssues.map((i: { header: string | null; reason: string; count: number }) => `${i.header}:${i.reason}:${i.count}`),
      ['null:missing:3', '請求金額:empty:2'],
    );

    const preview = await t.api('POST', `/campaigns/${id}/preview`, {});
    assert.deepEqual(preview.body.columnIssues, r.body.details.columnIssues, 'the preview tells the same');
  });
});
