// The planner: exits in priority with the time of their fact, a promise's pause and a broken promise
// resuming, steps counted from the due date, the start and the previous step, conditions, and a simulated
// fortnight of a 3-step cadence walked hour by hour as the scheduler walks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, exitOf, planPerson, promiseEnds, LAST_STEP_RECHECK_MS, NO_FACTS, type Decision, type PersonFacts, type PlanClock, type Position } from '../../../src/core/cadence/plan.ts';
import type { CadenceDefinition } from '../../../src/core/cadence/definition.ts';
import { localToInstant } from '../../../src/core/policy/time.ts';
import type { LeaveReason } from '../../../src/core/cadence/states.ts';

const TZ = 'Asia/Tokyo';
const jst = (date: string, time = '00:00') => localToInstant(date, time, TZ).getTime();
const HOUR = 3_600_000;

const THREE_STEPS: CadenceDefinition = {
  name: '期日前後の督促',
  time: '10:00',
  steps: [
    { name: '期日前', template: 'まもなく期日です {{url}}', at: { from: 'due', days: -3, time: '10:00' }, when: [] },
    { name: '期日翌日', template: '期日を過ぎました {{url}}', at: { from: 'due', days: 1 }, when: [] },
    { name: '未開封者への再通知', at: { from: 'previous', days: 2 }, when: ['not_opened'] },
  ],
};

const START = jst('2026-03-02', '09:00');
const DUE = '2026-03-06';
const clockAt = (now: number, graceDays = 3): PlanClock => ({ now, startedAt: START, timeZone: TZ, graceDays });
const facts = (f: Partial<PersonFacts>): PersonFacts => ({ ...NO_FACTS, dueDate: DUE, ...f });
const at0: Position = { step: 0, stepAt: null };

test('exits in priority: paid before opt-out before dispute …, each with the time of its fact, and only once it is known', () => {
  const f = facts({ paidAt: jst('2026-03-05', '12:00'), optedOutAt: jst('2026-03-04', '12:00'), disputedAt: jst('2026-03-03', '12:00') });
  assert.deepEqual(exitOf(f, jst('2026-03-06')), { reason: 'paid', at: jst('2026-03-05', '12:00') });
  assert.deepEqual(exitOf(f, jst('2026-03-05')), { reason: 'opted_out', at: jst('2026-03-04', '12:00') });
  assert.deepEqual(exitOf(f, jst('2026-03-03', '12:30')), { reason: 'disputed', at: jst('2026-03-03', '12:00') });
  assert.equal(exitOf(f, jst('2026-03-03')), null);
  const all: [keyof PersonFacts, LeaveReason][] = [
    ['notMeAt', 'not_me'],
    ['wrongNumberAt', 'wrong_number'],
    ['stoppedAt', 'operator'],
  ];
  for (const [field, reason] of all) assert.equal(exitOf(facts({ [field]: START }), START)?.reason, reason);
});

test('after the last step someone is done only once its message has gone: while it waits (quiet hours), a payment still takes them out', () => {
  const last: Position = { step: 3, stepAt: jst('2026-03-09', '21:30') };
  const night = jst('2026-03-09', '21:30');
  const morning = jst('2026-03-10', '08:00');
  assert.deepEqual(decide(THREE_STEPS, last, facts({ stepWaiting: morning }), clockAt(night)), { kind: 'wait', until: morning + LAST_STEP_RECHECK_MS });
  assert.deepEqual(decide(THREE_STEPS, last, facts({ stepWaiting: night }), clockAt(night + 5_000)), { kind: 'wait', until: night + 5_000 + LAST_STEP_RECHECK_MS });
  // A clock that says otherwise (TODOKU_CADENCE_RECHECK_MS) looks again that much later instead.
  assert.deepEqual(decide(THREE_STEPS, last, facts({ stepWaiting: morning }), { ...clockAt(night), lastStepRecheckMs: 1_000 }), { kind: 'wait', until: morning + 1_000 });
  const paid = jst('2026-03-09', '23:00');
  assert.deepEqual(decide(THREE_STEPS, last, facts({ stepWaiting: morning, paidAt: paid }), clockAt(paid + 1)), { kind: 'leave', reason: 'paid', at: paid });
  assert.deepEqual(decide(THREE_STEPS, last, facts({}), clockAt(jst('2026-03-10', '08:01'))), { kind: 'done' });
  // The dry run looks ahead as if what waits goes.
  assert.equal(planPerson(THREE_STEPS, last, facts({ stepWaiting: morning }), clockAt(night)).exit, null);
});

