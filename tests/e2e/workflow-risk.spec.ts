import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings, riskAcceptances } from '#db/schema/findings'
import { expectNoAxeViolations } from './accessibility'
import { expect, makeAssessment, makeUser, signInAs, test } from './fixtures'
import { findingUrl } from './workflow-helpers'

function inDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

test('A risk acceptance needs a second security user and reopens the finding when it expires', async ({
  page,
  browser,
}) => {
  const { slug, id } = makeAssessment('risk')
  const { user: requester } = await makeUser('security', 'Remy Requester')
  const { user: approver } = await makeUser('security', 'Ava Approver')
  const url = findingUrl(slug, 'P2-010')
  await signInAs(page, requester)
  await page.goto(url)
  const request = page.getByRole('form', { name: 'Request risk acceptance' })
  await request.getByLabel('Justification').fill('Internal network only')
  await request
    .getByLabel('Compensating controls')
    .fill('VPN and IP allow-list')
  await request.getByLabel('Expires on').fill(inDays(400))
  await page.getByRole('button', { name: 'Request risk acceptance' }).click()
  await expect(
    page.getByText('A risk may be accepted for one year at most'),
  ).toBeVisible()
  await expect(request.getByLabel('Justification')).toHaveValue(
    'Internal network only',
  )
  await request.getByLabel('Expires on').fill(inDays(30))
  await page.getByRole('button', { name: 'Request risk acceptance' }).click()
  await expect(
    page.getByText(
      'You requested this; another security team member must approve it.',
    ),
  ).toBeVisible()
  await expect(
    page.getByRole('button', { name: 'Approve risk acceptance' }),
  ).toHaveCount(0)
  await expectNoAxeViolations(page)

  const approverPage = await (await browser.newContext()).newPage()
  await signInAs(approverPage, approver)
  await approverPage.goto(url)
  await approverPage
    .getByRole('button', { name: 'Approve risk acceptance' })
    .click()
  await expect(approverPage.getByText('Open → Risk accepted')).toBeVisible()

  // Time passes: the acceptance ran out yesterday.
  const { db } = getConnection()
  const finding = db
    .select()
    .from(findings)
    .where(and(eq(findings.assessmentId, id), eq(findings.reference, 'P2-010')))
    .get()
  if (!finding) throw new Error('missing P2-010')
  const yesterday = inDays(-1)
  db.update(findings)
    .set({ riskAcceptedUntil: `${yesterday}T00:00:00.000Z` })
    .where(eq(findings.id, finding.id))
    .run()
  db.update(riskAcceptances)
    .set({ expiresOn: yesterday })
    .where(eq(riskAcceptances.findingId, finding.id))
    .run()

  await approverPage.goto(url)
  const expiry = approverPage
    .getByRole('listitem')
    .filter({ hasText: 'Risk accepted → Reopened' })
  await expect(expiry).toHaveCount(1)
  await expect(expiry).toContainText('Clearance (automatic)')
  await expect(expiry).toContainText(`Risk acceptance expired on ${yesterday}`)
  await expect(
    approverPage.getByText('Reopened', { exact: true }),
  ).toBeVisible()
})

test('Evidence files are checked by content and downloaded as attachments', async ({
  page,
}) => {
  const { slug } = makeAssessment('evidence')
  const { user } = await makeUser('engineer')
  const { user: security } = await makeUser('security')
  await signInAs(page, security)
  const url = findingUrl(slug, 'P2-011')
  await page.goto(url)

  await page.getByLabel(/^File/).setInputFiles({
    name: 'scan.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<script>alert(1)</script>'),
  })
  await page.getByRole('button', { name: 'Upload file' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'content is TXT but its name ends in .png',
  )

  await page.getByLabel(/^File/).setInputFiles({
    name: 'retest.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('HTTP/1.1 401 Unauthorized\n'),
  })
  await page.getByRole('button', { name: 'Upload file' }).click()
  const link = page.getByRole('link', { name: /retest\.txt/ })
  await expect(link).toBeVisible()
  const response = await page.request.get(
    (await link.getAttribute('href')) ?? '',
  )
  expect(response.status()).toBe(200)
  expect(response.headers()['content-disposition']).toBe(
    `attachment; filename="P2-011-evidence-${(await link.getAttribute('href'))?.split('/').pop()}.txt"`,
  )
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(await response.text()).toBe('HTTP/1.1 401 Unauthorized\n')

  // An engineer who is not a member cannot fetch it.
  const outsider = await page.context().browser()?.newContext()
  const outsiderPage = await outsider?.newPage()
  if (!outsiderPage) throw new Error('no page')
  await signInAs(outsiderPage, user)
  const refused = await outsiderPage.request.get(
    (await link.getAttribute('href')) ?? '',
  )
  expect(refused.status()).toBe(404)
})
