// Every fact that matters as evidence is in the ledger, appended where it happened, on both databases:
// a campaign's list taken in (with the file's SHA-256), its content fixed and its send confirmed, each SMS
// handed to the carrier (through the SMSC simulator over SMPP) and receipted, a page opened, an identity
// check failed then passed, a PDF downloaded, a survey answered, a simulated payment, a reply that opts
// out. Entries carry ids, codes, times and commitments only: no number, name, text, birth date or amount
// in clear; commitments open to what was really sent and received. A refused fact leaves no entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { createCampaign, inDays, sentCampaign, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../support/factories.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { openContent } from '../../src/store/evidence/recorder.ts';
import { createVault, loadMasterKey } from '../../src/security/vault.ts';
import type { EvidenceKind } from '../../src/core/evidence/entry.ts';

const TARO = { name: '山田 太郎', phone: '090-6161-0001', e164: '+819061610001', amount: '918273', birth: '1990/01/02' };
const HANAKO = { name: '佐藤 花子', phone: '090-6161-0002', e164: '+819061610002', amount: '564738', birth: '1985/12/31' };
const LIST = ['氏名,電話番号,金額,支払期限,生年月日', ...[TARO, HANAKO].map((p) => `${p.name},${p.phone},${p.amount},2026/12/01,${p.birth}`)].join('\n');
const TEMPLATE = '{{name}}様 東都大学からのお知らせです {{url}}';
const NOTE = '夕方に電話ください';
const SURVEY = { title: 'お支払いについて', questions: [{ id: 'plan', type: 'single', label: 'お支払いの予定', options: [{ id: 'now', label: '今月中' }, { id: 'later', label: '来月' }] }, { id: 'note', type: 'text', label: 'ご意見' }] };

interface Row {
  id: number;
  kind: EvidenceKind;
  at: number;
  campaign_id: number | null;
  message_id: number | null;
  data_json: string;
}

