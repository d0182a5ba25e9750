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

test('A security user bulk-assigns findings and the engineer finds them in My work, most urgent first', async ({
  page,
  browser,
}) => {
  const { slug, id } = makeAssessment('bulk')
  const { user: security } = await makeUser('security')
  const { user: engineer } = await makeUser('engineer', 'Bulk Engineer')
  addMember(id, engineer.id)
  await signInAs(page, security)
  await page.goto(`/assessments/${slug}/findings`)
  for (const reference of ['P2-013', 'P2-001', 'P2-019'])
    await page.getByLabel(`Select ${reference}`).check()
  await page.getByLabel('Assign selected to').selectOption({
    label: 'Bulk Engineer',
  })
  await page.getByRole('button', { name: 'Assign selected' }).click()
  await expect(page.getByRole('row', { name: /P2-013/ })).toContainText(
    'Bulk Engineer',
  )

  await page.getByLabel('Select P2-019').check()
  await page.getByLabel('Due date for selected').fill('2020-01-31')
  await page.getByRole('button', { name: 'Set due date' }).click()
  await expect(page.getByRole('row', { name: /P2-019/ })).toContainText(
    'Overdue',
  )

  await page.getByLabel('Assignee').selectOption({ label: 'Bulk Engineer' })
  await page.getByLabel('Overdue only').check()
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page.getByText('1 finding', { exact: true })).toBeVisible()
  await expectNoAxeViolations(page)

  const engineerPage = await (await browser.newContext()).newPage()
  await signInAs(engineerPage, engineer)
  await engineerPage.goto('/my-work')
  const items = engineerPage
    .getByRole('region', { name: 'Findings assigned to me' })
    .getByRole('listitem')
  await expect(items).toHaveCount(3)
  await expect(items.nth(0)).toContainText('P2-019')
  await expect(items.nth(0)).toContainText('Overdue')
  await expect(items.nth(1)).toContainText('P2-001')
  await expectNoAxeViolations(engineerPage)
})

test('Bulk changes refuse a finding from another assessment and change nothing', async ({
  page,
}) => {
  const { slug, id } = makeAssessment('bulk-forged')
  const other = makeAssessment('bulk-other')
  const { db } = getConnection()
  const foreign = db
    .select({ id: findings.id })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, other.id),
        eq(findings.reference, 'P2-001'),
      ),
    )
    .get()
  const own = db
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.assessmentId, id), eq(findings.reference, 'P2-002')))
    .get()
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/findings`)
  const csrf = await page.locator('input[name="csrf"]').first().inputValue()
  const response = await page.request.post(`/assessments/${slug}/findings`, {
    multipart: {
      csrf,
      intent: 'bulk-due-date',
      ids: String(own?.id),
      dueOn: '2027-01-01',
    },
  })
  expect(response.status()).toBe(200)
  const forged = await page.request.fetch(`/assessments/${slug}/findings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: `csrf=${csrf}&intent=bulk-due-date&dueOn=2027-02-02&ids=${own?.id}&ids=${foreign?.id}`,
  })
  expect(forged.status()).toBe(400)
  expect(await forged.text()).toContain(
    'Some selected findings are not in this assessment',
  )
  const after = db
    .select({ dueOn: findings.dueOn })
    .from(findings)
    .where(eq(findings.id, own?.id ?? 0))
    .get()
  expect(after?.dueOn).toBe('2027-01-01')
})
