import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { remediationTasks } from '#db/schema/plan'
import { expectNoAxeViolations } from './accessibility'
import {
  addMember,
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  signInAs,
  test,
} from './fixtures'

const START = new Date('2026-12-07T00:00:00Z')
const baseUrl = () => process.env.E2E_BASE_URL ?? ''

function phase(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('region', { name })
}

function findTask(assessmentId: number, title: string) {
  const task = getConnection()
    .db.select()
    .from(remediationTasks)
    .where(
      and(
        eq(remediationTasks.assessmentId, assessmentId),
        eq(remediationTasks.title, title),
      ),
    )
    .get()
  if (!task) throw new Error(`No task ${title}`)
  return task
}

test('The plan page shows the four phases with their steps and dates', async ({
  page,
}) => {
  const { slug } = makeAssessment('plan-view', START)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)

  await expect(phase(page, 'Immediate (Today)')).toContainText('On 2026-12-07')
  await expect(phase(page, 'Week 1 (Critical Blockers)')).toContainText(
    'From 2026-12-07 to 2026-12-13',
  )
  await expect(phase(page, 'Week 2-3 (High-Priority)')).toContainText(
    'From 2026-12-14 to 2026-12-27',
  )
  await expect(phase(page, 'Ongoing')).toContainText(
    'From 2026-12-07, ongoing (no end date)',
  )
  const week1 = phase(page, 'Week 1 (Critical Blockers)')
  await expect(week1.getByRole('article')).toHaveCount(5)
  const sql = week1.getByRole('article', { name: 'Audit SQL queries' })
  await expect(sql.getByRole('link', { name: /P2-002/ })).toBeVisible()
  await expect(sql).toContainText('2026-12-13 (phase end)')
  await expect(
    phase(page, 'Immediate (Today)').getByRole('article', {
      name: 'Execute "Quick Wins" section',
    }),
  ).toContainText('Quick win')
  await expect(
    page.getByRole('region', { name: 'Production readiness' }),
  ).toContainText('Not ready for production')
})

test('A security user reschedules the sprint and every phase moves', async ({
  page,
}) => {
  const { slug, id } = makeAssessment('reschedule', START)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)

  await page.getByLabel('Sprint start').fill('2026-12-14')
  await page.getByRole('button', { name: 'Reschedule sprint' }).click()

  await expect(page.getByText(/every phase moved by 7 days/)).toBeVisible()
  await expect(phase(page, 'Week 1 (Critical Blockers)')).toContainText(
    'From 2026-12-14 to 2026-12-20',
  )
  await expect(phase(page, 'Week 2-3 (High-Priority)')).toContainText(
    'From 2026-12-21 to 2027-01-03',
  )
  const blocker = getConnection()
    .db.select({ dueOn: findings.dueOn })
    .from(findings)
    .where(and(eq(findings.assessmentId, id), eq(findings.reference, 'P2-001')))
    .get()
  expect(blocker?.dueOn).toBe('2026-12-20')
})

test('An engineer cannot edit the plan but updates a task they own', async ({
  page,
}) => {
  const { slug, id } = makeAssessment('engineer', START)
  const { user } = await makeUser('engineer')
  addMember(id, user.id)
  const mine = findTask(id, 'Audit SQL queries')
  const other = findTask(id, 'Implement rate limiting')
  getConnection()
    .db.update(remediationTasks)
    .set({ ownerId: user.id })
    .where(eq(remediationTasks.id, mine.id))
    .run()
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)

  await expect(
    page.getByRole('button', { name: 'Reschedule sprint' }),
  ).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Add task' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: /^Edit / })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Move / })).toHaveCount(0)

  const csrf = await page.locator('input[name="csrf"]').first().inputValue()
  const forged = await page.request.post(`/assessments/${slug}/plan`, {
    form: { csrf, intent: 'reschedule', startOn: '2027-01-04' },
    headers: { Origin: baseUrl() },
  })
  expect(forged.status()).toBe(403)
  const notMine = await page.request.post(`/assessments/${slug}/plan`, {
    form: {
      csrf,
      intent: 'update-own-status',
      taskId: String(other.id),
      version: String(other.version),
      status: 'done',
    },
    headers: { Origin: baseUrl() },
  })
  expect(notMine.status()).toBe(403)

  const task = page.getByRole('article', { name: 'Audit SQL queries' })
  await task.getByLabel('My status').selectOption('doing')
  await task.getByRole('button', { name: 'Update status' }).click()
  await expect(task.getByRole('status')).toHaveText('Updated the task status.')
  await expect(task).toContainText('In progress')
  expect(findTask(id, 'Audit SQL queries').status).toBe('doing')
  expect(findTask(id, 'Implement rate limiting').status).toBe('todo')
})

test('A stale task edit is refused with a conflict and keeps the input', async ({
  page,
}) => {
  const { slug, id } = makeAssessment('conflict', START)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)
  const task = page.getByRole('article', { name: 'Enable database SSL' })
  await task.getByRole('link', { name: 'Edit Enable database SSL' }).click()
  await task.getByLabel('Description').fill('Require verify-full everywhere.')

  const current = findTask(id, 'Enable database SSL')
  getConnection()
    .db.update(remediationTasks)
    .set({ version: current.version + 1, status: 'doing' })
    .where(eq(remediationTasks.id, current.id))
    .run()
  await task.getByRole('button', { name: 'Save task' }).click()

  await expect(task.getByRole('alert')).toContainText('was not saved')
  await expect(task.getByLabel('Description')).toHaveValue(
    'Require verify-full everywhere.',
  )
  expect(findTask(id, 'Enable database SSL').description).toBe('')
})

