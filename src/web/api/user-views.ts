// How people (users) appear in API answers: never the password hash.
import { z } from 'zod';
import type { User } from '../../store/schema-accounts.ts';

export const roleSchema = z.enum(['admin', 'approver', 'operator', 'viewer']);

export const userView = z.object({
  id: z.number(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export type UserView = z.infer<typeof userView>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    login: u.login,
    displayName: u.display_name,
    role: u.role,
    disabled: u.disabled_at !== null,
    mustChangePassword: u.must_change_password === 1,
    createdAt: new Date(u.created_at).toISOString(),
    lastLoginAt: iso(u.last_login_at),
  };
}
