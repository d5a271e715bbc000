// A cadence (督促シナリオ) as an office writes it (JSON or YAML, docs/cadences.md): ordered steps, each with
// its text, an optional notice for its landing page, when it goes (relative to the start, to the person's
// due date, or to their previous step) and the conditions a person must meet to get it. The `at` of a step
// may be written in words (「期日の3日前 10:00」「期日翌日」「未開封なら2日後」, or "due-3d 10:00"); words
// are read once, here, into the structured form the planner uses.
import { z } from 'zod';
import { isClock } from '../policy/time.ts';
import { parseAtPhrase } from './phrases.ts';
import { STEP_ANCHORS, STEP_CONDITIONS, type ReadStepTime, type StepCondition, type StepTime } from './step-time.ts';

export { STEP_ANCHORS, STEP_CONDITIONS };
export type { ReadStepTime, StepAnchor, StepCondition, StepTime } from './step-time.ts';


export interface CadenceStep {
  name: string;
  /** The SMS text, with the campaign's merge fields ({{name}}, {{amount}}, {{url}} …); none: the campaign's own text again. */
  template?: string | undefined;
  /** Markdown for this step's landing page instead of the campaign's notice; none: the campaign's page. */
  notice?: string | undefined;
  at: StepTime;
  when: StepCondition[];
}

export interface CadenceDefinition {
  name: string;
  /** Office time for steps counted from the due date that name no time. */
  time: string;
  /** Days after a promised date before an unpaid promise counts as broken and the cadence resumes; none: the campaign's self-service setting. */
  graceDays?: number | undefined;
  steps: CadenceStep[];
}

export const DEFAULT_STEP_TIME = '10:00';
export const MAX_STEPS = 20;

const clock = z.string().refine(isClock, 'HH:MM (00:00–23:59) / 時刻は HH:MM で書いてください');


const structuredTime = z
  .object({
    from: z.enum(STEP_ANCHORS).describe("start: the cadence start; due: the person's due date (due_date column); previous: their previous step (for the first step: the campaign's own message)"),
    days: z.number().int().min(-60).max(365),
    time: clock.optional().describe('office time HH:MM on that day'),
  })
  .superRefine((t, ctx) => {
    if (t.days < 0 && t.from !== 'due') ctx.addIssue({ code: 'custom', path: ['days'], message: 'only the due date may be counted back from / 日数を負にできるのは期日基準だけです' });
  });

const phraseHelp = (text: string) => `「${text}」: write like 期日の3日前 10:00, 期日翌日, 開始から2日後, 未開封なら2日後, due-3d 10:00 / 送信時期を読めません`;

/**
 * A step's `at`: the structured form, or words read by parseAtPhrase (which may add a condition). Words that
 * are no time are kept as `unread` and reported by the step (below), so the message says what to write
 * instead of a union's bare "invalid input".
 */
const atInput = z.union([
  structuredTime.transform((at): ReadStepTime | { unread: string } => ({ at, extraWhen: [] })),
  z
    .string()
    .trim()
    .min(1)
    .max(60)
    .describe('in words: 期日の3日前 10:00, 期日翌日, 開始から2日後, 未開封なら2日後, due-3d 10:00 (docs/cadences.md)')
    .transform((text): ReadStepTime | { unread: string } => parseAtPhrase(text) ?? { unread: text }),
]);

export const cadenceStepInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    template: z.string().trim().min(1).max(5000).optional().describe("the SMS text with the campaign's merge fields; none: the campaign's own text again"),
    notice: z.string().max(20000).optional(),
    at: atInput,
    when: z.array(z.enum(STEP_CONDITIONS)).max(STEP_CONDITIONS.length).default([]),
  })
  .superRefine((s, ctx) => {
    if ('unread' in s.at) ctx.addIssue({ code: 'custom', path: ['at'], message: phraseHelp(s.at.unread) });
  });

export const cadenceInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  time: clock.default(DEFAULT_STEP_TIME),
  graceDays: z.number().int().min(0).max(60).optional().describe("days after a promised date before an unpaid promise is broken; default: the campaign's self-service setting"),
  steps: z.array(cadenceStepInput).min(1).max(MAX_STEPS),
});
export type CadenceInput = z.input<typeof cadenceInput>;

/** The stored, structured form the API gives back (words already read). */
export const cadenceDefinitionSchema = z
  .object({
    name: z.string(),
    time: z.string(),
    graceDays: z.number().optional(),
    steps: z.array(
      z.object({
        name: z.string(),
        template: z.string().optional(),
        notice: z.string().optional(),
        at: z.object({ from: z.enum(STEP_ANCHORS), days: z.number(), time: z.string().optional() }),
        when: z.array(z.enum(STEP_CONDITIONS)),
      }),
    ),
  })
  .meta({ id: 'CadenceDefinition' });

/** The input read into a definition: step names default to 「ステップN」, conditions deduplicated. */
export function toDefinition(input: z.output<typeof cadenceInput>): CadenceDefinition {
  return {
    name: input.name ?? '督促シナリオ',
    time: input.time,
    ...(input.graceDays !== undefined ? { graceDays: input.graceDays } : {}),
    steps: input.steps.map((s, i) => {
      const read = 'unread' in s.at ? { at: { from: 'start' as const, days: 0 }, extraWhen: [] } : s.at;
      const when = [...new Set([...read.extraWhen, ...s.when])];
      return {
        name: s.name ?? `ステップ${i + 1}`,
        ...(s.template !== undefined ? { template: s.template } : {}),
        ...(s.notice !== undefined && s.notice.trim() !== '' ? { notice: s.notice } : {}),
        at: { from: read.at.from, days: read.at.days, ...(read.at.time !== undefined ? { time: read.at.time } : {}) },
        when: STEP_CONDITIONS.filter((c) => when.includes(c)),
      };
    }),
  };
}
