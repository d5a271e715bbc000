// Retention (issue 12, requirement 2 and §Retention), on SQLite and PostgreSQL with an injected clock:
// the organisation's retention_days removes, after a campaign ends, the personal data not kept as
// evidence (rejected rows' raw cells, columns the text and the page do not use, identity-check answers
// once the page has expired, unmatched replies), audited; the sealed evidence content goes
// TODOKU_EVIDENCE_RETENTION_YEARS after a campaign's last entry unless a campaign still kept commits to
// it, the entries staying; the sweep runs once a day across workers, from the workers' upkeep; a draft
// with evidence beyond its list cannot be deleted, and deleting or archiving never touches the ledger.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { DAY_MS } from '../../src/store/retention.ts';
import { deleteDraft } from '../../src/campaign/delete.ts';
import { archiveCampaign } from '../../src/campaign/archive.ts';
import { TodokuError } from '../../src/core/errors.ts';
import { STATUS_BY_CODE } from '../../src/web/api/problem.ts';
import { startMaintenance } from '../../src/dispatch/maintenance.ts';
import { createLogger } from '../../src/log.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { encodeColumns } from '../../src/core/csv/imported-columns.ts';
import type { Store } from '../../src/store/index.ts';

const T0 = Date.UTC(2026, 0, 15, 3, 0, 0);
const ACTOR = 'user:1:admin';

const COLUMNS = [
  { header: '氏名', field: 'name' },
  { header: '電話番号', field: 'phone' },
  { header: '請求金額', field: 'amount' },
  { header: '学籍番号', field: 'external_id' },
  { header: '生年月日', field: 'birth_date' },
  { header: '住所', field: '住所' },
  { header: '備考', field: '備考' },
];

function row(n: number) {
  return {
    line: n + 1,
    phone: `+8190111100${String(n).padStart(2, '0')}`,
    fields: { name: `宛先${n}`, phone: `090-1111-00${String(n).padStart(2, '0')}`, amount: '12000', external_id: `S${n}`, birth_date: '19900102', 住所: '東京都千代田区1-1', 備考: '分割相談あり' },
  };
}

/** A campaign sent and finished at `completedAt`, its list of `rows` rows and one rejected row, with a page expiring at `expiresAt`. */
async function finishedCampaign(store: Store, name: string, opts: { completedAt: number; expiresAt: number | null; rows?: number }): Promise<number> {
  const c = await store.campaigns.create({ name, template: '{{name}}様 {{amount|yen}} {{url}}' });
  await store.recipients.insertBatch(c.id, Array.from({ length: opts.rows ?? 3 }, (_, i) => row(i)));
  await store.recipients.insertRejections(c.id, [{ line: 9, reason: 'phone_invalid', message: { ja: '不正', en: 'bad' }, raw: '03-1234-5678' }]);
  await store.landing.putCampaignLanding(c.id, { method: 'birth_date', column_name: 'birth_date', digits: null, expires_at: opts.expiresAt, notice: '学籍番号 {{学籍番号}} の方へ', notice_en: null, contact_json: null });
  await store.campaigns.update(c.id, { columns_json: encodeColumns(COLUMNS), sent_template: '{{name}}様 {{amount|yen}} {{url}}', status: 'completed', completed_at: opts.completedAt });
  return c.id;
}

async function fieldsOf(store: Store, campaignId: number): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const batch of store.recipients.batches(campaignId)) out.push(...batch.map((r) => r.fields));
  return out;
}

async function auditOf(db: TestDb, action: string): Promise<{ target: string | null; details: any }[]> {
  const rows = await db.db.kysely.selectFrom('audit_log').select(['target', 'details_json', 'actor']).where('action', '=', action).orderBy('id').execute();
  for (const r of rows) assert.equal(r.actor, 'system');
  return rows.map((r) => ({ target: r.target, details: JSON.parse(r.details_json ?? 'null') }));
}

async function ledgerRows(db: TestDb): Promise<string> {
  const entries = await db.db.kysely.selectFrom('evidence_entries').selectAll().orderBy('id').execute();
  const content = await db.db.kysely.selectFrom('evidence_content').selectAll().orderBy('commitment').execute();
  return JSON.stringify({ entries, content });
}

