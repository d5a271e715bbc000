// Prior consent and formal notices (issue 12, requirements 6 and 8), on SQLite and PostgreSQL through the
// whole app: consent read from a CP932 list's 同意日 / 同意方法 columns and recorded per row through the
// API, each recording a consent.recorded entry in the ledger (ids, method and date only; the office's note
// committed, never in clear) and an audit line; a campaign marked 債権譲渡通知 or 正式な通知 refuses to send,
// schedule, be put up for approval or preview clean while any row lacks consent, naming the lines; and the sender's legal identity
// shown on the recipient's page and on /verify.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList, importList, sentCampaign } from '../support/factories.ts';

const TEMPLATE = '{{name}}様 債権譲渡のお知らせです。';
const LIST = [
  '氏名,携帯電話番号,請求金額,同意日,同意方法',
  '山田 太郎,090-1234-5678,12000,2024/04/01,書面（契約書第12条）',
  '佐藤 花子,080-2345-6789,8000,令和6年5月10日,電子',
  '鈴木 一郎,070-3456-7890,3000,,',
  '高橋 三郎,090-4567-8901,5000,2024年13月1日,書面',
];
const cp932 = (lines: readonly string[]) => iconv.encode(lines.map((l) => `${l}\r\n`).join(''), 'CP932');

interface Row {
  id: number;
  line: number;
  fields: Record<string, string>;
  consent: { date: string; method: string; note: string | null } | null;
}

async function rowsOf(t: TestApp, id: number): Promise<Row[]> {
  const r = await t.api('GET', `/campaigns/${id}/recipients?limit=200`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.recipients;
}

async function consentEntries(t: TestApp, campaignId: number): Promise<{ data: any; raw: string; messageId: number | null }[]> {
  const rows = await t.app.store.db.kysely
    .selectFrom('evidence_entries')
    .select(['data_json', 'message_id'])
    .where('campaign_id', '=', campaignId)
    .where('kind', '=', 'consent.recorded')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ data: JSON.parse(r.data_json), raw: r.data_json, messageId: r.message_id }));
}

