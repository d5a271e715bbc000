// The planner: given a cadence, where a person stands in it, what is known of them and the clock, what
// happens next: they leave (and why, at the time of the fact that took them out), they wait for an open
// promise, they wait for their next step's time, they reach a step now (sent, or skipped and why), or they
// are done. Pure: the scheduler applies one decision at a time and asks again; the dry run and the unit
// tests walk it forward with a clock they choose.
//
// Order: the exits first (paid, opt-out, dispute, "not me", a wrong-number receipt, an operator), then an
// open promise (a pause until the promised date + grace; a broken one resumes; a kept one ended as paid),
// then the next step. A fact counts from its time on: a payment at 12:00 is not known at 11:00.
import { promiseStatus, promiseDeadline } from '../debtor-actions.ts';
import { addDays, localParts, localToInstant, DAY } from '../policy/time.ts';
import type { CadenceDefinition, CadenceStep, StepCondition } from './definition.ts';
import { LEAVE_REASONS, type LeaveReason, type SkipReason } from './states.ts';

/** What is known of one person, each fact with its time (epoch ms); null: not (yet) so. */
export interface PersonFacts {
  /** due_date of their row, YYYY-MM-DD, or null when the list has none or it is not a date. */
  dueDate: string | null;
  /** Their debt paid in full (card, bank file or an operator). */
  paidAt: number | null;
  /** Their number put on the suppression list. */
  optedOutAt: number | null;
  disputedAt: number | null;
  notMeAt: number | null;
  /** A receipt saying the number reaches nobody (core/cadence/wrong-number.ts). */
  wrongNumberAt: number | null;
  /** An operator took them out of the cadence. */
  stoppedAt: number | null;
  /** Their latest promise to pay (not superseded), if any. */
  promise: { promisedDate: string; createdAt: number } | null;
  openedAt: number | null;
  verifiedAt: number | null;
  /** When the campaign's own message to them went out: the anchor of a first step counted from the previous one. */
  campaignSentAt: number | null;
  /**
   * A step message of theirs still waits to go (queued, perhaps until the quiet hours end, or claimed by a
   * worker): the earliest time it may go, else null. Until it has gone, a payment or another exit still
   * calls it off, so they are not done yet.
   */
  stepWaiting: number | null;
}

export const NO_FACTS: PersonFacts = {
  dueDate: null,
  paidAt: null,
  optedOutAt: null,
  disputedAt: null,
  notMeAt: null,
  wrongNumberAt: null,
  stoppedAt: null,
  promise: null,
  openedAt: null,
  verifiedAt: null,
  campaignSentAt: null,
  stepWaiting: null,
};

/** Someone whose last step waits to go is looked at again this long after it may go (an exit in between still calls it off). */
export const LAST_STEP_RECHECK_MS = 30_000;

/** Where a person stands: the last step reached (0: none) and when it was reached. */
export interface Position {
  step: number;
  stepAt: number | null;
}

export interface PlanClock {
  now: number;
  startedAt: number;
  /** The office's time zone (the campaign's). */
  timeZone: string;
  /** Grace days after a promised date in force. */
  graceDays: number;
  /** How long after a waiting last step may go it is looked at again (LAST_STEP_RECHECK_MS unless given). */
  lastStepRecheckMs?: number;
}

export type Decision =
  | { kind: 'leave'; reason: LeaveReason; at: number }
  | { kind: 'pause'; until: number }
  | { kind: 'wait'; until: number }
  | { kind: 'step'; step: number; send: true }
  | { kind: 'step'; step: number; send: false; skip: SkipReason }
  | { kind: 'done' };

const known = (at: number | null, now: number): at is number => at !== null && at <= now;

