import type { AppLoadContext } from '@remix-run/node'
import { verify } from '@node-rs/argon2'
import { eq } from 'drizzle-orm'
import { TOTP, Secret } from 'otpauth'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { users } from '#db/schema/accounts'
import { getDb, migrateDatabase } from '#db/client.server'
import { PasswordSchema } from '~/domain/password-policy'
import { changeOwnPassword } from '~/models/account-admin.server'
import { findActiveSession } from '~/models/session.server'
import { enableTotp, startTotpSetup } from '~/models/two-factor.server'
import { createUser, setUserDisabled, verifyLogin } from '~/models/user.server'
import { action as passwordStep } from '~/routes/login'
import { action as secondFactorStep } from '~/routes/login_.two-factor'
import { getUser, sessionCookieName } from '~/utils/auth.server'
import { CSRF_FIELD } from '~/utils/forms'
import { logger } from '~/utils/logger.server'
import { signedInSession, TEST_TIMEOUTS } from './sessions'

/**
 * Signing in with a password, through the model (`verifyLogin`) and the
 * sign-in page's actions called as Remix calls them:
 *
 * - ASVS 6.2.8: the password is compared exactly as typed.
 * - ASVS 6.3.8: an unknown account and a wrong password get the same
 *   answer, and both pay for an argon2 verification.
 * - ASVS 11.4.2: stored hashes are argon2id with the parameters we claim.
 * - ASVS 7.2.4: each step of a sign-in issues a new session token.
 */

// The real argon2, watched: the test sees each verification (never how
// long it took, which a shared machine cannot measure reliably).
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>()
  return { ...actual, verify: vi.fn(actual.verify) }
})

beforeAll(() => {
  process.env.SECRET_KEY ??= 'unit-test-secret-key-of-at-least-32-chars'
  process.env.DATABASE_PATH = ':memory:'
  // Dozens of refused sign-ins for one account are the point here; the
  // limits themselves are tested by attacks.spec.ts.
  process.env.LOGIN_LIMIT_PER_ACCOUNT = '1000'
  process.env.LOGIN_LIMIT_PER_IP = '1000'
  migrateDatabase(getDb())
  logger.level = 'silent' // security-log.test.ts reads these lines
})

beforeEach(() => {
  vi.mocked(verify).mockClear()
})

// Spaces at both ends, one inside, mixed case and a digit: every way a
// careless comparison could bend it has something to bend.
const PASSWORD = ' Tide pools at 6am '
const LONG_PASSWORD = `${'0123456789'.repeat(9)}tail-end!!`

let accounts = 0
async function account(password = PASSWORD) {
  accounts += 1
  const user = await createUser(getDb(), {
    email: `person${accounts}@example.test`,
    name: `Person ${accounts}`,
    role: 'engineer',
    password,
  })
  return user
}

function storedHash(userId: number) {
  return getDb()
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .get()!.hash!
}

function context(): AppLoadContext {
  return {
    cspNonce: 'test-nonce',
    requestId: crypto.randomUUID(),
    clientIp: '127.0.0.1',
  }
}

interface Answer {
  status: number
  location: string | null
  /** The session token the answer sets, if it sets one. */
  token: string | null
  /** What the page is given to show (failures only). */
  body: unknown
  headers: Headers
}

/** Runs an action; a redirect is an answer, `data()` another. */
async function answerOf(result: Promise<unknown>): Promise<Answer> {
  const value = await result.catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown
    throw thrown
  })
  if (value instanceof Response) {
    const cookie = value.headers.get('Set-Cookie') ?? ''
    const token = new RegExp(`^${sessionCookieName()}=([^;]+)`).exec(
      cookie,
    )?.[1]
    return {
      status: value.status,
      location: value.headers.get('Location'),
      token: token ?? null,
      body: null,
      headers: value.headers,
    }
  }
  const { data, init } = value as { data: unknown; init?: ResponseInit }
  return {
    status: init?.status ?? 200,
    location: null,
    token: null,
    body: data,
    headers: new Headers(init?.headers),
  }
}

function post(path: string, form: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: `${sessionCookieName()}=${cookie}` } : {}),
    },
    body: new URLSearchParams(form).toString(),
  })
}

/** The sign-in form posted with `email` and `password`. */
function signIn(email: string, password: string, cookie?: string) {
  return answerOf(
    passwordStep({
      request: post(
        '/login',
        { email, password, redirectTo: '/my-work' },
        cookie,
      ),
      params: {},
      context: context(),
    }),
  )
}

