// Cadences (督促シナリオ) on both databases, with a clock the test moves: a 3-step cadence over a simulated
// fortnight where people who pay, promise, dispute or say "not me" leave at the right step and nobody gets a
// step after leaving; a broken promise resuming; the contact policy deferring a step (quiet hours, a cap
// across campaigns); a step queued once whatever retries; pause holding and stop calling off queued steps.
// Sending is the dispatcher's own path: the real claim, the real policy gate, the real record.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { cadenceService } from '../../src/cadence/service.ts';
import { cadenceScheduler } from '../../src/cadence/scheduler.ts';
import { applyPolicy, campaignPolicy } from '../../src/dispatch/policy-gate.ts';
import { localParts, localToInstant } from '../../src/core/policy/time.ts';
import type { PolicyOverrides } from '../../src/core/policy/overrides.ts';
import type { Campaign } from '../../src/store/schema.ts';

const TZ = 'Asia/Tokyo';
const jst = (date: string, time = '00:00') => localToInstant(date, time, TZ).getTime();
const HOUR = 3_600_000;
const ACTOR = 'user:1:tanaka';

interface Person {
  name: string;
  phone: string;
  due?: string;
}

const THREE_STEPS = {
  name: '期日前後の督促',
  steps: [
    { name: '期日前', at: '期日の3日前 10:00', template: '{{name}}様 まもなくお支払期限です {{url}}' },
    { name: '期日翌日', at: '期日翌日', template: '{{name}}様 お支払いが確認できていません {{url}}' },
    { name: '未開封者への再通知', at: '未開封なら2日後' },
  ],
};

