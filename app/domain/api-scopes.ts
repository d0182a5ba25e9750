/**
 * API token scopes: read and write per area. A token acts as its owner, so
 * a scope never grants more than the owner's role and memberships allow;
 * each endpoint checks both the scope and the owner's permission.
 */
export const API_SCOPES = [
  'assessments:read',
  'assessments:write',
  'findings:read',
  'findings:write',
  'plan:read',
  'plan:write',
  'readiness:read',
  'reports:read',
  'reports:write',
] as const
export type ApiScope = (typeof API_SCOPES)[number]

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  'assessments:read': 'Read assessments',
  'assessments:write': 'Create and edit assessments',
  'findings:read': 'Read findings, their history and comments',
  'findings:write': 'Change finding status, comment, add evidence',
  'plan:read': 'Read the remediation plan and gates',
  'plan:write': 'Edit tasks and gates',
  'readiness:read': 'Ask whether an assessment may ship',
  'reports:read': 'Download reports and sign-off state',
  'reports:write': 'Import findings',
}

/** Longest lifetime a token may be given, in days. */
export const MAX_TOKEN_DAYS = 366