describe('Passwords are compared exactly (ASVS 6.2.8)', () => {
  const bent: [string, (password: string) => string][] = [
    ['trimmed', (password) => password.trim()],
    ['without its leading space', (password) => password.trimStart()],
    ['without its trailing space', (password) => password.trimEnd()],
    ['less its last character', (password) => password.slice(0, -1)],
    ['cut to its first 8 characters', (password) => password.slice(0, 8)],
    ['in upper case', (password) => password.toUpperCase()],
    ['in lower case', (password) => password.toLowerCase()],
    [
      'with the case of one letter changed',
      (password) => password.replace('T', 't'),
    ],
    ['with a space added at the end', (password) => `${password} `],
    ['with a space added at the start', (password) => ` ${password}`],
    ['with a tab added', (password) => `${password}\t`],
    ['with a newline added', (password) => `${password}\n`],
    [
      'with a space doubled inside',
      (password) => password.replace('pools', ' pools'),
    ],
  ]

  it('keeps a new password as typed: the policy neither trims nor folds case', () => {
    expect(PasswordSchema.parse(PASSWORD)).toBe(PASSWORD)
  })

  it('signs in with the password exactly as it was set', async () => {
    const user = await account()
    expect(await verifyLogin(getDb(), user.email, PASSWORD)).toMatchObject({
      id: user.id,
    })
    const answer = await signIn(user.email, PASSWORD)
    expect(answer.status).toBe(302)
    expect(answer.location).toBe('/my-work')
    expect(answer.token).not.toBeNull()
  })

  for (const [how, bend] of bent)
    it(`refuses the password ${how}, in the model and on the sign-in form`, async () => {
      const user = await account()
      const attempt = bend(PASSWORD)
      expect(attempt).not.toBe(PASSWORD)
      expect(await verifyLogin(getDb(), user.email, attempt)).toBeNull()
      const answer = await signIn(user.email, attempt)
      expect(answer.status).toBe(401)
      expect(answer.token).toBeNull()
    })

  it('compares every character of a long password (no truncation at 72 bytes, as bcrypt would)', async () => {
    const user = await account(LONG_PASSWORD)
    expect(LONG_PASSWORD.length).toBe(100)
    expect((await signIn(user.email, LONG_PASSWORD)).status).toBe(302)
    for (const cut of [LONG_PASSWORD.slice(0, 72), LONG_PASSWORD.slice(0, 99)])
      expect((await signIn(user.email, cut)).status).toBe(401)
  })
})

