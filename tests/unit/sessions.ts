import type { Db } from '#db/client.server'
import { createSession, findActiveSession } from '~/models/session.server'

/** Session limits for tests: long enough that nothing expires mid-test. */
export const TEST_TIMEOUTS = { idleMinutes: 60, absoluteHours: 12 }

/** A signed-in session for `userId`, second factor done: its token. */
export function signedInSession(db: Db, userId: number): string {
  return createSession(
    db,
    { userId, pendingSecondFactor: false, ipAddress: null, userAgent: null },
    TEST_TIMEOUTS,
  )
}

/** The CSRF token that the session's forms carry. */
export function csrfOf(db: Db, session: string): string {
  const active = findActiveSession(db, session, TEST_TIMEOUTS)
  if (!active) throw new Error('The session is not active.')
  return active.csrfToken
}
