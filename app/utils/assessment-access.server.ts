import type { AppLoadContext } from '@remix-run/node'
import type { Permission } from '~/domain/permissions'
import { findVisibleAssessment } from '~/models/assessment.server'
import { getDb } from '#db/client.server'
import { requirePermission } from './auth.server'
import { fail } from './http.server'
import { memoizeForRequest } from './request-memo.server'

/**
 * The signed-in user, holding `permission`, and the assessment named in the
 * URL if they may see it. An assessment outside the user's memberships
 * answers 404 exactly like one that does not exist. The layout and the
 * page of one GET share the lookup; the permission is checked by each.
 */
export function requireAssessment(
  request: Request,
  slugOrId: string | undefined,
  permission: Permission,
  context?: AppLoadContext,
) {
  const signedIn = requirePermission(request, permission, context)
  const assessment = slugOrId
    ? memoizeForRequest(
        request,
        context,
        `assessment:${signedIn.user.id}:${slugOrId}`,
        () => findVisibleAssessment(getDb(), signedIn.user, slugOrId),
      )
    : undefined
  if (!assessment)
    fail(404, 'There is no such assessment, or you may not see it.')
  return { ...signedIn, assessment }
}
