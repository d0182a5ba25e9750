import { expect, makeAssessment, makeUser, signInAs, test } from './fixtures'

const START = new Date('2026-12-07T00:00:00Z')

test('A security user adds a task, links a finding to it and moves it up', async ({
  page,
}) => {
  const { slug } = makeAssessment('add-task', START)
  const { user } = await makeUser('security', 'Sue Planner')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)

  const add = page.getByRole('region', { name: 'Add a task' })
  await add.getByRole('button', { name: 'Add task' }).click()
  await expect(add.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true')
  await expect(add).toContainText('Give the task a title.')

  await add.getByLabel('Title').fill('Rotate the database password')
  await add
    .getByLabel('Phase', { exact: true })
    .selectOption({ label: 'Week 1 (Critical Blockers)' })
  await add
    .getByLabel('Owner')
    .selectOption({ label: 'Sue Planner (security)' })
  await add.getByRole('button', { name: 'Add task' }).click()

  const week1 = page.getByRole('region', { name: 'Week 1 (Critical Blockers)' })
  const task = week1.getByRole('article', {
    name: 'Rotate the database password',
  })
  await expect(task).toContainText('Sue Planner')
  await expect(week1.getByRole('article').last()).toHaveAccessibleName(
    'Rotate the database password',
  )

  await task
    .getByLabel('Finding to link to Rotate the database password')
    .selectOption({ index: 3 })
  await task.getByRole('button', { name: 'Link finding' }).click()
  await expect(task.getByRole('link', { name: /^P2-004/ })).toBeVisible()

  await task
    .getByRole('button', { name: 'Move Rotate the database password up' })
    .press('Enter')
  await expect(week1.getByRole('article').nth(4)).toHaveAccessibleName(
    'Rotate the database password',
  )
})

test('A security user adds a rule gate with validated parameters and disables it', async ({
  page,
}) => {
  const { slug } = makeAssessment('add-gate', START)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/gates`)

  const form = page.getByRole('region', { name: 'Add a rule gate' })
  await form.getByLabel('Gate name').fill('No open medium or worse')
  await form.getByLabel('Rule kind').selectOption('no_open_at_or_above')
  await form.getByRole('button', { name: 'Add rule gate' }).click()
  await expect(form.getByLabel('Severity')).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await expect(form.getByLabel('Gate name')).toHaveValue(
    'No open medium or worse',
  )

  await form.getByLabel('Severity').selectOption('medium')
  await form.getByRole('button', { name: 'Add rule gate' }).click()
  const gate = page.getByRole('article', { name: 'No open medium or worse' })
  await expect(gate).toContainText('Failed')
  await expect(gate).toContainText('severity: medium')

  await gate.getByRole('button', { name: /^Disable/ }).click()
  await expect(gate).toContainText('Disabled')
  await expect(
    page.getByRole('region', { name: 'Production readiness' }),
  ).not.toContainText('No open medium or worse')
})
