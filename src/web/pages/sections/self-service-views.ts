// The self-service section's HTML: the card on the verified page (what the person already asked for,
// and a button per action the campaign offers), each action's form on its own page (labelled fields,
// errors summarised and tied to their field), and the "not me" offer shown before the identity check,
// which names nobody. No script: plain forms that post and come back.
import { html, type Html } from '../html.ts';
import type { OpenVisit, VerifiedVisit } from '../sections.ts';
import type { DebtorAction } from '../../../store/debtor-actions.ts';
import type { FieldProblem } from '../../../landing/self-service.ts';
import { addDays, formatDate, type DebtorActionKind, type SelfServiceSettings } from '../../../core/debtor-actions.ts';
import type { Bilingual } from '../../../core/errors.ts';

export const SECTION = 'self-service';

type Visit = Pick<VerifiedVisit, 'base' | 'lang' | 't' | 'csrf'> | Pick<OpenVisit, 'base' | 'lang' | 't' | 'csrf'>;

export const TITLES: Record<DebtorActionKind, Bilingual> = {
  promise: { ja: '支払いを約束する', en: 'Promise to pay' },
  instalment: { ja: '分割払いを相談したい', en: 'Ask to pay in instalments' },
  dispute: { ja: '内容に心当たりがない', en: 'I do not recognise this' },
  not_me: { ja: '私は宛先の本人ではありません', en: 'I am not the person this is addressed to' },
};

const PATHS: Record<DebtorActionKind, string> = { promise: 'promise', instalment: 'instalment', dispute: 'dispute', not_me: 'not-me' };
export const pathOf = (kind: DebtorActionKind) => `/${SECTION}/${PATHS[kind]}`;

const yen = (n: number, lang: 'ja' | 'en') => `¥${n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}`;
const back = (v: Visit, anchor = `#section-${SECTION}`) => html`<p><a class="button secondary" href="${v.base}${anchor}">${v.t({ ja: 'お知らせに戻る', en: 'Back to the notice' })}</a></p>`;

/** What the person asked for, in words, for the card. */
function statusLine(v: Visit, a: DebtorAction): Html | null {
  switch (a.kind) {
    case 'promise':
      if (a.state === 'open') {
        const amount = a.amount === null ? '' : v.t({ ja: `（${yen(a.amount, 'ja')}）`, en: ` (${yen(a.amount, 'en')})` });
        return html`<p class="ok" role="status">${v.t({ ja: `${formatDate(a.promised_date!, 'ja')}までにお支払いいただくお約束を承っています${amount}。`, en: `You have promised to pay by ${formatDate(a.promised_date!, 'en')}${amount}.` })}</p>`;
      }
      if (a.state === 'kept') return html`<p class="ok" role="status">${v.t({ ja: 'お約束どおりのお支払いを確認しました。ありがとうございました。', en: 'We have received your payment as promised. Thank you.' })}</p>`;
      return null;
    case 'instalment':
      if (a.state !== 'open') return null;
      return html`<p class="ok" role="status">${v.t({ ja: '分割払いのご相談を受け付けました。担当者からご連絡します。', en: 'We have your request to pay in instalments. We will contact you.' })}</p>`;
    case 'dispute':
      if (a.state === 'open') return html`<p class="ok" role="status">${v.t({ ja: 'お申し出を受け付けました。担当者が内容を確認するまで、このお知らせの送信を止めています。', en: 'We have your message. We have stopped sending these notices while we look into it.' })}</p>`;
      return null;
    case 'not_me':
      if (a.state === 'open' || a.state === 'resolved') return html`<p class="ok" role="status">${v.t({ ja: '宛先違いのお申し出を受け付けました。この番号へのお知らせの送信を止めています。', en: 'Thank you for telling us. We have stopped sending these notices to this number.' })}</p>`;
      return null;
  }
}

/** The card on the verified page; null when nothing is offered and nothing was asked. */
export function selfServiceCard(v: VerifiedVisit, settings: SelfServiceSettings, actions: readonly DebtorAction[]): Html | null {
  const lines = actions.map((a) => statusLine(v, a)).filter((l): l is Html => l !== null);
  // A dispute or a "not me" waiting for review: nothing else to ask for until someone has looked.
  const stopped = actions.some((a) => (a.kind === 'dispute' && a.state === 'open') || (a.kind === 'not_me' && (a.state === 'open' || a.state === 'resolved')));
  const offered: DebtorActionKind[] = stopped
    ? []
    : (['promise', 'instalment', 'dispute', 'not_me'] as const).filter((k) => (k === 'promise' ? settings.promise : k === 'instalment' ? settings.instalment : k === 'dispute' ? settings.dispute : settings.notMe));
  if (lines.length === 0 && offered.length === 0) return null;
  const promised = actions.some((a) => a.kind === 'promise' && a.state === 'open');
  const label = (k: DebtorActionKind) => (k === 'promise' && promised ? v.t({ ja: 'お約束の日付を変更する', en: 'Change the promised date' }) : v.t(TITLES[k]));
  return html`<section class="card" aria-labelledby="self-service-h">
<h2 id="self-service-h">${v.t({ ja: 'お支払い・お申し出', en: 'Paying, or telling us something' })}</h2>
${lines}
${offered.length > 0 ? html`<p>${v.t({ ja: 'すぐにお支払いできない場合や、お知らせの内容についてお申し出がある場合は、こちらからお知らせください。', en: 'If you cannot pay right away, or something in this notice is wrong, tell us here.' })}</p>
<ul class="choices">${offered.map((k) => html`<li><a class="button secondary" href="${v.base}${pathOf(k)}">${label(k)}</a></li>`)}</ul>` : null}
</section>`;
}

