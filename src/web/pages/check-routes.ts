// /verify — ★ the public anti-smishing page: anyone checks a sender number or a link from an SMS.
// Looking up codes is a way to probe which exist, so misses spend the same per-address budget as
// unknown links (landing/landing.ts decides and counts), and a spent budget blocks this page as it
// blocks the links.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Landing } from '../../landing/landing.ts';
import type { CheckResult } from '../../landing/check.ts';
import { csrfInput, formField, langOf, nonceFor, sendPage, NONCE_COOKIE, visitorOf, type PageReply } from './respond.ts';
import { checkBody } from './views/check-page.ts';
import { formExpiredView, tooManyView } from './views/states.ts';
import { pick, TEXT } from './text.ts';

const PATH = '/verify';
const SCOPE = 'verify';

export function checkRoutes(app: FastifyInstance, landing: Landing): void {
  async function show(req: FastifyRequest, reply: FastifyReply, status: number, query: string, result: Exclude<CheckResult, { kind: 'blocked' }> | null) {
    const lang = langOf(req, reply);
    const org = await landing.organisation();
    const ctx: PageReply = { lang, org, selfPath: PATH };
    const csrf = csrfInput(landing.tokens.csrf(SCOPE, nonceFor(req, reply, PATH, landing.tokens.newNonce)));
    return sendPage(reply, status, ctx, { title: pick(lang, TEXT.checkTitle), body: checkBody({ lang, org, csrf, query, result }) });
  }

  app.get(PATH, async (req, reply) => show(req, reply, 200, '', null));

  app.post(PATH, async (req, reply) => {
    const visitor = visitorOf(req);
    const tooMany = async (refused: { retryAfterSeconds: number }) => {
      const lang = langOf(req, reply);
      const org = await landing.organisation();
      void reply.header('retry-after', String(refused.retryAfterSeconds));
      return sendPage(reply, 429, { lang, org, selfPath: PATH }, tooManyView(lang, org, refused.retryAfterSeconds));
    };
    const refused = await landing.blocked(visitor);
    if (refused) return tooMany(refused);
    if (!landing.tokens.checkCsrf(SCOPE, req.cookies[NONCE_COOKIE], formField(req, '_csrf', 200))) {
      const lang = langOf(req, reply);
      return sendPage(reply, 403, { lang, org: await landing.organisation(), selfPath: PATH }, formExpiredView(lang, PATH));
    }
    const query = formField(req, 'q', 300) ?? '';
    const result = await landing.check(query, visitor, await landing.organisation());
    if (result.kind === 'blocked') return tooMany(result);
    return show(req, reply, 200, query, result);
  });
}
