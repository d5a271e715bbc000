// /api/v1/users (administrators only): list, create (with a one-time password shown once unless a
// password is given), change role, name or disabled, reset a password.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Accounts } from '../../accounts/accounts.ts';
import { userNotFound } from '../../accounts/errors.ts';
import { roleSchema, toUserView, userView } from './user-views.ts';

export interface AccountRouteDeps {
  accounts: Accounts;
}

const tags = ['users'];
const admin = { role: 'admin' as const };
const idParams = z.object({ id: z.coerce.number().int().positive() });
const created = z.object({ user: userView, oneTimePassword: z.string().nullable().describe('shown only in this answer; must be changed at first login') });

export function accountRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { accounts } = deps;

  r.get('/users', { config: admin, schema: { tags, summary: 'List people who can log in', response: { 200: z.object({ users: z.array(userView) }) } } }, async () => ({
    users: (await accounts.list()).map(toUserView),
  }));

  r.post(
    '/users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a person; without a password, a one-time password is generated and returned once',
        body: z.object({
          login: z.string().min(1).max(300).describe('email address or login name'),
          displayName: z.string().max(200).optional(),
          role: roleSchema.default('operator'),
          password: z.string().max(2048).optional(),
        }),
        response: { 201: created },
      },
    },
    async (req, reply) => {
      const { user, oneTimePassword } = await accounts.create(req.actor, req.body);
      return reply.status(201).send({ user: toUserView(user), oneTimePassword });
    },
  );

  r.get('/users/:id', { config: admin, schema: { tags, summary: 'Show a person', params: idParams, response: { 200: userView } } }, async (req) => {
    const user = await accounts.get(req.params.id);
    if (!user) throw userNotFound(req.params.id);
    return toUserView(user);
  });

  r.patch(
    '/users/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change role, display name or disabled (disabling ends their sessions; the last active administrator stays)',
        params: idParams,
        body: z.object({ role: roleSchema.optional(), displayName: z.string().trim().min(1).max(200).optional(), disabled: z.boolean().optional() }),
        response: { 200: userView },
      },
    },
    async (req) => toUserView(await accounts.change(req.actor, req.params.id, req.body)),
  );

  r.post(
    '/users/:id/reset-password',
    {
      config: admin,
      schema: { tags, summary: 'Issue a new one-time password (returned once); ends their sessions and lifts a login lock', params: idParams, response: { 200: created } },
    },
    async (req) => {
      const { user, oneTimePassword } = await accounts.resetPassword(req.actor, req.params.id);
      return { user: toUserView(user), oneTimePassword };
    },
  );
}
