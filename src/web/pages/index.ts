// The recipient's pages as one Fastify plugin: cookies and form bodies for these routes only, the
// security headers on every answer, the stylesheet and logo, the links (/l/:code …) with their
// sections, and the anti-smishing page (/verify). No JavaScript is served or needed.
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { Landing } from '../../landing/landing.ts';
import type { Logger } from '../../log.ts';
import type { LandingSection } from './sections.ts';
import { securityHeaders } from './respond.ts';
import { linkRoutes } from './link-routes.ts';
import { checkRoutes } from './check-routes.ts';
import { stylesheet } from './theme.ts';

export interface PagesDeps {
  landing: Landing;
  /** Shown after the notice, in this order; each may add its own pages under the link. */
  sections: readonly LandingSection[];
  log: Logger;
}

/** Form posts are one short answer or a survey: anything larger is not a person typing. */
const FORM_BODY_LIMIT = 64 * 1024;

export function recipientPages(deps: PagesDeps) {
  return async function pages(app: FastifyInstance): Promise<void> {
    // Registered here unless the whole server already has them (the operator console may).
    if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT });
    // A callback hook: no promise and no extra turn per answer.
    app.addHook('onSend', (_req, reply, payload, done) => {
      securityHeaders(reply);
      done(null, payload);
    });

    app.get('/p/style.css', async (req, reply) => {
      const versioned = typeof (req.query as Record<string, unknown>).v === 'string';
      return reply
        .type('text/css; charset=utf-8')
        .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(stylesheet(await deps.landing.organisation()));
    });
    app.get('/p/logo', async (_req, reply) => {
      const logo = await deps.landing.logo();
      if (!logo) return reply.status(404).type('text/plain; charset=utf-8').send('no logo');
      return reply.type(logo.type).header('cache-control', 'public, max-age=86400').send(logo.bytes);
    });

    linkRoutes(app, deps);
    checkRoutes(app, deps.landing);
  };
}
