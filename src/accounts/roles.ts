// Roles, from least to most power: a viewer reads, an operator runs campaigns (import, preview, send,
// pause, resume, cancel, inbox replies, exports), an approver also approves another person's request to
// send (campaign/approval.ts), an administrator also runs the system (users, API keys, routes,
// organisation settings, the audit log) and may approve. Each role includes the ones below it.
import type { Role } from '../store/schema-accounts.ts';
import type { Bilingual } from '../core/errors.ts';

export type { Role };

export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, approver: 2, admin: 3 };

/** Whether someone with `role` may do what needs `required`. */
export function allows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { ja: '管理者', en: 'administrator' },
  approver: { ja: '承認者', en: 'approver' },
  operator: { ja: 'オペレーター', en: 'operator' },
  viewer: { ja: '閲覧者', en: 'viewer' },
};
