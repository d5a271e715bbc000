// /l/:code — a recipient's own link: the identity check, the verified page (notice, sections), ending
// the session, and every page under the link (the sections' own ones included) behind one gate:
// unknown → the same "not found" page for any code; expired → whom to contact, also by direct URL to
// any inner page; locked → the locked page; no session → back to the identity check.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Landing, ConfiguredTarget } from '../../landing/landing.ts';
import type { LinkTarget } from '../../store/landing.ts';
import type { Logger } from '../../log.ts';
import type { Lang } from '../../landing/landing.ts';
import { SESSION_TTL_MS } from '../../landing/policy.ts';
import { SECTION_ID, type LandingSection, type OpenSectionHandler, type OpenVisit, type SectionHandler, type VerifiedVisit } from './sections.ts';
import { clearSession, csrfInput, formField, langOf, nonceFor, NOTICE_SLOT, sendPage, SESSION_COOKIE, NONCE_COOKIE, setSession, visitorOf, type PageReply } from './respond.ts';
import { expiredView, formExpiredView, lockedView, noticeTitle, notFoundView, tooManyView, unavailableView, unconfiguredView } from './views/states.ts';
import { verifyForm, type FormProblem } from './views/verify-form.ts';
import { verifiedBody } from './views/verified-page.ts';
import { html, type Html } from './html.ts';
import { pick, TEXT } from './text.ts';
import { decodeColumns } from '../../core/csv/imported-columns.ts';

export interface LinkRoutesDeps {
  landing: Landing;
  sections: readonly LandingSection[];
  log: Logger;
}

type Params = { code: string };

/** A link that may show its identity check or its verified pages. */
interface Open {
  ctx: PageReply;
  code: string;
  base: string;
  target: ConfiguredTarget;
  locked: boolean;
}

