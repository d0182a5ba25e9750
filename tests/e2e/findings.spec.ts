import { expectNoAxeViolations } from './accessibility'
import { expect, makeUser, signInAs, test } from './fixtures'

test('A signed-out visitor is sent to sign in', async ({ page }) => {
  await page.goto('/assessments/phase-2-backend/findings')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('A security user signs in with a password and sees the Phase 2 assessment', async ({
  page,
}) => {
  const { user, password } = await makeUser('security')
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Assessments' })).toBeVisible()
  // Other tests add copies of the assessment, which can push the original
  // past the first page of 25: find it as a user would, by name.
  await page.getByLabel('Name or service').fill('Backend Service')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(
    page.getByRole('link', {
      name: 'Security Assessment Phase 2 - Backend Service',
    }),
  ).toBeVisible()
})

test('The findings list shows the 19 Phase 2 findings and filters by severity', async ({
  page,
}) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto('/assessments/phase-2-backend/findings')
  await expect(page.getByText('19 findings')).toBeVisible()
  const rows = page.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(20)
  // Default sort: most severe first, highest score first within a severity.
  await expect(rows.nth(1)).toContainText('Hardcoded credentials in Git')
  await expect(rows.nth(1)).toContainText('10.0')

  await page.getByLabel('Severity').selectOption('critical')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/severity=critical/)
  await expect(page.getByText('4 findings')).toBeVisible()

  await page.goto('/assessments/phase-2-backend/findings?blocker=true')
  await expect(page.getByText('4 findings')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('The findings list sorts by CVSS score both ways', async ({ page }) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto('/assessments/phase-2-backend/findings')
  await page.getByRole('link', { name: 'CVSS' }).click()
  await expect(page).toHaveURL(/sort=cvss&dir=asc/)
  const rows = page.getByRole('table').getByRole('row')
  await expect(rows.nth(1)).toContainText('10.0')
  await page.getByRole('link', { name: /CVSS/ }).click()
  await expect(page).toHaveURL(/sort=cvss&dir=desc/)
  await expect(rows.nth(1)).toContainText('No API versioning')
  await expect(rows.nth(1)).toContainText('2.1')
})

test('A viewer who is not a member of the assessment cannot see it', async ({
  page,
}) => {
  const { user } = await makeUser('viewer')
  await signInAs(page, user)
  await page.goto('/assessments/phase-2-backend/findings')
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await page.goto('/assessments')
  await expect(
    page.getByText('No assessment is visible to you yet'),
  ).toBeVisible()
})

test('A finding page shows the facts, the CVSS metrics in words and the severity mismatch', async ({
  page,
}) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto('/assessments/phase-2-backend/findings')
  await page.getByRole('link', { name: 'No WebSocket authentication' }).click()
  await expect(
    page.getByRole('heading', { name: 'No WebSocket authentication' }),
  ).toBeVisible()
  await expect(page.getByText('9.1', { exact: true })).toBeVisible()
  await expect(
    page.getByText('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N'),
  ).toBeVisible()
  await expect(
    page.getByRole('row', { name: 'Attack Vector (AV) Network' }),
  ).toBeVisible()
  await expect(page.getByRole('note')).toContainText('Severity mismatch')
  await expect(page.getByText('Production blocker')).toBeVisible()
  // The remediation's code example is rendered as a highlighted block.
  await expect(page.locator('pre code.hljs').first()).toBeVisible()
  await expectNoAxeViolations(page)
})
