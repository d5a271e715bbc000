// The organisation's official short names are kept with its settings and count as the sender's name in
// the wording check of a campaign preview, on SQLite and PostgreSQL (issue 11 §4).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList } from '../support/factories.ts';

eachDatabase('organisation short names', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  const rules = async (id: number, template: string): Promise<string[]> => {
    const r = await t.api('POST', `/campaigns/${id}/preview`, { template });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.lint.map((f: { rule: string }) => f.rule);
  };

  test('「サクラ回収」 signs a text once it is registered as a short name; the name without 株式会社 always does', async () => {
    const { id } = await campaignWithList(t, { name: 'short-names' }, ['氏名,携帯電話番号', '山田 太郎,090-1234-5678']);
    let r = await t.api('PUT', '/organisation', { name: 'さくら債権回収株式会社', officialSenders: ['0312345678'] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.shortNames, []);
    assert.ok((await rules(id, '【サクラ回収】{{name}}様 お支払いについてのお知らせです。')).includes('no_sender_name'));
    assert.ok(!(await rules(id, '【さくら債権回収】{{name}}様 お支払いについてのお知らせです。')).includes('no_sender_name'));

    r = await t.api('PUT', '/organisation', { name: 'さくら債権回収株式会社', officialSenders: ['0312345678'], shortNames: ['サクラ回収'] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual((await t.api('GET', '/organisation')).body.shortNames, ['サクラ回収']);
    assert.ok(!(await rules(id, '【サクラ回収】{{name}}様 お支払いについてのお知らせです。')).includes('no_sender_name'));
    const audit = await t.api('GET', '/audit?action=organisation.update&limit=1');
    assert.deepEqual(audit.body.entries[0].details.shortNames, ['サクラ回収']);
  });
});
