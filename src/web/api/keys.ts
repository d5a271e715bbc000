// /api/v1/api-keys (administrators only): create (the key is shown once) with a role, list, revoke.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';

const role = z.enum(['admin', 'approver', 'operator', 'viewer']);
const admin = { role: 'admin' as const };
const keyView = z.object({ id: z.number(), name: z.string(), prefix: z.string(), role, createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() }).meta({ id: 'ApiKey' });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function keyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  r.get('/api-keys', { config: admin, schema: { tags: ['api-keys'], summary: 'List API keys (never the keys themselves)', response: { 200: z.object({ keys: z.array(keyView) }) } } }, async () => ({
    keys: (await store.apiKeys.list()).map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, role: k.role, createdAt: iso(k.created_at)!, revokedAt: iso(k.revoked_at), lastUsedAt: iso(k.last_used_at) })),
  }));

  r.post(
    '/api-keys',
    {
      config: admin,
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (role operator unless given); the key is in this response only',
        body: z.object({ name: z.string().trim().min(1).max(100), role: role.default('operator') }),
        response: { 201: z.object({ id: z.number(), name: z.string(), role, key: z.string() }) },
      },
    },
    async (req, reply) => {
      const { key, secret } = await store.apiKeys.create(req.body.name, undefined, req.body.role);
      await store.audit.append({ actor: req.actor, action: 'apikey.create', target: `apikey:${key.id}`, details: { name: key.name, role: key.role } });
      return reply.status(201).send({ id: key.id, name: key.name, role: key.role, key: secret });
    },
  );

  r.delete('/api-keys/:id', { config: admin, schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: z.object({ id: z.coerce.number().int() }), response: { 204: noContent } } }, async (req, reply) => {
    if (!(await store.apiKeys.revoke(req.params.id))) throw notFound(`APIキー ${req.params.id} / API key ${req.params.id}`);
    await store.audit.append({ actor: req.actor, action: 'apikey.revoke', target: `apikey:${req.params.id}` });
    return reply.status(204).send(null);
  });
}
