// ★ The anti-smishing page (/verify): check a sender number or a link from an SMS, see the official
// senders and what the organisation's messages look like.
import type { CheckResult } from '../../../landing/check.ts';
import type { Organisation } from '../../../landing/organisation.ts';
import { html, type Html } from '../html.ts';
import { contactBlock, orgName } from '../layout.ts';
import { formatDay, pick, say, TEXT, type Lang } from '../text.ts';
import { hostOfBase } from '../../../core/link-origin.ts';

export interface CheckPageView {
  lang: Lang;
  org: Organisation;
  csrf: Html;
  query: string;
  /** A spent guessing budget is answered with the 429 page instead. */
  result: Exclude<CheckResult, { kind: 'blocked' }> | null;
}

function resultBox(lang: Lang, org: Organisation, result: NonNullable<CheckPageView['result']>): Html {
  const name = orgName(org, lang);
  switch (result.kind) {
    case 'unreadable':
      return html`<div class="alert" role="status" id="result"><p>${pick(lang, TEXT.checkUnreadable)}</p></div>`;
    case 'sender':
      return result.official
        ? html`<div class="ok" role="status" id="result"><p>${say(lang, 'checkSenderYes', { sender: result.sender, org: name })}</p></div>`
        : html`<div class="alert" role="status" id="result"><p>${say(lang, 'checkSenderNo', { sender: result.sender, org: name })}</p></div>`;
    case 'foreign':
      // Said the same whether the code in it exists or not: it was never looked up.
      return html`<div class="alert" role="alert" id="result"><p>${say(lang, 'checkForeign', { org: name, base: org.linkBase })}</p>${
        result.host ? html`<p>${say(lang, 'checkForeignHost', { host: result.host })}</p>` : null
      }</div>`;
    case 'code': {
      if (!result.found) return html`<div class="alert" role="status" id="result"><p>${say(lang, 'checkCodeNo', { org: name })}</p></div>`;
      const yes = say(lang, 'checkCodeYes', { org: name, date: result.sentAt ? formatDay(result.sentAt, lang) : '—' });
      // A code without its link vouches only for the code: name the domain the genuine link uses.
      const domain = result.bare ? html`<p>${say(lang, 'checkBareDomain', { host: hostOfBase(org.linkBase), base: org.linkBase })}</p>` : null;
      return html`<div class="ok" role="status" id="result"><p>${yes}</p>${domain}</div>`;
    }
  }
}

export function checkBody(v: CheckPageView): Html {
  const name = orgName(v.org, v.lang);
  const example = `${v.org.linkBase}/AbC12dEf34G`;
  const sample = v.org.sampleMessage ?? (v.lang === 'en' ? `[${name}] Notice about your account. Please check the details here: ${example}` : `【${name}】お支払いに関するお知らせです。詳細はこちらからご確認ください。${example}`);
  return html`<p>${say(v.lang, 'checkIntro', { org: name })}</p>
${v.result ? resultBox(v.lang, v.org, v.result) : null}
<form class="card main" method="post" action="/verify" novalidate>
${v.csrf}
<label for="q">${pick(v.lang, TEXT.checkLabel)}</label>
<span class="hint" id="q-hint">${say(v.lang, 'checkHint', { example })}</span>
<input type="text" id="q" name="q" value="${v.query}" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="300" aria-describedby="q-hint">
<button type="submit">${pick(v.lang, TEXT.checkButton)}</button>
</form>
<section class="card" aria-labelledby="senders-h">
<h2 id="senders-h">${pick(v.lang, TEXT.officialSenders)}</h2>
<ul class="senders">${v.org.officialSenders.map((s) => html`<li>${s}</li>`)}</ul>
</section>
<section class="card" aria-labelledby="looks-h">
<h2 id="looks-h">${say(v.lang, 'howOursLook', { org: name })}</h2>
<ul>
<li>${say(v.lang, 'linksStartWith', { base: v.org.linkBase })}</li>
<li>${pick(v.lang, TEXT.verifyOnPage)}</li>
<li>${pick(v.lang, TEXT.neverAsk)}</li>
</ul>
<h3>${pick(v.lang, TEXT.sampleTitle)}</h3>
<p class="sample">${sample}</p>
</section>
${contactBlock(v.lang, v.org, v.org.contact)}`;
}
