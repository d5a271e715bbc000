// /api/v1/routes: the ways out, managed by an administrator: list (with each route's sender number and
// whether this process has it bound), add, change, enable/disable, remove, and test a connection.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { ROUTE_KINDS, validateRouteConfig } from '../../routes/factory.ts';
import type { RouteRecord } from '../../core/route-record.ts';

const SECRET_KEYS = /pass|token|secret/i;

const routeBody = z.object({
  kind: z.enum(ROUTE_KINDS),
  profile: z.string().trim().min(1).max(50).default('default'),
  priority: z.number().int().min(0).max(10000).default(100),
  enabled: z.boolean().default(true),
  sender: z.string().trim().min(1).max(20).describe('発信番号 / sender number or alphanumeric id'),
  ratePerSecond: z.number().int().min(1).max(100000).nullable().default(null),
  config: z.record(z.string(), z.unknown()).default({}).describe('kind-specific settings, e.g. SMPP host, port, systemId, password, window, concatenation'),
});

const routeView = z.object({
  name: z.string(),
  kind: z.enum(ROUTE_KINDS),
  profile: z.string(),
  priority: z.number(),
  enabled: z.boolean(),
  sender: z.string(),
  ratePerSecond: z.number().nullable(),
  config: z.record(z.string(), z.unknown()),
  bound: z.boolean().nullable().describe('whether this process has the route bound (null: not run here)'),
});

export interface RouteStatus {
  /** null when this process does not run the route. */
  bound(name: string): boolean | null;
  /** Tries a connection with these settings; resolves with an error message or null. */
  test(record: RouteRecord): Promise<string | null>;
}

export function routeRoutes(app: FastifyInstance, ctx: ApiContext & { routeStatus: RouteStatus }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const view = (rec: RouteRecord) => ({
    name: rec.name,
    kind: rec.kind,
    profile: rec.profile,
    priority: rec.priority,
    enabled: rec.enabled,
    sender: rec.sender,
    ratePerSecond: rec.ratePerSecond,
    // Passwords and tokens are never shown back.
    config: Object.fromEntries(Object.entries(rec.config).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '********' : v])),
    bound: ctx.routeStatus.bound(rec.name),
  });
  const load = async (name: string) => (await store.routes.byName(name)) ?? Promise.reject(notFound(`ルート「${name}」/ route "${name}"`));

  r.get('/routes', { config: { role: 'admin' }, schema: { tags: ['routes'], summary: 'List routes with their sender numbers (発信番号)', response: { 200: z.object({ routes: z.array(routeView) }) } } }, async () => ({
    routes: (await store.routes.list()).map(view),
  }));

  r.put(
    '/routes/:name',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['routes'],
        summary: 'Add or change a route (workers pick the change up within seconds)',
        params: z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _') }),
        body: routeBody,
        response: { 200: routeView },
      },
    },
    async (req) => {
      const existing = await store.routes.byName(req.params.name);
      // A password left out (or shown masked) keeps the stored one.
      const config = { ...(existing?.config ?? {}), ...Object.fromEntries(Object.entries(req.body.config).filter(([, v]) => v !== '********')) };
      validateRouteConfig(req.body.kind, req.params.name, req.body.sender, config);
      const input = { ...req.body, name: req.params.name, config };
      const saved = existing ? await store.routes.update(req.params.name, input) : await store.routes.create(input);
      await store.audit.append({ actor: req.actor, action: existing ? 'route.update' : 'route.create', target: `route:${req.params.name}`, details: { kind: input.kind, enabled: input.enabled } });
      return view(saved!);
    },
  );

  r.delete('/routes/:name', { config: { role: 'admin' }, schema: { tags: ['routes'], summary: 'Remove a route', params: z.object({ name: z.string() }), response: { 204: noContent } } }, async (req, reply) => {
    if (!(await store.routes.remove(req.params.name))) throw notFound(`ルート「${req.params.name}」/ route "${req.params.name}"`);
    await store.audit.append({ actor: req.actor, action: 'route.delete', target: `route:${req.params.name}` });
    return reply.status(204).send(null);
  });

  r.post(
    '/routes/:name/test',
    { config: { role: 'admin' }, schema: { tags: ['routes'], summary: 'Test the connection: bind with the stored settings, then unbind', params: z.object({ name: z.string() }), response: { 200: z.object({ ok: z.boolean(), message: z.string() }) } } },
    async (req) => {
      const rec = await load(req.params.name);
      const problem = await ctx.routeStatus.test(rec);
      await store.audit.append({ actor: req.actor, action: 'route.test', target: `route:${rec.name}`, details: { ok: problem === null } });
      if (problem !== null) return { ok: false, message: problem };
      return { ok: true, message: '接続できました / connected and bound' };
    },
  );

  r.get('/routes/:name', { config: { role: 'admin' }, schema: { tags: ['routes'], summary: 'Show a route', params: z.object({ name: z.string() }), response: { 200: routeView } } }, async (req) => view(await load(req.params.name)));
}

