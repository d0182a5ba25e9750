import { and, count, eq, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { sessions, users } from '#db/schema/accounts'
import { hashToken, randomToken } from '~/utils/secrets.server'
import { preparedPerConnection } from './prepared.server'
import { safeUserColumns, type SafeUser } from './user.server'

export interface SessionTimeouts {
  idleMinutes: number
  absoluteHours: number
}

export interface ActiveSession {
  id: number
  csrfToken: string
  pendingSecondFactor: boolean
  user: SafeUser
}

/**
 * Starts a session and returns the token for the cookie. A fresh token at
 * every login means a token planted before login is worthless (no fixation).
 */
export function createSession(
  db: Db,
  input: {
    userId: number
    pendingSecondFactor: boolean
    ipAddress: string | null
    userAgent: string | null
  },
  timeouts: SessionTimeouts,
  now = new Date(),
): string {
  const token = randomToken()
  db.insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      pendingSecondFactor: input.pendingSecondFactor,
      csrfToken: randomToken(),
      ipAddress: input.ipAddress,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + timeouts.absoluteHours * 3_600_000,
      ).toISOString(),
      createdAt: now.toISOString(),
    })
    .run()
  return token
}

const sessionByTokenHash = preparedPerConnection((db) =>
  db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      pendingSecondFactor: sessions.pendingSecondFactor,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: safeUserColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare(),
)

/**
 * The session behind a cookie token, or null when it is unknown, past its
 * absolute expiry, idle too long, or its user is disabled. Touches
 * `lastSeenAt` at most once a minute to keep reads cheap.
 */
export function findActiveSession(
  db: Db,
  token: string,
  timeouts: SessionTimeouts,
  now = new Date(),
): ActiveSession | null {
  const row = sessionByTokenHash(db).get({ tokenHash: hashToken(token) })
  if (!row) return null
  const idleLimit =
    new Date(row.lastSeenAt).getTime() + timeouts.idleMinutes * 60_000
  if (
    row.user.disabledAt ||
    new Date(row.expiresAt).getTime() <= now.getTime() ||
    idleLimit <= now.getTime()
  ) {
    db.delete(sessions).where(eq(sessions.id, row.id)).run()
    return null
  }
  // Best effort: on a full or read-only disk this bookkeeping write fails,
  // and reads must keep working (tests/faults/disk.test.ts).
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > 60_000) {
    try {
      db.update(sessions)
        .set({ lastSeenAt: now.toISOString() })
        .where(eq(sessions.id, row.id))
        .run()
    } catch {
      // the idle clock is refreshed on a later request
    }
  }
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    pendingSecondFactor: row.pendingSecondFactor,
    user: row.user,
  }
}

export function deleteSession(db: Db, sessionId: number) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run()
}

/** Ends every session of a user (password change, disable, admin action). */
export function deleteUserSessions(db: Db, userId: number): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes
}

export function deleteExpiredSessions(db: Db, now = new Date()) {
  db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run()
}

/**
 * Finishes a sign-in that owed a second factor. The session gets a new
 * token and CSRF token, so whatever was known of the half-signed-in
 * session is worthless afterwards. Returns the new cookie token.
 */
export function completeSecondFactor(
  db: Db,
  sessionId: number,
  now = new Date(),
): string {
  const token = randomToken()
  db.update(sessions)
    .set({
      tokenHash: hashToken(token),
      csrfToken: randomToken(),
      pendingSecondFactor: false,
      lastSeenAt: now.toISOString(),
    })
    .where(eq(sessions.id, sessionId))
    .run()
  return token
}

/** Ends a user's sessions except `keepSessionId` (after a password change). */
export function deleteOtherSessions(
  db: Db,
  userId: number,
  keepSessionId: number,
): number {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run().changes
}

export function countUserSessions(db: Db, userId: number): number {
  const row = db
    .select({ sessions: count() })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .get()
  return row?.sessions ?? 0
}
