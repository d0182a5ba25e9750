import { Secret, TOTP } from 'otpauth'
import { expectNoAxeViolations } from './accessibility'
import {
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  signInAs,
  test,
} from './fixtures'
import type { Page } from '@playwright/test'

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => url.pathname !== '/login')
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

test('A user turns on two-factor, signs in with a code, and a recovery code works only once', async ({
  page,
}) => {
  const { user, password } = await makeUser('engineer')
  await signIn(page, user.email, password)
  await page.goto('/account/two-factor')
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveAttribute(
    'src',
    /^data:image\/png;base64,/,
  )
  await expectNoAxeViolations(page)
  const secret = Secret.fromBase32(
    (await page.getByTestId('totp-secret').textContent())!.trim(),
  )
  await page
    .getByLabel('Code from the app')
    .fill(TOTP.generate({ secret, timestamp: Date.now() }))
  await page.getByRole('button', { name: 'Turn on two-factor' }).click()
  await expect(
    page.getByRole('heading', { name: 'Your recovery codes' }),
  ).toBeVisible()
  const codes = await page
    .getByRole('list', { name: 'Recovery codes' })
    .getByRole('listitem')
    .allTextContents()
  expect(codes).toHaveLength(10)
  await expect(page.getByText('Two-factor sign-in is on')).toBeVisible()

  await signOut(page)
  await signIn(page, user.email, password)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await expect(
    page.getByRole('heading', { name: 'Two-factor sign-in' }),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  // The password alone does not open any page.
  await page.goto('/assessments')
  await expect(page).toHaveURL(/\/login/)
  await signIn(page, user.email, password)
  await page.getByLabel('Code').fill('000000')
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByText('That code is not right.')).toBeVisible()
  // The code of the next 30-second step: the one used to turn it on is spent.
  await page
    .getByLabel('Code')
    .fill(TOTP.generate({ secret, timestamp: Date.now() + 30_000 }))
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('heading', { name: 'Assessments' })).toBeVisible()

  await signOut(page)
  await signIn(page, user.email, password)
  await page.getByLabel('Code').fill(codes[0]!)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('heading', { name: 'Assessments' })).toBeVisible()

  await signOut(page)
  await signIn(page, user.email, password)
  await page.getByLabel('Code').fill(codes[0]!)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByText('That code is not right.')).toBeVisible()
})

test('Changing a password needs the current one, applies the policy, and ends other sessions', async ({
  page,
  browser,
}) => {
  const { user, password } = await makeUser('viewer')
  await signInAs(page, user)
  const elsewhere = await browser.newContext()
  const otherPage = await elsewhere.newPage()
  await signInAs(otherPage, user)
  await otherPage.goto('/account')
  await expect(
    otherPage.getByRole('heading', { name: 'Your account' }),
  ).toBeVisible()

  await page.goto('/account')
  await expectNoAxeViolations(page)
  const change = async (current: string, next: string) => {
    await page.getByLabel('Current password').fill(current)
    await page.getByLabel('New password', { exact: true }).fill(next)
    await page.getByLabel('Repeat the new password').fill(next)
    await page.getByRole('button', { name: 'Change password' }).click()
  }
  await change('not-my-password', 'a-fine-new-passphrase')
  await expect(
    page.getByText('This is not your current password.'),
  ).toBeVisible()
  await change(password, 'k7#vt2m')
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible()
  await change(password, 'password')
  await expect(page.getByText('This password is too common')).toBeVisible()
  await expect(
    page.getByLabel('New password', { exact: true }),
  ).toHaveAttribute('aria-invalid', 'true')
  await change(password, 'k7#vt2mq')
  await expect(page.getByText('Your password was changed.')).toBeVisible()

  await otherPage.goto('/account')
  await expect(otherPage).toHaveURL(/\/login/)
  await page.goto('/account')
  await expect(
    page.getByRole('heading', { name: 'Your account' }),
  ).toBeVisible()
  await elsewhere.close()
})

