import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { desc, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { auditLog } from '#db/schema/audit'
import { findings } from '#db/schema/findings'
import { createSession, findActiveSession } from '~/models/session.server'
import type { SafeUser } from '~/models/user.server'
import { sessionCookieName } from '~/utils/auth.server'
import {
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  signInAs,
  test,
} from './fixtures'

const timeouts = { idleMinutes: 60, absoluteHours: 12 }
const base = process.env.E2E_BASE_URL ?? ''

/** A session for `user` as the raw Cookie header and its CSRF token. */
function sessionFor(user: SafeUser) {
  const db = getConnection().db
  const token = createSession(
    db,
    {
      userId: user.id,
      pendingSecondFactor: false,
      ipAddress: null,
      userAgent: 'e2e',
    },
    timeouts,
  )
  const csrf = findActiveSession(db, token, timeouts)!.csrfToken
  return { cookie: `${sessionCookieName()}=${token}`, csrf }
}

test('After signing out, the old session cookie is refused', async ({
  page,
  request,
}) => {
  const { user } = await makeUser('viewer')
  await signInAs(page, user)
  await page.goto('/account')
  const [cookie] = await page.context().cookies()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  const replay = await request.get('/account', {
    headers: { Cookie: `${cookie!.name}=${cookie!.value}` },
    maxRedirects: 0,
  })
  expect(replay.status()).toBe(302)
  expect(replay.headers()['location']).toMatch(/^\/login/)
})

test('A state-changing POST from another site, or without its CSRF token, gets 403', async ({
  request,
}) => {
  const { user } = await makeUser('viewer')
  const { cookie, csrf } = sessionFor(user)
  const form = { current: 'wrong', password: 'x', confirm: 'x' }

  const crossSite = await request.post('/account', {
    headers: { Cookie: cookie, Origin: 'https://evil.example' },
    form: { ...form, csrf },
    maxRedirects: 0,
  })
  expect(crossSite.status()).toBe(403)

  const noToken = await request.post('/account', {
    headers: { Cookie: cookie, Origin: base },
    form,
    maxRedirects: 0,
  })
  expect(noToken.status()).toBe(403)

  // The same request with its token and our origin reaches the form check.
  const genuine = await request.post('/account', {
    headers: { Cookie: cookie, Origin: base },
    form: { ...form, csrf },
    maxRedirects: 0,
  })
  expect(genuine.status()).toBe(400)
})

test('Repeated wrong passwords for one account run into the limit with Retry-After', async ({
  request,
}) => {
  const { user, password } = await makeUser('engineer')
  const attempt = (secret: string) =>
    request.post('/login', {
      form: { email: user.email, password: secret, redirectTo: '/' },
      maxRedirects: 0,
    })
  for (let tries = 0; tries < 5; tries++)
    expect((await attempt(`wrong-${tries}-password`)).status()).toBe(401)
  const limited = await attempt('wrong-again-password')
  expect(limited.status()).toBe(429)
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0)
  // Even the right password waits now.
  expect((await attempt(password)).status()).toBe(429)
})

test('Pages and API answers carry the security headers', async ({
  page,
  request,
}) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  const pageAnswer = await page.goto('/assessments')
  const token = makeToken(user, ['assessments:read'])
  const apiAnswer = await request.get('/api/v1/assessments', {
    headers: { Authorization: `Bearer ${token}` },
  })
  for (const [name, answer] of [
    ['page', pageAnswer!.headers()],
    ['api', apiAnswer.headers()],
  ] as const) {
    const csp = answer['content-security-policy'] ?? ''
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
    expect(scriptSrc, name).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/)
    expect(scriptSrc, name).not.toContain('unsafe-inline')
    expect(csp, name).toContain("object-src 'none'")
    expect(csp, name).toContain("base-uri 'none'")
    expect(csp, name).toContain("frame-ancestors 'none'")
    expect(answer['x-content-type-options'], name).toBe('nosniff')
    expect(answer['referrer-policy'], name).toBe('same-origin')
    expect(answer['x-powered-by'], name).toBeUndefined()
    expect(answer['cache-control'], name).toBe('no-store')
  }
  // The nonce in the header is the one on the page's scripts.
  const nonce = /'nonce-([^']+)'/.exec(
    pageAnswer!.headers()['content-security-policy']!,
  )![1]
  const scripts = await page
    .locator('script')
    .evaluateAll((tags) => tags.map((tag) => (tag as HTMLScriptElement).nonce))
  expect(scripts.length).toBeGreaterThan(0)
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce)
})

