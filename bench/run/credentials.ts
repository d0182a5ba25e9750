import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { sessions, users } from '#db/schema/accounts'
import { API_SCOPES } from '~/domain/api-scopes'
import { createApiToken } from '~/models/api-token.server'
import { createSession } from '~/models/session.server'
import { hashToken } from '~/utils/secrets.server'
import { BENCH_ADMIN_EMAIL } from '../dataset/people'

export interface BenchCredentials {
  cookie: string
  /** The session's CSRF token, for posting the app's forms. */
  csrf: string
  bearer: string
  sessionHash: string
  tokenHash: string
}

/**
 * A session and an API token for the bench admin, made through the app's
 * own models. SECRET_KEY must already hold this run's random key (the
 * server gets the same one); the secrets exist only in this process.
 */
export function issueBenchCredentials(db: Db): BenchCredentials {
  const admin = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, BENCH_ADMIN_EMAIL))
    .get()
  if (!admin)
    throw new Error(
      'No bench admin: generate the data first (npm run bench:data)',
    )
  const session = createSession(
    db,
    {
      userId: admin.id,
      pendingSecondFactor: false,
      ipAddress: '127.0.0.1',
      userAgent: 'bench',
    },
    { idleMinutes: 60, absoluteHours: 2 },
  )
  const token = createApiToken(db, {
    userId: admin.id,
    name: `bench ${new Date().toISOString()}`,
    scopes: [...API_SCOPES],
    expiresAt: new Date(Date.now() + 2 * 3_600_000),
  })
  const csrf = db
    .select({ token: sessions.csrfToken })
    .from(sessions)
    .where(eq(sessions.tokenHash, hashToken(session)))
    .get()
  if (!csrf) throw new Error('The bench session was not stored')
  return {
    cookie: `clearance_session=${session}`,
    csrf: csrf.token,
    bearer: `Bearer ${token.secret}`,
    sessionHash: hashToken(session),
    tokenHash: hashToken(token.secret),
  }
}