/** The first exit that applies, in priority order, with the time of its fact. */
export function exitOf(f: PersonFacts, now: number): { reason: LeaveReason; at: number } | null {
  const at: Record<LeaveReason, number | null> = {
    paid: f.paidAt,
    opted_out: f.optedOutAt,
    disputed: f.disputedAt,
    not_me: f.notMeAt,
    wrong_number: f.wrongNumberAt,
    operator: f.stoppedAt,
  };
  for (const reason of LEAVE_REASONS) {
    const t = at[reason];
    if (known(t, now)) return { reason, at: t };
  }
  return null;
}

/** The instant an open promise is broken: the start of the day after promised date + grace, office time. */
export function promiseEnds(promisedDate: string, graceDays: number, timeZone: string): number {
  return localToInstant(addDays(promiseDeadline({ promisedDate }, graceDays), 1), '00:00', timeZone).getTime();
}

function promiseNow(f: PersonFacts, clock: PlanClock): 'none' | 'open' | 'kept' | 'broken' {
  if (!f.promise || !known(f.promise.createdAt, clock.now)) return 'none';
  return promiseStatus(f.promise, known(f.paidAt, clock.now) ? f.paidAt : null, clock.now, clock.graceDays, clock.timeZone);
}

/** When a step is due for this person; null: it is counted from a due date they do not have. */
export function stepTime(step: CadenceStep, def: CadenceDefinition, pos: Position, f: PersonFacts, clock: PlanClock): number | null {
  const { at } = step;
  if (at.from === 'due') {
    if (f.dueDate === null) return null;
    return localToInstant(addDays(f.dueDate, at.days), at.time ?? def.time, clock.timeZone).getTime();
  }
  const anchor = at.from === 'start' ? clock.startedAt : pos.step > 0 && pos.stepAt !== null ? pos.stepAt : (f.campaignSentAt ?? clock.startedAt);
  if (at.time === undefined) return anchor + at.days * DAY;
  return localToInstant(addDays(localParts(new Date(anchor), clock.timeZone).date, at.days), at.time, clock.timeZone).getTime();
}

/** Whether a condition holds for the person now. */
export function conditionHolds(c: StepCondition, f: PersonFacts, clock: PlanClock): boolean {
  switch (c) {
    case 'not_opened':
      return !known(f.openedAt, clock.now);
    case 'not_verified':
      return !known(f.verifiedAt, clock.now);
    case 'not_paid':
      return !known(f.paidAt, clock.now);
    case 'no_promise':
      return promiseNow(f, clock) === 'none';
    case 'promise_broken':
      return promiseNow(f, clock) === 'broken';
  }
}

/** What happens next to a person (see the header for the order). */
export function decide(def: CadenceDefinition, pos: Position, f: PersonFacts, clock: PlanClock): Decision {
  const exit = exitOf(f, clock.now);
  if (exit) return { kind: 'leave', ...exit };
  const promise = promiseNow(f, clock);
  if (promise === 'open') return { kind: 'pause', until: promiseEnds(f.promise!.promisedDate, clock.graceDays, clock.timeZone) };
  if (pos.step >= def.steps.length) return f.stepWaiting !== null ? { kind: 'wait', until: Math.max(clock.now, f.stepWaiting) + (clock.lastStepRecheckMs ?? LAST_STEP_RECHECK_MS) } : { kind: 'done' };
  const number = pos.step + 1;
  const step = def.steps[number - 1]!;
  const t = stepTime(step, def, pos, f, clock);
  if (t === null) return { kind: 'step', step: number, send: false, skip: 'no_due_date' };
  // A step counted from the due date whose time came before the cadence started is not sent late (a
  // reminder "3 days before" after the due date would be wrong); steps counted from the start or the
  // previous step always go, at once if their time has passed.
  if (step.at.from === 'due' && t < clock.startedAt) return { kind: 'step', step: number, send: false, skip: 'before_start' };
  if (t > clock.now) return { kind: 'wait', until: t };
  if (!step.when.every((c) => conditionHolds(c, f, clock))) return { kind: 'step', step: number, send: false, skip: 'condition' };
  return { kind: 'step', step: number, send: true };
}

