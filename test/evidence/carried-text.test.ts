// A message's text handed over is kept on its own hand-over entry (content_enc, migration 0023), on both
// databases and through each way an answer is stored (SQLite's prepared statements; PostgreSQL's
// one-statement path for a batch of accepted submits, and the general path beside a lost answer): the
// message's own body_enc as the vault sealed it, never the text in clear, and nothing in evidence_content.
// It opens to the entry's commitment for that message only; the campaign's retention clears it with the
// rest of its sealed content, and the ledger still verifies (the column is outside the hashed leaf).
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { openContent } from '../../src/store/evidence/recorder.ts';
import { commitContent } from '../../src/core/evidence/commitment.ts';
import { createLedger } from '../../src/evidence/ledger.ts';
import { createLogger } from '../../src/log.ts';
import { DAY_MS } from '../../src/store/retention.ts';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

eachDatabase('message texts carried on their entries', (kind) => {
  let t: TestDb;
  let clock = T0;
  beforeEach(async () => {
    clock = T0;
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  /** A campaign of `n` messages claimed by worker w, each with its text sealed as the composer seals it. */
  async function claimed(n: number) {
    const c = await t.store.campaigns.create({ name: `carried-${n}`, template: '{{name}}様 お知らせ' });
    await t.store.recipients.insertBatch(c.id, Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(40000000 + i)}`, fields: { name: `山田${i}` } })));
    await t.store.campaigns.transition(c.id, ['draft'], 'sending');
    await t.store.messages.materialise(c.id);
    const messages = await t.store.messages.claim('w', n, 'default', 'r');
    assert.equal(messages.length, n);
    return {
      campaign: c,
      sent: messages.map((m, i) => {
        const text = `山田${i}様 12,000円のお支払いをお願いします`;
        return { id: m.id, text, bodyEnc: testVault.encrypt(text), commitment: commitContent(testVault, text).commitment, to: commitContent(testVault, `+8190${String(40000000 + i)}`).commitment };
      }),
    };
  }

  test('the hand-over entry carries the message\'s own sealed text, never in clear, and nothing goes to evidence_content', async () => {
    const { sent } = await claimed(4);
    const [a, b, c, d] = sent as [(typeof sent)[0], (typeof sent)[0], (typeof sent)[0], (typeof sent)[0]];
    const accepted = (m: typeof a, smscId: string) => ({ id: m.id, kind: 'accepted' as const, smscId, route: 'r', bodyEnc: m.bodyEnc, linkCode: null, parts: 1, textCommitment: m.commitment, toCommitment: m.to });
    // All accepted (PostgreSQL: one statement); a receipt that came first is applied in it, an entry with no text.
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'x-a', status: 'delivered', carrierState: 'DELIVRD' }, toHash: null }]);
    await t.store.messages.record('w', [accepted(a, 'x-a'), accepted(b, 'x-b')]);
    // Beside a lost answer (the general path): the lost text is carried too, the carrier may have it.
    await t.store.messages.record('w', [accepted(c, 'x-c'), { id: d.id, kind: 'unconfirmed', code: 'TIMEOUT', reason: 'no answer', route: 'r', bodyEnc: d.bodyEnc, linkCode: null, parts: 1, textCommitment: d.commitment, toCommitment: d.to }]);

    const k = t.db.kysely;
    const rows = await k.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json', 'content_enc']).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.kind, r.message_id, r.content_enc !== null]),
      [
        ['message.submitted', a.id, true],
        ['message.submitted', b.id, true],
        ['message.receipt', a.id, false],
        ['message.submitted', c.id, true],
        ['message.refused', d.id, true],
      ],
    );
    const bodies = new Map((await k.selectFrom('messages').select(['id', 'body_enc']).execute()).map((m) => [m.id, m.body_enc]));
    for (const r of rows.filter((x) => x.content_enc !== null)) {
      const m = sent.find((x) => x.id === r.message_id)!;
      assert.equal(r.content_enc, bodies.get(m.id), 'the body_enc the message was stored with: no second encryption');
      assert.equal(testVault.decrypt(r.content_enc!), m.text, 'sealed by the vault');
      for (const clear of [m.text, '山田', 'お支払い', '12,000', '+8190', '090']) assert.ok(!r.content_enc!.includes(clear), `${r.kind} of ${m.id} holds "${clear}" in clear`);
      assert.equal(JSON.parse(r.data_json).text, m.commitment);
    }
    assert.deepEqual(await k.selectFrom('evidence_content').selectAll().execute(), [], 'no row keyed by a random commitment');

    for (const m of sent) assert.equal((await openContent(k, testVault, m.commitment, m.id))?.content, m.text);
    assert.equal(await openContent(k, testVault, a.commitment, b.id), null, 'only the message that carries it opens it');
    assert.equal(await openContent(k, testVault, a.commitment, null), null);
  });

  test('retention clears the texts a campaign carries with its other sealed content; the entries stay and the ledger verifies', async () => {
    const { campaign, sent } = await claimed(3);
    // Two messages with the same text: each entry carries its own copy, counted once.
    const same = { ...sent[1]!, id: sent[2]!.id };
    await t.store.messages.record('w', [...sent.slice(0, 2), same].map((m, i) => ({ id: m.id, kind: 'accepted' as const, smscId: `y${i}`, route: 'r', bodyEnc: m.bodyEnc, linkCode: null, parts: 1, textCommitment: m.commitment, toCommitment: m.to })));
    const k = t.db.kysely;
    const [page] = await t.store.evidence.seal(k, ['# お支払いについて']);
    await t.store.evidence.append(k, [{ kind: 'content.fixed', campaignId: campaign.id, messageId: null, data: { template: page!, landing: page!, recipients: 3, by: null } }]);
    const ledger = createLedger({ store: t.store, vault: testVault, timestamper: null, now: () => clock, log: createLogger('silent'), headIntervalMs: 120_000 });
    await ledger.seal('test');
    const before = await k.selectFrom('evidence_entries').select(['id', 'kind', 'at', 'data_json', 'leaf_index', 'leaf_hash']).orderBy('id').execute();

    clock = new Date(T0).setUTCFullYear(new Date(T0).getUTCFullYear() + 5) + DAY_MS;
    assert.deepEqual(await t.store.retention.purgeEvidenceContent(5), [{ campaignId: campaign.id, contents: 3 }], 'two texts and the page');
    assert.deepEqual((await k.selectFrom('evidence_entries').select('content_enc').execute()).map((r) => r.content_enc), before.map(() => null));
    assert.deepEqual(await k.selectFrom('evidence_content').selectAll().execute(), []);
    assert.deepEqual(await k.selectFrom('evidence_entries').select(['id', 'kind', 'at', 'data_json', 'leaf_index', 'leaf_hash']).orderBy('id').execute(), before, 'every entry stays as it was');
    for (const m of sent) assert.equal(await openContent(k, testVault, m.commitment, m.id), null);
    const report = await ledger.verifyDatabase();
    assert.equal(report.ok, true, report.failure?.en);
    assert.equal(report.entries, before.length);
  });
});
