// The inbox names the person behind a number — the list's 氏名 and 顧客番号 — to operators and
// administrators, masked for viewers; an administrator can read what a cancelled message would have
// said (issue 11 §4). Through the running app, SMPP to the simulator, on SQLite and PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const TARO = '+818023456789';
const LIST = ['氏名,電話番号,顧客番号', '山田 太郎,080-2345-6789,C-100234'];

eachDatabase('the person in the inbox', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('operators and administrators see 氏名 and 顧客番号; a viewer sees them masked; only an administrator reads a cancelled text', async () => {
    assert.equal((await t.api('PUT', '/simulator/settings', { moScript: { [TARO]: ['確認しました'] }, moDelayMs: 20 })).status, 200);
    const sent = await campaignWithList(t, { name: '12月督促', template: '{{name}}様 お支払いのご案内です。さくら債権回収' }, LIST);
    await sendCampaign(t, sent.id);
    const summary = await until("Taro's reply in the inbox", async () => ((await t.api('GET', '/inbox')).body.conversations as any[]).find((c) => c.phone === '080-****-6789'));
    assert.deepEqual(summary.person, { name: '山田 太郎', customerNumber: 'C-100234', masked: false });

    // A second campaign to him, scheduled and then cancelled: its message was never composed.
    const later = await campaignWithList(t, { name: '1月督促', template: '{{name}}様 顧客番号{{external_id}}のご案内です。さくら債権回収' }, LIST);
    const scheduled = await t.api('POST', `/campaigns/${later.id}/send`, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    assert.equal(scheduled.status, 202, JSON.stringify(scheduled.body));
    assert.equal((await t.api('POST', `/campaigns/${later.id}/cancel`, {})).status, 200);

    const operator = (await t.api('POST', '/api-keys', { name: 'オペレーター', role: 'operator' })).body.key as string;
    const viewer = (await t.api('POST', '/api-keys', { name: '閲覧のみ', role: 'viewer' })).body.key as string;
    const detail = (key?: string) => t.api('GET', `/inbox/${summary.id}`, undefined, key ? { key } : {});

    const asAdmin = (await detail()).body;
    assert.deepEqual(asAdmin.person, { name: '山田 太郎', customerNumber: 'C-100234', masked: false });
    const cancelled = asAdmin.timeline.find((i: any) => i.direction === 'out' && i.state === 'cancelled');
    assert.equal(cancelled.text, '山田 太郎様 顧客番号C-100234のご案内です。さくら債権回収');

    const asOperator = (await detail(operator)).body;
    assert.deepEqual(asOperator.person, { name: '山田 太郎', customerNumber: 'C-100234', masked: false });
    assert.equal(asOperator.timeline.find((i: any) => i.state === 'cancelled').text, null, 'an operator does not read unsent texts');
    assert.match(asOperator.timeline.find((i: any) => i.direction === 'out' && i.state !== 'cancelled').text, /^山田 太郎様 お支払いのご案内です。/u);

    const asViewer = (await detail(viewer)).body;
    assert.deepEqual(asViewer.person, { name: '山＊＊＊＊', customerNumber: '******34', masked: true });
    const listed = ((await t.api('GET', '/inbox', undefined, { key: viewer })).body.conversations as any[]).find((c) => c.id === summary.id);
    assert.deepEqual(listed.person, { name: '山＊＊＊＊', customerNumber: '******34', masked: true });
    assert.equal(JSON.stringify(asViewer).includes('C-100234'), false, 'the customer number appears nowhere for a viewer');
  });
});
