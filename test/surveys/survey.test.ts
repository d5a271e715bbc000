// Surveys on SQLite and PostgreSQL: answers stored once per recipient (a second post edits them),
// tallied per option, exported for Excel in UTF-8 with BOM or CP932, closed by the campaign's deadline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createSurveyService } from '../../src/surveys/service.ts';
import type { TodokuError } from '../../src/core/errors.ts';
import { studentCampaign } from '../documents/fixtures.ts';
import { SURVEY } from './fixtures.ts';

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

eachDatabase('surveys', (kind) => {
  let t: TestDb;
  let clock = Date.UTC(2026, 10, 20, 1, 0);
  before(async () => {
    t = await createTestDb(kind, () => clock);
  });
  after(async () => t.cleanup());

  test('answers are stored once per recipient, editable, tallied and exported', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'survey-tally');
    const surveys = createSurveyService({ store: t.store, vault: testVault, now: () => clock });
    await surveys.define(campaign.id, SURVEY);
    const ref = (sid: string) => ({ campaignId: campaign.id, messageId: messageOf(recipients.get(sid)!.id) });

    const first = await surveys.submit(ref('S0001'), { q_plan: 'now', q_reach: ['SMS', '電話'], q_note: '=1+1 夕方希望' });
    assert.ok(first.ok && first.created);
    assert.ok((await surveys.submit(ref('S0002'), { q_plan: 'split', q_reach: 'SMS', q_date: '2026-12-10' })).ok);
    assert.ok((await surveys.submit(ref('S0003'), { q_plan: 'split' })).ok);
    clock += 60_000;
    const edited = await surveys.submit(ref('S0001'), { q_plan: 'paid', q_reach: 'メール' });
    assert.ok(edited.ok && !edited.created, 'the second post edits');
    assert.deepEqual((await surveys.answersOf(ref('S0001').messageId))!.answers, { plan: 'paid', reach: ['メール'] });

    const results = (await surveys.results(campaign.id))!;
    assert.equal(results.answered, 3);
    const plan = results.questions.find((q) => q.id === 'plan')!;
    assert.deepEqual(plan.options!.map((o) => [o.label, o.count]), [['今月中に支払う', 0], ['分割を希望', 2], ['支払い済み', 1]]);
    const reach = results.questions.find((q) => q.id === 'reach')!;
    assert.deepEqual(reach.options!.map((o) => [o.id, o.count]), [['SMS', 1], ['電話', 0], ['メール', 1]]);
    assert.equal(results.questions.find((q) => q.id === 'note')!.answered, 0, 'the edit removed the comment');
    assert.equal(results.questions.find((q) => q.id === 'date')!.answered, 1);

    const bom = await text((await surveys.export(campaign.id, 'utf-8-bom'))!);
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bom.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^行番号\/line,氏名\/name,外部ID\/external_id,回答日時\/answered_at,更新日時\/updated_at,お支払いの予定 \(plan\),/u);
    assert.match(lines[1]!, /^2,山田 太郎,S0001,2026\/11\/20 10:00:00,2026\/11\/20 10:01:00,支払い済み,メール,,$/u);
    assert.match(lines[2]!, /^3,佐藤 花子,S0002,.*,分割を希望,SMS,,2026-12-10$/u);
    const cp932 = iconv.decode(await text((await surveys.export(campaign.id, 'cp932'))!), 'CP932');
    assert.match(cp932, /佐藤 花子,S0002/u);
  });

  test('a formula typed as an answer is exported as text, not run by Excel', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'survey-formula');
    const surveys = createSurveyService({ store: t.store, vault: testVault, now: () => clock });
    await surveys.define(campaign.id, SURVEY);
    await surveys.submit({ campaignId: campaign.id, messageId: messageOf(recipients.get('S0001')!.id) }, { q_plan: 'now', q_note: '=HYPERLINK("x")' });
    const csv = (await text((await surveys.export(campaign.id, 'utf-8-bom'))!)).toString('utf8');
    assert.doesNotMatch(csv, /,=HYPERLINK/u);
    assert.match(csv, /'=HYPERLINK/u);
  });

  test('after the campaign deadline answers can no longer be given or changed', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'survey-closed');
    const surveys = createSurveyService({ store: t.store, vault: testVault, now: () => clock });
    await surveys.define(campaign.id, SURVEY);
    await t.store.landing.putCampaignLanding(campaign.id, { method: 'birth_date', column_name: 'birth_date', digits: null, expires_at: clock + 3600_000, notice: 'x', notice_en: null, contact_json: null });
    const ref = { campaignId: campaign.id, messageId: messageOf(recipients.get('S0001')!.id) };
    assert.ok((await surveys.submit(ref, { q_plan: 'now' })).ok);
    assert.equal(await surveys.closesAt(campaign.id), clock + 3600_000);
    clock += 3600_000;
    await assert.rejects(surveys.submit(ref, { q_plan: 'split' }), (e: TodokuError) => e.code === 'TODOKU_E_SURVEY_CLOSED');
    assert.deepEqual((await surveys.answersOf(ref.messageId))!.answers, { plan: 'now' });
  });
});