export function linkRoutes(app: FastifyInstance, deps: LinkRoutesDeps): void {
  const { landing, sections } = deps;

  for (const s of sections) {
    if (!SECTION_ID.test(s.id) || ['verify', 'logout'].includes(s.id)) throw new Error(`landing section id "${s.id}" is not allowed`);
  }

  /**
   * What every request under a link goes through first. Answers itself (and returns null) for a
   * blocked address, an unknown code, an expired link or one not set up.
   */
  async function gate(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, kind: 'entry' | 'inner'): Promise<Open | null> {
    const { code } = req.params;
    const base = `/l/${code}`;
    const lang = langOf(req, reply);
    const org = await landing.organisation();
    const ctx: PageReply = { lang, org, selfPath: base };
    const visitor = visitorOf(req);
    // Page views may use the link's state of the last second; anything that posts reads it fresh.
    const visit = await landing.enter(code, visitor, { recent: req.method === 'GET' });
    if (visit.kind === 'blocked') {
      void reply.header('retry-after', String(visit.retryAfterSeconds));
      sendPage(reply, 429, { ...ctx, selfPath: '/verify' }, tooManyView(lang, org, visit.retryAfterSeconds));
      return null;
    }
    if (visit.kind === 'unknown') {
      sendPage(reply, 404, { ...ctx, selfPath: '/verify' }, notFoundView(lang, org));
      return null;
    }
    if (visit.kind === 'expired') {
      await landing.recordExpiredView(visit.target, visitor);
      clearSession(req, reply, base);
      sendPage(reply, 410, ctx, expiredView(lang, org, landing.contact(visit.target, org), visit.target.landing!.expiresAt!));
      return null;
    }
    if (kind === 'entry') await landing.recordOpen(visit.target, visitor);
    if (visit.kind === 'unconfigured') {
      sendPage(reply, 200, ctx, unconfiguredView(lang, org, landing.contact(visit.target, org)));
      return null;
    }
    return { ctx, code, base, target: visit.target, locked: visit.kind === 'locked' };
  }

  async function sendLocked(req: FastifyRequest, reply: FastifyReply, open: Open): Promise<void> {
    const view = lockedView(open.ctx.lang, open.ctx.org, landing.contact(open.target, open.ctx.org));
    sendPage(reply, 423, open.ctx, { ...view, body: html`${view.body}${await beforeCheck(req, reply, open)}` });
  }

  function openVisit(req: FastifyRequest, reply: FastifyReply, open: Open, verified: boolean): OpenVisit {
    const { lang, org } = open.ctx;
    const t = open.target;
    return { code: open.code, base: open.base, messageId: t.messageId, campaignId: t.campaignId, recipientId: t.recipientId, lang, organisation: org, csrf: csrfInput(csrfToken(req, reply, open)), verified, t: (text) => pick(lang, text) };
  }

  /** What sections offer before the identity check ("not me"), under the form or the locked notice. */
  async function beforeCheck(req: FastifyRequest, reply: FastifyReply, open: Open): Promise<Html[]> {
    const out: Html[] = [];
    for (const s of sections) {
      if (!s.renderBeforeCheck) continue;
      try {
        const fragment = await s.renderBeforeCheck(openVisit(req, reply, open, false));
        if (fragment) out.push(fragment);
      } catch (err) {
        req.log.error({ err, section: s.id }, 'landing section failed to render before the check');
      }
    }
    return out;
  }

  function csrfToken(req: FastifyRequest, reply: FastifyReply, open: { code: string; base: string }): string {
    return landing.tokens.csrf(open.code, nonceFor(req, reply, open.base, landing.tokens.newNonce));
  }

  function csrfOk(req: FastifyRequest, code: string): boolean {
    return landing.tokens.checkCsrf(code, req.cookies[NONCE_COOKIE], formField(req, '_csrf', 200));
  }

  function refuseForm(reply: FastifyReply, open: Open): void {
    sendPage(reply, 403, open.ctx, formExpiredView(open.ctx.lang, open.base));
  }

  /** The identity-check column as the list's header names it (学籍番号), else a generic word. */
  function columnLabel(target: ConfiguredTarget, lang: Lang): string {
    const columns = decodeColumns(target.campaignColumnsJson);
    const header = columns.find((c) => c.field === target.landing.column)?.header;
    if (header && lang === 'ja') return header;
    return lang === 'en' ? 'reference number' : '番号';
  }

  async function sendForm(req: FastifyRequest, reply: FastifyReply, open: Open, status: number, problem: FormProblem): Promise<void> {
    const { lang } = open.ctx;
    const body = verifyForm({
      lang,
      base: open.base,
      method: open.target.landing.method,
      columnLabel: columnLabel(open.target, lang),
      digits: open.target.landing.digits,
      csrf: csrfInput(csrfToken(req, reply, open)),
      problem,
    });
    sendPage(reply, status, open.ctx, { title: pick(lang, TEXT.verifyTitle), body: html`${body}${await beforeCheck(req, reply, open)}` });
  }

  async function verifiedVisit(req: FastifyRequest, reply: FastifyReply, open: Open, sessionExpiresAt: number): Promise<VerifiedVisit> {
    const token = csrfToken(req, reply, open);
    const { lang, org } = open.ctx;
    const t: LinkTarget = open.target;
    return {
      code: open.code,
      base: open.base,
      messageId: t.messageId,
      campaignId: t.campaignId,
      campaignName: t.campaignName,
      recipientId: t.recipientId,
      fields: await landing.recipientFields(t),
      lang,
      organisation: org,
      csrf: csrfInput(token),
      csrfToken: token,
      sessionExpiresAt,
      linkExpiresAt: open.target.landing.expiresAt,
      t: (text) => pick(lang, text),
    };
  }

  async function renderSections(req: FastifyRequest, visit: VerifiedVisit): Promise<{ id: string; html: Html }[]> {
    const out: { id: string; html: Html }[] = [];
    for (const s of sections) {
      if (!s.render) continue;
      try {
        const fragment = await s.render(visit);
        if (fragment) out.push({ id: s.id, html: fragment });
      } catch (err) {
        // One broken section must not hide the notice and the others.
        req.log.error({ err, section: s.id }, 'landing section failed to render');
      }
    }
    return out;
  }

  app.get<{ Params: Params }>('/l/:code', async (req, reply) => {
    const open = await gate(req, reply, 'entry');
    if (!open) return reply;
    if (open.locked) return sendLocked(req, reply, open);
    const session = landing.session(open.code, open.target, req.cookies[SESSION_COOKIE]);
    if (session === null) {
      await sendForm(req, reply, open, 200, null);
      return reply;
    }
    const visit = await verifiedVisit(req, reply, open, session);
    const [notice, rendered] = await Promise.all([landing.notice(open.code, open.target, open.ctx.lang, visit.fields), renderSections(req, visit)]);
    const contact = landing.contact(open.target, open.ctx.org);
    const slot = notice ? { slot: NOTICE_SLOT, inRequestedLanguage: notice.inRequestedLanguage } : null;
    const body = verifiedBody({ lang: open.ctx.lang, org: open.ctx.org, contact, notice: slot, sections: rendered, base: open.base, csrf: visit.csrf });
    return sendPage(reply, 200, open.ctx, { title: noticeTitle(open.ctx.lang, open.ctx.org), body }, notice?.bytes);
  });

  app.post<{ Params: Params }>('/l/:code/verify', async (req, reply) => {
    const open = await gate(req, reply, 'inner');
    if (!open) return reply;
    if (!csrfOk(req, open.code)) return refuseForm(reply, open);
    const visitor = visitorOf(req);
    if (open.locked) {
      // Refused even when the answer is right: only an operator unlocks.
      await landing.recordRefused(open.target, visitor);
      return sendLocked(req, reply, open);
    }
    const result = await landing.verify(open.code, open.target, formField(req, 'answer', 64) ?? '', visitor);
    switch (result.outcome) {
      case 'verified':
        setSession(req, reply, open.base, result.session, SESSION_TTL_MS);
        return reply.redirect(open.base, 303);
      case 'wrong':
        return sendForm(req, reply, open, 422, { kind: 'wrong', remaining: result.remaining });
      case 'invalid':
        return sendForm(req, reply, open, 422, { kind: 'invalid' });
      case 'locked':
        return sendLocked(req, reply, open);
      case 'refused':
        return sendLocked(req, reply, open);
      case 'unavailable':
        return sendPage(reply, 200, open.ctx, unavailableView(open.ctx.lang, open.ctx.org, landing.contact(open.target, open.ctx.org)));
    }
  });

  // Reloading the address a failed answer was shown at leads back to the form.
  app.get<{ Params: Params }>('/l/:code/verify', async (req, reply) => {
    const open = await gate(req, reply, 'inner');
    if (!open) return reply;
    return reply.redirect(open.base, 303);
  });

  app.post<{ Params: Params }>('/l/:code/logout', async (req, reply) => {
    const open = await gate(req, reply, 'inner');
    if (!open) return reply;
    if (!csrfOk(req, open.code)) return refuseForm(reply, open);
    clearSession(req, reply, open.base);
    return reply.redirect(open.base, 303);
  });

  /** A section's own page or form post: verified sessions only; posts CSRF-checked. */
  function guarded(method: 'GET' | 'POST', handler: SectionHandler) {
    return async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const open = await gate(req, reply, 'inner');
      if (!open) return reply;
      if (open.locked) return sendLocked(req, reply, open);
      const session = landing.session(open.code, open.target, req.cookies[SESSION_COOKIE]);
      if (session === null) return reply.redirect(open.base, 303);
      if (method === 'POST' && !csrfOk(req, open.code)) return refuseForm(reply, open);
      return handler(await verifiedVisit(req, reply, open, session), req, reply);
    };
  }

  /** A section's open page or form post: any visitor of a live link, verified or not; posts CSRF-checked. */
  function opened(method: 'GET' | 'POST', handler: OpenSectionHandler) {
    return async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const open = await gate(req, reply, 'inner');
      if (!open) return reply;
      if (method === 'POST' && !csrfOk(req, open.code)) return refuseForm(reply, open);
      const verified = !open.locked && landing.session(open.code, open.target, req.cookies[SESSION_COOKIE]) !== null;
      return handler(openVisit(req, reply, open, verified), req, reply);
    };
  }

  for (const s of sections) {
    s.openRoutes?.({
      get: (path, handler) => app.get<{ Params: Params }>(`/l/:code/${s.id}${path}`, opened('GET', handler)),
      post: (path, handler) => app.post<{ Params: Params }>(`/l/:code/${s.id}${path}`, opened('POST', handler)),
    });
    s.routes?.({
      get: (path, handler) => app.get<{ Params: Params }>(`/l/:code/${s.id}${path}`, guarded('GET', handler)),
      post: (path, handler) => app.post<{ Params: Params }>(`/l/:code/${s.id}${path}`, guarded('POST', handler)),
    });
  }

  // Any other address under a link: the link's own gate first (so an expired link shows whom to
  // contact whatever the URL), then the same "not found" page as an unknown code.
  const fallback = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const open = await gate(req, reply, 'inner');
    if (!open) return reply;
    if (open.locked) return sendLocked(req, reply, open);
    return sendPage(reply, 404, { ...open.ctx, selfPath: open.base }, notFoundView(open.ctx.lang, open.ctx.org));
  };
  app.get<{ Params: Params }>('/l/:code/*', fallback);
  app.post<{ Params: Params }>('/l/:code/*', fallback);
}