test('A foreign Origin on the API gets no CORS headers, and TRACE gets 405', async ({
  request,
}) => {
  const { user } = await makeUser('security')
  const token = makeToken(user, ['assessments:read'])
  const answer = await request.get('/api/v1/assessments', {
    headers: {
      Authorization: `Bearer ${token}`,
      Origin: 'https://evil.example',
    },
  })
  expect(answer.status()).toBe(200)
  expect(answer.headers()['access-control-allow-origin']).toBeUndefined()
  const preflight = await request.fetch('/api/v1/assessments', {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'GET',
    },
  })
  expect(preflight.headers()['access-control-allow-origin']).toBeUndefined()

  const trace = await request.fetch('/', { method: 'TRACE' })
  expect(trace.status()).toBe(405)
})

test('A chunked body over the limit gets 413', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const post = http.request(`${base}/login`, { method: 'POST' })
    post.on('response', (response) => resolve(response.statusCode ?? 0))
    post.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < 2_000_000) {
        sent += chunk.length
        if (!post.write(chunk)) return post.once('drain', pump)
      }
      post.end()
    }
    pump()
  })
  expect(status).toBe(413)
})

test('A tampered audit entry is detected by the admin page and by the CLI', async ({
  page,
}) => {
  const { user: admin } = await makeUser('admin')
  await signInAs(page, admin)
  // Make sure there is at least one entry: creating a token is audited.
  await page.goto('/account/tokens')
  await page.getByLabel('Name').fill('audit probe')
  await page.getByRole('checkbox', { name: /readiness:read/ }).check()
  await page.getByRole('button', { name: 'Create token' }).click()
  await expect(page.getByTestId('new-token')).toBeVisible()

  const db = getConnection().db
  const target = db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get()!
  const cli = () => {
    try {
      return {
        code: 0,
        output: execFileSync(
          'npx',
          ['tsx', 'bin/clearance.ts', 'audit', 'verify'],
          {
            env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
            encoding: 'utf8',
          },
        ),
      }
    } catch (error) {
      const failed = error as { status: number; stdout: string }
      return { code: failed.status, output: failed.stdout }
    }
  }
  expect(cli().code).toBe(0)

  db.update(auditLog)
    .set({ actorLabel: 'someone-else' })
    .where(eq(auditLog.id, target.id))
    .run()
  try {
    await page.goto('/admin/audit')
    await page.getByRole('button', { name: 'Verify chain' }).click()
    await expect(page.getByRole('alert')).toContainText(
      `broken at entry ${target.id}`,
    )
    const verdict = cli()
    expect(verdict.code).toBe(1)
    expect(verdict.output).toContain(`entry ${target.id}`)
  } finally {
    db.update(auditLog)
      .set({ actorLabel: target.actorLabel })
      .where(eq(auditLog.id, target.id))
      .run()
  }
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'intact' }),
  ).toBeVisible()
})

test('Script in a finding title is shown as text and never runs', async ({
  page,
}) => {
  const { id, slug } = makeAssessment('xss')
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>'
  const db = getConnection().db
  const [first] = db
    .select()
    .from(findings)
    .where(eq(findings.assessmentId, id))
    .limit(1)
    .all()
  db.update(findings)
    .set({ title: payload })
    .where(eq(findings.id, first!.id))
    .run()
  const { user } = await makeUser('security')
  await signInAs(page, user)
  let dialogs = 0
  page.on('dialog', async (dialog) => {
    dialogs += 1
    await dialog.dismiss()
  })

  await page.goto(`/assessments/${slug}/findings`)
  await expect(page.getByText(payload).first()).toBeVisible()
  await page.goto(`/assessments/${slug}/findings/${first!.reference}`)
  await expect(page.getByText(payload).first()).toBeVisible()
  expect(await page.locator('img[src="x"]').count()).toBe(0)
  expect(dialogs).toBe(0)
})

test('The setup link creates the first admin once, then answers 404', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'clearance-setup-'))
  const port = Number(process.env.E2E_PORT ?? 3210) + 50
  const server = spawn('npx', ['tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: path.join(folder, 'clearance.db'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so the server under npx and tsx stops with it.
    detached: true,
  })
  const stopped = new Promise((resolve) => server.once('exit', resolve))
  try {
    const link = await new Promise<string>((resolve, reject) => {
      let output = ''
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output)
        if (match?.[1]) resolve(match[1])
      })
      server.once('exit', () => reject(new Error(`server exited: ${output}`)))
    })
    await page.goto(link)
    await page.getByLabel('Name').fill('First Admin')
    await page.getByLabel('E-mail').fill('first@example.test')
    await page
      .getByLabel('Password', { exact: true })
      .fill('a first admin passphrase')
    await page
      .getByLabel('Repeat the password')
      .fill('a first admin passphrase')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await expect(
      page.getByRole('heading', { name: 'Assessments' }),
    ).toBeVisible()

    const again = await page.goto(link)
    expect(again?.status()).toBe(404)
  } finally {
    if (server.exitCode === null) {
      process.kill(-server.pid!, 'SIGTERM')
      await stopped
    }
    fs.rmSync(folder, { recursive: true, force: true })
  }
})
