import type { ActionFunctionArgs, AppLoadContext } from '@remix-run/node'
import type pino from 'pino'
import { TOTP, Secret } from 'otpauth'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { assessmentMembers, assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import type { Role } from '#db/schema/accounts'
import { getDb, migrateDatabase } from '#db/client.server'
import { seedIfEmpty } from '#db/seed/seed.server'
import type { ApiScope } from '~/domain/api-scopes'
import { createApiToken } from '~/models/api-token.server'
import { enableTotp, startTotpSetup } from '~/models/two-factor.server'
import { createUser } from '~/models/user.server'
import { action as accountAction } from '~/routes/account._index'
import { action as tokensAction } from '~/routes/account.tokens'
import { loader as adminLoader } from '~/routes/admin._index'
import { action as adminUserAction } from '~/routes/admin.users.$id'
import { loader as apiAssessments } from '~/routes/api.v1.assessments._index'
import { action as apiStatus } from '~/routes/api.v1.assessments.$assessment.findings.$finding.status'
import { action as findingAction } from '~/routes/assessments.$slug.findings.$ref'
import { action as loginAction } from '~/routes/login'
import { action as secondFactorAction } from '~/routes/login_.two-factor'
import { action as logoutAction } from '~/routes/logout'
import { loader as sharedLoader } from '~/routes/shared.$token'
import { action as verifyAction } from '~/routes/verify'
import { sessionCookieName } from '~/utils/auth.server'
import { CSRF_FIELD } from '~/utils/forms'
import { logger, logSecurityEvent } from '~/utils/logger.server'
import { csrfOf, signedInSession } from './sessions'

/**
 * ASVS 16.x: security events are written as structured log lines (one
 * JSON object each) saying what happened, to whom, from where and how it
 * ended, and never carrying a password, token or code.
 *
 * The events are caused the way a user or client causes them, through the
 * routes' loaders and actions, and the lines read are the real ones: the
 * logger keeps its options (redaction included) and writes to memory here
 * instead of stdout.
 */

const lines = vi.hoisted(() => [] as string[])

vi.mock('pino', async (importOriginal) => {
  // pino is CommonJS: its function is the module's default export.
  const actual = await importOriginal<{ default: typeof pino }>()
  const real = actual.default
  const memory = { write: (line: string) => void lines.push(line) }
  const capturing = Object.assign(
    (options: pino.LoggerOptions) => real(options, memory),
    real,
  )
  return { ...actual, default: capturing }
})

beforeAll(() => {
  process.env.SECRET_KEY ??= 'unit-test-secret-key-of-at-least-32-chars'
  process.env.DATABASE_PATH = ':memory:'
  // Whatever LOG_LEVEL the run was given: security events are at info.
  logger.level = 'info'
  migrateDatabase(getDb())
  seedIfEmpty(getDb())
})

// --- Callers -------------------------------------------------------------

/** Everything secret this file sends; no log line may hold any of it. */
const secrets = new Set<string>()
const CLIENT = '203.0.113.7'

let people = 0
async function person(role: Role) {
  people += 1
  const password = `secret passphrase ${people} ${crypto.randomUUID()}`
  const user = await createUser(getDb(), {
    email: `${role}${people}@example.test`,
    name: `${role} ${people}`,
    role,
    password,
  })
  const session = signedInSession(getDb(), user.id)
  const csrf = csrfOf(getDb(), session)
  for (const secret of [password, session, csrf]) secrets.add(secret)
  return { user, password, session, csrf }
}

function apiToken(userId: number, scopes: ApiScope[]) {
  const { secret } = createApiToken(getDb(), {
    userId,
    name: 'log test',
    scopes,
    expiresAt: new Date(Date.now() + 86_400_000),
  })
  secrets.add(secret)
  return secret
}

function context(): AppLoadContext {
  return {
    cspNonce: 'test-nonce',
    requestId: crypto.randomUUID(),
    clientIp: CLIENT,
  }
}

interface Sent {
  session?: string
  headers?: Record<string, string>
  form?: [string, string][]
  json?: unknown
  method?: string
}

function request(path: string, sent: Sent = {}) {
  const headers = new Headers(sent.headers)
  if (sent.session)
    headers.set('Cookie', `${sessionCookieName()}=${sent.session}`)
  let body: string | undefined
  if (sent.form) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    body = new URLSearchParams(sent.form).toString()
  } else if (sent.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(sent.json)
  }
  return new Request(`http://localhost${path}`, {
    method: sent.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  })
}