function problemsBox(v: Visit, problems: readonly FieldProblem[]): Html | null {
  if (problems.length === 0) return null;
  return html`<div class="alert" role="alert"><p>${v.t({ ja: '入力内容を確認してください。', en: 'Please check what you entered.' })}</p>
<ul>${problems.map((p) => html`<li><a href="#ss-${p.field}">${v.t(p)}</a></li>`)}</ul></div>`;
}

function field(v: Visit, o: { name: FieldProblem['field']; label: Bilingual; hint: Bilingual; problems: readonly FieldProblem[]; input: (attrs: Html) => Html; optional?: boolean }): Html {
  const id = `ss-${o.name}`;
  const problem = o.problems.find((p) => p.field === o.name);
  const errorId = `${id}-error`;
  const attrs = html`id="${id}" name="${o.name}" aria-describedby="${id}-hint${problem ? ` ${errorId}` : ''}"${problem ? html` aria-invalid="true"` : null}`;
  return html`<div class="field"><label for="${id}">${v.t(o.label)}${o.optional ? html` <small>${v.t({ ja: '（任意）', en: '(optional)' })}</small>` : null}</label>
<span class="hint" id="${id}-hint">${v.t(o.hint)}</span>${problem ? html`<p class="alert" id="${errorId}">${v.t(problem)}</p>` : null}
${o.input(attrs)}</div>`;
}

export interface PromiseFormView {
  today: string;
  maxDays: number;
  values: { date?: string | undefined; amount?: string | undefined };
  problems: readonly FieldProblem[];
  owed: string | null;
}

export function promiseForm(v: VerifiedVisit, f: PromiseFormView): Html {
  const last = addDays(f.today, f.maxDays);
  return html`${problemsBox(v, f.problems)}
<p>${v.t({ ja: `お支払いいただける日を、今日から${f.maxDays}日以内（${formatDate(last, 'ja')}まで）でお選びください。お約束いただくと、確認のSMSをお送りします。`, en: `Choose the day you will pay by, within ${f.maxDays} days (by ${formatDate(last, 'en')}). We will send you an SMS to confirm.` })}</p>
<form class="card main" method="post" action="${v.base}${pathOf('promise')}" novalidate>${v.csrf}
${field(v, {
  name: 'date',
  label: { ja: 'お支払い予定日', en: 'I will pay by' },
  hint: { ja: `例: ${f.today}`, en: `e.g. ${f.today}` },
  problems: f.problems,
  input: (a) => html`<input type="date" ${a} required min="${f.today}" max="${last}" value="${f.values.date ?? ''}">`,
})}
${field(v, {
  name: 'amount',
  label: { ja: 'お支払い予定の金額', en: 'Amount I will pay' },
  hint: f.owed ? { ja: `円単位の数字（ご請求額: ${f.owed}）`, en: `In yen, digits only (amount due: ${f.owed})` } : { ja: '円単位の数字。空欄の場合はご請求額の全額とします', en: 'In yen, digits only. Leave empty for the full amount' },
  problems: f.problems,
  optional: true,
  input: (a) => html`<input type="text" ${a} inputmode="numeric" autocomplete="off" maxlength="20" value="${f.values.amount ?? ''}">`,
})}
<button type="submit">${v.t({ ja: 'この内容で約束する', en: 'Make this promise' })}</button>
</form>${back(v)}`;
}

export interface InstalmentFormView {
  values: { monthly?: string | undefined; note?: string | undefined };
  problems: readonly FieldProblem[];
  noteMax: number;
}