eachDatabase('consent and formal notices', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('a CP932 list records each row\'s consent, in the list and in the ledger, and rejects a bad consent date with its line', async () => {
    const { id, imported } = await campaignWithList(t, { name: 'consent-import', template: TEMPLATE }, cp932(LIST));
    assert.equal(imported.encoding, 'cp932');
    assert.equal(imported.accepted, 3);
    assert.equal(imported.rejected, 1);
    assert.equal(imported.byReason.consent_invalid, 1);

    const rows = await rowsOf(t, id);
    assert.deepEqual(
      rows.map((r) => [r.line, r.consent]),
      [
        [2, { date: '2024-04-01', method: 'written', note: '契約書第12条' }],
        [3, { date: '2024-05-10', method: 'electronic', note: null }],
        [4, null],
      ],
    );
    assert.ok(rows.every((r) => !('consent_date' in r.fields) && !('consent_method' in r.fields)), 'consent is not among the fields');

    const report = await t.api('GET', `/campaigns/${id}/rejections.csv`);
    assert.match(report.body as string, /5,.*同意日「2024年13月1日」を日付として読めません/u);

    const entries = await consentEntries(t, id);
    assert.deepEqual(
      entries.map((e) => [e.data.recipient, e.data.method, e.data.date]),
      [
        [rows[0]!.id, 'written', '2024-04-01'],
        [rows[1]!.id, 'electronic', '2024-05-10'],
      ],
    );
    assert.match(entries[0]!.data.note, /^[0-9a-f]{64}$/u, 'the note is committed');
    assert.equal(entries[1]!.data.note, undefined);
    assert.ok(entries.every((e) => e.messageId === null && e.data.by === null && typeof e.data.key === 'number'), 'recorded by the API key');
    for (const personal of ['山田', '太郎', '09012345678', '+819012345678', '090-1234-5678', '契約書', '12000']) {
      assert.ok(entries.every((e) => !e.raw.includes(personal)), `no "${personal}" in the ledger`);
    }
  });

  test('consent recorded and withdrawn through the API: checked as the import checks it, entered in the ledger, audited', async () => {
    const { id } = await campaignWithList(t, { name: 'consent-api', template: TEMPLATE }, ['氏名,電話番号', '山田 太郎,090-1111-0001', '佐藤 花子,090-1111-0002']);
    const [first] = await rowsOf(t, id);
    const path = `/campaigns/${id}/recipients/${first!.id}/consent`;

    const future = await t.api('PUT', path, { date: '2099-01-01', method: 'written' });
    assert.equal(future.status, 422);
    assert.equal(future.body.code, 'TODOKU_E_CONSENT_INVALID');
    assert.match(future.body.title, /未来の日付/);
    const notADate = await t.api('PUT', path, { date: '四月一日', method: 'written' });
    assert.equal(notADate.status, 422);
    const badMethod = await t.api('PUT', path, { date: '2024-04-01', method: 'telepathy' });
    assert.equal(badMethod.status, 400);
    assert.equal((await consentEntries(t, id)).length, 0, 'refusals leave no entry');

    const put = await t.api('PUT', path, { date: '令和6年4月1日', method: 'oral_record', note: '通話録音 2024-04-01 担当 鈴木' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.consent, { date: '2024-04-01', method: 'oral_record', note: '通話録音 2024-04-01 担当 鈴木' });
    assert.deepEqual((await rowsOf(t, id))[0]!.consent, put.body.consent);

    const withdrawn = await t.api('DELETE', path);
    assert.equal(withdrawn.status, 200);
    assert.equal(withdrawn.body.consent, null);

    const entries = await consentEntries(t, id);
    assert.deepEqual(entries.map((e) => [e.data.recipient, e.data.method]), [
      [first!.id, 'oral_record'],
      [first!.id, 'withdrawn'],
    ]);
    assert.match(entries[1]!.data.date, /^\d{4}-\d{2}-\d{2}$/u, 'the day it was withdrawn');
    assert.ok(!entries[0]!.raw.includes('鈴木'), 'the note is committed, not in clear');

    const audit = await t.api('GET', '/audit?action=campaign.recipients.consent');
    const line = audit.body.entries.find((e: any) => e.target === `campaign:${id}`);
    assert.deepEqual({ recipient: line.details.recipient, line: line.details.line, method: line.details.method }, { recipient: first!.id, line: 2, method: 'oral_record' });
    assert.ok(!JSON.stringify(line.details).includes('鈴木'), 'the audit line does not repeat the note');

    const asField = await t.api('PATCH', `/campaigns/${id}/recipients/${first!.id}`, { fields: { consent_date: '2024-04-01' } });
    assert.equal(asField.status, 400);
    assert.match(asField.body.title, /consent/);
    assert.equal((await t.api('PUT', `/campaigns/${id}/recipients/999999/consent`, { date: '2024-04-01', method: 'written' })).status, 404);
  });

  test('a formal notice refuses to send, schedule or preview clean while any row lacks consent, naming the lines; with consent recorded it sends', async () => {
    const created = await t.api('POST', '/campaigns', { name: 'assignment-notice', template: TEMPLATE, policyPack: 'none', formality: 'assignment' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.formality, 'assignment');
    const id = created.body.id as number;
    await importList(t, id, cp932(LIST));

    const refused = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'TODOKU_E_CONSENT_MISSING');
    assert.match(refused.body.title, /債権譲渡通知/);
    assert.match(refused.body.title, /1件あります: 4行目/);
    assert.match(refused.body.title_en, /1 recipient has none: line 4/);
    assert.deepEqual(refused.body.details, { formality: 'assignment', count: 1, lines: [4] });
    const scheduled = await t.api('POST', `/campaigns/${id}/send`, { scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(scheduled.status, 422);
    assert.equal(scheduled.body.code, 'TODOKU_E_CONSENT_MISSING');

    const preview = await t.api('POST', `/campaigns/${id}/preview`, {});
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.body.blockers.map((b: any) => b.code), ['TODOKU_E_CONSENT_MISSING']);
    assert.match(preview.body.blockers[0].message, /4行目/);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, { note: '債権譲渡通知の承認を' });
    assert.equal(asked.status, 422, 'an approver is never asked for what could not go');
    assert.equal(asked.body.code, 'TODOKU_E_CONSENT_MISSING');
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.status, 'draft', 'nothing was sent');

    const row = (await rowsOf(t, id)).find((r) => r.line === 4)!;
    assert.equal((await t.api('PUT', `/campaigns/${id}/recipients/${row.id}/consent`, { date: '2024-06-01', method: 'written' })).status, 200);
    assert.deepEqual((await t.api('POST', `/campaigns/${id}/preview`, {})).body.blockers, []);
    const sent = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(sent.status, 202, JSON.stringify(sent.body));

    const late = await t.api('PUT', `/campaigns/${id}/recipients/${row.id}/consent`, { date: '2024-06-01', method: 'written' });
    assert.equal(late.status, 409, 'consent is recorded before a notice goes, on the draft');
    assert.equal(late.body.code, 'TODOKU_E_CAMPAIGN_STATE');
  });

  test('the refusal names at most 20 lines and the count; the formality can be changed on a draft, and null makes it an ordinary notice again', async () => {
    const lines = ['氏名,電話番号', ...Array.from({ length: 25 }, (_, i) => `人${i},090-2222-${String(i).padStart(4, '0')}`)];
    const { id } = await campaignWithList(t, { name: 'formal-many', template: TEMPLATE, policyPack: 'none' }, lines);
    const patched = await t.api('PATCH', `/campaigns/${id}`, { formality: 'formal' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.formality, 'formal');
    const refused = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(refused.status, 422);
    assert.match(refused.body.title, /正式な通知/);
    assert.equal(refused.body.details.count, 25);
    assert.deepEqual(refused.body.details.lines, Array.from({ length: 20 }, (_, i) => i + 2));
    assert.match(refused.body.title, /2、3、4.*21行目 ほか（全25件）/u);
    assert.match(refused.body.title_en, /and more \(25 in all\)/);
    assert.equal((await t.api('PATCH', `/campaigns/${id}`, { formality: 'registered_mail' })).status, 400);
    assert.equal((await t.api('PATCH', `/campaigns/${id}`, { formality: null })).body.formality, null);
    assert.equal((await t.api('POST', `/campaigns/${id}/send`, {})).status, 202);
  });

  test('the sender\'s legal name, address and registration numbers, official senders and link domain show on the recipient\'s page and on /verify', async () => {
    const org = {
      name: 'さくら債権回収',
      legalName: 'さくら債権回収株式会社',
      address: '東京都千代田区丸の内1-2-3 さくらビル5階',
      registrationNumbers: ['債権回収会社 法務大臣許可番号 第123号', '適格請求書発行事業者登録番号 T1234567890123'],
      officialSenders: ['0120-123-456', 'SAKURA'],
      contact: { phone: '0120-123-456', hours: '平日 9:00〜17:00' },
    };
    const put = await t.api('PUT', '/organisation', org);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.legalName, org.legalName);
    assert.deepEqual(put.body.registrationNumbers, org.registrationNumbers);
    // A client that leaves the identity out (an older form) keeps it.
    const kept = await t.api('PUT', '/organisation', { name: org.name, officialSenders: org.officialSenders });
    assert.equal(kept.body.address, org.address);

    const verify = await fetch(`${t.url}/verify`);
    const page = await verify.text();
    const host = new URL(t.url).host;
    for (const text of [org.legalName, org.address, ...org.registrationNumbers, '0120-123-456、SAKURA', host, '送信者の情報']) assert.ok(page.includes(text), `/verify shows ${text}`);

    const sent = await sentCampaign(t, 'identity-footer', ['氏名,電話番号,生年月日', '山田 太郎,090-3333-0001,1990/01/02'], {
      verification: { method: 'birth_date' },
      expiresAt: null,
      notice: 'お知らせ',
    });
    const notice = await (await fetch(sent.recipients.get('山田 太郎')!.url)).text();
    for (const text of [org.legalName, org.address, ...org.registrationNumbers, 'SAKURA', host, 'href="/verify"']) assert.ok(notice.includes(text), `the notice page shows ${text}`);
    const en = await (await fetch(`${t.url}/verify?lang=en`)).text();
    assert.ok(en.includes('About the sender') && en.includes('Official link domain'));
  });
});
