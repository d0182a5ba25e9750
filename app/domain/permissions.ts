import type { Role } from '../../db/schema/accounts'

/**
 * Every permission in Clearance, and which roles hold it. This table is the
 * single source of truth: the server checks it on every loader, action and
 * API call (`requirePermission`), and the UI uses `can` only to hide what a
 * user could not do anyway.
 */
export const PERMISSIONS = {
  'read:assessment': ['admin', 'security', 'engineer', 'viewer'],
  'create:assessment': ['admin', 'security'],
  'edit:assessment': ['admin', 'security'],
  'archive:assessment': ['admin', 'security'],
  'manage:membership': ['admin', 'security'],
  'read:finding': ['admin', 'security', 'engineer', 'viewer'],
  'create:finding': ['admin', 'security'],
  'edit:finding': ['admin', 'security'],
  'change:severity': ['admin', 'security'],
  'assign:finding': ['admin', 'security'],
  'progress:finding': ['admin', 'security', 'engineer'],
  'fix:finding': ['admin', 'security', 'engineer'],
  'verify:finding': ['admin', 'security'],
  'reopen:finding': ['admin', 'security'],
  'accept:risk': ['admin', 'security'],
  'comment:finding': ['admin', 'security', 'engineer'],
  'add:evidence': ['admin', 'security', 'engineer'],
  'edit:plan': ['admin', 'security'],
  'update:own-task': ['admin', 'security', 'engineer'],
  'edit:gates': ['admin', 'security'],
  'check:gate': ['admin', 'security'],
  'manage:sign-off': ['admin', 'security'],
  'sign:assessment': ['admin', 'security', 'engineer', 'viewer'],
  'export:report': ['admin', 'security', 'engineer', 'viewer'],
  'share:report': ['admin', 'security'],
  'import:findings': ['admin', 'security'],
  'read:audit-log': ['admin', 'security'],
  'manage:users': ['admin'],
  'manage:settings': ['admin'],
  'manage:all-tokens': ['admin'],
  'manage:own-tokens': ['admin', 'security', 'engineer', 'viewer'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(
  user: { role: Role } | null | undefined,
  permission: Permission,
): boolean {
  if (!user) return false
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role)
}

/** Admin and security see every assessment; others only their own. */
export function seesAllAssessments(user: { role: Role }): boolean {
  return user.role === 'admin' || user.role === 'security'
}
