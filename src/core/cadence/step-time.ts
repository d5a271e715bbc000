// When a step goes, as the planner reads it: counted from the start, the person's due date or their
// previous step, and the conditions on a person a step may carry (some come with its words: 「未開封なら」).

/** What a step's time is counted from. */
export const STEP_ANCHORS = ['start', 'due', 'previous'] as const;
export type StepAnchor = (typeof STEP_ANCHORS)[number];

/** Conditions on a person, checked when their step is due; a person who does not meet them skips the step. */
export const STEP_CONDITIONS = ['not_opened', 'not_verified', 'not_paid', 'no_promise', 'promise_broken'] as const;
export type StepCondition = (typeof STEP_CONDITIONS)[number];

export interface StepTime {
  from: StepAnchor;
  /** Whole days after the anchor (negative: before it; only the due date may be counted back from). */
  days: number;
  /** Office time HH:MM on that day; none: the anchor's own time of day (for the due date: the cadence's `time`). */
  time?: string | undefined;
}

/** A step's `at` read: when it goes, and a condition its words carry (「未開封なら」 → not_opened). */
export interface ReadStepTime {
  at: StepTime;
  extraWhen: StepCondition[];
}