test('a step counted from the due date goes at its office time; before it comes the person waits', () => {
  assert.deepEqual(decide(THREE_STEPS, at0, facts({}), clockAt(START)), { kind: 'wait', until: jst('2026-03-03', '10:00') });
  assert.deepEqual(decide(THREE_STEPS, at0, facts({}), clockAt(jst('2026-03-03', '10:00'))), { kind: 'step', step: 1, send: true });
  // The second step names no time: the cadence's 10:00.
  assert.deepEqual(decide(THREE_STEPS, { step: 1, stepAt: jst('2026-03-03', '10:00') }, facts({}), clockAt(jst('2026-03-04'))), { kind: 'wait', until: jst('2026-03-07', '10:00') });
});

test('a reminder "3 days before" whose time came before the start is skipped, not sent late; without a due date the due-date steps are skipped', () => {
  const late = facts({ dueDate: '2026-03-03' });
  assert.deepEqual(decide(THREE_STEPS, at0, late, clockAt(START)), { kind: 'step', step: 1, send: false, skip: 'before_start' });
  assert.deepEqual(decide(THREE_STEPS, at0, facts({ dueDate: null }), clockAt(START)), { kind: 'step', step: 1, send: false, skip: 'no_due_date' });
});

test('a step from the previous one counts from when that was reached; the first counts from the campaign\'s own message', () => {
  const renotice: CadenceDefinition = { name: 'r', time: '10:00', steps: [{ name: '再通知', at: { from: 'previous', days: 2 }, when: ['not_opened'] }] };
  const sent = jst('2026-03-02', '11:30');
  assert.deepEqual(decide(renotice, at0, facts({ campaignSentAt: sent }), clockAt(START)), { kind: 'wait', until: sent + 2 * 24 * HOUR });
  assert.deepEqual(decide(renotice, at0, facts({ campaignSentAt: sent }), clockAt(sent + 2 * 24 * HOUR)), { kind: 'step', step: 1, send: true });
  // Opened meanwhile: the condition is not met, the step is passed.
  assert.deepEqual(decide(renotice, at0, facts({ campaignSentAt: sent, openedAt: sent + HOUR }), clockAt(sent + 2 * 24 * HOUR)), { kind: 'step', step: 1, send: false, skip: 'condition' });
  assert.deepEqual(decide(renotice, { step: 1, stepAt: sent }, facts({}), clockAt(sent + 3 * 24 * HOUR)), { kind: 'done' });
});

test('an open promise pauses until the day after promised date + grace; kept it is a payment, broken the cadence resumes', () => {
  const promise = { promisedDate: '2026-03-10', createdAt: jst('2026-03-04', '15:00') };
  const ends = promiseEnds('2026-03-10', 3, TZ);
  assert.equal(ends, jst('2026-03-14'));
  const pos: Position = { step: 1, stepAt: jst('2026-03-03', '10:00') };
  assert.deepEqual(decide(THREE_STEPS, pos, facts({ promise }), clockAt(jst('2026-03-07', '10:00'))), { kind: 'pause', until: ends });
  // Paid on the 12th: kept, and the payment takes them out.
  assert.deepEqual(decide(THREE_STEPS, pos, facts({ promise, paidAt: jst('2026-03-12', '09:00') }), clockAt(jst('2026-03-12', '10:00'))), { kind: 'leave', reason: 'paid', at: jst('2026-03-12', '09:00') });
  // Not paid: broken at midnight, and step 2 (its time long passed) goes at once.
  assert.deepEqual(decide(THREE_STEPS, pos, facts({ promise }), clockAt(ends)), { kind: 'step', step: 2, send: true });
  // promise_broken and no_promise as conditions.
  const chase: CadenceDefinition = { name: 'c', time: '10:00', steps: [{ name: '約束不履行', at: { from: 'start', days: 0 }, when: ['promise_broken'] }] };
  assert.deepEqual(decide(chase, at0, facts({ promise }), clockAt(ends)), { kind: 'step', step: 1, send: true });
  assert.deepEqual(decide(chase, at0, facts({}), clockAt(ends)), { kind: 'step', step: 1, send: false, skip: 'condition' });
  const never: CadenceDefinition = { name: 'n', time: '10:00', steps: [{ name: '未約束', at: { from: 'start', days: 0 }, when: ['no_promise'] }] };
  assert.deepEqual(decide(never, at0, facts({ promise }), clockAt(ends)), { kind: 'step', step: 1, send: false, skip: 'condition' });
});

