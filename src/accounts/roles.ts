// Roles, from least to most power: a viewer reads, an operator runs campaigns (import, preview, send,
// pause, resume, cancel, inbox replies, exports), an administrator also runs the system (users, API
// keys, routes, organisation settings, the audit log). Each role includes the ones below it.
import type { Role } from '../store/schema-accounts.ts';
import type { Bilingual } from '../core/errors.ts';

export type { Role };

export const ROLES = ['viewer', 'operator', 'admin'] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether someone with `role` may do what needs `required`. */
export function allows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { ja: '管理者', en: 'administrator' },
  operator: { ja: 'オペレーター', en: 'operator' },
  viewer: { ja: '閲覧者', en: 'viewer' },
};