test('An admin disables a user: their session and token are refused at once', async ({
  page,
  browser,
  request,
}) => {
  const { user: admin } = await makeUser('admin')
  const { user: engineer } = await makeUser('engineer', 'Engineer To Disable')
  const token = makeToken(engineer, ['assessments:read'])
  const theirs = await browser.newContext()
  const theirPage = await theirs.newPage()
  await signInAs(theirPage, engineer)
  await theirPage.goto('/account')
  await expect(
    theirPage.getByRole('heading', { name: 'Your account' }),
  ).toBeVisible()
  const auth = { Authorization: `Bearer ${token}` }
  expect(
    (await request.get('/api/v1/assessments', { headers: auth })).status(),
  ).toBe(200)

  await signInAs(page, admin)
  await page.goto('/admin')
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Engineer To Disable' }).click()
  await expect(
    page.getByRole('heading', { name: 'Engineer To Disable' }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Disable user' }).click()
  await expect(page.getByText('The user was disabled')).toBeVisible()

  await theirPage.goto('/account')
  await expect(theirPage).toHaveURL(/\/login/)
  expect(
    (await request.get('/api/v1/assessments', { headers: auth })).status(),
  ).toBe(401)
  await theirs.close()

  await page.getByRole('button', { name: 'Enable user' }).click()
  await expect(page.getByText('The user was enabled')).toBeVisible()
  // Revoked stays revoked: re-enabling restores no token.
  expect(
    (await request.get('/api/v1/assessments', { headers: auth })).status(),
  ).toBe(401)
})

test('An admin creates a user with a generated password shown once, and changes their role', async ({
  page,
}) => {
  const { user: admin } = await makeUser('admin')
  await signInAs(page, admin)
  await page.goto('/admin')
  const email = `new-${Date.now()}@example.test`
  await page.getByLabel('Name').fill('Newly Made')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Role').selectOption('viewer')
  await page.getByRole('button', { name: 'Create user' }).click()
  const password = (await page.getByTestId('generated-password').textContent())!
  expect(password.length).toBeGreaterThanOrEqual(16)
  await page.getByRole('link', { name: 'Newly Made' }).click()
  await expect(page.getByRole('heading', { name: 'Newly Made' })).toBeVisible()
  await page.getByLabel('Role').selectOption('engineer')
  await page.getByRole('button', { name: 'Change role' }).click()
  await expect(page.getByText('Role changed to engineer.')).toBeVisible()

  await page.goto('/admin/audit')
  await expectNoAxeViolations(page)
  await expect(
    page.getByRole('cell', { name: 'user.role_changed' }).first(),
  ).toBeVisible()
})

test('A user creates an API token shown once, uses it, and revokes it', async ({
  page,
  request,
}) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto('/account/tokens')
  await expectNoAxeViolations(page)
  await page.getByLabel('Name').fill('pipeline')
  await page.getByRole('button', { name: 'Create token' }).click()
  await expect(page.getByText('Choose at least one scope.')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('pipeline')
  await page.getByRole('checkbox', { name: /assessments:read/ }).check()
  await page.getByRole('button', { name: 'Create token' }).click()
  const secret = (await page.getByTestId('new-token').textContent())!.trim()
  const auth = { Authorization: `Bearer ${secret}` }
  expect(
    (await request.get('/api/v1/assessments', { headers: auth })).status(),
  ).toBe(200)

  await page.reload()
  await expect(page.getByTestId('new-token')).toHaveCount(0)
  await page.getByRole('button', { name: 'Revoke pipeline' }).click()
  await expect(page.getByRole('cell', { name: 'revoked' })).toBeVisible()
  expect(
    (await request.get('/api/v1/assessments', { headers: auth })).status(),
  ).toBe(401)
})

test('Security adds an engineer to an assessment, who can then see it', async ({
  page,
  browser,
}) => {
  const { slug } = makeAssessment('members')
  const { user: security } = await makeUser('security')
  const { user: engineer } = await makeUser('engineer', 'Member To Add')
  const theirs = await browser.newContext()
  const theirPage = await theirs.newPage()
  await signInAs(theirPage, engineer)
  expect((await theirPage.goto(`/assessments/${slug}`))?.status()).toBe(404)

  await signInAs(page, security)
  await page.goto(`/assessments/${slug}`)
  await page.getByRole('link', { name: 'Members' }).click()
  await expect(
    page.getByRole('heading', { name: 'Members', exact: true }),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  await page
    .getByLabel('Person to add')
    .selectOption({ label: `Member To Add (engineer, ${engineer.email})` })
  await page.getByRole('button', { name: 'Add member' }).click()
  await expect(
    page.getByRole('button', { name: 'Remove Member To Add' }),
  ).toBeVisible()

  expect((await theirPage.goto(`/assessments/${slug}`))?.status()).toBe(200)
  // An engineer has no Members tab and no access to the page.
  await expect(theirPage.getByRole('link', { name: 'Members' })).toHaveCount(0)
  expect((await theirPage.goto(`/assessments/${slug}/members`))?.status()).toBe(
    403,
  )
  await theirs.close()
})

test('When an admin requires two-factor for security, a security user without it is sent to set it up', async ({
  page,
  browser,
}) => {
  const { user: admin } = await makeUser('admin')
  const { user: security } = await makeUser('security')
  await signInAs(page, admin)
  await page.goto('/admin/settings')
  await expectNoAxeViolations(page)
  await page.getByRole('checkbox', { name: 'security' }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  try {
    const theirs = await browser.newContext()
    const theirPage = await theirs.newPage()
    await signInAs(theirPage, security)
    await theirPage.goto('/assessments')
    await expect(theirPage).toHaveURL(/\/account\/two-factor/)
    await expect(
      theirPage.getByText('Your role must use two-factor'),
    ).toBeVisible()
    await theirs.close()
  } finally {
    // Other tests sign in security users without two-factor.
    await page.getByRole('checkbox', { name: 'security' }).uncheck()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByText('Settings saved.')).toBeVisible()
  }
})

for (const role of ['viewer', 'engineer'] as const)
  test(`${role === 'engineer' ? 'An' : 'A'} ${role} cannot open any admin page`, async ({
    page,
  }) => {
    const { user } = await makeUser(role)
    await signInAs(page, user)
    for (const path of [
      '/admin',
      '/admin/settings',
      '/admin/tokens',
      '/admin/audit',
      '/admin/users/1',
    ])
      expect((await page.goto(path))?.status(), path).toBe(403)
    await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0)
  })
