// Public endpoints where SMS providers call us back, outside the API-key scope (the provider cannot hold
// our keys; it signs instead): POST /hooks/providers/:route/status (delivery status) and
// POST /hooks/providers/:route/inbound (replies), form-encoded as Twilio posts them. The route named in
// the path checks the signature and freshness; refusals come back as problem+json (403 for unsigned,
// wrongly signed or stale callbacks).
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TodokuError } from '../../core/errors.ts';
import type { CallbackRequest, ProviderRouteRegistry } from '../../routes/http-provider/registry.ts';
import { parseForm, type FormPairs } from '../../routes/http-provider/signature.ts';

const FORM = 'application/x-www-form-urlencoded';
/** Twilio's reply to an inbound message: nothing to send back. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function callbackOf(req: FastifyRequest): CallbackRequest {
  if (!Array.isArray(req.body)) {
    throw new TodokuError('TODOKU_E_CALLBACK_INVALID', { ja: 'コールバックはフォーム形式で送ってください', en: `callback body must be ${FORM}` });
  }
  return {
    path: req.url,
    params: req.body as FormPairs,
    signature: header(req, 'x-twilio-signature'),
    timestamp: header(req, 'x-todoku-timestamp'),
  };
}

export function providerCallbackRoutes(routes: ProviderRouteRegistry): FastifyPluginAsync {
  return async (plain: FastifyInstance) => {
    // The exact fields in the exact order they came: the signature is computed over them.
    if (plain.hasContentTypeParser(FORM)) plain.removeContentTypeParser(FORM);
    plain.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, parseForm(String(body))));
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ route: z.string().min(1).max(64) });
    const target = (name: string) => {
      const route = routes.get(name);
      if (!route) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `経路 ${name} は見つかりません`, en: `route ${name} not found` });
      return route;
    };

    app.post(
      '/hooks/providers/:route/status',
      {
        schema: {
          tags: ['provider callbacks'],
          summary: "A provider's delivery status callback (signed, form-encoded; no API key)",
          security: [],
          params,
          response: { 200: z.object({ result: z.enum(['stored', 'repeat']) }) },
        },
      },
      async (req) => ({ result: await target(req.params.route).handleStatus(callbackOf(req)) }),
    );

    app.post(
      '/hooks/providers/:route/inbound',
      {
        schema: {
          tags: ['provider callbacks'],
          summary: 'An incoming SMS (reply) from a provider (signed, form-encoded; no API key)',
          security: [],
          params,
        },
      },
      async (req, reply) => {
        await target(req.params.route).handleInbound(callbackOf(req));
        return reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML);
      },
    );
  };
}
