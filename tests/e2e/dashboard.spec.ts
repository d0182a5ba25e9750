import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findingEvents, findings } from '#db/schema/findings'
import { fillDemoHistory } from '../../scripts/demo-history'
import { expectNoAxeViolations } from './accessibility'
import {
  addMember,
  expect,
  makeAssessment,
  makeUser,
  signInAs,
  test,
} from './fixtures'

// Marks a finding verified the way the workflow does: status, retest
// fields and a history event, so the burndown sees it too.
function verifyFinding(assessmentId: number, reference: string) {
  const { db } = getConnection()
  const now = new Date().toISOString()
  const finding = db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, assessmentId),
        eq(findings.reference, reference),
      ),
    )
    .get()
  if (!finding) throw new Error(`No finding ${reference}`)
  db.update(findings)
    .set({ status: 'verified', verifiedAt: now, updatedAt: now })
    .where(eq(findings.id, finding.id))
    .run()
  db.insert(findingEvents)
    .values({
      findingId: finding.id,
      assessmentId,
      kind: 'status',
      fromStatus: finding.status,
      toStatus: 'verified',
      severity: finding.severity,
      createdAt: now,
    })
    .run()
}

async function openTable(page: import('@playwright/test').Page, name: string) {
  const chart = page.getByRole('region', { name, exact: true })
  await chart.getByText(`Data table: ${name}`, { exact: true }).click()
  return chart.getByRole('table')
}

test('A viewer who is a member signs in and lands on the dashboard', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug, id } = makeAssessment('viewer')
  const { user, password } = await makeUser('viewer')
  addMember(id, user.id)
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  const row = page.getByRole('row', { name: /Phase 2 \(viewer/ })
  await expect(row).toContainText('Not ready')
  await expect(row).toContainText('No forecast yet')
  await expect(row.getByRole('cell').nth(1)).toHaveText('4')
  // Only the assessment the viewer is a member of.
  await expect(page.getByRole('row')).toHaveCount(2)
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: /Phase 2 \(viewer/ }).click()
  await expect(page).toHaveURL(`/assessments/${slug}/dashboard`)
})

test('The dashboard shows the verdict, figures and chart tables before and after a finding is verified', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug, id } = makeAssessment('numbers')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/dashboard`)

  const verdict = page.getByRole('region', { name: /Not ready/ })
  await expect(verdict).toContainText('11 of 13 gates fail')
  await expect(verdict).toContainText('No open critical finding')
  const figures = page.getByRole('region', { name: 'Figures' })
  await expect(figures).toContainText('Open findings19 of 19')
  await expect(figures).toContainText('Blockers open4')
  await expect(figures).toContainText('Remediated (verified)0%')
  await expect(page.getByRole('region', { name: /Forecast/ })).toContainText(
    'No forecast yet',
  )
  await expect(
    page.getByRole('region', { name: 'Top open risks' }).getByRole('listitem'),
  ).toHaveCount(6)

  verifyFinding(id, 'P2-001')
  await page.reload()

  await expect(verdict).toContainText('11 of 13 gates fail')
  await expect(figures).toContainText('Open findings18 of 19')
  await expect(figures).toContainText('Blockers open3')
  await expect(figures).toContainText('Remediated (verified)5%')
  await expect(figures).toContainText('1 verified; 0 fixed')

  const severity = await openTable(page, 'Open and verified by severity')
  await expect(severity.getByRole('row', { name: /^Critical/ })).toHaveText(
    /Critical\s*3\s*0\s*1/,
  )
  const burndown = await openTable(page, 'Burndown')
  await expect(burndown.getByRole('row').nth(1)).toContainText('18')
  const owasp = await openTable(page, 'OWASP Top 10 (2021)')
  await expect(
    owasp.getByRole('row', { name: /A07 Identification/ }),
  ).toHaveText(/4\s*3$/)
  const api = await openTable(page, 'OWASP API Security Top 10 (2023)')
  await expect(api.getByRole('row', { name: /API8/ })).toHaveText(/10\s*9$/)
  const phases = await openTable(page, 'Remediation by plan phase')
  await expect(phases.getByRole('row', { name: /Week 1/ })).toHaveText(
    /0\s*0\s*5$/,
  )
  const risk = await openTable(page, 'Risk over time')
  await expect(risk.getByRole('row').nth(1)).toHaveText(/79$/)
})

test('The verdict, blockers and forecast fit a 1440x900 screen and the charts load', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug } = makeAssessment('fit')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/assessments/${slug}/dashboard`)
  for (const name of [/Not ready/, 'Top open risks', /Forecast/]) {
    const box = await page.getByRole('region', { name }).boundingBox()
    expect(box).not.toBeNull()
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(900)
  }
  await expect(page.locator('.recharts-wrapper')).toHaveCount(6)
  await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
  await expectNoAxeViolations(page)
})

