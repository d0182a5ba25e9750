import crypto from 'node:crypto'
import fs from 'node:fs'
import { getConnection, migrateDatabase } from '#db/client.server'
import { eq } from 'drizzle-orm'
import { assessmentMembers, assessments } from '#db/schema/assessments'
import { seedPhase2 } from '#db/seed/phase2'
import { seedIfEmpty } from '#db/seed/seed.server'
import { API_SCOPES } from '~/domain/api-scopes'
import { createApiToken } from '~/models/api-token.server'
import { createSession, findActiveSession } from '~/models/session.server'
import { createUser } from '~/models/user.server'
import { sessionCookieName } from '~/utils/auth.server'

/**
 * Prepares a throwaway database for the scanners, the load test and the
 * fault tests: migrated and seeded, an admin, a security user and an
 * engineer (member of the seeded assessment only), a second assessment the
 * engineer may not see, sessions and all-scope tokens. Every password and
 * token is random and printed as JSON on stdout, never stored in git.
 *
 * Usage: DATABASE_PATH=... SECRET_KEY=... tsx security/prepare.ts [out.json]
 */
const { db } = getConnection()
migrateDatabase(db)
seedIfEmpty(db)

const run = crypto.randomBytes(4).toString('hex')
const password = () => crypto.randomBytes(18).toString('base64url')
const day = 86_400_000
const timeouts = { idleMinutes: 600, absoluteHours: 12 }

async function person(role: 'admin' | 'security' | 'engineer') {
  const secret = password()
  const user = await createUser(db, {
    email: `${role}-${run}@example.test`,
    name: `${role} ${run}`,
    role,
    password: secret,
  })
  const session = createSession(
    db,
    {
      userId: user.id,
      pendingSecondFactor: false,
      ipAddress: null,
      userAgent: 'prepare',
    },
    timeouts,
  )
  const token = createApiToken(db, {
    userId: user.id,
    name: `prepare ${run}`,
    scopes: [...API_SCOPES],
    expiresAt: new Date(Date.now() + day),
  }).secret
  // The session's CSRF token, for scanners that post the app's forms.
  const csrf = findActiveSession(db, session, timeouts)?.csrfToken ?? ''
  return {
    id: user.id,
    email: user.email,
    password: secret,
    session,
    csrf,
    token,
  }
}

const admin = await person('admin')
const security = await person('security')
const engineer = await person('engineer')
const otherSlug = `other-${run}`
const otherId = seedPhase2(
  db,
  new Date().toISOString().slice(0, 10),
  new Date().toISOString(),
  {
    slug: otherSlug,
    name: `Other assessment ${run}`,
  },
)
const main = db
  .select()
  .from(assessments)
  .where(eq(assessments.slug, 'phase-2-backend'))
  .get()
if (!main) throw new Error('The seeded assessment is missing')
db.insert(assessmentMembers)
  .values({ assessmentId: main.id, userId: engineer.id })
  .run()

const result = {
  cookieName: sessionCookieName(),
  slug: main.slug,
  assessmentId: main.id,
  otherSlug,
  otherId,
  admin,
  security,
  engineer,
}
const json = JSON.stringify(result)
if (process.argv[2]) fs.writeFileSync(process.argv[2], json, { mode: 0o600 })
process.stdout.write(`${json}\n`)
getConnection().sqlite.close()
