import { redirect, type AppLoadContext } from '@remix-run/node'
import { getConfig } from '~/config.server'
import { can, type Permission } from '~/domain/permissions'
import { mustSetUpTwoFactor } from '~/domain/two-factor'
import { findActiveSession, type ActiveSession } from '~/models/session.server'
import { getRequiredTwoFactorRoles } from '~/models/settings.server'
import type { SafeUser } from '~/models/user.server'
import { getDb } from '#db/client.server'
import { fail } from './http.server'
import {
  logPermissionDenied,
  logSecurityEvent,
  rememberRequestOrigin,
  requestLog,
} from './logger.server'
import { memoizeForRequest } from './request-memo.server'

/**
 * Over HTTPS the cookie takes the `__Host-` prefix, which browsers accept
 * only with Secure, Path=/ and no Domain: it cannot be set by a sibling
 * subdomain or over plain HTTP.
 */
export function isSecureDeployment(): boolean {
  return getConfig().PUBLIC_ORIGIN?.startsWith('https://') ?? false
}

export function sessionCookieName(): string {
  return isSecureDeployment() ? '__Host-clearance_session' : 'clearance_session'
}

export function sessionTimeouts() {
  const config = getConfig()
  return {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
  }
}

export function serializeSessionCookie(token: string): string {
  const parts = [
    `${sessionCookieName()}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${sessionTimeouts().absoluteHours * 3600}`,
  ]
  if (isSecureDeployment()) parts.push('Secure')
  return parts.join('; ')
}

export function clearSessionCookie(): string {
  const parts = [
    `${sessionCookieName()}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
  ]
  if (isSecureDeployment()) parts.push('Secure')
  return parts.join('; ')
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=') || null
  }
  return null
}

/**
 * The session behind the cookie, or null. With the load context, the
 * loaders of one GET share one lookup (see request-memo.server.ts).
 */
export function getSession(
  request: Request,
  context?: AppLoadContext,
): ActiveSession | null {
  const token = readCookie(request, sessionCookieName())
  if (!token) return null
  return memoizeForRequest(request, context, `session:${token}`, () =>
    findActiveSession(getDb(), token, sessionTimeouts()),
  )
}

export function getPendingSession(
  request: Request,
  context?: AppLoadContext,
): ActiveSession | null {
  const session = getSession(request, context)
  return session?.pendingSecondFactor ? session : null
}

/** The signed-in user, or null. Sessions owing a TOTP code count as none. */
export function getUser(
  request: Request,
  context?: AppLoadContext,
): SafeUser | null {
  const session = getSession(request, context)
  if (!session || session.pendingSecondFactor) return null
  return session.user
}

/**
 * A state-changing request must come from this origin. Browsers send
 * `Sec-Fetch-Site` and `Origin` on POSTs; either naming another site is
 * refused before anything is read. See docs/decisions/002-csrf.md.
 */
export function assertSameOrigin(request: Request, context?: AppLoadContext) {
  if (request.method === 'GET' || request.method === 'HEAD') return
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  const origin = request.headers.get('Origin')
  const expected = new URL(request.url).origin
  const publicOrigin = getConfig().PUBLIC_ORIGIN
  const crossSite =
    fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none'
  const foreignOrigin =
    origin !== null && origin !== expected && origin !== publicOrigin
  if (crossSite || foreignOrigin) {
    logSecurityEvent('csrf_refused', 'denied', requestLog(request, context), {
      origin,
      fetchSite,
    })
    fail(403, 'This request came from another site and was refused.')
  }
}

/**
 * The signed-in user, or a redirect to sign in (for pages). Also checks the
 * origin of state-changing requests.
 */
export function requireUser(
  request: Request,
  context?: AppLoadContext,
): { user: SafeUser; session: ActiveSession } {
  rememberRequestOrigin(request, context)
  assertSameOrigin(request, context)
  const session = getSession(request, context)
  if (!session || session.pendingSecondFactor) {
    const url = new URL(request.url)
    const redirectTo = `${url.pathname}${url.search}`

    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  }
  requireTwoFactorIfMandated(request, session.user, context)
  return { user: session.user, session }
}

/**
 * When an admin requires two-factor for the user's role and the user has
 * not set it up, every page but their account pages sends them there.
 */
function requireTwoFactorIfMandated(
  request: Request,
  user: SafeUser,
  context?: AppLoadContext,
) {
  if (user.totpEnabledAt) return
  const path = new URL(request.url).pathname
  if (path === '/account' || path.startsWith('/account/')) return
  const requiredRoles = memoizeForRequest(
    request,
    context,
    'two-factor-roles',
    () => getRequiredTwoFactorRoles(getDb()),
  )
  if (mustSetUpTwoFactor(user, requiredRoles))
    throw redirect('/account/two-factor?required=1')
}

/** The signed-in user holding `permission`, or 403 (logged). */
export function requirePermission(
  request: Request,
  permission: Permission,
  context?: AppLoadContext,
): { user: SafeUser; session: ActiveSession } {
  const signedIn = requireUser(request, context)
  if (!can(signedIn.user, permission)) {
    logPermissionDenied(request, context, signedIn.user.id, { permission })
    fail(403, 'You do not have permission to do this.')
  }
  return signedIn
}
