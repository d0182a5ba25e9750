import {
  addMember,
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  test,
} from './fixtures'

test('The API moves a finding through the workflow with the same rules and reports stale versions', async ({
  request,
}) => {
  const { slug, id } = makeAssessment('api-workflow')
  const { user: engineer } = await makeUser('engineer', 'Api Engineer')
  const { user: security } = await makeUser('security', 'Api Security')
  addMember(id, engineer.id)
  const engineerToken = makeToken(engineer, ['findings:read', 'findings:write'])
  const securityToken = makeToken(security, ['findings:read', 'findings:write'])
  const base = `/api/v1/assessments/${slug}/findings/P2-012`
  const as = (token: string) => ({ Authorization: `Bearer ${token}` })

  const before = await request.get(base, { headers: as(engineerToken) })
  expect(before.status()).toBe(200)
  const { finding } = await before.json()
  expect(finding).toMatchObject({ reference: 'P2-012', status: 'open' })

  const noEvidence = await request.post(`${base}/status`, {
    headers: as(engineerToken),
    data: { status: 'fixed', version: finding.version },
  })
  expect(noEvidence.status()).toBe(422)
  expect((await noEvidence.json()).error.message).toContain(
    'Give at least one piece of evidence',
  )

  const fixed = await request.post(`${base}/status`, {
    headers: as(engineerToken),
    data: {
      status: 'fixed',
      version: finding.version,
      evidence: { pullRequest: 'https://git.example.test/pr/12' },
    },
  })
  expect(fixed.status()).toBe(200)
  const { finding: afterFix } = await fixed.json()
  expect(afterFix).toMatchObject({ status: 'fixed' })

  const stale = await request.post(`${base}/status`, {
    headers: as(securityToken),
    data: { status: 'verified', version: finding.version, note: 'Retested' },
  })
  expect(stale.status()).toBe(409)
  const conflict = (await stale.json()).error
  expect(conflict.code).toBe('conflict')
  expect(conflict.details).toMatchObject({
    changedBy: 'Api Engineer',
    description: 'from Open to Fixed (awaiting retest)',
    currentVersion: afterFix.version,
  })

  const engineerVerify = await request.post(`${base}/status`, {
    headers: as(engineerToken),
    data: { status: 'verified', version: afterFix.version, note: 'Mine' },
  })
  expect(engineerVerify.status()).toBe(403)

  const verified = await request.post(`${base}/status`, {
    headers: as(securityToken),
    data: {
      status: 'verified',
      version: afterFix.version,
      note: 'Retested: refused',
    },
  })
  expect(verified.status()).toBe(200)

  const comment = await request.post(`${base}/comments`, {
    headers: as(engineerToken),
    data: { body: 'Thanks for the retest' },
  })
  expect(comment.status()).toBe(201)

  const history = await (
    await request.get(`/api/v1/assessments/${id}/findings/${finding.id}`, {
      headers: as(engineerToken),
    })
  ).json()
  expect(history.finding.status).toBe('verified')
  expect(
    history.history.map(
      (entry: { kind: string; toStatus: string | null }) =>
        `${entry.kind}:${entry.toStatus ?? ''}`,
    ),
  ).toEqual(
    expect.arrayContaining(['status:fixed', 'status:verified', 'comment:']),
  )

  const readOnly = makeToken(security, ['findings:read'])
  const scoped = await request.post(`${base}/status`, {
    headers: as(readOnly),
    data: { status: 'reopened', version: 99, note: 'x' },
  })
  expect(scoped.status()).toBe(403)
})