test('The gates page names the four blockers, and a checklist tick records who and why', async ({
  page,
}) => {
  const { slug } = makeAssessment('gates', START)
  const { user } = await makeUser('security', 'Grace Gatekeeper')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/gates`)

  const banner = page.getByRole('region', { name: 'Production readiness' })
  await expect(banner).toContainText('Not ready for production')
  await expect(banner).toContainText('No open production blocker')
  const blockers = page.getByRole('article', {
    name: 'No open production blocker',
  })
  await expect(blockers).toContainText('Failed')
  for (const reference of ['P2-001', 'P2-002', 'P2-003', 'P2-005'])
    await expect(
      blockers.getByRole('link', { name: new RegExp(reference) }),
    ).toBeVisible()
  await expect(blockers.getByRole('link')).toHaveCount(4)

  const secrets = page.getByRole('article', { name: 'Secrets scan clean' })
  await secrets.getByRole('button', { name: /Mark as checked/ }).click()
  await expect(secrets.getByRole('alert')).toContainText('Some fields')
  await expect(secrets).toContainText('Say what was checked and how.')
  await secrets
    .getByLabel('Note for Secrets scan clean')
    .fill('gitleaks over the full history: 0 findings')
  await secrets.getByRole('button', { name: /Mark as checked/ }).click()
  await expect(secrets).toContainText(
    /Checked by Grace Gatekeeper at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: gitleaks over the full history: 0 findings/,
  )
  await expect(secrets).toContainText('Passed')
})

test('The verdict flips to ready once every finding is verified and every checklist gate ticked', async ({
  page,
  request,
}) => {
  const { slug, id } = makeAssessment('ready', START)
  const { user } = await makeUser('security')
  const token = makeToken(user, ['readiness:read'])
  const headers = { Authorization: `Bearer ${token}` }

  const before = await request.get(`/api/v1/assessments/${slug}/readiness`, {
    headers,
  })
  expect(before.status()).toBe(200)
  const notReady = await before.json()
  expect(notReady).toMatchObject({
    assessment: { id, slug },
    ready: false,
    signedOff: false,
  })
  expect(notReady.failing).toContain('No open production blocker')
  expect(notReady.gates).toHaveLength(13)
  expect(Object.keys(notReady.gates[0]).sort()).toEqual(
    ['enabled', 'id', 'name', 'passed', 'reasons', 'type'].sort(),
  )

  const db = getConnection().db
  db.update(findings)
    .set({ status: 'verified', verifiedAt: new Date().toISOString() })
    .where(eq(findings.assessmentId, id))
    .run()
  db.update(gates)
    .set({
      checkedAt: new Date().toISOString(),
      checkedById: user.id,
      checkNote: 'checked in the test',
    })
    .where(and(eq(gates.assessmentId, id), eq(gates.type, 'checklist')))
    .run()

  const after = await (
    await request.get(`/api/v1/assessments/${id}/readiness`, { headers })
  ).json()
  expect(after.ready).toBe(true)
  expect(after.failing).toEqual([])

  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/gates`)
  const banner = page.getByRole('region', { name: 'Production readiness' })
  await expect(banner).toContainText('Ready for production')
  await expect(banner).not.toContainText('Not ready')
  await page.goto(`/assessments/${slug}`)
  await expect(
    page.getByRole('region', { name: 'Production readiness' }),
  ).toContainText('Ready for production')
  await page.goto(`/assessments/${slug}/plan`)
  await expect(
    page
      .getByRole('article', { name: 'Audit SQL queries' })
      .getByText('Complete: every linked finding is closed'),
  ).toBeVisible()
})

test('The readiness and plan API refuse a missing token and an unknown assessment', async ({
  request,
}) => {
  const missing = await request.get(
    '/api/v1/assessments/phase-2-backend/readiness',
  )
  expect(missing.status()).toBe(401)
  expect((await missing.json()).error.code).toBe('unauthorized')

  const { user } = await makeUser('security')
  const token = makeToken(user, ['readiness:read', 'plan:read'])
  const headers = { Authorization: `Bearer ${token}` }
  const unknown = await request.get('/api/v1/assessments/no-such/readiness', {
    headers,
  })
  expect(unknown.status()).toBe(404)
  expect(unknown.headers()['content-type']).toContain('application/json')
  expect((await unknown.json()).error.code).toBe('not_found')

  const plan = await request.get('/api/v1/assessments/phase-2-backend/plan', {
    headers,
  })
  expect(plan.status()).toBe(200)
  const body = await plan.json()
  expect(body.phases.map((entry: { name: string }) => entry.name)).toEqual([
    'Immediate (Today)',
    'Week 1 (Critical Blockers)',
    'Week 2-3 (High-Priority)',
    'Ongoing',
  ])
  expect(body.phases[3].endOn).toBeNull()
})

test('The plan and gates pages have no accessibility violations', async ({
  page,
}) => {
  // Two full axe runs on pages with many forms; slow on a shared machine.
  test.slow()
  const { slug } = makeAssessment('axe', START)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/plan`)
  await expectNoAxeViolations(page)
  await page.goto(`/assessments/${slug}/gates`)
  await expectNoAxeViolations(page)
})
