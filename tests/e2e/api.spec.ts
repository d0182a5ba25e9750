import { expect, makeToken, makeUser, test } from './fixtures'

test('The API answers a valid token with the assessments its owner may see', async ({
  request,
}) => {
  const { user } = await makeUser('security')
  const token = makeToken(user, ['assessments:read', 'findings:read'])
  const response = await request.get('/api/v1/assessments', {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe(
    'application/json; charset=utf-8',
  )
  expect(response.headers()['cache-control']).toBe('no-store')
  const body = await response.json()
  // Other tests add private copies (makeAssessment); security sees them all.
  const phase2 = body.assessments.find(
    (assessment: { slug: string }) => assessment.slug === 'phase-2-backend',
  )
  expect(phase2).toMatchObject({
    slug: 'phase-2-backend',
    total: 19,
    open: 19,
    openCritical: 4,
    openBlockers: 4,
  })

  const findings = await request.get(
    '/api/v1/assessments/phase-2-backend/findings?severity=critical',
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  )
  expect((await findings.json()).total).toBe(4)
})

test('The API refuses a missing, unknown, expired or out-of-scope token with JSON', async ({
  request,
}) => {
  const missing = await request.get('/api/v1/assessments')
  expect(missing.status()).toBe(401)
  expect((await missing.json()).error.code).toBe('unauthorized')

  const unknown = await request.get('/api/v1/assessments', {
    headers: { Authorization: 'Bearer clr_not-a-real-token' },
  })
  expect(unknown.status()).toBe(401)

  const { user } = await makeUser('security')
  const expired = makeToken(
    user,
    ['assessments:read'],
    new Date(Date.now() - 1000),
  )
  const expiredAnswer = await request.get('/api/v1/assessments', {
    headers: { Authorization: `Bearer ${expired}` },
  })
  expect(expiredAnswer.status()).toBe(401)
  expect((await expiredAnswer.json()).error.message).toContain('expired')

  const narrow = makeToken(user, ['readiness:read'])
  const scoped = await request.get('/api/v1/assessments', {
    headers: { Authorization: `Bearer ${narrow}` },
  })
  expect(scoped.status()).toBe(403)
  expect((await scoped.json()).error.code).toBe('insufficient_scope')
})

test('A token never exceeds its owner: an engineer outside the assessment gets 404', async ({
  request,
}) => {
  const { user } = await makeUser('engineer')
  const token = makeToken(user, ['findings:read'])
  const response = await request.get(
    '/api/v1/assessments/phase-2-backend/findings',
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  )
  expect(response.status()).toBe(404)
  expect((await response.json()).error.code).toBe('not_found')
})

test('Unknown API versions and routes get a JSON 404', async ({ request }) => {
  for (const path of ['/api/v2/assessments', '/api/v1/nothing-here']) {
    const response = await request.get(path)
    expect(response.status()).toBe(404)
    expect(response.headers()['content-type']).toContain('application/json')
    expect((await response.json()).error.code).toBe('not_found')
  }
})