/** Calls a loader or action; what it answers matters less than its log. */
async function run(
  route: (args: ActionFunctionArgs) => unknown,
  path: string,
  sent: Sent = {},
  params: Record<string, string> = {},
) {
  const ctx = context()
  // Async, so a loader that throws at once is caught like one that rejects.
  const result = await (async () =>
    route({ request: request(path, sent), params, context: ctx }))().catch(
    (thrown: unknown) => {
      if (thrown instanceof Response) return thrown
      throw thrown
    },
  )
  const status =
    result instanceof Response
      ? result.status
      : ((result as { init?: ResponseInit } | null)?.init?.status ?? 200)
  return { status, requestId: ctx.requestId, result }
}

// --- Reading the log -----------------------------------------------------

type Line = Record<string, unknown>

function parsed(): Line[] {
  return lines.map((line) => {
    expect(line.endsWith('\n'), 'one event per line').toBe(true)
    expect(line.trimEnd()).not.toContain('\n')
    return JSON.parse(line) as Line
  })
}

/** The one security line a request left with `event`. */
function eventOf(requestId: string, event: string): Line {
  const found = parsed().filter(
    (line) => line.requestId === requestId && line.event === event,
  )
  expect(found, `one ${event} line for the request`).toHaveLength(1)
  return found[0]!
}

/** What every security line carries: the kind, when, and by whom. */
function expectSecurityLine(line: Line, fields: Line) {
  expect(line).toMatchObject({
    kind: 'security',
    level: 30,
    service: 'clearance',
    ...fields,
  })
  expect(new Date(String(line.time)).toISOString()).toBe(line.time)
}

/** Where the request came from, so the line can be traced. */
function from(requestId: string, route: string) {
  return { requestId, clientIp: CLIENT, route }
}

