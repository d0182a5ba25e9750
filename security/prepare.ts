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
import type { Role } from '#db/schema/accounts'
import { createScanFixtures, withoutUser } from './scan-fixtures'

/**
 * Prepares a throwaway database for the scanners, the load test and the
 * fault tests: migrated and seeded, an admin, a security user and an
 * engineer (member of the seeded assessment only), a second assessment the
 * engineer may not see, sessions and all-scope tokens. Every password and
 * token is random and printed as JSON on stdout, never stored in git.
 *
 * With --scan-fixtures it also prepares what the sqlmap targets post to
 * (security/scan-fixtures.ts).
 *
 * Usage: DATABASE_PATH=... SECRET_KEY=... tsx security/prepare.ts [out.json]
 *   [--scan-fixtures]
 */
const { db } = getConnection()
migrateDatabase(db)
seedIfEmpty(db)

const run = crypto.randomBytes(4).toString('hex')
const password = () => crypto.randomBytes(18).toString('base64url')
const day = 86_400_000
const timeouts = { idleMinutes: 600, absoluteHours: 12 }

async function person(role: Role, label: string = role) {
  const secret = password()
  const user = await createUser(db, {
    email: `${label}-${run}@example.test`,
    name: `${label} ${run}`,
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
  const created = createApiToken(db, {
    userId: user.id,
    name: `prepare ${run}`,
    scopes: [...API_SCOPES],
    expiresAt: new Date(Date.now() + day),
  })
  // The session's CSRF token, for scanners that post the app's forms.
  const csrf = findActiveSession(db, session, timeouts)?.csrfToken ?? ''
  return {
    id: user.id,
    email: user.email,
    password: secret,
    session,
    csrf,
    token: created.secret,
    tokenId: created.id,
    user,
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

// Only the scanners need the extra fixtures; the fault tests keep their
// database as small as before (one of them runs on a 6 MB disk).
const scan = process.argv.includes('--scan-fixtures')
  ? await createScanFixtures(db, { run, timeouts, person, admin, security })
  : undefined

const result = {
  cookieName: sessionCookieName(),
  slug: main.slug,
  assessmentId: main.id,
  otherSlug,
  otherId,
  admin: withoutUser(admin),
  security: withoutUser(security),
  engineer: withoutUser(engineer),
  ...(scan ? { scan } : {}),
}
const json = JSON.stringify(result)
const out = process.argv.slice(2).find((arg) => !arg.startsWith('--'))
if (out) fs.writeFileSync(out, json, { mode: 0o600 })
process.stdout.write(`${json}\n`)
getConnection().sqlite.close()
