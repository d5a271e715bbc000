// The identity check (本人確認) form: one labelled field for the campaign's method, an example, and
// after a wrong answer the error and the tries left, announced to screen readers. Nothing personal.
import type { VerificationMethod } from '../../../landing/answers.ts';
import { html, type Html } from '../html.ts';
import { methodText, pick, say, TEXT, type Lang } from '../text.ts';

export type FormProblem = { kind: 'wrong'; remaining: number } | { kind: 'invalid' } | null;

export interface VerifyFormView {
  lang: Lang;
  base: string;
  method: VerificationMethod;
  columnLabel: string;
  digits: number | null;
  csrf: Html;
  problem: FormProblem;
}

export function verifyForm(v: VerifyFormView): Html {
  const m = methodText(v.method, v.columnLabel, v.digits);
  const error =
    v.problem?.kind === 'wrong'
      ? html`<div class="alert" role="alert" id="answer-error"><p>${pick(v.lang, TEXT.wrong)}</p><p><strong>${say(v.lang, 'remaining', { n: v.problem.remaining })}</strong></p></div>`
      : v.problem?.kind === 'invalid'
        ? html`<div class="alert" role="alert" id="answer-error"><p>${pick(v.lang, TEXT.invalid)}</p></div>`
        : null;
  return html`<p>${pick(v.lang, TEXT.verifyIntro)}</p>
${error}
<form class="card main" method="post" action="${v.base}/verify" novalidate>
${v.csrf}
<label for="answer">${pick(v.lang, m.label)}</label>
<span class="hint" id="answer-hint">${pick(v.lang, m.hint)}</span>
<input type="text" id="answer" name="answer" inputmode="${m.inputmode}" autocomplete="${m.autocomplete}" autocapitalize="off" spellcheck="false" maxlength="64" required aria-describedby="answer-hint${error ? ' answer-error' : ''}"${error ? html` aria-invalid="true"` : null}>
<button type="submit">${pick(v.lang, TEXT.confirm)}</button>
</form>`;
}
