import { expect, makeToken, makeUser, test } from './fixtures'
import { expectRefused, form, raw } from './raw-http'

/**
 * Hostile headers: foreign origins, cross-site fetches, and the headers
 * every answer must carry whatever was asked.
 */
test('A state-changing request from a foreign origin or site is refused with 403', async () => {
  const body = new URLSearchParams({
    email: 'a@b.test',
    password: 'wrong-password',
  }).toString()
  await expectRefused(
    () =>
      raw('POST', '/login', { ...form, Origin: 'https://evil.example' }, body),
    403,
  )
  await expectRefused(
    () =>
      raw('POST', '/login', { ...form, 'Sec-Fetch-Site': 'cross-site' }, body),
    403,
  )
  await expectRefused(
    () => raw('POST', '/logout', { ...form, Origin: 'null' }, 'csrf=x'),
    403,
  )
})

test('A foreign Origin gets no CORS headers from the API, not even on a preflight', async () => {
  const { user } = await makeUser('security')
  const token = makeToken(user, ['assessments:read'])
  const answer = await raw('GET', '/api/v1/assessments', {
    Authorization: `Bearer ${token}`,
    Origin: 'https://evil.example',
  })
  expect(answer.status).toBe(200)
  expect(
    Object.keys(answer.headers).filter((name) =>
      name.startsWith('access-control-'),
    ),
  ).toEqual([])
  const preflight = await raw('OPTIONS', '/api/v1/assessments', {
    Origin: 'https://evil.example',
    'Access-Control-Request-Method': 'POST',
  })
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
})

test('Every answer, errors included, carries the security headers and no version banner', async () => {
  for (const [method, path] of [
    ['GET', '/login'],
    ['GET', '/no-such-page'],
    ['GET', '/api/v1/assessments'],
    ['TRACE', '/'],
    ['GET', '/.env'],
  ] as const) {
    const answer = await raw(method, path)
    const headers = answer.headers
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBe('same-origin')
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin')
    expect(headers['content-security-policy'], path).toMatch(
      /frame-ancestors 'none'/,
    )
    expect(headers['x-powered-by'], path).toBeUndefined()
    expect(headers.server, path).toBeUndefined()
    expect(answer.status, path).toBeLessThan(500)
  }
  const page = await raw('GET', '/login')
  const csp = page.headers['content-security-policy'] ?? ''
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/)
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("base-uri 'none'")
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
})