interface Walk {
  sent: { step: number; at: number }[];
  skipped: { step: number; reason: string }[];
  exit: { reason: LeaveReason; at: number; step: number } | null;
  done: boolean;
  paused: number[];
}

/** The scheduler's walk with the clock moved hour by hour over fourteen days from the start. */
function fortnight(def: CadenceDefinition, f: PersonFacts): Walk {
  const w: Walk = { sent: [], skipped: [], exit: null, done: false, paused: [] };
  let pos: Position = at0;
  for (let t = START; t <= START + 14 * 24 * HOUR && !w.exit && !w.done; t += HOUR) {
    for (let guard = 0; guard < 10; guard++) {
      const d: Decision = decide(def, pos, f, clockAt(t));
      if (d.kind === 'step') {
        if (d.send) w.sent.push({ step: d.step, at: t });
        else w.skipped.push({ step: d.step, reason: d.skip });
        pos = { step: d.step, stepAt: t };
        continue;
      }
      if (d.kind === 'leave') w.exit = { reason: d.reason, at: d.at, step: pos.step };
      if (d.kind === 'done') w.done = true;
      if (d.kind === 'pause' && !w.paused.includes(d.until)) w.paused.push(d.until);
      break;
    }
  }
  return w;
}

test('a simulated fortnight: each person gets the steps they should, leaves at the right step, and nothing after leaving', () => {
  const people: Record<string, PersonFacts> = {
    never_pays: facts({}),
    opens_after_step_2: facts({ openedAt: jst('2026-03-07', '18:00') }),
    pays_after_step_1: facts({ paidAt: jst('2026-03-04', '12:00') }),
    promise_broken: facts({ promise: { promisedDate: '2026-03-08', createdAt: jst('2026-03-04', '15:00') } }),
    promise_kept: facts({ promise: { promisedDate: '2026-03-08', createdAt: jst('2026-03-04', '15:00') }, paidAt: jst('2026-03-08', '20:00') }),
    disputes: facts({ disputedAt: jst('2026-03-07', '09:00') }),
    not_me: facts({ notMeAt: jst('2026-03-03', '09:00') }),
    no_due_date: facts({ dueDate: null }),
    opts_out: facts({ optedOutAt: jst('2026-03-08', '11:00') }),
    wrong_number: facts({ wrongNumberAt: jst('2026-03-03', '10:05') }),
  };
  const walks = Object.fromEntries(Object.entries(people).map(([who, f]) => [who, fortnight(THREE_STEPS, f)]));
  const steps = (who: string) => walks[who]!.sent.map((s) => s.step);
  const exit = (who: string) => walks[who]!.exit && { reason: walks[who]!.exit!.reason, step: walks[who]!.exit!.step };

  assert.deepEqual(steps('never_pays'), [1, 2, 3]);
  assert.deepEqual(walks.never_pays!.sent.map((s) => s.at), [jst('2026-03-03', '10:00'), jst('2026-03-07', '10:00'), jst('2026-03-09', '10:00')]);
  assert.equal(walks.never_pays!.done, true);

  assert.deepEqual(steps('opens_after_step_2'), [1, 2]);
  assert.deepEqual(walks.opens_after_step_2!.skipped, [{ step: 3, reason: 'condition' }]);

  assert.deepEqual(steps('pays_after_step_1'), [1]);
  assert.deepEqual(walks.pays_after_step_1!.exit, { reason: 'paid', at: jst('2026-03-04', '12:00'), step: 1 });

  // Promised on the 4th for the 8th, grace 3 days: paused until the 12th ends, then step 2 at once, step 3 two days later.
  assert.deepEqual(walks.promise_broken!.paused, [jst('2026-03-12')]);
  assert.deepEqual(walks.promise_broken!.sent, [
    { step: 1, at: jst('2026-03-03', '10:00') },
    { step: 2, at: jst('2026-03-12') },
    { step: 3, at: jst('2026-03-14') },
  ]);
  assert.deepEqual(steps('promise_kept'), [1]);
  assert.deepEqual(exit('promise_kept'), { reason: 'paid', step: 1 });

  assert.deepEqual(steps('disputes'), [1]);
  assert.deepEqual(walks.disputes!.exit, { reason: 'disputed', at: jst('2026-03-07', '09:00'), step: 1 });
  assert.deepEqual(steps('not_me'), []);
  assert.deepEqual(exit('not_me'), { reason: 'not_me', step: 0 });
  assert.deepEqual(steps('opts_out'), [1, 2]);
  assert.deepEqual(exit('opts_out'), { reason: 'opted_out', step: 2 });
  assert.deepEqual(steps('wrong_number'), [1]);
  assert.deepEqual(exit('wrong_number'), { reason: 'wrong_number', step: 1 });

  // No due date: the two due-date steps are passed at the start, the re-notice goes two days after.
  assert.deepEqual(walks.no_due_date!.skipped, [
    { step: 1, reason: 'no_due_date' },
    { step: 2, reason: 'no_due_date' },
  ]);
  assert.deepEqual(walks.no_due_date!.sent, [{ step: 3, at: START + 2 * 24 * HOUR }]);

  for (const [who, w] of Object.entries(walks)) {
    if (w.exit) for (const s of w.sent) assert.ok(s.at < w.exit.at, `${who} got step ${s.step} after the fact that took them out`);
  }
});

