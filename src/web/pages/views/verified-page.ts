// The page a verified recipient reads: the notice, then each section (PDF, survey, payment …) in order,
// whom to contact, and a button that ends the session on a shared phone.
import type { Contact, Organisation } from '../../../landing/organisation.ts';
import { html, type Html } from '../html.ts';
import { contactBlock } from '../layout.ts';
import { pick, TEXT, type Lang } from '../text.ts';

export interface VerifiedPageView {
  lang: Lang;
  org: Organisation;
  contact: Contact | null;
  /** Where the notice goes (its HTML is spliced in as bytes when the page is sent: respond.ts NOTICE_SLOT). */
  notice: { slot: Html; inRequestedLanguage: boolean } | null;
  sections: { id: string; html: Html }[];
  base: string;
  csrf: Html;
}

export function verifiedBody(v: VerifiedPageView): Html {
  const note = v.notice && !v.notice.inRequestedLanguage ? html`<p class="info">${pick(v.lang, TEXT.japaneseOnly)}</p>` : null;
  const notice = v.notice ? html`${note}<article class="notice" lang="${v.notice.inRequestedLanguage ? v.lang : 'ja'}">${v.notice.slot}</article>` : null;
  return html`${notice}
${v.sections.map((s) => html`<div class="section" id="section-${s.id}">${s.html}</div>\n`)}
${contactBlock(v.lang, v.org, v.contact)}
<form class="end" method="post" action="${v.base}/logout">${v.csrf}<button type="submit" class="secondary">${pick(v.lang, TEXT.endSession)}</button>
<span class="hint">${pick(v.lang, TEXT.sessionNote)}</span></form>`;
}