test('The dashboard prints without navigation and with its data tables', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug } = makeAssessment('print')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/dashboard`)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await expect(page.getByRole('checkbox')).toBeHidden()
  await expect(
    page.getByRole('table', { name: /Open findings per day/ }),
  ).toBeVisible()
})

test('The compliance view shows each OWASP category and the scorecard', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug, id } = makeAssessment('compliance')
  verifyFinding(id, 'P2-001')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/dashboard`)
  await page
    .getByRole('link', { name: 'OWASP compliance and scorecard' })
    .click()
  const top10 = page.getByRole('table', { name: /OWASP Top 10 \(2021\)/ })
  await expect(
    top10.getByRole('row', { name: /A07 Identification/ }),
  ).toContainText('Partly compliant')
  await expect(
    top10.getByRole('row', { name: /A10 Server-Side/ }),
  ).toContainText('Compliant')
  await expect(top10.getByRole('row', { name: /A03 Injection/ })).toContainText(
    'Not compliant',
  )
  const scorecard = page.getByRole('table', { name: 'Score per practice' })
  await expect(
    scorecard.getByRole('row', { name: /Secrets management/ }),
  ).toContainText('5 / 10')
  await expectNoAxeViolations(page)
})

test('With ten days of history the dashboard projects a date from the recent pace', async ({
  page,
}) => {
  // Axe and the chart chunk take a while on a busy two-core machine.
  test.slow()
  const { slug } = makeAssessment('history')
  const { start } = fillDemoHistory(getConnection().db, slug)
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/assessments/${slug}/dashboard`)

  const forecast = page.getByRole('region', { name: /Forecast: Projected/ })
  await expect(forecast).toContainText(
    /At the pace of the last 7 days \(\d\.\d findings closed a day, net of reopens\), the 11 open findings close by \d{4}-\d{2}-\d{2}/,
  )
  const figures = page.getByRole('region', { name: 'Figures' })
  await expect(figures).toContainText('Open findings11 of 19')
  await expect(figures).toContainText('8 verified; 2 fixed, awaiting retest')
  await expect(figures).toContainText('Since remediation start10 days')
  const burndown = await openTable(page, 'Burndown')
  await expect(burndown.getByRole('row', { name: start })).toContainText('19')
  const phases = await openTable(page, 'Remediation by plan phase')
  await expect(phases.getByRole('row', { name: /Week 1/ })).toHaveText(
    /4\s*1\s*0$/,
  )
  for (const name of [/Not ready/, 'Top open risks', /Forecast/]) {
    const box = await page.getByRole('region', { name }).boundingBox()
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(900)
  }
  await expect(page.locator('.recharts-wrapper')).toHaveCount(6)
  await expectNoAxeViolations(page)
})

test('A viewer filters the portfolio, sees the empty state, clears the filter and a bad parameter is explained', async ({
  page,
}) => {
  // Axe takes a while on a busy two-core machine.
  test.slow()
  const first = makeAssessment('filter-a')
  const second = makeAssessment('filter-b')
  const { user } = await makeUser('viewer')
  addMember(first.id, user.id)
  addMember(second.id, user.id)
  await signInAs(page, user)
  await page.goto('/dashboard')

  const totals = page.getByRole('region', { name: 'Portfolio totals' })
  await expect(totals).toContainText('Assessments2')
  const search = page.getByRole('search', { name: 'Filter assessments' })
  await search.getByLabel('Name or service').fill('filter-b')
  await search.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/q=filter-b/)
  await expect(page.getByRole('row')).toHaveCount(2)
  await expect(page.getByRole('row', { name: /filter-b/ })).toBeVisible()
  await expect(
    page.getByRole('navigation', { name: 'Pagination' }),
  ).toContainText('1 assessment')

  await search.getByLabel('Name or service').fill('nothing like this')
  await search.getByRole('button', { name: 'Apply' }).click()
  await expect(
    page.getByText('No assessment matches these filters.'),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Clear filters' }).first().click()
  await expect(page.getByRole('row')).toHaveCount(3)

  await page.goto('/assessments?page=abc&attention=everything')
  await expect(page.getByRole('alert')).toContainText(
    'Page must be a whole number.',
  )
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(2)
  await expectNoAxeViolations(page)
})