test('the dry run\'s plan: planned steps with their times, a skip with its reason, the exit and what follows it', () => {
  const now = START;
  const plan = planPerson(THREE_STEPS, at0, facts({}), clockAt(now));
  assert.deepEqual(
    plan.steps.map((s) => [s.number, s.outcome, s.at]),
    [
      [1, 'planned', jst('2026-03-03', '10:00')],
      [2, 'planned', jst('2026-03-07', '10:00')],
      [3, 'planned', jst('2026-03-09', '10:00')],
    ],
  );
  assert.equal(plan.exit, null);
  const paid = planPerson(THREE_STEPS, at0, facts({ paidAt: now - HOUR }), clockAt(now));
  assert.deepEqual(paid.exit, { reason: 'paid', at: now - HOUR });
  assert.deepEqual(paid.steps.map((s) => [s.outcome, s.reason]), [['after_exit', 'paid'], ['after_exit', 'paid'], ['after_exit', 'paid']]);
  // Opened already: the re-notice's condition is not met as things stand.
  const opened = planPerson(THREE_STEPS, at0, facts({ openedAt: now - HOUR }), clockAt(now));
  assert.deepEqual(opened.steps.map((s) => s.outcome), ['planned', 'planned', 'skipped']);
  // A payment not yet made is not foreseen: facts after now are not known.
  const later = planPerson(THREE_STEPS, at0, facts({ paidAt: now + HOUR }), clockAt(now));
  assert.equal(later.exit, null);
  // Promised: paused now; what follows is what a broken promise leads to.
  const promised = planPerson(THREE_STEPS, { step: 1, stepAt: jst('2026-03-03', '10:00') }, facts({ promise: { promisedDate: '2026-03-08', createdAt: jst('2026-03-04') } }), clockAt(jst('2026-03-05')), new Map([[1, { sent: true, at: jst('2026-03-03', '10:00') }]]));
  assert.deepEqual(promised.exit, { reason: 'promise', at: jst('2026-03-12') });
  assert.deepEqual(promised.steps.map((s) => [s.number, s.outcome, s.at]), [
    [1, 'sent', jst('2026-03-03', '10:00')],
    [2, 'planned', jst('2026-03-12')],
    [3, 'planned', jst('2026-03-14')],
  ]);
});
