// The vocabularies of a cadence: its own life, a person's place in it, why a person left it (in the order
// the planner checks them) and why a step was not sent to someone who stayed. Shared by the store, the API,
// labels and the console.

/** draft → running ⇄ paused → stopped (by an operator) or completed (everyone left or had every step). */
export const CADENCE_STATES = ['draft', 'running', 'paused', 'stopped', 'completed'] as const;
export type CadenceState = (typeof CADENCE_STATES)[number];

/** active: waiting for their next step; paused: an open promise; left: an exit rule took them out; done: every step reached. */
export const MEMBER_STATES = ['active', 'paused', 'left', 'done'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/**
 * Why a person left, in priority: when several apply at once, the first is recorded. A promise is not
 * here: it pauses (member state 'paused') until the promised date + grace, and a kept one ends as 'paid'.
 */
export const LEAVE_REASONS = ['paid', 'opted_out', 'disputed', 'not_me', 'wrong_number', 'operator'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** Why a person who stays in the cadence does not get a step. */
export const SKIP_REASONS = ['condition', 'no_due_date', 'before_start'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
