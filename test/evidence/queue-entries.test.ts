// The queue's facts as evidence, on both databases: refusals and lost answers (message.refused, with the
// text handed over kept sealed when the carrier may have it), messages ended without a receipt
// (message.final), a late receipt still settling one, the operator's re-send, cancel, pause and
// resume (operator.action: who by id, never by login), and a campaign completed with its counts. Only
// the worker holding a claim records its answer, and only then is there an entry. A draft's list
// corrected by hand is the operator's too (how many rows, never which values).
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { openContent } from '../../src/store/evidence/recorder.ts';
import { commitContent } from '../../src/core/evidence/commitment.ts';
import { canonicalJson } from '../../src/core/evidence/entry.ts';
import { pauseCampaign, resumeCampaign } from '../../src/campaign/control.ts';
import { editRecipient, removeRecipients } from '../../src/campaign/correct-list.ts';

const HOUR = 3_600_000;
const waits = { byRoute: new Map([['r', { validityMs: 2 * HOUR, resendUnconfirmed: false }]]), fallback: { validityMs: 48 * HOUR, resendUnconfirmed: false }, graceMs: 120_000 };
const OPERATOR = 'user:3:tanaka@example.jp';

eachDatabase('queue facts in the evidence ledger', (kind) => {
  let t: TestDb;
  let clock = 50_000_000;
  beforeEach(async () => {
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  async function sending(name: string, n: number) {
    const c = await t.store.campaigns.create({ name, template: 'お知らせ {{name}}' });
    await t.store.recipients.insertBatch(c.id, Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(30000000 + i)}`, fields: { name: `人${i}` } })));
    await t.store.campaigns.transition(c.id, ['draft'], 'sending');
    await t.store.messages.materialise(c.id);
    return c;
  }
  const entries = async () =>
    (await t.db.kysely.selectFrom('evidence_entries').selectAll().orderBy('id').execute()).map((r) => ({ kind: r.kind, m: r.message_id, c: r.campaign_id, d: JSON.parse(r.data_json) }));

  test('refused, retried and lost answers are entries; the lost text is kept sealed; another worker records nothing', async () => {
    const c = await sending('refusals', 4);
    const [a, b, d, e] = await t.store.messages.claim('w', 10, 'default', 'r');
    const lost = commitContent(testVault, '人2様 お知らせ');
    await t.store.messages.record('w', [
      { id: a!.id, kind: 'retry', code: 'BUSY', reason: 'busy', attempts: 1, route: 'r' },
      { id: b!.id, kind: 'failed', code: 'BAD_NUMBER', reason: 'invalid', route: 'r' },
      { id: d!.id, kind: 'unconfirmed', code: 'TIMEOUT', reason: 'no answer', route: 'r', bodyEnc: testVault.encrypt('人2様 お知らせ'), linkCode: null, parts: 1, textCommitment: lost.commitment, toCommitment: 'to' },
    ]);
    // Not this worker's claim: its answer is not stored, and nothing is entered.
    await t.store.messages.record('intruder', [{ id: e!.id, kind: 'accepted', smscId: 'x1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    assert.deepEqual(await entries(), [
      { kind: 'message.refused', m: a!.id, c: c.id, d: { route: 'r', code: 'BUSY', final: false } },
      { kind: 'message.refused', m: b!.id, c: c.id, d: { route: 'r', code: 'BAD_NUMBER', final: true } },
      { kind: 'message.refused', m: d!.id, c: c.id, d: { route: 'r', code: 'TIMEOUT', final: false, text: lost.commitment } },
    ]);
    assert.equal((await openContent(t.db.kysely, testVault, lost.commitment, d!.id))?.content, '人2様 お知らせ');
  });

  test('ended without a receipt, settled by a late one, re-sent and completed: each is an entry', async () => {
    const c = await sending('unknown', 2);
    const [a, b] = await t.store.messages.claim('w', 10, 'default', 'r');
    await t.store.messages.record('w', [
      { id: a!.id, kind: 'accepted', smscId: 's1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 't1', toCommitment: 'to1' },
      { id: b!.id, kind: 'unconfirmed', code: 'TIMEOUT', reason: 'lost', route: 'r', bodyEnc: 'y', linkCode: null, parts: 1, textCommitment: 't2', toCommitment: 'to2' },
    ]);
    clock += 4 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, HOUR), 1);
    assert.equal((await t.store.messages.reconcileUnconfirmed(waits)).unknown, 1);
    // A late receipt for the first: our state moves on, and the carrier's words are entered as sent.
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 's1', status: 'delivered', carrierState: 'DELIVRD', doneDate: '2601011200', doneAt: new Date(Date.UTC(2026, 0, 1, 3)) }, toHash: null }]);
    const resent = await t.store.messages.resendUnknown({ campaignId: c.id }, { by: 3 });
    assert.equal(resent.ok && resent.resent.length, 1);
    const got = (await entries()).filter((x) => x.kind !== 'message.submitted' && x.kind !== 'message.refused');
    assert.deepEqual(got, [
      { kind: 'message.final', m: a!.id, c: c.id, d: { state: 'unknown', reason: 'no_receipt' } },
      { kind: 'message.final', m: b!.id, c: c.id, d: { state: 'unknown', reason: 'no_answer' } },
      { kind: 'message.receipt', m: a!.id, c: c.id, d: { stat: 'DELIVRD', doneDate: '2601011200', doneAt: Date.UTC(2026, 0, 1, 3), err: null, state: 'delivered', smscId: 's1' } },
      { kind: 'operator.action', m: b!.id, c: c.id, d: { action: 'resend_unknown', by: 3, count: 1, next: resent.ok ? resent.resent[0]!.to : -1 } },
    ]);

    const [n] = await t.store.messages.claim('w', 10, 'default', 'r');
    await t.store.messages.record('w', [{ id: n!.id, kind: 'failed', code: 'BAD_NUMBER', reason: 'invalid', route: 'r' }]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [c.id]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [], 'completed once, entered once');
    const completed = (await entries()).filter((x) => x.kind === 'campaign.completed');
    assert.deepEqual(completed, [{ kind: 'campaign.completed', m: null, c: c.id, d: { counts: { delivered: 1, unknown: 1, failed: 1 } } }]);
  });

  test('receipts that came before their answer: the answer is entered first, then each receipt as the carrier worded it, in canonical JSON', async () => {
    const c = await sending('early', 3);
    const [a, b, d] = await t.store.messages.claim('w', 10, 'default', 'r');
    const doneAt = new Date(Date.UTC(2026, 0, 2, 3, 4));
    // Words a carrier might send: quotes, a backslash, a control character, non-ASCII.
    const odd = 'DELIV"R\\D\u0001é';
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'e1', status: 'delivered', carrierState: odd, errorCode: 'x"1', doneAt }, toHash: null }]);
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'e2', status: 'accepted', carrierState: 'ENROUTE' }, toHash: null }]);
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'e2', status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '001' }, toHash: null }]);
    await t.store.messages.record('w', [a!, b!, d!].map((m, i) => ({ id: m.id, kind: 'accepted' as const, smscId: `e${i + 1}`, route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: `t${i}`, toCommitment: `to${i}` })));

    const raw = await t.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json']).orderBy('id').execute();
    for (const r of raw) assert.equal(r.data_json, canonicalJson(JSON.parse(r.data_json)), `${r.kind} of ${r.message_id} is canonical`);
    const got = await entries();
    assert.deepEqual(got.slice(0, 3).map((x) => [x.kind, x.m]), [a!, b!, d!].map((m) => ['message.submitted', m.id]));
    const receipts = got.slice(3).map((x) => JSON.stringify([x.m, x.d]));
    assert.deepEqual(receipts.sort(), [
      [a!.id, { doneAt: doneAt.getTime(), doneDate: null, err: 'x"1', smscId: 'e1', stat: odd, state: 'delivered' }],
      [b!.id, { doneAt: null, doneDate: null, err: null, smscId: 'e2', stat: 'ENROUTE', state: 'submitted' }],
      [b!.id, { doneAt: null, doneDate: null, err: '001', smscId: 'e2', stat: 'UNDELIV', state: 'undeliverable' }],
    ].map((x) => JSON.stringify(x)).sort());
    assert.deepEqual(await t.store.messages.countsByState(c.id), { delivered: 1, undeliverable: 1, submitted: 1 });
    const [first] = await t.db.kysely.selectFrom('messages').select(['carrier_state', 'error_code', 'final_at', 'delivered_at', 'submitted_at']).where('id', '=', a!.id).execute();
    assert.deepEqual(first, { carrier_state: odd, error_code: 'x"1', final_at: clock, delivered_at: clock, submitted_at: clock });
    assert.equal((await t.db.kysely.selectFrom('pending_receipts').select('id').execute()).length, 0, 'nothing left waiting');
  });

  test("pause, resume and cancel are the operator's, by user id and never by login; each cancelled message ends", async () => {
    const c = await sending('control', 3);
    const paused = await pauseCampaign(t.store, c, OPERATOR);
    await resumeCampaign(t.store, paused, clock, 'apikey:7:integration');
    await t.store.messages.cancelQueued(c.id, { by: 3 });
    const got = await entries();
    assert.deepEqual(got.slice(0, 3), [
      { kind: 'operator.action', m: null, c: c.id, d: { action: 'pause', by: 3, count: 3 } },
      { kind: 'operator.action', m: null, c: c.id, d: { action: 'resume', by: null, key: 7, count: 3 } },
      { kind: 'operator.action', m: null, c: c.id, d: { action: 'cancel', by: 3, count: 3 } },
    ]);
    assert.deepEqual(got.slice(3).map((x) => [x.kind, x.d.state, x.d.reason]), Array(3).fill(['message.final', 'cancelled', 'operator']));
    assert.ok(!JSON.stringify(got).includes('tanaka'), 'no login in the ledger');
  });

  test("a draft's list corrected by hand: rows removed and a row edited are the operator's, with counts only", async () => {
    const c = await t.store.campaigns.create({ name: 'correction', template: 'お知らせ {{name}}' });
    await t.store.recipients.insertBatch(c.id, Array.from({ length: 3 }, (_, i) => ({ line: i + 2, phone: `+8190${String(40000000 + i)}`, fields: { name: `人${i}` } })));
    const draft = (await t.store.campaigns.byId(c.id))!;
    const rows = (await t.store.recipients.page(c.id, 0, 10)).rows;
    await removeRecipients(t.store, OPERATOR, draft, [rows[0]!.id, rows[1]!.id]);
    await editRecipient(t.store, OPERATOR, { ...draft, columns_json: JSON.stringify([{ header: '電話番号', field: 'phone' }, { header: '氏名', field: 'name' }]) }, rows[2]!.id, { phone: '090-4000-9999' });
    const got = await entries();
    assert.deepEqual(got, [
      { kind: 'operator.action', m: null, c: c.id, d: { action: 'remove_rows', by: 3, count: 2 } },
      { kind: 'operator.action', m: null, c: c.id, d: { action: 'edit_row', by: 3, count: 1 } },
    ]);
  });
});
