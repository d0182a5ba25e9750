import {
  addMember,
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  test,
} from './fixtures'
import { expectRefused, form, raw } from './raw-http'

/**
 * Bad input: each request must get a clear 4xx (never a 5xx) and leave the
 * stored data exactly as it was (see raw-http.ts for the digest).
 */

test('An oversized body is refused with 413 before it is read', async () => {
  const { user } = await makeUser('security')
  const token = makeToken(user, ['findings:write', 'findings:read'])
  const big = 'x'.repeat(1_100_000)
  const answer = await expectRefused(
    () => raw('POST', '/login', form, `email=a%40b.test&password=${big}`),
    413,
  )
  expect(answer.headers['content-type']).toContain('application/json')
  await expectRefused(
    () =>
      raw(
        'POST',
        '/api/v1/assessments/phase-2-backend/findings/P2-001/comments',
        {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        JSON.stringify({ body: big }),
      ),
    413,
  )
})

test('A page POST without a Content-Type gets 415, not a server error', async () => {
  // Remix's formData() throws on a missing type; the server answers first.
  for (const path of ['/login', '/logout', '/assessments/new/import'])
    for (const body of ['email=a%40b.test&password=x', undefined]) {
      const answer = await expectRefused(() => raw('POST', path, {}, body), 415)
      expect(JSON.parse(answer.body).error.code).toBe('unsupported_media_type')
    }
  await expectRefused(
    () => raw('POST', '/login', { 'Content-Type': 'text/plain' }),
    415,
  )
})

test('Headers that are too large get 431 and TRACE gets 405', async () => {
  await expectRefused(
    () => raw('GET', '/login', { 'X-Padding': 'y'.repeat(20_000) }),
    431,
  )
  const trace = await expectRefused(() => raw('TRACE', '/login'), 405)
  expect(trace.body).not.toContain('X-Padding')
  await expectRefused(() => raw('TRACK', '/'), [400, 405])
})

test('Sign-in refuses invalid UTF-8, wrong content types and prototype keys without a 5xx', async () => {
  const invalidUtf8 = Buffer.concat([
    Buffer.from('email='),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    Buffer.from('%40example.test&password=%ff%fe%fd'),
  ])
  await expectRefused(
    () => raw('POST', '/login', form, invalidUtf8),
    [400, 401],
  )
  await expectRefused(
    () =>
      raw(
        'POST',
        '/login',
        { 'Content-Type': 'application/json' },
        '{"email":"a@b.test","password":"x"}',
      ),
    [400, 401, 415],
  )
  await expectRefused(
    () => raw('POST', '/login', { 'Content-Type': 'text/xml' }, '<a>&xxe;</a>'),
    [400, 401, 415],
  )
  await expectRefused(
    () =>
      raw(
        'POST',
        '/login',
        form,
        '__proto__%5Bpolluted%5D=yes&constructor%5Bprototype%5D%5Bpolluted%5D=yes&__proto__=x&email=a%40b.test&password=wrong-password',
      ),
    [400, 401],
  )
  // The server still answers normally afterwards: nothing was polluted.
  const after = await raw('GET', '/login')
  expect(after.status).toBe(200)
  expect(after.body).not.toContain('polluted')
})

test('Script payloads typed into reachable fields are sent back inert', async () => {
  const payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
  const login = await expectRefused(
    () =>
      raw(
        'POST',
        '/login',
        form,
        new URLSearchParams({
          email: payload,
          password: 'wrong-password',
        }).toString(),
      ),
    [400, 401],
  )
  expect(login.body).not.toContain('<script>alert(1)')
  expect(login.body).not.toContain('<img src=x onerror')

  const { user } = await makeUser('security')
  const token = makeToken(user, ['findings:read'])
  const list = await raw(
    'GET',
    `/api/v1/assessments/phase-2-backend/findings?q=${encodeURIComponent(payload)}&owasp=${encodeURIComponent(payload)}`,
    { Authorization: `Bearer ${token}` },
  )
  expect(list.status).toBe(400)
  expect(list.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(list.headers['x-content-type-options']).toBe('nosniff')
})

test('A member of one assessment gets 404 for every path into another', async () => {
  const mine = makeAssessment('bad-input-mine')
  const theirs = makeAssessment('bad-input-theirs')
  const { user } = await makeUser('engineer')
  addMember(mine.id, user.id)
  const token = makeToken(user, [
    'assessments:read',
    'findings:read',
    'findings:write',
    'readiness:read',
    'reports:read',
  ])
  const auth = { Authorization: `Bearer ${token}` }
  expect(
    (await raw('GET', `/api/v1/assessments/${mine.slug}/findings`, auth))
      .status,
  ).toBe(200)
  for (const path of [
    `/api/v1/assessments/${theirs.slug}/findings`,
    `/api/v1/assessments/${theirs.id}/findings`,
    `/api/v1/assessments/${theirs.slug}/findings/P2-001`,
    `/api/v1/assessments/${theirs.slug}/readiness`,
    `/api/v1/assessments/phase-2-backend/findings`,
  ])
    await expectRefused(() => raw('GET', path, auth), 404)
  for (const path of [
    `/api/v1/assessments/${theirs.slug}/findings/P2-001/status`,
    `/api/v1/assessments/${theirs.slug}/findings/P2-001/comments`,
  ])
    await expectRefused(
      () =>
        raw(
          'POST',
          path,
          { ...auth, 'Content-Type': 'application/json' },
          JSON.stringify({ status: 'in_progress', version: 1, body: 'x' }),
        ),
      404,
    )
})

test('Look-alike and out-of-range identifiers get a 4xx, never a 5xx', async () => {
  const { user } = await makeUser('security')
  const token = makeToken(user, ['findings:read', 'assessments:read'])
  const auth = { Authorization: `Bearer ${token}` }
  // Cyrillic "а" in place of the Latin "a", a zero-width joiner, a huge id.
  for (const slug of [
    'phase-2-b\u0430ckend',
    'phase-2-\u200dbackend',
    '99999999999999999999',
    '-1',
    '%00',
  ])
    await expectRefused(
      () =>
        raw(
          'GET',
          `/api/v1/assessments/${encodeURIComponent(slug)}/findings`,
          auth,
        ),
      [400, 404],
    )
  for (const query of [
    'page=0',
    'page=1e309',
    'pageSize=100000',
    'assignee=-4',
    'sort=__proto__',
    'severity=CRITICAL',
  ])
    await expectRefused(
      () =>
        raw(
          'GET',
          `/api/v1/assessments/phase-2-backend/findings?${query}`,
          auth,
        ),
      400,
    )
  await expectRefused(
    () =>
      raw(
        'POST',
        '/login',
        form,
        new URLSearchParams({
          email: 'secur\u0456ty@example.test',
          password: 'x',
        }).toString(),
      ),
    401,
  )
})