eachDatabase('retention', (kind) => {
  let db: TestDb;
  let clock = T0;
  const at = (ms: number) => {
    clock = ms;
  };
  before(async () => {
    db = await createTestDb(kind, () => clock);
  });
  after(async () => db.cleanup());

  test('personal data not kept as evidence goes retention_days after the campaign ends; identity answers once the page has expired', async () => {
    const { store } = db;
    at(T0);
    await store.landing.putOrganisation({ name: '東都大学', name_en: null, logo_url: null, primary_colour: '#1d4f91', accent_colour: '#b3261e', contact_phone: null, contact_hours: null, contact_hours_en: null, official_senders_json: '[]', link_base: null, sample_message: null, retention_days: 30 });
    const done = await finishedCampaign(store, 'retention-finished', { completedAt: T0, expiresAt: T0 + 60 * DAY_MS });
    const sending = await finishedCampaign(store, 'retention-still-sending', { completedAt: T0, expiresAt: null });
    await store.campaigns.update(sending, { status: 'sending', completed_at: null });

    at(T0 + 29 * DAY_MS);
    const early = await store.retention.sweep({ evidenceYears: 5 });
    assert.deepEqual(early?.campaigns, [], 'not yet: 30 days after it ended');

    at(T0 + 31 * DAY_MS);
    const swept = await store.retention.sweep({ evidenceYears: 5 });
    assert.deepEqual(swept?.campaigns.map((c) => [c.campaignId, c.recipients, c.rejections, c.fields, c.complete]), [[done, 3, 1, ['住所', '備考'], false]]);
    assert.deepEqual(await fieldsOf(store, done), [0, 1, 2].map((n) => {
      const { 住所: _a, 備考: _b, ...kept } = row(n).fields;
      return kept;
    }), 'the number, the name, the text\'s and the page\'s fields stay; the birth date too while the page asks for it');
    const phones = (await store.recipients.sample(done, 10)).map((r) => r.phone);
    assert.deepEqual(phones, [0, 1, 2].map((n) => row(n).phone), 'each row still knows its number');
    const rejections = [];
    for await (const r of store.recipients.rejections(done)) rejections.push(r);
    assert.deepEqual(rejections.map((r) => [r.line, r.reason, r.raw]), [[9, 'phone_invalid', undefined]], 'the line and reason stay, the raw cell goes');
    assert.equal((await fieldsOf(store, sending))[0]!.住所, '東京都千代田区1-1', 'a campaign still sending is untouched');

    at(T0 + 45 * DAY_MS);
    assert.deepEqual((await store.retention.sweep({ evidenceYears: 5 }))?.campaigns, [], 'nothing more while the page is live');

    at(T0 + 61 * DAY_MS);
    const expired = await store.retention.sweep({ evidenceYears: 5 });
    assert.deepEqual(expired?.campaigns.map((c) => [c.campaignId, c.fields, c.complete]), [[done, ['birth_date'], true]]);
    assert.ok((await fieldsOf(store, done)).every((f) => !('birth_date' in f) && f.external_id !== undefined && f.amount === '12000'));

    at(T0 + 62 * DAY_MS);
    assert.deepEqual((await store.retention.sweep({ evidenceYears: 5 }))?.campaigns, [], 'done once');
    const audit = await auditOf(db, 'retention.personal_data');
    assert.deepEqual(audit.map((a) => [a.target, a.details.fields, a.details.identityAnswersKept]), [
      [`campaign:${done}`, ['住所', '備考'], true],
      [`campaign:${done}`, ['birth_date'], false],
    ]);
  });

  test('the sweep runs once a day, whoever asks (several workers share it)', async () => {
    at(T0 + 100 * DAY_MS);
    assert.notEqual(await db.store.retention.sweep({ evidenceYears: 5 }), null);
    at(T0 + 100 * DAY_MS + 3_600_000);
    assert.equal(await db.store.retention.sweep({ evidenceYears: 5 }), null, 'an hour later: already ran today');
    at(T0 + 101 * DAY_MS + 1);
    assert.notEqual(await db.store.retention.sweep({ evidenceYears: 5 }), null);
  });

  test('replies that matched no message go after retention_days; matched ones stay', async () => {
    const k = db.db.kysely;
    const inbound = (receivedAt: number, campaignId: number | null) => ({
      route: 'sim',
      from_hash: testVault.blindIndex('+819099990000'),
      from_enc: testVault.encrypt('+819099990000'),
      to_addr: 'TODOKU',
      text_enc: testVault.encrypt('どなたですか'),
      received_at: receivedAt,
      campaign_id: campaignId,
      message_id: null,
      intent: null,
      read_at: null,
    });
    const c = await db.store.campaigns.create({ name: 'retention-inbound' });
    await k.insertInto('inbound_messages').values([inbound(T0 + 150 * DAY_MS, null), inbound(T0 + 150 * DAY_MS, c.id), inbound(T0 + 175 * DAY_MS, null)]).execute();
    at(T0 + 181 * DAY_MS);
    const swept = await db.store.retention.sweep({ evidenceYears: 5 });
    assert.equal(swept?.inbound, 1);
    const left = await k.selectFrom('inbound_messages').select(['campaign_id', 'received_at']).orderBy('id').execute();
    assert.deepEqual(left.map((r) => [r.campaign_id, Number(r.received_at)]), [
      [c.id, T0 + 150 * DAY_MS],
      [null, T0 + 175 * DAY_MS],
    ]);
    assert.deepEqual((await auditOf(db, 'retention.inbound')).map((a) => a.details), [{ unmatched: 1 }]);
  });

  test('sealed evidence content goes 5 calendar years after a campaign\'s last entry, unless a campaign still kept commits to it; the entries stay', async () => {
    const { store } = db;
    const k = db.db.kysely;
    at(T0 + 200 * DAY_MS);
    const a = await store.campaigns.create({ name: 'evidence-old' });
    const b = await store.campaigns.create({ name: 'evidence-newer' });
    const [own, shared] = await store.evidence.seal(k, ['山田 太郎様 12,000円のお知らせ', '+819011110000']);
    await store.evidence.append(k, [{ kind: 'message.submitted', campaignId: a.id, messageId: 1, data: { route: 'sim', smscId: 'x1', parts: 1, text: own!, recipient: shared! } }]);
    const last = T0 + 400 * DAY_MS;
    at(last);
    await store.evidence.append(k, [{ kind: 'page.opened', campaignId: a.id, messageId: 1, data: { first: true } }]);
    at(last + 3 * 365 * DAY_MS);
    await store.evidence.append(k, [{ kind: 'opt_out.recorded', campaignId: b.id, messageId: null, data: { source: 'reply', number: shared! } }]);
    const entriesBefore = await k.selectFrom('evidence_entries').select('id').execute();
    const has = async (c: string) => (await k.selectFrom('evidence_content').select('commitment').where('commitment', '=', c).executeTakeFirst()) !== undefined;

    at(last + 5 * 365 * DAY_MS - DAY_MS);
    assert.deepEqual(await store.retention.purgeEvidenceContent(5), [], 'not yet five years');

    at(new Date(last).setUTCFullYear(new Date(last).getUTCFullYear() + 5) + 1);
    assert.deepEqual(await store.retention.purgeEvidenceContent(5), [{ campaignId: a.id, contents: 1 }]);
    assert.equal(await has(own!), false, 'the old campaign\'s own text is gone');
    assert.equal(await has(shared!), true, 'the number another campaign still commits to stays');
    assert.equal((await k.selectFrom('evidence_entries').select('id').execute()).length, entriesBefore.length, 'every entry stays');
    assert.notEqual((await store.campaigns.byId(a.id))!.evidence_content_purged_at, null);
    assert.deepEqual(await store.retention.purgeEvidenceContent(5), [], 'once');

    at(last + 8 * 366 * DAY_MS);
    assert.deepEqual(await store.retention.purgeEvidenceContent(5), [{ campaignId: b.id, contents: 1 }]);
    assert.equal(await has(shared!), false);
    assert.deepEqual((await auditOf(db, 'retention.evidence_content')).map((x) => [x.target, x.details.contents, x.details.retentionYears]), [
      [`campaign:${a.id}`, 1, 5],
      [`campaign:${b.id}`, 1, 5],
    ]);
  });

  test('the workers\' upkeep runs the sweep through its port', async () => {
    at(T0 + 4000 * DAY_MS);
    const c = await finishedCampaign(db.store, 'retention-upkeep', { completedAt: T0 + 3000 * DAY_MS, expiresAt: T0 + 3001 * DAY_MS, rows: 1 });
    const upkeep = startMaintenance({ store: db.store, workerId: 'w-retention', log: createLogger('silent'), now: () => clock, staleMs: 30_000, graceMs: 120_000, everyMs: 3_600_000, evidenceRetentionYears: 5 });
    try {
      await upkeep.runOnce();
    } finally {
      await upkeep.stop();
    }
    assert.deepEqual(Object.keys((await fieldsOf(db.store, c))[0]!).sort(), ['amount', 'external_id', 'name', 'phone']);
    const run = await db.db.kysely.selectFrom('upkeep_runs').selectAll().where('name', '=', 'retention').executeTakeFirstOrThrow();
    assert.equal(Number(run.last_run_at), clock);
  });

  test('a draft with evidence beyond its list cannot be deleted; deleting a draft and archiving never touch the ledger', async () => {
    const { store } = db;
    const k = db.db.kysely;
    at(T0 + 5000 * DAY_MS);
    const plain = await store.campaigns.create({ name: 'draft-list-only' });
    await store.evidence.append(k, [
      { kind: 'list.accepted', campaignId: plain.id, messageId: null, data: { fileSha256: 'f'.repeat(64), rows: 1, accepted: 1, rejected: 0, mode: 'import', by: 1 } },
      { kind: 'consent.recorded', campaignId: plain.id, messageId: null, data: { recipient: 1, method: 'written', date: '2024-04-01', by: 1 } },
    ]);
    const asked = await store.campaigns.create({ name: 'draft-approval-asked' });
    await store.evidence.append(k, [{ kind: 'approval.requested', campaignId: asked.id, messageId: null, data: { request: 1, by: 1, content: 'c'.repeat(64), recipients: 1 } }]);
    const finished = await finishedCampaign(store, 'finished-archived', { completedAt: T0, expiresAt: null, rows: 1 });
    const ledger = await ledgerRows(db);

    await assert.rejects(deleteDraft(store, ACTOR, asked), (err: unknown) => {
      assert.ok(err instanceof TodokuError);
      assert.equal(err.code, 'TODOKU_E_EVIDENCE_RETAINED');
      assert.equal(STATUS_BY_CODE[err.code], 409);
      assert.match(err.ja, /証跡/);
      return true;
    });
    assert.ok(await store.campaigns.byId(asked.id), 'the draft is kept');
    await deleteDraft(store, ACTOR, plain);
    assert.equal(await store.campaigns.byId(plain.id), undefined, 'a draft with only its list and consent goes');
    await archiveCampaign(store, ACTOR, (await store.campaigns.byId(finished))!, clock);
    assert.equal(await ledgerRows(db), ledger, 'the ledger and the sealed content are exactly as they were');
  });
});