export function instalmentForm(v: VerifiedVisit, f: InstalmentFormView): Html {
  return html`${problemsBox(v, f.problems)}
<p>${v.t({ ja: '一度にお支払いいただくのが難しい場合は、ご希望の月々の金額とご事情をお知らせください。担当者が確認のうえご連絡します。', en: 'If you cannot pay all at once, tell us how much you could pay each month and why. We will look at it and contact you.' })}</p>
<form class="card main" method="post" action="${v.base}${pathOf('instalment')}" novalidate>${v.csrf}
${field(v, {
  name: 'monthly',
  label: { ja: 'ご希望の月々のお支払い額', en: 'Monthly amount I could pay' },
  hint: { ja: '円単位の数字 例: 10000', en: 'In yen, digits only, e.g. 10000' },
  problems: f.problems,
  input: (a) => html`<input type="text" ${a} inputmode="numeric" autocomplete="off" maxlength="20" value="${f.values.monthly ?? ''}">`,
})}
${field(v, {
  name: 'note',
  label: { ja: 'ご相談内容', en: 'Your message' },
  hint: { ja: `${f.noteMax}文字まで`, en: `Up to ${f.noteMax} characters` },
  problems: f.problems,
  optional: true,
  input: (a) => html`<textarea ${a} rows="5" maxlength="${f.noteMax}">${f.values.note ?? ''}</textarea>`,
})}
<button type="submit">${v.t({ ja: '相談を送る', en: 'Send my request' })}</button>
</form>${back(v)}`;
}

export function disputeForm(v: VerifiedVisit, f: { values: { note?: string | undefined }; problems: readonly FieldProblem[]; noteMax: number }): Html {
  return html`${problemsBox(v, f.problems)}
<p>${v.t({ ja: 'このお知らせの内容（ご請求の有無や金額など）に心当たりがない場合は、お知らせください。担当者が確認するまで、このお知らせの送信を止めます。', en: 'If you do not recognise what this notice says (the debt or its amount), tell us. We will stop sending these notices until we have looked into it.' })}</p>
<form class="card main" method="post" action="${v.base}${pathOf('dispute')}" novalidate>${v.csrf}
${field(v, {
  name: 'note',
  label: { ja: '心当たりがない点', en: 'What you do not recognise' },
  hint: { ja: `${f.noteMax}文字まで`, en: `Up to ${f.noteMax} characters` },
  problems: f.problems,
  optional: true,
  input: (a) => html`<textarea ${a} rows="5" maxlength="${f.noteMax}">${f.values.note ?? ''}</textarea>`,
})}
<button type="submit">${v.t({ ja: '心当たりがないと伝える', en: 'Tell them I do not recognise this' })}</button>
</form>${back(v)}`;
}

/** The "not me" page: the same before and after the identity check, naming nobody. */
export function notMeForm(v: OpenVisit): Html {
  return html`<p>${v.t({ ja: 'このSMSが、あなた以外の方に宛てたものである場合（電話番号の変更や入力の誤りなど）は、お知らせください。この番号へのお知らせの送信を止めます。あなたについての情報をお尋ねすることはありません。', en: 'If this SMS was meant for someone else (the number changed hands or was mistyped), tell us. We will stop sending these notices to this number. We will not ask you for anything about yourself.' })}</p>
<form class="card main" method="post" action="${v.base}${pathOf('not_me')}">${v.csrf}
<button type="submit">${v.t({ ja: '宛先の本人ではないと伝える', en: 'Tell them this is not me' })}</button>
</form>
<p><a class="button secondary" href="${v.base}">${v.t({ ja: '戻る', en: 'Back' })}</a></p>`;
}

export function notMeDone(v: OpenVisit): Html {
  return html`<p class="ok" role="status">${v.t({ ja: 'お知らせいただきありがとうございました。この番号へのお知らせの送信を止めました。このSMSは削除していただいて構いません。', en: 'Thank you for telling us. We have stopped sending these notices to this number. You may delete the SMS.' })}</p>`;
}

/** Under the identity check and the locked notice: the way out for someone who is not the addressee. */
export function notMeOffer(v: OpenVisit): Html {
  return html`<section class="card" aria-labelledby="not-me-h"><h2 id="not-me-h">${v.t({ ja: 'お心当たりのない方へ', en: 'Not for you?' })}</h2>
<p>${v.t({ ja: 'このSMSがあなた宛てでない場合は、本人確認をせずにお知らせいただけます。', en: 'If this SMS is not for you, you can tell us without the check above.' })}</p>
<p><a class="button secondary" href="${v.base}${pathOf('not_me')}">${v.t(TITLES.not_me)}</a></p></section>`;
}

export function doneMessage(v: VerifiedVisit, kind: DebtorActionKind, confirmation: boolean): Html {
  const text: Record<DebtorActionKind, Bilingual> = {
    promise: confirmation
      ? { ja: 'お約束を承りました。確認のSMSをお送りします。', en: 'Your promise has been noted. We will send you an SMS to confirm.' }
      : { ja: 'お約束を承りました。', en: 'Your promise has been noted.' },
    instalment: { ja: 'ご相談を受け付けました。担当者からご連絡します。', en: 'We have your request. We will contact you.' },
    dispute: { ja: 'お申し出を受け付けました。担当者が確認するまで、このお知らせの送信を止めます。', en: 'We have your message. We have stopped sending these notices while we look into it.' },
    not_me: { ja: 'お知らせいただきありがとうございました。この番号へのお知らせの送信を止めました。', en: 'Thank you for telling us. We have stopped sending these notices to this number.' },
  };
  return html`<p class="ok" role="status">${v.t(text[kind])}</p>${back(v)}`;
}
