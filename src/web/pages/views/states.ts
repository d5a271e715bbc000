// The pages that show nothing personal: expired (whom to contact), not set up, locked, unknown link,
// too many tries from one address, and a form that came without its token.
import type { Contact, Organisation } from '../../../landing/organisation.ts';
import { html, type Html } from '../html.ts';
import { contactBlock, orgName } from '../layout.ts';
import { formatMoment, pick, say, TEXT, type Lang } from '../text.ts';

export interface StateView {
  title: string;
  body: Html;
}

export function expiredView(lang: Lang, org: Organisation, contact: Contact | null, expiredAt: number): StateView {
  return {
    title: pick(lang, TEXT.expiredTitle),
    body: html`<div class="info"><p>${say(lang, 'expired', { date: formatMoment(expiredAt, lang) })}</p></div>${contactBlock(lang, org, contact)}`,
  };
}

export function unconfiguredView(lang: Lang, org: Organisation, contact: Contact | null): StateView {
  return { title: pick(lang, TEXT.unconfiguredTitle), body: html`<div class="info"><p>${pick(lang, TEXT.unconfigured)}</p></div>${contactBlock(lang, org, contact)}` };
}

export function unavailableView(lang: Lang, org: Organisation, contact: Contact | null): StateView {
  return { title: pick(lang, TEXT.verifyTitle), body: html`<div class="info" role="alert"><p>${pick(lang, TEXT.unavailable)}</p></div>${contactBlock(lang, org, contact)}` };
}

export function lockedView(lang: Lang, org: Organisation, contact: Contact | null): StateView {
  return { title: pick(lang, TEXT.lockedTitle), body: html`<div class="alert" role="alert"><p>${pick(lang, TEXT.locked)}</p></div>${contactBlock(lang, org, contact)}` };
}

/** The same for every code that is not ours, whatever its form. */
export function notFoundView(lang: Lang, org: Organisation): StateView {
  return {
    title: pick(lang, TEXT.notFoundTitle),
    body: html`<div class="info"><p>${pick(lang, TEXT.notFound)}</p></div><p><a class="button secondary" href="/verify">${pick(lang, TEXT.checkLink)}</a></p>${contactBlock(lang, org, org.contact)}`,
  };
}

export function tooManyView(lang: Lang, org: Organisation, retryAfterSeconds: number): StateView {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return { title: pick(lang, TEXT.tooManyTitle), body: html`<div class="alert" role="alert"><p>${say(lang, 'tooMany', { minutes })}</p></div>${contactBlock(lang, org, org.contact)}` };
}

export function formExpiredView(lang: Lang, back: string): StateView {
  return {
    title: pick(lang, TEXT.formExpiredTitle),
    body: html`<div class="alert" role="alert"><p>${pick(lang, TEXT.formExpired)}</p></div><p><a class="button" href="${back}">${pick(lang, TEXT.backToPage)}</a></p>`,
  };
}

export function noticeTitle(lang: Lang, org: Organisation): string {
  return `${orgName(org, lang)}${pick(lang, TEXT.noticeFrom)}`;
}