eachDatabase('cadences', (kind) => {
  let t: TestDb;
  let clock = jst('2026-03-02', '09:00');
  beforeEach(async () => {
    clock = jst('2026-03-02', '09:00');
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  const service = () => cadenceService({ store: t.store, vault: testVault, now: () => clock });
  const scheduler = () => cadenceScheduler({ store: t.store, now: () => clock });

  /** A campaign whose own send is confirmed, its messages (seq 0) queued. */
  async function sentCampaign(name: string, people: Person[], policyPack = 'none'): Promise<Campaign> {
    const c = await t.store.campaigns.create({ name, template: '{{name}}様 ご案内です {{url}}' });
    await t.store.recipients.insertBatch(
      c.id,
      people.map((p, i) => ({ line: i + 2, phone: p.phone, fields: { name: p.name, ...(p.due ? { due_date: p.due } : {}) } })),
    );
    await t.store.campaigns.transition(c.id, ['draft'], 'sending', { sent_template: '{{name}}様 ご案内です {{url}}', time_zone: TZ, policy_pack: policyPack });
    await t.store.messages.materialise(c.id);
    return (await t.store.campaigns.byId(c.id))!;
  }

  /** What a worker does with what is due now: claim, the contact policy, and the carrier's acceptance. */
  async function dispatch(overrides: PolicyOverrides = {}) {
    const claimed = await t.store.messages.claim('w1', 1000);
    const policyOf = async (id: number) => campaignPolicy((await t.store.campaigns.byId(id))!);
    const { send, defer } = await applyPolicy(t.store, claimed, policyOf, overrides, clock);
    await t.store.messages.defer('w1', defer);
    await t.store.messages.record(
      'w1',
      send.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `smsc-${m.id}`, route: 'sim', bodyEnc: testVault.encrypt('text'), linkCode: null, parts: 1, textCommitment: 'c', toCommitment: 'c' })),
    );
    return { send, defer };
  }

  async function recipientIds(c: Campaign): Promise<Map<string, number>> {
    const rows = await t.db.kysely.selectFrom('recipients').select(['id', 'line']).where('campaign_id', '=', c.id).orderBy('line').execute();
    const byId = await t.store.recipients.byIds(rows.map((r) => r.id));
    return new Map(rows.map((r) => [byId.get(r.id)!.fields.name!, r.id]));
  }

  async function firstMessage(c: Campaign, recipientId: number): Promise<number> {
    const m = await t.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', c.id).where('recipient_id', '=', recipientId).where('seq', '=', 0).executeTakeFirstOrThrow();
    return m.id;
  }

  /** Step messages per person: step → when queued and when handed to the carrier. */
  async function steps(c: Campaign) {
    const rows = await t.db.kysely
      .selectFrom('cadence_messages as x')
      .innerJoin('messages as m', 'm.id', 'x.message_id')
      .select(['x.recipient_id', 'x.step', 'm.state', 'm.created_at', 'm.submitted_at', 'm.kind'])
      .where('x.campaign_id', '=', c.id)
      .orderBy('x.step')
      .execute();
    return rows;
  }

  async function payNow(c: Campaign, recipientId: number) {
    const messageId = await firstMessage(c, recipientId);
    await t.db.kysely
      .insertInto('payments')
      .values({ message_id: messageId, campaign_id: c.id, amount: 50000, currency: 'jpy', state: 'paid', provider: 'bank_transfer', checkout_id: null, paid_amount: 50000, paid_at: clock, created_at: clock, updated_at: clock })
      .execute();
  }

  async function act(c: Campaign, recipientId: number, kind: 'promise' | 'dispute' | 'not_me', promisedDate?: string) {
    await t.store.debtorActions.record({ campaignId: c.id, recipientId, messageId: await firstMessage(c, recipientId), kind, verified: true, ...(promisedDate ? { promisedDate } : {}), ...(kind === 'not_me' ? { phone: '+819000000000' } : {}) });
  }

  test('a 3-step cadence over a simulated fortnight: people leave at the right step, a broken promise resumes, nobody gets a step after leaving', async () => {
    const due = '2026-03-06';
    const c = await sentCampaign('fortnight', [
      { name: 'never', phone: '+819011110001', due },
      { name: 'payer', phone: '+819011110002', due },
      { name: 'promise_broken', phone: '+819011110003', due },
      { name: 'promise_kept', phone: '+819011110004', due },
      { name: 'disputer', phone: '+819011110005', due },
      { name: 'not_me', phone: '+819011110006', due },
      { name: 'opener', phone: '+819011110007', due },
    ]);
    const id = await recipientIds(c);
    const svc = service();
    const saved = await svc.save(c, THREE_STEPS, ACTOR);
    assert.equal(saved.state, 'draft');
    assert.deepEqual(saved.steps.map((s) => s.atText.ja), ['期日の3日前 10:00', '期日翌日 10:00', '前回から2日後']);
    assert.equal((await svc.start(c, ACTOR)).members.total, 7);

    // Things people do, at their times.
    const events = new Map<number, () => Promise<void>>([
      [jst('2026-03-03', '09:00'), () => act(c, id.get('not_me')!, 'not_me')],
      [jst('2026-03-04', '12:00'), () => payNow(c, id.get('payer')!)],
      [jst('2026-03-04', '15:00'), () => act(c, id.get('promise_broken')!, 'promise', '2026-03-08')],
      [jst('2026-03-04', '16:00'), () => act(c, id.get('promise_kept')!, 'promise', '2026-03-08')],
      [jst('2026-03-07', '09:00'), () => act(c, id.get('disputer')!, 'dispute')],
      [
        jst('2026-03-07', '18:00'),
        async () => {
          const step2 = (await steps(c)).find((s) => s.recipient_id === id.get('opener') && s.step === 2)!;
          const m = await t.db.kysely.selectFrom('cadence_messages').select('message_id').where('recipient_id', '=', id.get('opener')!).where('step', '=', step2.step).executeTakeFirstOrThrow();
          await t.db.kysely.insertInto('landing_events').values({ message_id: m.message_id, campaign_id: c.id, kind: 'open', at: clock, browser: null, os: null, platform: null, ip_hash: null }).execute();
        },
      ],
      [jst('2026-03-08', '20:00'), () => payNow(c, id.get('promise_kept')!)],
    ]);
    const tick = scheduler();
    for (let h = 0; h <= 14 * 24; h++) {
      clock = jst('2026-03-02', '09:00') + h * HOUR;
      await events.get(clock)?.();
      await tick.tick();
      await dispatch();
    }

    const sent = await steps(c);
    const got = (who: string) => sent.filter((s) => s.recipient_id === id.get(who) && s.submitted_at !== null).map((s) => s.step);
    assert.deepEqual(got('never'), [1, 2, 3]);
    assert.deepEqual(got('payer'), [1]);
    assert.deepEqual(got('promise_broken'), [1, 2, 3], 'paused by the promise, resumed when it broke');
    assert.deepEqual(got('promise_kept'), [1]);
    assert.deepEqual(got('disputer'), [1]);
    assert.deepEqual(got('not_me'), []);
    assert.deepEqual(got('opener'), [1, 2], 'opened after step 2: the re-notice to non-openers is not for them');
    for (const s of sent) assert.equal(s.kind, 'step');

    // The broken promise (promised the 8th, grace 3 days) resumed at midnight after the 11th: step 2 then.
    const resumed = sent.find((s) => s.recipient_id === id.get('promise_broken') && s.step === 2)!;
    assert.equal(resumed.created_at, jst('2026-03-12'));

    const members = await svc.members(c, { limit: 100 });
    const of = (who: string) => members.members.find((m) => m.recipientId === id.get(who))!;
    assert.deepEqual([of('payer').state, of('payer').leftReason, of('payer').leftStep, of('payer').leftAt], ['left', 'paid', 1, jst('2026-03-04', '12:00')]);
    assert.deepEqual([of('promise_kept').leftReason, of('promise_kept').leftStep, of('promise_kept').leftAt], ['paid', 1, jst('2026-03-08', '20:00')]);
    assert.deepEqual([of('disputer').leftReason, of('disputer').leftStep, of('disputer').leftAt], ['disputed', 1, jst('2026-03-07', '09:00')]);
    assert.deepEqual([of('not_me').leftReason, of('not_me').leftStep], ['not_me', 0]);
    assert.deepEqual([of('never').state, of('promise_broken').state, of('opener').state], ['done', 'done', 'done']);
    assert.deepEqual(of('opener').skipped.map((s) => [s.step, s.reason]), [[3, 'condition']]);
    // The scheduler's ticks closed the promises in the database (nobody opened a page or the inbox).
    const promises = await t.db.kysely.selectFrom('debtor_actions').select(['recipient_id', 'state']).where('kind', '=', 'promise').where('campaign_id', '=', c.id).execute();
    assert.deepEqual(new Map(promises.map((p) => [p.recipient_id, p.state])), new Map([[id.get('promise_broken')!, 'broken'], [id.get('promise_kept')!, 'kept']]));

    // Nobody got a step queued or sent after the fact that took them out.
    for (const m of members.members.filter((x) => x.state === 'left')) {
      for (const s of sent.filter((x) => x.recipient_id === m.recipientId)) {
        assert.ok(s.created_at < m.leftAt!, `${m.name}: step ${s.step} queued after leaving`);
        assert.ok(s.submitted_at === null || s.submitted_at < m.leftAt!, `${m.name}: step ${s.step} sent after leaving`);
      }
    }

    // Counted per step, and the cadence ends when everyone is out or done.
    const status = await svc.status(c);
    assert.equal(status.state, 'completed');
    assert.deepEqual(status.left, { paid: 2, opted_out: 0, disputed: 1, not_me: 1, wrong_number: 0, operator: 0 });
    assert.deepEqual(
      status.steps.map((s) => [s.counts.reached, s.counts.sent, s.counts.skipped, s.counts.paid, s.counts.opened]),
      [
        [6, 6, 0, 2, 0],
        [3, 3, 0, 0, 1],
        [3, 2, 1, 0, 0],
      ],
    );
    // Each departure is in the evidence ledger with its reason, step and the time of its fact.
    const left = await t.db.kysely.selectFrom('evidence_entries').select(['at', 'data_json']).where('kind', '=', 'cadence.left').where('campaign_id', '=', c.id).execute();
    assert.equal(left.length, 4);
    assert.ok(left.some((e) => Number(e.at) === jst('2026-03-04', '12:00') && JSON.parse(e.data_json).reason === 'paid' && JSON.parse(e.data_json).step === 1));
  });

  test('the contact policy defers a step queued in quiet hours to 08:00, and a cap across campaigns holds it too', async () => {
    clock = jst('2026-03-02', '21:30');
    const c = await sentCampaign('quiet', [{ name: 'yamada', phone: '+819022220001' }], 'jp_money_lending');
    const svc = service();
    await svc.save(c, { steps: [{ at: '開始時', template: '{{name}}様 再度のご案内です {{url}}' }] }, ACTOR);
    await svc.start(c, ACTOR);
    const tick = await scheduler().tick();
    assert.equal(tick.queued, 1, 'the step is queued at its time');
    const night = await dispatch();
    assert.equal(night.send.length, 0);
    const step = (await steps(c))[0]!;
    const row = await t.db.kysely.selectFrom('messages').select(['state', 'next_attempt_at', 'error_code']).where('campaign_id', '=', c.id).where('kind', '=', 'step').executeTakeFirstOrThrow();
    assert.equal(row.state, 'queued');
    assert.equal(row.error_code, 'POLICY_QUIET_HOURS');
    const local = localParts(new Date(row.next_attempt_at), TZ);
    assert.deepEqual([local.date, local.hour, local.minute], ['2026-03-03', 8, 0]);
    assert.equal(step.submitted_at, null);

    clock = jst('2026-03-03', '08:00');
    const morning = await dispatch();
    assert.deepEqual(morning.send.map((m) => m.cadenceStep ?? false), [false, true], "the campaign's message and the step, at 08:00");
    assert.equal((await steps(c))[0]!.submitted_at, jst('2026-03-03', '08:00'));

    // A cap of one contact a day across campaigns and cadences: yamada had the step at 08:00, so another
    // campaign's cadence step for the same number waits until the window has passed.
    clock = jst('2026-03-03', '10:00');
    const c2 = await sentCampaign('capped', [{ name: 'yamada', phone: '+819022220001' }], 'none');
    await t.db.kysely.updateTable('messages').set({ state: 'cancelled' }).where('campaign_id', '=', c2.id).execute();
    await service().save(c2, { steps: [{ at: '開始時', template: '別件のご案内 {{url}}' }] }, ACTOR);
    await service().start(c2, ACTOR);
    assert.equal((await scheduler().tick()).queued, 1);
    const capped = await dispatch({ caps: [{ count: 1, windowDays: 1 }] });
    assert.equal(capped.send.length, 0);
    assert.deepEqual(capped.defer.map((d) => [d.code, d.until]), [['POLICY_FREQUENCY_CAP', jst('2026-03-04', '08:00')]]);
  });

  test("a step re-sent after 送達不明 goes out with the step's own text, not the campaign's", async () => {
    const c = await sentCampaign('resend', [{ name: 'sato', phone: '+819033330001' }]);
    await service().save(c, { steps: [{ at: '開始時', template: '{{name}}様 再度のご案内です {{url}}' }] }, ACTOR);
    await service().start(c, ACTOR);
    assert.equal((await scheduler().tick()).queued, 1);
    const first = await t.store.messages.claim('w1', 1000);
    const step = first.find((m) => m.cadenceStep)!;
    assert.equal(step.bodyEnc, null, 'a fresh step is rendered from its template');
    await t.store.messages.record('w1', first.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `smsc-${m.id}`, route: 'sim', bodyEnc: testVault.encrypt(m.cadenceStep ? 'sato様 再度のご案内です https://x/l/AAA' : 'campaign'), linkCode: null, parts: 1, textCommitment: 'c', toCommitment: 'c' })));
    await t.db.kysely.updateTable('messages').set({ state: 'unknown' }).where('id', '=', step.id).execute();
    const resent = await t.store.messages.resendUnknown({ campaignId: c.id, messageIds: [step.id] });
    assert.ok(resent.ok && resent.resent.length === 1);
    const again = await t.store.messages.claim('w1', 1000);
    assert.equal(again.length, 1);
    assert.equal(again[0]!.cadenceStep, true);
    assert.equal(testVault.decrypt(again[0]!.bodyEnc!), 'sato様 再度のご案内です https://x/l/AAA');
  });

  test('a step a worker claimed ahead does not go to a person who left while it waited; given back, it is called off', async () => {
    const c = await sentCampaign('ahead', [
      { name: 'payer', phone: '+819044440001' },
      { name: 'stays', phone: '+819044440002' },
    ]);
    await t.store.messages.cancelQueued(c.id);
    await service().save(c, { steps: [{ at: '開始時', template: '{{name}}様 再度のご案内です {{url}}' }] }, ACTOR);
    await service().start(c, ACTOR);
    assert.equal((await scheduler().tick()).queued, 2);
    const claimed = await t.store.messages.claim('w-ahead', 100);
    assert.equal(claimed.length, 2);
    const id = await recipientIds(c);
    // While the two steps sit in the worker's buffer, payer pays: the scheduler takes them out.
    await payNow(c, id.get('payer')!);
    clock += HOUR;
    await scheduler().tick();
    const payerStep = claimed.find((m) => m.recipientId === id.get('payer'))!;
    const staysStep = claimed.find((m) => m.recipientId === id.get('stays'))!;
    assert.deepEqual([...(await t.store.messages.stillMayGo('w-ahead', claimed.map((m) => m.id)))], [staysStep.id]);
    await t.store.messages.release('w-ahead', claimed.map((m) => m.id));
    const states = new Map((await t.db.kysely.selectFrom('messages').select(['id', 'state']).where('id', 'in', [payerStep.id, staysStep.id]).execute()).map((r) => [r.id, r.state]));
    assert.equal(states.get(payerStep.id), 'cancelled');
    assert.equal(states.get(staysStep.id), 'queued');
    const again = await t.store.messages.claim('w1', 100);
    assert.deepEqual(again.map((m) => m.id), [staysStep.id], 'only the step of the person still in the cadence goes');
  });

  test('a step is queued once: the same decision applied twice, and two schedulers at once', async () => {
    const c = await sentCampaign('once', [
      { name: 'a', phone: '+819033330001' },
      { name: 'b', phone: '+819033330002' },
      { name: 'c', phone: '+819033330003' },
    ]);
    const svc = service();
    await svc.save(c, { steps: [{ at: '開始時', template: '一回目 {{url}}', notice: '# 一回目のご案内' }, { at: '開始から1日後', template: '二回目 {{url}}' }] }, ACTOR);
    await svc.start(c, ACTOR);
    const cadence = (await t.store.cadences.byCampaign(c.id))!;
    const [member] = await t.store.cadences.members(cadence.id, { limit: 1 });
    // A worker that read the person, then crashed or lost a race: applying the same step again changes nothing.
    assert.ok(await t.store.cadences.apply(member!, { kind: 'step', step: 1, send: true, nextAt: clock }));
    assert.equal(await t.store.cadences.apply(member!, { kind: 'step', step: 1, send: true, nextAt: clock }), undefined);
    // Two workers' upkeep at the same moment.
    const [x, y] = await Promise.all([scheduler().tick(), scheduler().tick()]);
    assert.equal(x.queued + y.queued, 2, 'the two others, once each');
    const rows = await steps(c);
    assert.equal(rows.length, 3);
    assert.equal(new Set(rows.map((r) => r.recipient_id)).size, 3);
    // The unique (cadence, person, step) key refuses a second message for a step outright.
    const first = rows[0]!;
    const again = await t.db.kysely.selectFrom('cadence_messages').selectAll().where('recipient_id', '=', first.recipient_id).executeTakeFirstOrThrow();
    await assert.rejects(t.db.kysely.insertInto('cadence_messages').values({ ...again, message_id: (await firstMessage(c, first.recipient_id)) }).execute());
    // The dispatcher renders a step with its own text; its page shows its own notice.
    assert.deepEqual(await t.store.cadences.stepTemplate(again.message_id), { step: 1, template: '一回目 {{url}}' });
    assert.equal(await t.store.cadences.stepNotice(again.message_id), '# 一回目のご案内');
    assert.equal(await t.store.cadences.stepNotice(await firstMessage(c, first.recipient_id)), null, "the campaign's own message keeps the campaign's page");
  });

  test('a paused cadence holds its queued steps, resuming lets them go, stopping calls them off and takes everyone out', async () => {
    const c = await sentCampaign('hold', [
      { name: 'a', phone: '+819044440001' },
      { name: 'b', phone: '+819044440002' },
    ]);
    await dispatch(); // the campaign's own messages
    const svc = service();
    await svc.save(c, { steps: [{ at: '開始時', template: 'a {{url}}' }, { at: '開始から2日後', template: 'b {{url}}' }, { at: '開始から4日後', template: 'c {{url}}' }] }, ACTOR);
    await svc.start(c, ACTOR);
    await scheduler().tick();
    await svc.pause(c, ACTOR);
    assert.equal((await dispatch()).send.length, 0, 'paused: queued steps wait');
    await assert.rejects(svc.start(c, ACTOR), (e: { code?: string }) => e.code === 'TODOKU_E_CADENCE_STATE');
    await svc.resume(c, ACTOR);
    assert.equal((await dispatch()).send.length, 2);
    clock += 2 * 24 * HOUR;
    await scheduler().tick();
    const stopped = await svc.stop(c, ACTOR);
    assert.equal(stopped.state, 'stopped');
    assert.deepEqual([stopped.members.left, stopped.left.operator], [2, 2]);
    const states = (await steps(c)).filter((s) => s.step === 2).map((s) => s.state);
    assert.deepEqual(states, ['cancelled', 'cancelled']);
    assert.equal((await dispatch()).send.length, 0);
    const actions = await t.db.kysely.selectFrom('evidence_entries').select('data_json').where('kind', '=', 'operator.action').where('campaign_id', '=', c.id).execute();
    assert.deepEqual(
      actions.map((a) => JSON.parse(a.data_json).action),
      ['cadence.saved', 'cadence.started', 'cadence.paused', 'cadence.resumed', 'cadence.stopped'],
    );
    const audit = await t.store.audit.list(20);
    assert.ok(audit.some((a) => a.action === 'cadence.stopped' && a.target === `campaign:${c.id}` && a.actor === ACTOR));
  });

  test('an opt-out, a wrong-number receipt and an operator take people out between steps, at the time of their fact', async () => {
    const c = await sentCampaign('exits', [
      { name: 'optout', phone: '+819055550001' },
      { name: 'wrong', phone: '+819055550002' },
      { name: 'removed', phone: '+819055550003' },
      { name: 'stays', phone: '+819055550004' },
    ]);
    const id = await recipientIds(c);
    await dispatch();
    const svc = service();
    await svc.save(c, { steps: [{ at: '開始から1日後', template: 'a {{url}}' }] }, ACTOR);
    await svc.start(c, ACTOR);
    await scheduler().tick();
    clock += HOUR;
    await t.store.suppressions.add({ phone: '+819055550001', reason: 'opt_out', source: 'reply' });
    const wrong = await firstMessage(c, id.get('wrong')!);
    await t.store.messages.applyReceipts('sim', [{ receipt: { smscId: `smsc-${wrong}`, status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '001' }, toHash: null }]);
    const removed = await svc.stopMember(c, id.get('removed')!, ACTOR);
    assert.deepEqual([removed.state, removed.leftReason], ['left', 'operator']);
    clock += HOUR;
    await scheduler().tick();
    const page = await svc.members(c, { limit: 10, state: 'left' });
    const reasons = Object.fromEntries(page.members.map((m) => [m.name, m.leftReason]));
    assert.deepEqual(reasons, { optout: 'opted_out', wrong: 'wrong_number', removed: 'operator' });
    assert.equal(page.members.find((m) => m.name === 'optout')!.leftAt, clock - HOUR);
    clock += 24 * HOUR;
    await scheduler().tick();
    await dispatch();
    const got = (await steps(c)).map((s) => s.recipient_id);
    assert.deepEqual(got, [id.get('stays')]);
    const byReason = await svc.members(c, { limit: 10, reason: 'wrong_number' });
    assert.deepEqual(byReason.members.map((m) => m.name), ['wrong']);
  });

  test('the dry run: for a sample, which steps each person would get and when, and why not', async () => {
    const c = await sentCampaign('dry', [
      { name: 'due', phone: '+819066660001', due: '2026-03-06' },
      { name: 'nodue', phone: '+819066660002' },
      { name: 'paid', phone: '+819066660003', due: '2026-03-06' },
    ]);
    const id = await recipientIds(c);
    await payNow(c, id.get('paid')!);
    const dry = await service().dryRun(c, { sample: 10, definition: THREE_STEPS });
    assert.equal(dry.total, 3);
    const of = (name: string) => dry.people.find((p) => p.name === name)!;
    assert.deepEqual(of('due').steps.map((s) => [s.outcome, s.at]), [
      ['planned', jst('2026-03-03', '10:00')],
      ['planned', jst('2026-03-07', '10:00')],
      ['planned', jst('2026-03-09', '10:00')],
    ]);
    assert.equal(of('due').steps[2]!.conditional, true);
    assert.deepEqual(of('nodue').steps.map((s) => [s.outcome, s.reason]), [['skipped', 'no_due_date'], ['skipped', 'no_due_date'], ['planned', null]]);
    assert.deepEqual([of('paid').exit?.reason, of('paid').exit?.reasonText.ja], ['paid', '入金済み']);
    assert.deepEqual(dry.steps.map((s) => [s.planned, s.skipped, s.afterExit]), [[1, 1, 1], [1, 1, 1], [2, 0, 1]]);
    // Nothing was queued by it.
    assert.equal((await steps(c)).length, 0);
  });
});
