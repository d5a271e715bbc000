// The frame of every recipient page: language, viewport (zoom allowed), the organisation's header,
// a skip link, one heading per page, the contact block and the footer with the anti-smishing link.
import type { Organisation, Contact } from '../../landing/organisation.ts';
import { randomBytes } from 'node:crypto';
import { html, trusted, type Html } from './html.ts';
import { TEXT, pick, say, type Lang } from './text.ts';
import { stylesheetHref } from './theme.ts';
import { senderIdentity } from './sender-identity.ts';

export interface PageOptions {
  lang: Lang;
  org: Organisation;
  /** The page's heading and (with the organisation's name) its title. */
  title: string;
  body: Html;
  /** A path this page can be fetched at with GET, for the language switch. */
  selfPath: string;
}

export function orgName(org: Organisation, lang: Lang): string {
  return lang === 'en' && org.nameEn ? org.nameEn : org.name;
}

function logo(org: Organisation): Html | null {
  if (!org.logo) return null;
  const src = org.logo.kind === 'url' ? org.logo.url : `/p/logo?v=${org.logo.version.toString(36)}`;
  // The name is printed next to it, so the image itself is decorative for screen readers.
  return html`<img src="${src}" alt="">`;
}

export function page(o: PageOptions): string {
  const other: Lang = o.lang === 'ja' ? 'en' : 'ja';
  const name = orgName(o.org, o.lang);
  return `<!doctype html>\n${html`<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no">
<title>${o.title} | ${name}</title>
<link rel="stylesheet" href="${stylesheetHref(o.org)}">
</head>
<body>
<a class="skip" href="#main">${pick(o.lang, TEXT.skip)}</a>
<header class="brand">${logo(o.org)}<span class="org">${name}</span>
<a href="${o.selfPath}?lang=${other}" hreflang="${other}" lang="${other}">${pick(o.lang, TEXT.otherLang)}</a></header>
<main id="main">
<h1>${o.title}</h1>
${o.body}
</main>
<footer>
<p>${say(o.lang, 'officialPage', { org: name })} <a href="/verify">${pick(o.lang, TEXT.checkLink)}</a></p>
${senderIdentity(o.lang, o.org)}
</footer>
</body>
</html>`.value}\n`;
}

/** A page's frame as UTF-8 bytes, around the two parts a request supplies: the path the language switch links to, and the body. */
export interface Frame {
  head: Buffer;
  mid: Buffer;
  tail: Buffer;
}

// Random per process (as respond.ts's notice slot): no setting or title can contain them. The path's mark
// is plain letters and digits, which escaping leaves as they are.
const PATH_MARK = `p${randomBytes(16).toString('hex')}`;
const BODY_MARK = trusted(`<!--body-${randomBytes(16).toString('hex')}-->`);
const MAX_FRAMES_PER_ORGANISATION = 64;
// By the organisation's object: settings read again (a new object) get new frames.
const frames = new WeakMap<Organisation, Map<string, Frame>>();

/**
 * The frame `page` would put around a path and a body, rendered once per organisation, language and
 * title instead of on every view: head + escaped path + mid + body + tail is the same page.
 */
export function frameOf(lang: Lang, org: Organisation, title: string): Frame {
  let byTitle = frames.get(org);
  if (!byTitle) frames.set(org, (byTitle = new Map()));
  const key = `${lang}\0${title}`;
  let frame = byTitle.get(key);
  if (!frame) {
    const text = page({ lang, org, title, selfPath: PATH_MARK, body: BODY_MARK });
    const path = text.indexOf(PATH_MARK);
    const body = text.indexOf(BODY_MARK.value);
    frame = {
      head: Buffer.from(text.slice(0, path)),
      mid: Buffer.from(text.slice(path + PATH_MARK.length, body)),
      tail: Buffer.from(text.slice(body + BODY_MARK.value.length)),
    };
    if (byTitle.size >= MAX_FRAMES_PER_ORGANISATION) byTitle.clear();
    byTitle.set(key, frame);
  }
  return frame;
}

// By organisation and contact object (both replaced when settings are read again), per language.
const contactBlocks = new WeakMap<Organisation, WeakMap<Contact, Partial<Record<Lang, Html>>>>();

export function contactBlock(lang: Lang, org: Organisation, contact: Contact | null): Html {
  if (!contact) return renderContactBlock(lang, org, contact);
  let byContact = contactBlocks.get(org);
  if (!byContact) contactBlocks.set(org, (byContact = new WeakMap()));
  let blocks = byContact.get(contact);
  if (!blocks) byContact.set(contact, (blocks = {}));
  return (blocks[lang] ??= renderContactBlock(lang, org, contact));
}

function renderContactBlock(lang: Lang, org: Organisation, contact: Contact | null): Html {
  if (!contact) return html`<section class="card contact" aria-labelledby="contact-h"><h2 id="contact-h">${pick(lang, TEXT.contactTitle)}</h2><p>${pick(lang, TEXT.noContact)}</p></section>`;
  const hours = lang === 'en' && contact.hoursEn ? contact.hoursEn : contact.hours;
  const tel = contact.phone.normalize('NFKC').replace(/[^\d+]/gu, '');
  return html`<section class="card contact" aria-labelledby="contact-h">
<h2 id="contact-h">${pick(lang, TEXT.contactTitle)}</h2>
<p>${contact.name ?? orgName(org, lang)}</p>
<dl><dt>${pick(lang, TEXT.phone)}</dt><dd><a class="tel" href="tel:${tel}">${contact.phone}</a></dd>
${hours ? html`<dt>${pick(lang, TEXT.hours)}</dt><dd>${hours}</dd>` : null}</dl>
</section>`;
}
