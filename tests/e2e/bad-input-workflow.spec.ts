import {
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  signInAs,
  test,
} from './fixtures'
import { expectRefused, raw } from './raw-http'

/**
 * Bad input to the finding workflow's JSON endpoints (status changes and
 * comments): every refusal is a clear 4xx that stores nothing, and what is
 * stored stays inert when shown.
 */
async function workflowFixture() {
  const { slug } = makeAssessment('bad-workflow')
  const { user } = await makeUser('security')
  const token = makeToken(user, ['findings:read', 'findings:write'])
  const base = `/api/v1/assessments/${slug}/findings/P2-001`
  const json = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  }
  const probe = await raw('POST', `${base}/comments`, json, '{}')
  return { slug, user, token, base, json, available: probe.status !== 404 }
}

test('Malformed JSON bodies to the workflow get 400, 415 or 422 and store nothing', async () => {
  const { base, json, available } = await workflowFixture()
  test.skip(
    !available,
    'The finding workflow API has not landed on this branch',
  )

  const nested = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"body":"'),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('"}'),
  ])
  for (const body of [
    nested,
    '{"body": ',
    '[]',
    'null',
    '"text"',
    '{"body": {"$gt": ""}}',
    invalidUtf8,
  ])
    await expectRefused(
      () => raw('POST', `${base}/comments`, json, body),
      [400, 422],
    )
  await expectRefused(
    () =>
      raw(
        'POST',
        `${base}/comments`,
        { ...json, 'Content-Type': 'text/plain' },
        '{"body":"x"}',
      ),
    415,
  )
  await expectRefused(
    () =>
      raw(
        'POST',
        `${base}/comments`,
        { ...json, 'Content-Type': 'application/x-www-form-urlencoded' },
        'body=x',
      ),
    415,
  )
  await expectRefused(
    () =>
      raw(
        'POST',
        `${base}/comments`,
        json,
        JSON.stringify({ body: 'x'.repeat(20_001) }),
      ),
    422,
  )
})

test('Status changes with bad values or prototype keys are refused and change nothing', async () => {
  const { base, json, available } = await workflowFixture()
  test.skip(
    !available,
    'The finding workflow API has not landed on this branch',
  )

  const current = await raw('GET', base, { Authorization: json.Authorization })
  const version = JSON.parse(current.body).finding.version as number
  for (const body of [
    { status: 'hacked', version },
    { status: 'in_progress', version: -1 },
    { status: 'in_progress', version: 2 ** 60 },
    { status: 'in_progress', version: 1.5 },
    { status: 'in_progress', version: '1' },
    { status: 'in_progress' },
    { status: 'fixed', version, evidence: { commit: 'not-a-hash' } },
    {
      status: 'fixed',
      version,
      evidence: { pullRequest: 'javascript:alert(1)' },
    },
    { status: 'fixed', version, evidence: { commit: 'abcdef1', extra: 'x' } },
    { status: 'in_progress', version: version + 1 },
  ])
    await expectRefused(
      () => raw('POST', `${base}/status`, json, JSON.stringify(body)),
      [400, 409, 422],
    )
  const polluted = `{"status":"in_progress","version":${version + 7},"__proto__":{"version":${version}},"constructor":{"prototype":{"version":${version}}}}`
  await expectRefused(
    () => raw('POST', `${base}/status`, json, polluted),
    [409, 422],
  )
  const after = await raw('GET', base, { Authorization: json.Authorization })
  expect(JSON.parse(after.body).finding).toMatchObject({
    status: 'open',
    version,
  })
})

test('Script and Markdown payloads in a comment stay inert on the finding page', async ({
  page,
}) => {
  const { slug, user, base, json, available } = await workflowFixture()
  test.skip(
    !available,
    'The finding workflow API has not landed on this branch',
  )

  const payload =
    '<script>alert("c1")</script> <img src=x onerror=alert("c2")> [click](javascript:alert("c3")) <a href="javascript:alert(4)">raw link</a> "><svg onload=alert(5)>'
  const created = await raw(
    'POST',
    `${base}/comments`,
    json,
    JSON.stringify({ body: payload }),
  )
  expect(created.status).toBe(201)

  const dialogs: string[] = []
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message())
    await dialog.dismiss()
  })
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/findings/P2-001`)
  await expect(page.getByText('click', { exact: false }).first()).toBeVisible()
  const html = await page.content()
  expect(html).not.toContain('<script>alert("c1")')
  expect(html).not.toMatch(/<img[^>]+onerror/i)
  expect(html).not.toMatch(/<svg[^>]+onload/i)
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0)
  expect(dialogs).toEqual([])
})