describe('An unknown account and a wrong password look alike (ASVS 6.3.8)', () => {
  /** The answer less the e-mail the form echoes back to its typist. */
  function comparable(answer: Answer) {
    const body = answer.body as { email?: string }
    return {
      status: answer.status,
      location: answer.location,
      token: answer.token,
      body: { ...body, email: '(as typed)' },
      headers: [...answer.headers.entries()],
    }
  }

  it('gives the same answer to an unknown e-mail, a wrong password, a disabled account and one with no password', async () => {
    const known = await account()
    const disabled = await account()
    setUserDisabled(getDb(), disabled.id, true)
    const passwordless = await createUser(getDb(), {
      email: 'no-password@example.test',
      name: 'No password',
      role: 'viewer',
    })

    const wrongPassword = await signIn(known.email, 'Tide pools at 7am')
    expect(wrongPassword.status).toBe(401)
    expect(wrongPassword.body).toMatchObject({
      formError: 'The e-mail or password is not right.',
    })
    for (const other of [
      await signIn('nobody-here@example.test', 'Tide pools at 7am'),
      await signIn(disabled.email, PASSWORD),
      await signIn(passwordless.email, PASSWORD),
    ])
      expect(comparable(other)).toEqual(comparable(wrongPassword))
  })

  it('verifies against an argon2id hash for an unknown account too, as for a wrong password', async () => {
    const known = await account()
    const spy = vi.mocked(verify)

    expect(await verifyLogin(getDb(), known.email, 'wrong one')).toBeNull()
    expect(spy).toHaveBeenCalledTimes(1)
    expect(spy).toHaveBeenLastCalledWith(storedHash(known.id), 'wrong one')

    spy.mockClear()
    expect(
      await verifyLogin(getDb(), 'nobody-here@example.test', 'wrong one'),
    ).toBeNull()
    expect(spy).toHaveBeenCalledTimes(1)
    const [dummy, tried] = spy.mock.calls[0]!
    expect(tried).toBe('wrong one')
    // A real hash of the same kind and cost, belonging to no account.
    expect(String(dummy)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(
      getDb()
        .select()
        .from(users)
        .where(eq(users.passwordHash, String(dummy)))
        .all(),
    ).toEqual([])

    // A disabled account pays the same single verification.
    const disabled = await account()
    setUserDisabled(getDb(), disabled.id, true)
    spy.mockClear()
    expect(await verifyLogin(getDb(), disabled.email, PASSWORD)).toBeNull()
    expect(spy).toHaveBeenCalledTimes(1)
  })
})

describe('Stored password hashes (ASVS 11.4.2)', () => {
  // argon2id, 19 MiB of memory, 2 passes, 1 lane: the first of OWASP's
  // recommended settings, which `hashPassword` relies on the library's
  // defaults for. A 16-byte salt and a 32-byte hash, in unpadded base64.
  const ARGON2ID =
    /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/

  it('stores the password of a new account as argon2id with those parameters, salted per account', async () => {
    const first = await account()
    const second = await account()
    expect(storedHash(first.id)).toMatch(ARGON2ID)
    expect(storedHash(second.id)).toMatch(ARGON2ID)
    // The same password twice: different salts, different hashes.
    expect(storedHash(first.id)).not.toBe(storedHash(second.id))
    expect(storedHash(first.id)).not.toContain(PASSWORD.trim())
  })

  it('stores a changed password the same way', async () => {
    const user = await account()
    const before = storedHash(user.id)
    await changeOwnPassword(
      getDb(),
      { id: user.id, label: user.email },
      0,
      'an entirely new passphrase',
    )
    expect(storedHash(user.id)).toMatch(ARGON2ID)
    expect(storedHash(user.id)).not.toBe(before)
  })
})

describe('Each sign-in step issues a new session token (ASVS 7.2.4)', () => {
  function sessionOf(token: string) {
    return findActiveSession(getDb(), token, TEST_TIMEOUTS)
  }

  it('the password step sets a new token, whatever session cookie came with it', async () => {
    const user = await account()
    const other = await account()
    const otherSession = signedInSession(getDb(), other.id)
    const ownEarlier = signedInSession(getDb(), user.id)
    const planted = {
      'a token chosen by an attacker':
        'attacker-chosen-session-token-value-0123456789',
      "an attacker's own live session": otherSession,
      "the user's own earlier session": ownEarlier,
    }
    const earlierIds = [sessionOf(otherSession)!.id, sessionOf(ownEarlier)!.id]

    for (const [what, cookie] of Object.entries(planted)) {
      const answer = await signIn(user.email, PASSWORD, cookie)
      expect(answer.status, what).toBe(302)
      expect(answer.token, what).not.toBeNull()
      expect(answer.token, what).not.toBe(cookie)
      const fresh = sessionOf(answer.token!)!
      expect(fresh.user.id, what).toBe(user.id)
      expect(earlierIds, what).not.toContain(fresh.id)
    }
    // The planted cookies gained nothing: the attacker's session is still
    // the attacker's, the chosen token still opens nothing.
    expect(sessionOf(otherSession)!.user.id).toBe(other.id)
    expect(sessionOf(planted['a token chosen by an attacker'])).toBeNull()
  })

  it('two sign-ins never share a token', async () => {
    const user = await account()
    const first = await signIn(user.email, PASSWORD)
    const second = await signIn(user.email, PASSWORD)
    expect(first.token).not.toBe(second.token)
  })

  it('the second factor sets another new token, and the half-signed-in one stops working', async () => {
    const user = await account()
    const { secret } = startTotpSetup(getDb(), user.id, user.email)
    enableTotp(getDb(), { id: user.id, label: user.email })

    const first = await signIn(user.email, PASSWORD)
    expect(first.status).toBe(302)
    expect(first.location).toMatch(/^\/login\/two-factor\?/)
    const pending = first.token!
    const half = sessionOf(pending)!
    expect(half.pendingSecondFactor).toBe(true)
    // Owing a code, the cookie signs no one in.
    expect(
      getUser(
        new Request('http://localhost/', {
          headers: { Cookie: `${sessionCookieName()}=${pending}` },
        }),
      ),
    ).toBeNull()

    const code = TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: Date.now(),
    })
    const second = await answerOf(
      secondFactorStep({
        request: post(
          '/login/two-factor',
          { [CSRF_FIELD]: half.csrfToken, code, redirectTo: '/my-work' },
          pending,
        ),
        params: {},
        context: context(),
      }),
    )
    expect(second.status).toBe(302)
    expect(second.location).toBe('/my-work')
    expect(second.token).not.toBeNull()
    expect(second.token).not.toBe(pending)
    expect(sessionOf(pending)).toBeNull()
    const full = sessionOf(second.token!)!
    expect(full.user.id).toBe(user.id)
    expect(full.pendingSecondFactor).toBe(false)
    expect(full.csrfToken).not.toBe(half.csrfToken)
  })
})