/** Each personal value of the test data, as written in the list and as the code normalises it. */
function personalValues(): string[] {
  return [TARO, HANAKO].flatMap((p) => {
    const digits = p.e164.slice(1);
    const [y, m, d] = p.birth.split('/');
    return [
      p.name, ...p.name.split(' '), p.phone, p.e164, digits, digits.slice(2), `0${digits.slice(2)}`,
      p.amount, Number(p.amount).toLocaleString('en'), p.birth, `${y}-${m}-${d}`, `${y}${m}${d}`,
    ];
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`evidence entries where facts happen [${kind}]`, () => {
    let t: TestApp;
    let c: SentCampaign;
    let refusedCampaign: number;
    let listBytes: Buffer;
    const rows = () => t.app.store.db.kysely.selectFrom('evidence_entries').selectAll().orderBy('at').orderBy('id').execute() as Promise<Row[]>;
    const of = (all: Row[], messageId: number) => all.filter((r) => r.message_id === messageId).map((r) => r.kind);

    before(async () => {
      // Receipts come a little after the answer to the submit, as from a carrier.
      t = await startTestApp(kind, { TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '250' });
      await setOrganisation(t, TOTO_UNIVERSITY);

      // Refused facts first: a list without a phone column, and a send of a campaign with no list.
      refusedCampaign = await createCampaign(t, { name: '取り込めないリスト', template: TEMPLATE });
      const bad = await t.api('POST', `/campaigns/${refusedCampaign}/recipients`, '氏名,金額\n山田 太郎,918273\n', { contentType: 'text/csv' });
      assert.ok(bad.status >= 400 && bad.status < 500, JSON.stringify(bad.body));
      const empty = await t.api('POST', `/campaigns/${refusedCampaign}/send`, {});
      assert.ok(empty.status >= 400 && empty.status < 500, JSON.stringify(empty.body));

      const settings = await t.api('PUT', '/simulator/settings', { moScript: { [HANAKO.e164]: ['停止'] }, moDelayMs: 20 });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
      listBytes = Buffer.from(LIST, 'utf8');
      c = await sentCampaign(t, '証跡の記録', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ\n\n{{name}}様、{{amount}}円のお支払いをお願いします' }, {
        template: TEMPLATE,
        beforeSend: async (id) => {
          const survey = await t.api('PUT', `/campaigns/${id}/survey`, SURVEY);
          assert.equal(survey.status, 200, JSON.stringify(survey.body));
          assert.equal((await t.api('PUT', `/campaigns/${id}/documents/invoice`, { paymentInstructions: '{{due_date|date}}までにお支払いください。' })).status, 200);
        },
      });
      const taro = c.recipients.get(TARO.name)!;
      await until('both delivered', async () => {
        const all = await rows();
        return [TARO, HANAKO].every((p) => of(all, c.recipients.get(p.name)!.messageId).includes('message.receipt')) || undefined;
      }, 15_000);

      // Taro opens his page, answers wrong, then right, downloads his PDF, answers the survey and pays.
      const v = new Visitor(t.url);
      const page = await v.get(taro.path);
      assert.notEqual((await v.post(`${taro.path}/verify`, page, { answer: '2000-01-01' })).status, 303, 'a wrong answer does not open the page');
      const again = await v.get(taro.path);
      assert.equal((await v.post(`${taro.path}/verify`, again, { answer: '1990-01-02' })).status, 303);
      const verified = await v.get(taro.path);
      const pdf = await v.get(`${taro.path}/pdf/file`);
      assert.equal(pdf.status, 200);
      assert.equal((await v.post(`${taro.path}/survey/answer`, verified, { q_plan: 'now', q_note: NOTE })).status, 303);
      const start = await v.post(`${taro.path}/payment/start`, await v.get(taro.path), {});
      assert.equal(start.status, 303, start.html);
      assert.equal((await v.request('POST', start.location!.replace('/checkout?', '/checkout/pay?'), {})).status, 303);
      await until('paid, opted out, and the campaign completed', async () => {
        const all = await rows();
        return (of(all, taro.messageId).includes('payment.succeeded') && all.some((r) => r.kind === 'opt_out.recorded') && all.some((r) => r.kind === 'campaign.completed')) || undefined;
      }, 15_000);
    });
    after(async () => t?.stop());

    test("the campaign's list, content and send come first, then each message's facts in order of time", async () => {
      const all = await rows();
      const campaign = all.filter((r) => r.campaign_id === c.id && r.message_id === null).map((r) => r.kind);
      assert.deepEqual(campaign.slice(0, 3), ['list.accepted', 'content.fixed', 'send.confirmed']);
      const accepted = JSON.parse(all.find((r) => r.campaign_id === c.id && r.kind === 'list.accepted')!.data_json);
      assert.ok(Number.isInteger(accepted.key), 'uploaded with an API key: its id, not its name');
      assert.deepEqual(accepted, { fileSha256: createHash('sha256').update(listBytes).digest('hex'), rows: 2, accepted: 2, rejected: 0, mode: 'import', by: null, key: accepted.key });
      const completed = all.filter((r) => r.campaign_id === c.id && r.kind === 'campaign.completed');
      assert.equal(completed.length, 1);
      const counts = JSON.parse(completed[0]!.data_json).counts as Record<string, number>;
      assert.ok((counts.delivered ?? 0) >= 2, JSON.stringify(counts));
      assert.equal(campaign.at(-1), 'campaign.completed');

      const taro = c.recipients.get(TARO.name)!;
      assert.deepEqual(of(all, taro.messageId), [
        'message.submitted',
        'message.receipt',
        'page.opened',
        'identity.failed',
        'identity.passed',
        'document.downloaded',
        'survey.answered',
        'payment.succeeded',
      ]);
      const hanako = c.recipients.get(HANAKO.name)!;
      assert.deepEqual(of(all, hanako.messageId).slice(0, 4), ['message.submitted', 'message.receipt', 'reply.received', 'opt_out.recorded']);
      const byKind = (id: number, k: EvidenceKind) => JSON.parse(all.find((r) => r.message_id === id && r.kind === k)!.data_json);
      assert.deepEqual(byKind(taro.messageId, 'identity.failed'), { method: 'birth_date', attempt: 1 });
      assert.deepEqual(byKind(taro.messageId, 'page.opened'), { first: true });
      assert.equal(byKind(taro.messageId, 'message.receipt').stat, 'DELIVRD');
      assert.equal(byKind(taro.messageId, 'message.receipt').state, 'delivered');
      assert.equal(byKind(taro.messageId, 'document.downloaded').kind, 'invoice');
      assert.deepEqual(byKind(hanako.messageId, 'reply.received').optOut, true);
      assert.deepEqual(byKind(hanako.messageId, 'opt_out.recorded').source, 'reply');
      for (const r of all.filter((x) => x.message_id !== null && x.campaign_id !== null)) assert.equal(r.campaign_id, c.id, `${r.kind} names its campaign`);
    });

    test('commitments open to the exact text handed over, the number it went to and the reply received', async () => {
      const all = await rows();
      const vault = createVault(loadMasterKey(t.app.config.secretKey, t.app.config.dataDir));
      const conn = t.app.store.db.kysely;
      const messages = (await t.api('GET', `/campaigns/${c.id}/messages?limit=100`)).body.messages as { id: number; text: string }[];
      const taro = c.recipients.get(TARO.name)!;
      const submitted = JSON.parse(all.find((r) => r.message_id === taro.messageId && r.kind === 'message.submitted')!.data_json);
      assert.equal((await openContent(conn, vault, submitted.text, taro.messageId))?.content, messages.find((m) => m.id === taro.messageId)!.text);
      assert.equal(submitted.recipient, t.app.store.evidence.commitmentOf(TARO.e164));
      const reply = JSON.parse(all.find((r) => r.kind === 'reply.received')!.data_json);
      assert.equal((await openContent(conn, vault, reply.text, null))?.content, '停止');
      const survey = JSON.parse(all.find((r) => r.kind === 'survey.answered')!.data_json);
      assert.match((await openContent(conn, vault, survey.answers, null))!.content, new RegExp(NOTE, 'u'));
      const fixed = JSON.parse(all.find((r) => r.campaign_id === c.id && r.kind === 'content.fixed')!.data_json);
      assert.equal((await openContent(conn, vault, fixed.template, null))?.content, TEMPLATE);
      const landing = (await openContent(conn, vault, fixed.landing, null))!.content;
      for (const shown of ['{{amount}}円のお支払い', 'お支払いについて', 'birth_date', TOTO_UNIVERSITY.name]) assert.ok(landing.includes(shown), `the page content fixed holds ${shown}`);
    });

    test('no row says a number, a name, a text, a birth date or an amount in clear', async () => {
      const all = await rows();
      assert.ok(all.length >= 15, `${all.length} entries`);
      const texts = ((await t.api('GET', `/campaigns/${c.id}/messages?limit=100`)).body.messages as { text: string | null }[]).flatMap((m) => (m.text ? [m.text] : []));
      const secrets = [...personalValues(), ...texts, '東都大学からのお知らせです', '停止', NOTE, '今月中'];
      for (const r of all) for (const s of secrets) assert.ok(!r.data_json.includes(s), `${r.kind} #${r.id} holds "${s}": ${r.data_json}`);
    });

    test("a sent campaign's page changed is its content fixed again, with what it shows from then on", async () => {
      const changed = await t.api('PUT', `/campaigns/${c.id}/landing`, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# 訂正\n\n{{name}}様、期限を延長しました' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const fixed = (await rows()).filter((r) => r.campaign_id === c.id && r.kind === 'content.fixed').map((r) => JSON.parse(r.data_json));
      assert.equal(fixed.length, 2);
      assert.equal(fixed[1].template, fixed[0].template, 'the SMS template is the one sent');
      assert.notEqual(fixed[1].landing, fixed[0].landing);
      const vault = createVault(loadMasterKey(t.app.config.secretKey, t.app.config.dataDir));
      assert.ok((await openContent(t.app.store.db.kysely, vault, fixed[1].landing, null))!.content.includes('期限を延長しました'));
    });

    test('a refused import and a refused send leave no entry', async () => {
      const all = await rows();
      assert.deepEqual(all.filter((r) => r.campaign_id === refusedCampaign), []);
    });
  });
}
