import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { expectNoAxeViolations } from './accessibility'
import {
  addMember,
  expect,
  makeAssessment,
  makeUser,
  signInAs,
  test,
} from './fixtures'
import { findingUrl, postIntent } from './workflow-helpers'

function assign(assessmentId: number, reference: string, userId: number) {
  getConnection()
    .db.update(findings)
    .set({ assigneeId: userId })
    .where(
      and(
        eq(findings.assessmentId, assessmentId),
        eq(findings.reference, reference),
      ),
    )
    .run()
}

test('An engineer fixes the Phase 2 critical findings and a security user verifies them', async ({
  browser,
}) => {
  // Four findings through two browsers: more steps than the usual test.
  test.slow()
  const { slug, id } = makeAssessment('workflow')
  const { user: engineer } = await makeUser('engineer', 'Erin Engineer')
  const { user: security } = await makeUser('security', 'Sid Security')
  addMember(id, engineer.id)
  const engineerPage = await (await browser.newContext()).newPage()
  const securityPage = await (await browser.newContext()).newPage()
  await signInAs(engineerPage, engineer)
  await signInAs(securityPage, security)

  for (const [index, reference] of [
    'P2-001',
    'P2-002',
    'P2-003',
    'P2-004',
  ].entries()) {
    assign(id, reference, engineer.id)
    const url = findingUrl(slug, reference)
    await engineerPage.goto(url)
    await engineerPage.getByRole('button', { name: 'Start work' }).click()
    await expect(engineerPage.getByText('Open → In progress')).toBeVisible()
    await engineerPage
      .getByLabel('Pull request URL')
      .fill(`https://git.example.test/backend/pull/${100 + index}`)
    await engineerPage.getByRole('button', { name: 'Mark fixed' }).click()
    await expect(
      engineerPage.getByText('In progress → Fixed (awaiting retest)'),
    ).toBeVisible()
    await expect(
      engineerPage.getByRole('link', {
        name: `https://git.example.test/backend/pull/${100 + index}`,
      }),
    ).toBeVisible()
    await expect(
      engineerPage.getByRole('button', { name: 'Verify fix' }),
    ).toHaveCount(0)

    const forged = await postIntent(engineerPage, url, {
      intent: 'verify',
      note: 'I checked it myself',
    })
    expect(forged.status()).toBe(403)
    expect(await forged.text()).toContain(
      'Only the security team can verify a fix',
    )

    await securityPage.goto(url)
    await securityPage
      .getByLabel('Retest note')
      .fill('Retested with the audit exploit: refused.')
    await securityPage.getByRole('button', { name: 'Verify fix' }).click()
    await expect(
      securityPage.getByText('Fixed (awaiting retest) → Verified'),
    ).toBeVisible()
    await expect(
      securityPage
        .getByText('Retested with the audit exploit: refused.')
        .first(),
    ).toBeVisible()
  }

  await securityPage.goto(
    `/assessments/${slug}/findings?severity=critical&status=verified`,
  )
  await expect(securityPage.getByText('4 findings')).toBeVisible()
})

test('The person who marked a finding fixed cannot verify it, and a reopen needs a reason', async ({
  page,
  browser,
}) => {
  const { slug } = makeAssessment('self-verify')
  const { user: fixer } = await makeUser('security', 'Fay Fixer')
  const { user: other } = await makeUser('security', 'Oli Other')
  const url = findingUrl(slug, 'P2-006')
  await signInAs(page, fixer)
  await page.goto(url)
  await page.getByLabel('Commit').fill('a1b2c3d4')
  await page.getByRole('button', { name: 'Mark fixed' }).click()
  await expect(
    page.getByText(
      'You marked this fixed; another security team member must verify it.',
    ),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Verify fix' })).toHaveCount(0)
  const forged = await postIntent(page, url, {
    intent: 'verify',
    note: 'Looks right to me',
  })
  expect(forged.status()).toBe(400)
  expect(await forged.text()).toContain(
    'You marked this fixed; another security team member must verify it',
  )

  const otherPage = await (await browser.newContext()).newPage()
  await signInAs(otherPage, other)
  await otherPage.goto(url)
  await otherPage
    .getByLabel('Reason for reopening')
    .fill('The commit only covers the REST path; the WebSocket path is open.')
  await otherPage.getByRole('button', { name: 'Reopen' }).click()
  await expect(
    otherPage.getByText('Fixed (awaiting retest) → Reopened'),
  ).toBeVisible()
  await expect(
    otherPage.getByText('The commit only covers the REST path'),
  ).toBeVisible()
})

test('A stale submit is told who changed the finding and keeps the typed text', async ({
  page,
  browser,
}) => {
  const { slug } = makeAssessment('stale')
  const { user: first } = await makeUser('security', 'Stan Stale')
  const { user: second } = await makeUser('security', 'Quinn Quick')
  const url = findingUrl(slug, 'P2-007')
  await signInAs(page, first)
  await page.goto(url)
  await page
    .getByLabel('Note', { exact: true })
    .fill('Deployed the permission middleware to every route.')

  const quick = await (await browser.newContext()).newPage()
  await signInAs(quick, second)
  await quick.goto(url)
  await quick.getByRole('button', { name: 'Start work' }).click()
  await expect(quick.getByText('Open → In progress')).toBeVisible()

  await page.getByRole('button', { name: 'Mark fixed' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Quinn Quick changed this finding at')
  await expect(alert).toContainText('(from Open to In progress)')
  await expect(alert).toContainText('Your input is kept below')
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(
    'Deployed the permission middleware to every route.',
  )
  await expectNoAxeViolations(page)
})

test('An invalid transition says why', async ({ page }) => {
  const { slug } = makeAssessment('invalid')
  const { user } = await makeUser('security')
  const url = findingUrl(slug, 'P2-008')
  await signInAs(page, user)
  await page.goto(url)
  await page.getByLabel('Why this is a false positive').fill('Not reachable')
  await page.getByRole('button', { name: 'Mark false positive' }).click()
  await expect(page.getByText('Open → False positive')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Start work' })).toHaveCount(0)

  const forged = await postIntent(page, url, { intent: 'start-work' })
  expect(forged.status()).toBe(400)
  expect(await forged.text()).toContain(
    'A finding that is a false positive cannot move to in progress',
  )
})

test('A viewer sees the finding but no forms, and cannot post one', async ({
  page,
}) => {
  const { slug, id } = makeAssessment('viewer')
  const { user } = await makeUser('viewer')
  addMember(id, user.id)
  const url = findingUrl(slug, 'P2-009')
  await signInAs(page, user)
  await page.goto(url)
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible()
  for (const name of ['Start work', 'Mark fixed', 'Add comment', 'Assign'])
    await expect(page.getByRole('button', { name })).toHaveCount(0)
  const forged = await page.request.post(url, {
    form: {
      csrf: await page.locator('input[name="csrf"]').first().inputValue(),
      intent: 'start-work',
      version: '1',
    },
  })
  expect(forged.status()).toBe(403)
})
