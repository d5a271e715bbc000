// The roles a person or an API key can have, most powerful first, as the role pickers list them.
import type { Role } from '../api/schemas.ts';

export const ROLES: readonly Role[] = ['admin', 'approver', 'operator', 'viewer'];
