// The extension point of the verified page. After the notice, the page shows each section in order
// (PDF, survey, payment …); a section is a small server-rendered function of the verified visit, and
// may add its own pages and form posts under the recipient's link, which are served only to a
// verified session (expired, locked, unknown or unverified visits get the same pages as the link
// itself) and whose posts are CSRF-checked before the handler runs.
//
//   const pdfSection: LandingSection = {
//     id: 'pdf',
//     render: (v) => html`<h2>${v.t({ ja: '請求書', en: 'Invoice' })}</h2><a class="button" href="${v.base}/pdf/file">…</a>`,
//     routes: (r) => r.get('/file', async (v, _req, reply) => reply.type('application/pdf').send(await makePdf(v.fields))),
//   };
//   // → GET /l/:code/pdf/file, for a verified session only
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual } from '../../core/errors.ts';
import type { Organisation } from '../../landing/organisation.ts';
import type { Lang } from '../../landing/landing.ts';
import type { Html } from './html.ts';

/** A recipient who has passed the identity check on this link, as sections see them. */
export interface VerifiedVisit {
  /** The link code, and `/l/<code>`: the prefix of the section's links and form actions. */
  code: string;
  base: string;
  messageId: number;
  campaignId: number;
  campaignName: string;
  recipientId: number;
  /** The recipient's row from the list (decrypted), by field name: name, amount, due_date, custom columns. */
  fields: Readonly<Record<string, string>>;
  lang: Lang;
  organisation: Organisation;
  /** `<input type="hidden" name="_csrf" …>`: put it in every form that posts under `base`. */
  csrf: Html;
  csrfToken: string;
  /** When this session ends, and when the link itself expires (null: no expiry). */
  sessionExpiresAt: number;
  linkExpiresAt: number | null;
  /** Picks the visitor's language. */
  t(text: Bilingual): string;
}

export type SectionHandler = (visit: VerifiedVisit, req: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * A visitor of a link who may not have passed the identity check (yet): what a section may offer before
 * it ("not me"), which must show nothing personal. `verified` says whether they have a session.
 */
export interface OpenVisit {
  code: string;
  base: string;
  messageId: number;
  campaignId: number;
  recipientId: number;
  lang: Lang;
  organisation: Organisation;
  csrf: Html;
  verified: boolean;
  t(text: Bilingual): string;
}

export type OpenSectionHandler = (visit: OpenVisit, req: FastifyRequest, reply: FastifyReply) => unknown;

export interface OpenSectionRouter {
  get(path: string, handler: OpenSectionHandler): void;
  post(path: string, handler: OpenSectionHandler): void;
}

export interface SectionRouter {
  /** GET `/l/:code/<section id><path>`. */
  get(path: string, handler: SectionHandler): void;
  /** POST `/l/:code/<section id><path>`; the form must carry `visit.csrf`. */
  post(path: string, handler: SectionHandler): void;
}

export interface LandingSection {
  /** Lower-case letters, digits and '-': its anchor on the page and the first segment of its routes. */
  id: string;
  /** Its part of the verified page (it builds it with the `html` tag); null shows nothing. */
  render?(visit: VerifiedVisit): Html | null | Promise<Html | null>;
  routes?(router: SectionRouter): void;
  /** Its part of the identity-check page and the locked page: shown before any check, so nothing personal. */
  renderBeforeCheck?(visit: OpenVisit): Html | null | Promise<Html | null>;
  /** Pages and posts served whether or not the visitor passed the check (posts CSRF-checked): nothing personal. */
  openRoutes?(router: OpenSectionRouter): void;
}

export const SECTION_ID = /^[a-z0-9][a-z0-9-]*$/u;