test('no code path deletes from the ledger; the sealed content goes only by the retention sweep', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/u.test(n) ? [p] : [];
    });
  const found = sources('src').flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/deleteFrom\(\s*['"](evidence_\w+)|delete\s+from\s+(evidence_\w+)|truncate\s+(?:table\s+)?(evidence_\w+)|dropTable\(\s*['"](evidence_\w+)/giu)].map((m) => `${file}: ${m[1] ?? m[2] ?? m[3] ?? m[4]}`);
  });
  assert.deepEqual(found, ['src/store/retention.ts: evidence_content']);
});

test('TODOKU_EVIDENCE_RETENTION_YEARS is 5 by default; below 5 stops start-up naming the variable', () => {
  assert.equal(loadConfig({}).evidenceRetentionYears, 5);
  assert.equal(loadConfig({ TODOKU_EVIDENCE_RETENTION_YEARS: '10' }).evidenceRetentionYears, 10);
  for (const bad of ['4', '0', '4.5', 'five']) {
    assert.throws(() => loadConfig({ TODOKU_EVIDENCE_RETENTION_YEARS: bad }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /TODOKU_EVIDENCE_RETENTION_YEARS/);
      return true;
    });
  }
  assert.throws(() => loadConfig({ TODOKU_EVIDENCE_RETENTION_YEARS: '3' }), /at least 5 years/);
});