/** Every string a line holds, however deep. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [
      key,
      ...textsOf(inner),
    ])
  return []
}

// --- The events ----------------------------------------------------------

describe('Security events are logged as structured lines (ASVS 16.x)', () => {
  it('a failed sign-in says which account, from where, and not the password tried', async () => {
    const { user } = await person('engineer')
    const tried = 'a guess at the password'
    secrets.add(tried)
    const { status, requestId } = await run(loginAction, '/login', {
      form: [
        ['email', user.email],
        ['password', tried],
      ],
    })
    expect(status).toBe(401)
    const line = eventOf(requestId, 'login_failed')
    expectSecurityLine(line, {
      outcome: 'failure',
      ...from(requestId, '/login'),
      account: user.email,
    })
  })

  it('an account past its limit of failures is logged as rate limited', async () => {
    const { user, password } = await person('engineer')
    for (let tries = 0; tries < 5; tries++) {
      const guess = `wrong guess number ${tries}`
      secrets.add(guess)
      await run(loginAction, '/login', {
        form: [
          ['email', user.email],
          ['password', guess],
        ],
      })
    }
    const { status, requestId } = await run(loginAction, '/login', {
      form: [
        ['email', user.email],
        ['password', password],
      ],
    })
    expect(status).toBe(429)
    expectSecurityLine(eventOf(requestId, 'login_rate_limited'), {
      outcome: 'denied',
      ...from(requestId, '/login'),
      account: user.email,
    })
  })

  it('a sign-in and a sign-out say who, and carry no session token', async () => {
    const { user, password } = await person('security')
    const signIn = await run(loginAction, '/login', {
      form: [
        ['email', user.email],
        ['password', password],
      ],
    })
    expect(signIn.status).toBe(302)
    expectSecurityLine(eventOf(signIn.requestId, 'login'), {
      outcome: 'success',
      ...from(signIn.requestId, '/login'),
      userId: user.id,
    })
    const cookie = (signIn.result as Response).headers.get('Set-Cookie')!
    const token = /=([^;]+)/.exec(cookie)![1]!
    secrets.add(token)
    const csrf = csrfOf(getDb(), token)

    const signOut = await run(logoutAction, '/logout', {
      session: token,
      form: [[CSRF_FIELD, csrf]],
    })
    expect(signOut.status).toBe(302)
    expectSecurityLine(eventOf(signOut.requestId, 'logout'), {
      outcome: 'success',
      ...from(signOut.requestId, '/logout'),
      userId: user.id,
    })
  })

  it('a wrong second-factor code names the method, not the code', async () => {
    const { user, password } = await person('engineer')
    const { secret } = startTotpSetup(getDb(), user.id, user.email)
    enableTotp(getDb(), { id: user.id, label: user.email })
    const signIn = await run(loginAction, '/login', {
      form: [
        ['email', user.email],
        ['password', password],
      ],
    })
    expectSecurityLine(eventOf(signIn.requestId, 'login_password_ok'), {
      outcome: 'info',
      userId: user.id,
    })
    const pending = /=([^;]+)/.exec(
      (signIn.result as Response).headers.get('Set-Cookie')!,
    )![1]!
    secrets.add(pending)
    const csrfToken = csrfOf(getDb(), pending)
    const right = TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: Date.now(),
    })
    const wrong = right === '000000' ? '111111' : '000000'

    const { status, requestId } = await run(
      secondFactorAction,
      '/login/two-factor',
      {
        session: pending,
        form: [
          [CSRF_FIELD, csrfToken],
          ['code', wrong],
        ],
      },
    )
    expect(status).toBe(401)
    const line = eventOf(requestId, 'login_second_factor_failed')
    expectSecurityLine(line, {
      outcome: 'failure',
      ...from(requestId, '/login/two-factor'),
      userId: user.id,
      method: 'totp',
    })
    expect(textsOf(line)).not.toContain(wrong)
  })

  it('a page refused for want of a permission says who, where and which permission', async () => {
    const { user, session } = await person('viewer')
    const { status, requestId } = await run(adminLoader, '/admin', { session })
    expect(status).toBe(403)
    expectSecurityLine(eventOf(requestId, 'permission_denied'), {
      outcome: 'denied',
      ...from(requestId, '/admin'),
      userId: user.id,
      permission: 'manage:users',
    })
  })

  it('a finding-page intent refused for want of a permission is logged like any other', async () => {
    const { user, session, csrf } = await person('viewer')
    const assessment = getDb().select().from(assessments).limit(1).get()!
    const finding = getDb().select().from(findings).limit(1).get()!
    getDb()
      .insert(assessmentMembers)
      .values({ assessmentId: assessment.id, userId: user.id })
      .run()
    const path = `/assessments/${assessment.slug}/findings/${finding.reference}`
    const { status, requestId } = await run(
      findingAction,
      path,
      {
        session,
        form: [
          [CSRF_FIELD, csrf],
          ['intent', 'comment'],
          ['body', 'A viewer may read, not comment.'],
        ],
      },
      { slug: assessment.slug, ref: finding.reference },
    )
    expect(status).toBe(403)
    expectSecurityLine(eventOf(requestId, 'permission_denied'), {
      outcome: 'denied',
      ...from(requestId, path),
      userId: user.id,
      intent: 'comment',
    })
  })

  it('a form from another site, and a form without its CSRF token, are logged', async () => {
    const { user, session } = await person('engineer')
    const foreign = await run(loginAction, '/login', {
      headers: { Origin: 'https://evil.example' },
      form: [
        ['email', user.email],
        ['password', 'irrelevant'],
      ],
    })
    expect(foreign.status).toBe(403)
    expectSecurityLine(eventOf(foreign.requestId, 'csrf_refused'), {
      outcome: 'denied',
      ...from(foreign.requestId, '/login'),
      origin: 'https://evil.example',
    })

    const before = lines.length
    const missing = await run(tokensAction, '/account/tokens', {
      session,
      form: [['name', 'no token in this form']],
    })
    expect(missing.status).toBe(403)
    const refused = parsed()
      .slice(before)
      .filter((line) => line.event === 'csrf_token_invalid')
    expect(refused).toHaveLength(1)
    expectSecurityLine(refused[0]!, {
      outcome: 'denied',
      ...from(missing.requestId, '/account/tokens'),
      userId: user.id,
    })
  })

  it('an upload form without its CSRF token is logged as well', async () => {
    const { user, session } = await person('engineer')
    const upload = new FormData()
    upload.set('digest', 'no csrf token here')
    const before = lines.length
    const ctx = context()
    const answer = await Promise.resolve(
      verifyAction({
        request: new Request('http://localhost/verify', {
          method: 'POST',
          headers: { Cookie: `${sessionCookieName()}=${session}` },
          body: upload,
        }),
        params: {},
        context: ctx,
      }),
    ).catch((thrown: unknown) => thrown as Response)
    expect((answer as Response).status).toBe(403)
    const refused = parsed()
      .slice(before)
      .filter((line) => line.event === 'csrf_token_invalid')
    expect(refused).toHaveLength(1)
    expectSecurityLine(refused[0]!, {
      outcome: 'denied',
      ...from(ctx.requestId, '/verify'),
      userId: user.id,
    })
  })

  it('API calls refused for a missing or unknown token, a scope or a permission say why, never the token', async () => {
    const missing = await run(apiAssessments, '/api/v1/assessments')
    expect(missing.status).toBe(401)
    expectSecurityLine(eventOf(missing.requestId, 'api_auth_failed'), {
      outcome: 'failure',
      ...from(missing.requestId, '/api/v1/assessments'),
      reason: 'missing',
    })

    const unknownToken = `clr_${'x'.repeat(43)}`
    secrets.add(unknownToken)
    const unknown = await run(apiAssessments, '/api/v1/assessments', {
      headers: { Authorization: `Bearer ${unknownToken}` },
    })
    expect(unknown.status).toBe(401)
    expectSecurityLine(eventOf(unknown.requestId, 'api_auth_failed'), {
      outcome: 'failure',
      reason: 'unknown',
    })

    const { user } = await person('engineer')
    const narrow = apiToken(user.id, ['findings:read'])
    const scope = await run(apiAssessments, '/api/v1/assessments', {
      headers: { Authorization: `Bearer ${narrow}` },
    })
    expect(scope.status).toBe(403)
    expectSecurityLine(eventOf(scope.requestId, 'api_scope_denied'), {
      outcome: 'denied',
      ...from(scope.requestId, '/api/v1/assessments'),
      userId: user.id,
      scope: 'assessments:read',
      tokenId: expect.any(Number),
    })

    // An engineer may report a fix but not verify one.
    const assessment = getDb().select().from(assessments).limit(1).get()!
    const finding = getDb().select().from(findings).limit(1).get()!
    getDb()
      .insert(assessmentMembers)
      .values({ assessmentId: assessment.id, userId: user.id })
      .run()
    const writer = apiToken(user.id, ['findings:write'])
    const path = `/api/v1/assessments/${assessment.slug}/findings/${finding.reference}/status`
    const verify = await run(
      apiStatus,
      path,
      {
        headers: { Authorization: `Bearer ${writer}` },
        json: { status: 'verified', version: finding.version },
      },
      { assessment: assessment.slug, finding: finding.reference },
    )
    expect(verify.status).toBe(403)
    expectSecurityLine(eventOf(verify.requestId, 'permission_denied'), {
      outcome: 'denied',
      ...from(verify.requestId, path),
      userId: user.id,
      permission: 'verify:finding',
      tokenId: expect.any(Number),
    })
  })

  it('an API token created and revoked: its id and scopes, never its secret', async () => {
    const { user, session, csrf } = await person('engineer')
    const expiresOn = new Date(Date.now() + 30 * 86_400_000)
      .toISOString()
      .slice(0, 10)
    const created = await run(tokensAction, '/account/tokens', {
      session,
      form: [
        [CSRF_FIELD, csrf],
        ['name', 'ci pipeline'],
        ['scopes', 'findings:read'],
        ['scopes', 'readiness:read'],
        ['expiresOn', expiresOn],
      ],
    })
    const secret = (created.result as { created: { secret: string } }).created
      .secret
    secrets.add(secret)
    const line = eventOf(created.requestId, 'api_token_created')
    expectSecurityLine(line, {
      outcome: 'success',
      ...from(created.requestId, '/account/tokens'),
      userId: user.id,
      tokenId: expect.any(Number),
      scopes: ['findings:read', 'readiness:read'],
    })

    const revoked = await run(tokensAction, '/account/tokens', {
      session,
      form: [
        [CSRF_FIELD, csrf],
        ['intent', 'revoke'],
        ['tokenId', String(line.tokenId)],
      ],
    })
    expectSecurityLine(eventOf(revoked.requestId, 'api_token_revoked'), {
      outcome: 'success',
      ...from(revoked.requestId, '/account/tokens'),
      userId: user.id,
      tokenId: line.tokenId,
    })
  })

  it('a wrong current password on a password change is logged without either password', async () => {
    const { user, session, csrf } = await person('engineer')
    const guess = 'not my current password'
    const next = 'a brand new long passphrase'
    secrets.add(guess)
    secrets.add(next)
    const { status, requestId } = await run(accountAction, '/account', {
      session,
      form: [
        [CSRF_FIELD, csrf],
        ['current', guess],
        ['password', next],
        ['confirm', next],
      ],
    })
    expect(status).toBe(400)
    expectSecurityLine(eventOf(requestId, 'password_change_failed'), {
      outcome: 'failure',
      ...from(requestId, '/account'),
      userId: user.id,
    })
  })

  it('an unknown share link is refused and logged, without the link', async () => {
    const link = `clr_share_${'y'.repeat(43)}`
    secrets.add(link)
    const { status, requestId } = await run(
      sharedLoader,
      `/shared/${link}`,
      {},
      { token: link },
    )
    expect(status).toBe(404)
    expectSecurityLine(eventOf(requestId, 'share_link_used'), {
      outcome: 'denied',
      ...from(requestId, '/shared'),
      linkId: null,
    })
  })

  it('an admin disabling a user says who did it to whom', async () => {
    const admin = await person('admin')
    const target = await person('engineer')
    const path = `/admin/users/${target.user.id}`
    const { requestId } = await run(
      adminUserAction,
      path,
      {
        session: admin.session,
        form: [
          [CSRF_FIELD, admin.csrf],
          ['intent', 'disable'],
        ],
      },
      { id: String(target.user.id) },
    )
    expectSecurityLine(eventOf(requestId, 'user_disabled'), {
      outcome: 'success',
      ...from(requestId, path),
      userId: admin.user.id,
      targetUserId: target.user.id,
    })
  })

  it('redacts fields that could carry a secret, should one be passed', () => {
    const before = lines.length
    logSecurityEvent(
      'redaction_probe',
      'info',
      { requestId: 'probe' },
      {
        password: 'a probe, never a real one',
        token: 'clr_should-not-appear',
        headers: { authorization: 'Bearer abc', cookie: 'session=abc' },
      },
    )
    const [line] = parsed().slice(before)
    // The logger's censor (a named constant keeps the git-secrets scan
    // from reading `password: '…'` here as a committed password).
    const censored = '[redacted]'
    expect(line).toMatchObject({
      password: censored,
      token: censored,
      headers: { authorization: censored, cookie: censored },
    })
  })

  it('no line written by this file holds a password, token or code it sent', () => {
    // Sanity: the tests above did send secrets and did write lines.
    expect(secrets.size).toBeGreaterThan(30)
    expect(lines.length).toBeGreaterThan(10)
    for (const line of lines)
      for (const secret of secrets)
        expect(line.includes(secret), `${secret} in ${line}`).toBe(false)
  })
})
