// The survey as an HTML form that needs no script: a fieldset with a legend per choice question,
// labelled inputs for text and dates, required marks in words, and errors both summarised at the top
// (role=alert) and tied to their question (aria-invalid, aria-describedby). Each choice is a whole
// card, so the touch target is the option's full width.
import { html, type Html } from '../html.ts';
import type { Question, Survey } from '../../../surveys/definition.ts';
import { fieldName, type AnswerError, type Answers } from '../../../surveys/answers.ts';
import type { VerifiedVisit } from '../sections.ts';

export interface SurveyFormView {
  visit: VerifiedVisit;
  survey: Survey;
  /** What to show in the inputs: the stored answers, or what was just posted. */
  values: Readonly<Record<string, unknown>>;
  errors: readonly AnswerError[];
  answeredAt: number | null;
  closesAt: number | null;
}

const localised = (v: VerifiedVisit, ja: string, en: string | undefined) => (v.lang === 'en' && en ? en : ja);

function when(ms: number, lang: 'ja' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' }).format(new Date(ms));
}

/** Posted form values or stored answers, as the list of strings an input should show. */
function shown(values: Readonly<Record<string, unknown>>, q: Question): string[] {
  const v = Object.hasOwn(values, fieldName(q)) ? values[fieldName(q)] : undefined;
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

/** Stored answers keyed as the form posts them. */
export function answersAsForm(answers: Answers): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(answers).map(([id, v]) => [`q_${id}`, v]));
}

function question(view: SurveyFormView, q: Question, index: number): Html {
  const v = view.visit;
  const id = `survey-${q.id}`;
  const error = view.errors.find((e) => e.questionId === q.id);
  const errorId = `${id}-error`;
  const errorLine = error ? html`<p class="alert" id="${errorId}">${v.t(error.message)}</p>` : null;
  const required = q.required ? html` <small>${v.t({ ja: '（必須）', en: '(required)' })}</small>` : null;
  const label = `${index + 1}. ${localised(v, q.label, q.label_en)}`;
  const values = shown(view.values, q);
  const described = error ? errorId : null;

  if (q.type === 'single' || q.type === 'multiple') {
    const type = q.type === 'single' ? 'radio' : 'checkbox';
    const hint = q.type === 'multiple' ? html`<span class="hint">${q.maxChoices ? v.t({ ja: `${q.maxChoices}つまで選べます`, en: `Choose up to ${q.maxChoices}` }) : v.t({ ja: '当てはまるものをすべて選んでください', en: 'Choose all that apply' })}</span>` : null;
    return html`<fieldset id="${id}" ${error ? html`aria-invalid="true" aria-describedby="${errorId}"` : null}>
<legend><strong>${label}</strong>${required}</legend>${hint}${errorLine}
${q.options.map(
  (o, j) => html`<label class="card" for="${id}-${j}"><input type="${type}" id="${id}-${j}" name="${fieldName(q)}" value="${o.id}"${values.includes(o.id) ? html` checked` : null}${q.type === 'single' && q.required ? html` required` : null}> ${localised(v, o.label, o.label_en)}</label>\n`,
)}</fieldset>`;
  }
  const common = html`id="${id}" name="${fieldName(q)}"${q.required ? html` required aria-required="true"` : null}${described ? html` aria-invalid="true" aria-describedby="${described}"` : null}`;
  const labelTag = html`<label for="${id}">${label}${required}</label>`;
  if (q.type === 'date') {
    return html`<div class="field">${labelTag}<span class="hint">${v.t({ ja: '例: 2026-12-01', en: 'e.g. 2026-12-01' })}</span>${errorLine}
<input type="date" ${common} value="${values[0] ?? ''}"${q.min ? html` min="${q.min}"` : null}${q.max ? html` max="${q.max}"` : null}></div>`;
  }
  const hint = html`<span class="hint">${v.t({ ja: `${q.maxLength}文字まで`, en: `Up to ${q.maxLength} characters` })}</span>`;
  return q.multiline
    ? html`<div class="field">${labelTag}${hint}${errorLine}<textarea ${common} rows="4" maxlength="${q.maxLength}">${values[0] ?? ''}</textarea></div>`
    : html`<div class="field">${labelTag}${hint}${errorLine}<input type="text" ${common} maxlength="${q.maxLength}" value="${values[0] ?? ''}"></div>`;
}

export function surveyForm(view: SurveyFormView): Html {
  const v = view.visit;
  const s = view.survey;
  const summary =
    view.errors.length > 0
      ? html`<div class="alert" role="alert"><p>${v.t({ ja: `${view.errors.length}件の回答を確認してください。`, en: `Please check ${view.errors.length} answer(s).` })}</p>
<ul>${view.errors.map((e) => html`<li><a href="#survey-${e.questionId}">${localised(v, s.questions.find((q) => q.id === e.questionId)?.label ?? e.questionId, s.questions.find((q) => q.id === e.questionId)?.label_en)}</a></li>`)}</ul></div>`
      : null;
  const answered =
    view.answeredAt !== null && view.errors.length === 0
      ? html`<p class="ok" role="status">${v.t({ ja: `回答済みです（${when(view.answeredAt, 'ja')}）。`, en: `Answered (${when(view.answeredAt, 'en')}).` })}${
          view.closesAt !== null ? v.t({ ja: `${when(view.closesAt, 'ja')}まで変更できます。`, en: ` You can change your answers until ${when(view.closesAt, 'en')}.` }) : v.t({ ja: '変更もできます。', en: ' You can change your answers.' })
        }</p>`
      : null;
  const intro = localised(v, s.intro ?? '', s.intro_en);
  return html`<section class="card" aria-labelledby="survey-h">
<h2 id="survey-h">${localised(v, s.title, s.title_en)}</h2>
${intro ? html`<p>${intro}</p>` : null}${answered}${summary}
<form method="post" action="${v.base}/survey/answer" class="main">${v.csrf}
${s.questions.map((q, i) => question(view, q, i))}
<button type="submit">${view.answeredAt !== null ? v.t({ ja: '回答を更新する', en: 'Update my answers' }) : v.t({ ja: '回答を送信する', en: 'Send my answers' })}</button>
</form>
</section>`;
}