/** A decision applied to a position: the step reached now. */
export function advance(pos: Position, d: Extract<Decision, { kind: 'step' }>, now: number): Position {
  return { step: d.step, stepAt: now };
}

export const DRY_RUN_OUTCOMES = ['sent', 'planned', 'skipped', 'after_exit'] as const;
export type DryRunOutcome = (typeof DRY_RUN_OUTCOMES)[number];

export interface PlannedStep {
  number: number;
  outcome: DryRunOutcome;
  /** When it goes or went (planned, sent), or when it was passed (skipped); null after an exit. */
  at: number | null;
  /** skipped: a SkipReason; after_exit: the exit's reason. */
  reason: SkipReason | LeaveReason | 'promise' | null;
}

export interface PersonPlan {
  steps: PlannedStep[];
  /** Why they get nothing more (the time of its fact), or 'promise': paused now until `at` (the steps after it are those a broken promise leads to). */
  exit: { reason: LeaveReason | 'promise'; at: number | null } | null;
}

/**
 * The rest of a person's cadence as things stand: their facts as known now are taken to stay as they are
 * (a condition read now may change before its step is due), the clock is walked to each step's time.
 * Steps already reached keep what happened to them (`sent` for those with a message, from `history`).
 */
export function planPerson(def: CadenceDefinition, start: Position, f: PersonFacts, clock: PlanClock, history: ReadonlyMap<number, { sent: boolean; at: number | null; skip?: SkipReason }> = new Map()): PersonPlan {
  const steps: PlannedStep[] = [];
  for (let n = 1; n <= Math.min(start.step, def.steps.length); n++) {
    const h = history.get(n);
    steps.push(h?.sent === false ? { number: n, outcome: 'skipped', at: h.at, reason: h.skip ?? null } : { number: n, outcome: 'sent', at: h?.at ?? null, reason: null });
  }
  // Facts frozen as of now: nothing after now is known, so a later time only moves the clock.
  const frozen: PersonFacts = freeze(f, clock.now);
  let pos = start;
  let t = clock.now;
  let exit: PersonPlan['exit'] = null;
  for (let guard = 0; guard < def.steps.length * 2 + 4; guard++) {
    const d = decide(def, pos, frozen, { ...clock, now: t });
    if (d.kind === 'done') break;
    if (d.kind === 'leave') {
      exit = { reason: d.reason, at: d.at };
      break;
    }
    if (d.kind === 'pause') {
      // Paused now; what follows is what they get if the promise is broken (no payment by then).
      exit ??= { reason: 'promise', at: d.until };
      t = d.until;
      continue;
    }
    if (d.kind === 'wait') {
      t = d.until;
      continue;
    }
    steps.push(d.send ? { number: d.step, outcome: 'planned', at: t, reason: null } : { number: d.step, outcome: 'skipped', at: t, reason: d.skip });
    pos = advance(pos, d, t);
  }
  for (let n = steps.length + 1; n <= def.steps.length; n++) steps.push({ number: n, outcome: 'after_exit', at: null, reason: exit?.reason ?? null });
  return { steps, exit };
}

function freeze(f: PersonFacts, now: number): PersonFacts {
  const upTo = (t: number | null) => (known(t, now) ? t : null);
  return {
    dueDate: f.dueDate,
    paidAt: upTo(f.paidAt),
    optedOutAt: upTo(f.optedOutAt),
    disputedAt: upTo(f.disputedAt),
    notMeAt: upTo(f.notMeAt),
    wrongNumberAt: upTo(f.wrongNumberAt),
    stoppedAt: upTo(f.stoppedAt),
    promise: f.promise && known(f.promise.createdAt, now) ? f.promise : null,
    openedAt: upTo(f.openedAt),
    verifiedAt: upTo(f.verifiedAt),
    campaignSentAt: f.campaignSentAt,
    // The plan looks ahead as if what waits to go now goes.
    stepWaiting: null,
  };
}
