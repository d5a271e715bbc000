// The audit log over the API reads in words: each entry carries a sentence with the user's display name
// and the campaign's name looked up, on SQLite and PostgreSQL (issue 11 §4).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

eachDatabase('audit sentences', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('sending a campaign reads 「… が 2026年12月 督促 を送信開始（2名）」 with the campaign name, not its id', async () => {
    const { id } = await campaignWithList(t, { name: '2026年12月 督促', template: '{{name}}様 お支払いのお願いです。' }, ['氏名,携帯電話番号', '山田 太郎,090-1234-5678', '佐藤 花子,080-2345-6789']);
    await sendCampaign(t, id);
    const r = await t.api('GET', '/audit?action=campaign.send');
    assert.equal(r.status, 200);
    const e = r.body.entries[0];
    assert.equal(e.target, `campaign:${id}`);
    assert.match(e.sentence.ja, / が 2026年12月 督促 を送信開始（2名）$/);
    assert.match(e.sentence.en, / started sending 2026年12月 督促 \(2 people\)$/);
    assert.deepEqual(e.details, { queued: 2 });
  });

  test('a user is named by their display name; a campaign that is gone, by its number', async () => {
    const made = await t.api('POST', '/users', { login: 'yamada@example.jp', displayName: '山田', role: 'operator', password: 'a long enough passphrase 1' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await t.app.store.audit.append({ actor: `user:${made.body.user.id}:yamada@example.jp`, action: 'campaign.pause', target: 'campaign:999999' });
    const r = await t.api('GET', '/audit?limit=5');
    const created = r.body.entries.find((e: { action: string }) => e.action === 'user.create');
    assert.match(created.sentence.ja, /ユーザー 山田 を追加（権限: オペレーター）$/);
    const paused = r.body.entries.find((e: { action: string }) => e.action === 'campaign.pause');
    assert.equal(paused.sentence.ja, '山田 が キャンペーン #999999 を一時停止');
    assert.equal(paused.sentence.en, '山田 paused campaign #999999');
  });
});
