import type { AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { sessions } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { getDb, migrateDatabase } from '#db/client.server'
import { seedIfEmpty } from '#db/seed/seed.server'
import { createSession, deleteSession } from '~/models/session.server'
import { createUser } from '~/models/user.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { getSession, sessionCookieName } from '~/utils/auth.server'

// The app's own connection (getDb), on a database of this file only.
beforeAll(() => {
  process.env.SECRET_KEY ??= 'unit-test-secret-key-of-at-least-32-chars'
  process.env.DATABASE_PATH = ':memory:'
  migrateDatabase(getDb())
  seedIfEmpty(getDb())
})

afterEach(() => {
  vi.useRealTimers()
})

let users = 0
async function signIn(role: 'admin' | 'security' = 'admin') {
  users += 1
  const user = await createUser(getDb(), {
    email: `person${users}@example.test`,
    name: `Person ${users}`,
    role,
    password: 'a sufficiently long one',
  })
  const token = createSession(
    getDb(),
    {
      userId: user.id,
      pendingSecondFactor: false,
      ipAddress: null,
      userAgent: null,
    },
    { idleMinutes: 60, absoluteHours: 12 },
  )
  return { user, token }
}

function pageRequest(token: string, method = 'GET') {
  return new Request('http://localhost/assessments', {
    method,
    headers: { Cookie: `${sessionCookieName()}=${token}` },
  })
}

/** A fresh load context, as the HTTP server makes for every request. */
function newContext() {
  return {
    cspNonce: 'nonce',
    requestId: crypto.randomUUID(),
    clientIp: '127.0.0.1',
  } satisfies AppLoadContext
}

function sessionRow(token: string) {
  const session = getSession(pageRequest(token))
  if (!session) throw new Error('The session should be active')
  return getDb()
    .select()
    .from(sessions)
    .where(eq(sessions.id, session.id))
    .get()
}

describe('Session lookups within one request', () => {
  it('the loaders of one page share one lookup, and the next request looks again', async () => {
    const { token } = await signIn()
    const request = pageRequest(token)
    const context = newContext()
    const first = getSession(request, context)
    expect(first).not.toBeNull()

    // Signed out elsewhere while this page was being answered.
    deleteSession(getDb(), first!.id)

    expect(getSession(request, context)).toBe(first)
    expect(getSession(pageRequest(token), newContext())).toBeNull()
  })

  it('a post looks the session up again, so loaders after its action see a sign-out', async () => {
    const { token } = await signIn()
    const request = pageRequest(token, 'POST')
    const context = newContext()
    const session = getSession(request, context)
    expect(session).not.toBeNull()

    deleteSession(getDb(), session!.id)

    expect(getSession(request, context)).toBeNull()
  })

  it('a session that idled out between two requests is refused and deleted', async () => {
    const { token } = await signIn()
    const { id } = getSession(pageRequest(token), newContext())!
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 61 * 60_000)

    expect(getSession(pageRequest(token), newContext())).toBeNull()
    expect(
      getDb().select().from(sessions).where(eq(sessions.id, id)).get(),
    ).toBeUndefined()
  })

  it('the first lookup of a request still moves the idle clock on', async () => {
    const { token } = await signIn()
    const before = sessionRow(token)!.lastSeenAt
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 5 * 60_000)

    const request = pageRequest(token)
    const context = newContext()
    getSession(request, context)
    getSession(request, context)

    const after = sessionRow(token)!.lastSeenAt
    expect(new Date(after).getTime()).toBeGreaterThan(
      new Date(before).getTime(),
    )
    expect(after).toBe(new Date().toISOString())
  })
})

describe('The assessment in the URL within one request', () => {
  it('is loaded once for layout and page, while each checks its own permission', async () => {
    const { token } = await signIn('security')
    const slug = getDb().select().from(assessments).limit(1).get()!.slug
    const request = pageRequest(token)
    const context = newContext()

    const layout = requireAssessment(request, slug, 'read:assessment', context)
    const page = requireAssessment(request, slug, 'read:finding', context)
    expect(page.assessment).toBe(layout.assessment)

    let refusal: unknown
    try {
      requireAssessment(request, slug, 'manage:users', context)
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(Response)
    expect((refusal as Response).status).toBe(403)
  })
})
