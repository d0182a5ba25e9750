import { and, eq, ne } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import {
  addMember,
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  signInAs,
  test,
} from './fixtures'
import { findingUrl } from './workflow-helpers'

test('Fixing and verifying the last blocker in the browser flips the verdict to ready', async ({
  browser,
  request,
}) => {
  test.slow()
  const { slug, id } = makeAssessment('last-blocker')
  const { user: engineer } = await makeUser('engineer', 'Lee Engineer')
  const { user: security } = await makeUser('security', 'Sasha Security')
  addMember(id, engineer.id)

  // Everything else is already done: every other finding verified and every
  // checklist gate ticked. Only P2-005 (WebSocket authentication) remains.
  const db = getConnection().db
  db.update(findings)
    .set({ status: 'verified', verifiedAt: new Date().toISOString() })
    .where(and(eq(findings.assessmentId, id), ne(findings.reference, 'P2-005')))
    .run()
  db.update(findings)
    .set({ assigneeId: engineer.id })
    .where(and(eq(findings.assessmentId, id), eq(findings.reference, 'P2-005')))
    .run()
  db.update(gates)
    .set({
      checkedAt: new Date().toISOString(),
      checkedById: security.id,
      checkNote: 'done',
    })
    .where(and(eq(gates.assessmentId, id), eq(gates.type, 'checklist')))
    .run()

  const token = makeToken(security, ['readiness:read'])
  const readiness = async () =>
    (
      await request.get(`/api/v1/assessments/${slug}/readiness`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()
  const before = await readiness()
  expect(before.ready).toBe(false)
  expect(before.failing).toContain('No open production blocker')

  const securityPage = await (await browser.newContext()).newPage()
  await signInAs(securityPage, security)
  await securityPage.goto(`/assessments/${slug}/gates`)
  const banner = securityPage.getByRole('region', {
    name: 'Production readiness',
  })
  await expect(banner).toContainText('Not ready for production')
  await expect(
    securityPage.getByRole('link', { name: /P2-005/ }).first(),
  ).toBeVisible()

  const engineerPage = await (await browser.newContext()).newPage()
  await signInAs(engineerPage, engineer)
  const url = findingUrl(slug, 'P2-005')
  await engineerPage.goto(url)
  await engineerPage
    .getByLabel('Pull request URL')
    .fill('https://git.example.test/backend/pull/77')
  await engineerPage.getByRole('button', { name: 'Mark fixed' }).click()
  await expect(
    engineerPage.getByText('Open → Fixed (awaiting retest)'),
  ).toBeVisible()

  // Fixed is still open: the verdict does not move until the retest.
  expect((await readiness()).ready).toBe(false)

  await securityPage.goto(url)
  await securityPage
    .getByLabel('Retest note')
    .fill('Unauthenticated handshake refused with 1008.')
  await securityPage.getByRole('button', { name: 'Verify fix' }).click()
  await expect(
    securityPage.getByText('Fixed (awaiting retest) → Verified'),
  ).toBeVisible()

  const after = await readiness()
  expect(after.ready).toBe(true)
  expect(after.failing).toEqual([])
  await securityPage.goto(`/assessments/${slug}/gates`)
  await expect(banner).toContainText('Ready for production')
})
