// The cadence as the editor holds it while someone works on it: plain fields a form can bind to (a step's
// time as anchor, days and an optional clock; its conditions; its text, empty for the campaign's own), read
// from the API's definition and written back as the body the API takes. Pure, so the editor, the dry run
// and the file export all send and write the same thing.
import { MAX_STEPS, STEP_CONDITIONS, type StepAnchor, type StepCondition } from '../../../../core/cadence/definition.ts';
import { parseAtPhrase, stepTimeWords } from '../../../../core/cadence/phrases.ts';
import type { Bilingual } from '../../../../core/errors.ts';
import type { CadenceBody, CadenceDefinition } from './types.ts';

export { MAX_STEPS };

export interface DraftStep {
  /** React's key: stays with the step when it moves. */
  key: string;
  name: string;
  /** Empty: the campaign's own text again. */
  template: string;
  /** Empty: the campaign's landing page. */
  notice: string;
  from: StepAnchor;
  /** Days after the anchor; negative only before the due date. */
  days: number;
  /** HH:MM, or empty for the default (the cadence's time for the due date, the anchor's time otherwise). */
  time: string;
  when: StepCondition[];
}

export interface Draft {
  name: string;
  /** The office time of steps counted from the due date that name no time. */
  time: string;
  /** Empty: the campaign's self-service setting. */
  graceDays: string;
  steps: DraftStep[];
}

let counter = 0;
const newKey = () => `step-${++counter}`;

export const DEFAULT_TIME = '10:00';

export function emptyStep(from: StepAnchor = 'previous', days = 2): DraftStep {
  return { key: newKey(), name: '', template: '', notice: '', from, days, time: '', when: [] };
}

export function emptyDraft(): Draft {
  return { name: '', time: DEFAULT_TIME, graceDays: '', steps: [emptyStep('due', -3)] };
}

export function fromDefinition(def: CadenceDefinition): Draft {
  return {
    name: def.name,
    time: def.time,
    graceDays: def.graceDays === undefined ? '' : String(def.graceDays),
    steps: def.steps.map((s) => ({
      key: newKey(),
      name: s.name,
      template: s.template ?? '',
      notice: s.notice ?? '',
      from: s.at.from,
      days: s.at.days,
      time: s.at.time ?? '',
      when: STEP_CONDITIONS.filter((c) => s.when.includes(c)),
    })),
  };
}

/** A step's time as the structured `at` the API reads. */
export function atOf(s: Pick<DraftStep, 'from' | 'days' | 'time'>): { from: StepAnchor; days: number; time?: string } {
  return { from: s.from, days: s.days, ...(s.time ? { time: s.time } : {}) };
}

/** The body of POST …/cadence (and the dry run's `definition`): what the editor shows, nothing more. */
export function toBody(d: Draft): CadenceBody {
  const grace = d.graceDays.trim() === '' ? undefined : Number(d.graceDays);
  return {
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    time: d.time || DEFAULT_TIME,
    ...(grace !== undefined && Number.isFinite(grace) ? { graceDays: grace } : {}),
    steps: d.steps.map((s) => ({
      ...(s.name.trim() ? { name: s.name.trim() } : {}),
      ...(s.template.trim() ? { template: s.template.trim() } : {}),
      ...(s.notice.trim() ? { notice: s.notice } : {}),
      at: atOf(s),
      when: s.when,
    })),
  };
}

/** Whether two drafts would save the same cadence (the editor's "unsaved changes"). */
export const sameCadence = (a: Draft, b: Draft) => JSON.stringify(toBody(a)) === JSON.stringify(toBody(b));

/** When a step goes, in words (「期日の3日前 10:00」 / "3 days before the due date, 10:00"). */
export const stepWords = (s: Pick<DraftStep, 'from' | 'days' | 'time'>, defaultTime: string): Bilingual => stepTimeWords(atOf(s), defaultTime || DEFAULT_TIME);

/**
 * Words typed by the operator (「期日の3日前 10:00」「期日翌日」「未開封なら2日後」, "due-3d 10:00") read
 * into the step: its time, and the condition the words carry added to its own. Undefined when the words
 * are none of the forms Todoku reads.
 */
export function applyWords(s: DraftStep, words: string): DraftStep | undefined {
  const read = parseAtPhrase(words);
  if (!read) return undefined;
  const when = STEP_CONDITIONS.filter((c) => s.when.includes(c) || read.extraWhen.includes(c));
  return { ...s, from: read.at.from, days: read.at.days, time: read.at.time ?? '', when };
}

export function moveStep(steps: readonly DraftStep[], index: number, by: -1 | 1): DraftStep[] {
  const to = index + by;
  if (to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** A step's days as the form shows them: a direction for the due date (before, on, after) and a count. */
export type Direction = 'before' | 'on' | 'after';
export const directionOf = (days: number): Direction => (days < 0 ? 'before' : days === 0 ? 'on' : 'after');
export function daysFrom(direction: Direction, count: number): number {
  const n = Math.max(0, Math.trunc(count) || 0);
  return direction === 'before' ? -Math.max(1, n) : direction === 'on' ? 0 : Math.max(1, n);
}

/**
 * The file an office keeps (docs/cadences.md): the body, with each step's time written in words where the
 * words read back to the same time (so the file reads like the office's own plan), structured otherwise.
 */
export function toFileObject(d: Draft): Record<string, unknown> {
  const body = toBody(d);
  return {
    ...body,
    steps: body.steps.map((s, i) => {
      const step = d.steps[i]!;
      const full = stepWords(step, d.time).ja;
      // A due-date step with no time of its own follows the cadence's time: its words name none either.
      const words = step.from === 'due' && !step.time ? full.replace(/ \d{2}:\d{2}$/u, '') : full;
      const read = parseAtPhrase(words);
      const same = read && read.extraWhen.length === 0 && read.at.from === step.from && read.at.days === step.days && (read.at.time ?? '') === step.time;
      return { ...s, at: same ? words : s.at };
    }),
  };
}
