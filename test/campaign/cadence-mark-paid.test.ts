// A person an operator marks paid (「支払済みにする」: money at the counter, in cash, by transfer) leaves the
// cadence with reason paid and gets no later step, on both databases, with a clock the test moves; a part
// payment keeps them in; a payment recorded a day late, dated earlier, still takes them out before the next
// step. The marking is the service itself (payments/manual.ts), the sending the dispatcher's own path.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { cadenceService } from '../../src/cadence/service.ts';
import { cadenceScheduler } from '../../src/cadence/scheduler.ts';
import { createManualPayments } from '../../src/payments/manual.ts';
import { applyPolicy, campaignPolicy } from '../../src/dispatch/policy-gate.ts';
import { localToInstant } from '../../src/core/policy/time.ts';
import type { Campaign } from '../../src/store/schema.ts';

const TZ = 'Asia/Tokyo';
const jst = (date: string, time = '00:00') => localToInstant(date, time, TZ).getTime();
const HOUR = 3_600_000;
const ACTOR = 'user:1:tanaka';

const THREE_STEPS = {
  name: '期日前後の督促',
  steps: [
    { name: '期日前', at: '期日の3日前 10:00', template: '{{name}}様 まもなくお支払期限です {{url}}' },
    { name: '期日翌日', at: '期日翌日', template: '{{name}}様 お支払いが確認できていません {{url}}' },
    { name: '再通知', at: '前回から2日後', template: '{{name}}様 再度のご案内です {{url}}' },
  ],
};

eachDatabase('cadence: marked paid by an operator', (kind) => {
  let t: TestDb;
  let clock = jst('2026-03-02', '09:00');
  beforeEach(async () => {
    clock = jst('2026-03-02', '09:00');
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  async function sentCampaign(names: string[]): Promise<Campaign> {
    const c = await t.store.campaigns.create({ name: 'mark paid', template: '{{name}}様 ご案内です {{url}}' });
    await t.store.recipients.insertBatch(
      c.id,
      names.map((name, i) => ({ line: i + 2, phone: `+8190222200${String(i + 1).padStart(2, '0')}`, fields: { name, due_date: '2026-03-06', amount: '50000' } })),
    );
    await t.store.campaigns.transition(c.id, ['draft'], 'sending', { sent_template: '{{name}}様 ご案内です {{url}}', time_zone: TZ, policy_pack: 'none' });
    await t.store.messages.materialise(c.id);
    return (await t.store.campaigns.byId(c.id))!;
  }

  async function dispatch() {
    const claimed = await t.store.messages.claim('w1', 1000);
    const policyOf = async (id: number) => campaignPolicy((await t.store.campaigns.byId(id))!);
    const { send, defer } = await applyPolicy(t.store, claimed, policyOf, {}, clock);
    await t.store.messages.defer('w1', defer);
    await t.store.messages.record(
      'w1',
      send.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `smsc-${m.id}`, route: 'sim', bodyEnc: testVault.encrypt('text'), linkCode: null, parts: 1, textCommitment: 'c', toCommitment: 'c' })),
    );
  }

  async function people(c: Campaign): Promise<Map<string, { recipientId: number; messageId: number }>> {
    const rows = await t.db.kysely.selectFrom('messages').select(['id', 'recipient_id']).where('campaign_id', '=', c.id).where('seq', '=', 0).execute();
    const byId = await t.store.recipients.byIds(rows.map((r) => r.recipient_id));
    return new Map(rows.map((r) => [byId.get(r.recipient_id)!.fields.name!, { recipientId: r.recipient_id, messageId: r.id }]));
  }

  test('marked paid at the counter: left with reason paid, no later step; a part payment stays in; a late entry dated earlier still stops the next step', async () => {
    const c = await sentCampaign(['never', 'counter', 'part', 'late']);
    const who = await people(c);
    const svc = cadenceService({ store: t.store, vault: testVault, now: () => clock });
    await svc.save(c, THREE_STEPS, ACTOR);
    assert.equal((await svc.start(c, ACTOR)).members.total, 4);
    const manual = createManualPayments({ store: t.store, now: () => clock });
    const markPaid = (name: string, extra: { amount?: number; paidAt?: string; method: 'counter' | 'cash' | 'transfer' }) => manual.markPaid({ messageId: who.get(name)!.messageId, actor: ACTOR, ...extra });

    const events = new Map<number, () => Promise<unknown>>([
      [jst('2026-03-04', '12:00'), () => markPaid('counter', { method: 'counter' })],
      [jst('2026-03-04', '13:00'), () => markPaid('part', { method: 'cash', amount: 5000 })],
      // Step 2 went on the 7th at 10:00; the transfer came in on the 8th at 09:00 and was entered at noon.
      [jst('2026-03-08', '12:00'), () => markPaid('late', { method: 'transfer', paidAt: '2026-03-08T09:00:00+09:00' })],
    ]);
    const tick = cadenceScheduler({ store: t.store, now: () => clock });
    for (let h = 0; h <= 12 * 24; h++) {
      clock = jst('2026-03-02', '09:00') + h * HOUR;
      await events.get(clock)?.();
      await tick.tick();
      await dispatch();
    }

    const sent = await t.db.kysely
      .selectFrom('cadence_messages as x')
      .innerJoin('messages as m', 'm.id', 'x.message_id')
      .select(['x.recipient_id', 'x.step', 'm.created_at', 'm.submitted_at'])
      .where('x.campaign_id', '=', c.id)
      .orderBy('x.step')
      .execute();
    const got = (name: string) => sent.filter((s) => s.recipient_id === who.get(name)!.recipientId && s.submitted_at !== null).map((s) => s.step);
    assert.deepEqual(got('never'), [1, 2, 3]);
    assert.deepEqual(got('counter'), [1], 'marked paid after step 1: nothing more');
    assert.deepEqual(got('part'), [1, 2, 3], 'a part payment does not take a person out');
    assert.deepEqual(got('late'), [1, 2], 'entered late, dated before step 3: no step 3');

    const members = await svc.members(c, { limit: 100 });
    const of = (name: string) => members.members.find((m) => m.recipientId === who.get(name)!.recipientId)!;
    assert.deepEqual([of('counter').state, of('counter').leftReason, of('counter').leftStep, of('counter').leftAt], ['left', 'paid', 1, jst('2026-03-04', '12:00')]);
    assert.deepEqual([of('late').state, of('late').leftReason, of('late').leftStep, of('late').leftAt], ['left', 'paid', 2, jst('2026-03-08', '09:00')]);
    assert.deepEqual([of('part').state, of('never').state], ['done', 'done']);
    for (const m of members.members.filter((x) => x.state === 'left')) {
      for (const s of sent.filter((x) => x.recipient_id === m.recipientId)) {
        assert.ok(s.created_at < m.leftAt!, `${m.name}: step ${s.step} queued after leaving`);
        assert.ok(s.submitted_at === null || s.submitted_at < m.leftAt!, `${m.name}: step ${s.step} sent after leaving`);
      }
    }
    const status = await svc.status(c);
    assert.equal(status.left.paid, 2);

    // The payments say how: operator, paid in full; the part payment open with what came in.
    const pay = async (name: string) => t.store.payments.byMessage(who.get(name)!.messageId);
    assert.deepEqual([(await pay('counter'))?.state, (await pay('counter'))?.provider, (await pay('counter'))?.paidAmount], ['paid', 'operator', 50_000]);
    assert.deepEqual([(await pay('part'))?.state, (await pay('part'))?.paidAmount], ['unpaid', 5000]);
  });
});
