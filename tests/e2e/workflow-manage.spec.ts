import { expectNoAxeViolations } from './accessibility'
import { expect, makeAssessment, makeUser, signInAs, test } from './fixtures'

test('The security team adds a finding, rescores it, comments and archives it', async ({
  page,
}) => {
  const { slug } = makeAssessment('manage')
  const { user } = await makeUser('security', 'Mia Manager')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/findings`)
  await page.getByRole('link', { name: 'New finding' }).click()
  await page.getByLabel('Title').fill('Session cookie lacks SameSite')
  await page.getByLabel('Severity').selectOption('low')
  await page.getByLabel('CVSS vector').fill('CVSS:3.1/AV:N/AC:L')
  await page.getByRole('button', { name: 'Create finding' }).click()
  await expect(
    page.getByText('The vector is missing the base metrics'),
  ).toBeVisible()
  await expect(page.getByLabel('Title')).toHaveValue(
    'Session cookie lacks SameSite',
  )
  await expectNoAxeViolations(page)
  await page.getByLabel('CVSS vector').fill('')
  await page.getByRole('button', { name: 'Create finding' }).click()
  await expect(page).toHaveURL(
    new RegExp(`/assessments/${slug}/findings/P2-020$`),
  )
  await expect(
    page.getByRole('heading', { name: 'Session cookie lacks SameSite' }),
  ).toBeVisible()

  const severity = page.getByRole('form', { name: 'Change severity' })
  await severity.getByLabel('Severity').selectOption('medium')
  await severity
    .getByLabel('CVSS vector')
    .fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')
  await severity.getByLabel('Justification').fill('Cross-site request risk')
  await severity.getByRole('button', { name: 'Change severity' }).click()
  await expect(page.getByText('6.1', { exact: true })).toBeVisible()
  await expect(page.getByText('changed the severity')).toBeVisible()

  await page
    .getByLabel('Comment', { exact: true })
    .fill('Seen on **staging** <script>alert(1)</script>')
  await page.getByRole('button', { name: 'Add comment' }).click()
  await expect(page.getByText('staging', { exact: true })).toBeVisible()
  await expect(page.locator('li strong', { hasText: 'staging' })).toBeVisible()

  await page.getByLabel('Reason for archiving').fill('Duplicate of P2-006')
  await page.getByRole('button', { name: 'Archive finding' }).click()
  await expect(page.getByText('Archived on')).toContainText(
    'Duplicate of P2-006',
  )
  await page.goto(`/assessments/${slug}/findings`)
  await expect(page.getByText('19 findings')).toBeVisible()
})
