import { test as base, expect, type Page } from '@playwright/test'
import type { Role } from '#db/schema/accounts'
import { getConnection } from '#db/client.server'
import { assessmentMembers } from '#db/schema/assessments'
import { seedPhase2 } from '#db/seed/phase2'
import type { ApiScope } from '~/domain/api-scopes'
import { createApiToken } from '~/models/api-token.server'
import { createSession } from '~/models/session.server'
import { createUser, type SafeUser } from '~/models/user.server'
import { sessionCookieName } from '~/utils/auth.server'

let counter = 0

/**
 * Creates a user of `role` with a known password, in the database the test
 * server uses. Each call makes a new user, so tests never share accounts.
 */
export async function makeUser(role: Role, name?: string) {
  counter += 1
  const unique = `${Date.now().toString(36)}${counter}`
  const password = `pw-${unique}-long-enough`
  const user = await createUser(getConnection().db, {
    email: `${role}-${unique}@example.test`,
    name: name ?? `${role[0]?.toUpperCase()}${role.slice(1)} ${unique}`,
    role,
    password,
  })
  return { user, password }
}

/** Signs `user` in by giving the browser a fresh session cookie. */
export async function signInAs(page: Page, user: SafeUser) {
  const token = createSession(
    getConnection().db,
    {
      userId: user.id,
      pendingSecondFactor: false,
      ipAddress: null,
      userAgent: 'e2e',
    },
    { idleMinutes: 60, absoluteHours: 12 },
  )
  const baseUrl = process.env.E2E_BASE_URL ?? ''
  await page.context().addCookies([
    {
      name: sessionCookieName(),
      value: token,
      url: baseUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ])
}

export const test = base
export { expect }

/** A bearer token for `user` with `scopes`, valid for a day unless told. */
export function makeToken(
  user: SafeUser,
  scopes: ApiScope[],
  expiresAt = new Date(Date.now() + 86_400_000),
) {
  return createApiToken(getConnection().db, {
    userId: user.id,
    name: 'e2e',
    scopes,
    expiresAt,
  }).secret
}

/**
 * A private copy of the Phase 2 assessment under a new slug, for tests that
 * change findings, plans or gates. Returns its slug and id.
 */
export function makeAssessment(label = 'copy', startOn = new Date()) {
  counter += 1
  const slug = `p2-${label}-${Date.now().toString(36)}${counter}`
  const id = seedPhase2(
    getConnection().db,
    startOn.toISOString().slice(0, 10),
    new Date().toISOString(),
    {
      slug,
      name: `Phase 2 (${label} ${counter})`,
    },
  )
  return { slug, id }
}

/** Makes `user` a member of the assessment (engineers and viewers need it). */
export function addMember(assessmentId: number, userId: number) {
  getConnection()
    .db.insert(assessmentMembers)
    .values({ assessmentId, userId })
    .run()
}
