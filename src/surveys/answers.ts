// A recipient's answers checked against the survey: known options only, required questions answered,
// texts within their length, real dates within range. Input is what an HTML form posts (field
// `q_<question id>`, repeated for multiple choice); output is clean answers or a message per question.
import type { Bilingual } from '../core/errors.ts';
import type { Question, Survey } from './definition.ts';

export type AnswerValue = string | string[];
export type Answers = Record<string, AnswerValue>;

export interface AnswerError {
  questionId: string;
  message: Bilingual;
}

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

export const fieldName = (q: Pick<Question, 'id'>) => `q_${q.id}`;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkOne(q: Question, raw: unknown): { value?: AnswerValue; error?: Bilingual } {
  const values = asList(raw)
    .map((v) => v.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
    .filter((v) => v !== '');
  if (values.length === 0) return q.required ? { error: { ja: 'この質問は回答が必要です', en: 'this question needs an answer' } } : {};
  switch (q.type) {
    case 'single': {
      if (values.length > 1) return { error: { ja: '選択肢を1つだけ選んでください', en: 'choose one option' } };
      return q.options.some((o) => o.id === values[0]) ? { value: values[0]! } : { error: { ja: '選択肢から選んでください', en: 'choose one of the options' } };
    }
    case 'multiple': {
      const chosen = [...new Set(values)];
      if (!chosen.every((v) => q.options.some((o) => o.id === v))) return { error: { ja: '選択肢から選んでください', en: 'choose from the options' } };
      if (q.maxChoices !== undefined && chosen.length > q.maxChoices) {
        return { error: { ja: `${q.maxChoices}つまで選べます`, en: `choose at most ${q.maxChoices}` } };
      }
      // Kept in the survey's order, so the same choice reads the same in every export row.
      return { value: q.options.filter((o) => chosen.includes(o.id)).map((o) => o.id) };
    }
    case 'text': {
      if (values.length > 1) return { error: { ja: '回答が複数送られました', en: 'more than one answer was sent' } };
      const text = values[0]!;
      const length = [...text].length;
      if (length > q.maxLength) return { error: { ja: `${q.maxLength}文字以内で入力してください（現在${length}文字）`, en: `at most ${q.maxLength} characters (now ${length})` } };
      return { value: q.multiline ? text : text.replace(/\n+/g, ' ') };
    }
    case 'date': {
      const date = values[0]!.normalize('NFKC').replace(/\//g, '-');
      if (values.length > 1 || !isRealDate(date)) return { error: { ja: '日付を YYYY-MM-DD の形で入力してください', en: 'enter a date as YYYY-MM-DD' } };
      if (q.min && date < q.min) return { error: { ja: `${q.min} 以降の日付を入力してください`, en: `enter a date on or after ${q.min}` } };
      if (q.max && date > q.max) return { error: { ja: `${q.max} 以前の日付を入力してください`, en: `enter a date on or before ${q.max}` } };
      return { value: date };
    }
  }
}

export function checkAnswers(survey: Survey, form: Readonly<Record<string, unknown>>): AnswerCheck {
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  for (const q of survey.questions) {
    const name = fieldName(q);
    const out = checkOne(q, Object.hasOwn(form, name) ? form[name] : undefined);
    if (out.error) errors.push({ questionId: q.id, message: out.error });
    else if (out.value !== undefined) answers[q.id] = out.value;
  }
  if (Object.keys(answers).length === 0 && errors.length === 0) {
    errors.push({ questionId: survey.questions[0]!.id, message: { ja: '少なくとも1つの質問に回答してください', en: 'answer at least one question' } });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** Stands for "answered" on text and date questions in the tally rows. */
export const ANSWERED = '*';

/**
 * What tallies count, as (question, option) pairs: each chosen option of a choice question, and
 * ANSWERED for an answered text or date question (their contents stay sealed).
 */
export function selections(survey: Survey, answers: Answers): { questionId: string; optionId: string }[] {
  return survey.questions.flatMap((q) => {
    const v = answers[q.id];
    if (v === undefined) return [];
    if (q.type !== 'single' && q.type !== 'multiple') return [{ questionId: q.id, optionId: ANSWERED }];
    return (Array.isArray(v) ? v : [v]).map((optionId) => ({ questionId: q.id, optionId }));
  });
}
