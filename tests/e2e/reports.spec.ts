import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
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
import { previewNewAssessmentImport } from './import-helpers'

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `e2e-report-${Date.now()}.pdf`)
  fs.writeFileSync(file, bytes)
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )
  } finally {
    fs.rmSync(file)
  }
}

test('A service owner signs with a gate exception, the report shows it, and a finding change makes it stale', async ({
  page,
  browser,
}) => {
  // The server's first PDF loads and subsets the embedded font.
  test.setTimeout(90_000)
  const { slug, id } = makeAssessment('sign')
  const { user: lead } = await makeUser('security', 'Lena Lead')
  const { user: owner } = await makeUser('viewer', 'Oskar Owner')
  addMember(id, owner.id)

  await signInAs(page, lead)
  await page.goto(`/assessments/${slug}/sign-off`)
  await page
    .getByLabel('Signer')
    .selectOption({ label: 'Oskar Owner (viewer)' })
  await page.getByLabel('Capacity').fill('Service owner')
  await page.getByRole('button', { name: 'Add signer' }).click()
  await expect(
    page.getByText('Oskar Owner, Service owner: not signed'),
  ).toBeVisible()
  await expectNoAxeViolations(page)

  const ownerContext = await browser.newContext()
  const ownerPage = await ownerContext.newPage()
  await signInAs(ownerPage, owner)
  await ownerPage.goto(`/assessments/${slug}/sign-off`)
  await ownerPage
    .getByLabel('Statement')
    .fill('I accept the service for the pilot.')
  await ownerPage.getByRole('button', { name: 'Sign the assessment' }).click()
  await expect(
    ownerPage.getByText(/gate\(s\) fail: write the exception/),
  ).toBeVisible()
  await ownerPage
    .getByLabel('Gate exception')
    .fill('Open blockers accepted until the pilot ends.')
  await ownerPage.getByRole('button', { name: 'Sign the assessment' }).click()
  await expect(
    ownerPage.getByText(
      'Gate exception: Open blockers accepted until the pilot ends.',
    ),
  ).toBeVisible()
  await expectNoAxeViolations(ownerPage)
  await ownerContext.close()

  const pdf = await page.request.get(`/assessments/${slug}/reports/pdf`)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect(pdf.headers()['content-disposition']).toMatch(
    new RegExp(`^attachment; filename="${slug}-\\d{4}-\\d{2}-\\d{2}\\.pdf"`),
  )
  expect(pdf.headers()['cache-control']).toBe('no-store')
  const text = pdfText(await pdf.body())
  expect(text).toContain('Open blockers accepted until the pilot ends.')
  expect(text).toContain('Oskar Owner')

  getConnection()
    .db.update(findings)
    .set({
      status: 'in_progress',
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    })
    .where(eq(findings.assessmentId, id))
    .run()
  await page.reload()
  await expect(
    page.getByText('Stale: a finding changed after this signature'),
  ).toBeVisible()
})

test('An import shows a preview, writes on confirm, and changes nothing the second time', async ({
  page,
}) => {
  const { slug } = makeAssessment('import')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/reports`)
  await page
    .getByRole('link', { name: 'Import findings (SARIF, CSV, JSON)' })
    .click()
  await expect(
    page.getByRole('heading', { name: 'Import findings' }),
  ).toBeVisible()

  await page
    .getByLabel('File')
    .setInputFiles('tests/fixtures/import/codeql.sarif')
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(
    page.getByText('2 to create, 0 to update, 0 skipped'),
  ).toBeVisible()
  await expect(
    page.getByText('High (security-severity 8.8 → high)'),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Confirm import' }).click()
  await expect(
    page.getByText('Imported: 2 created, 0 updated, 0 skipped.'),
  ).toBeVisible()

  await page
    .getByLabel('File')
    .setInputFiles('tests/fixtures/import/codeql.sarif')
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(
    page.getByText('0 to create, 0 to update, 2 skipped'),
  ).toBeVisible()
  await expect(page.getByText('This file changes nothing')).toBeVisible()

  await page
    .getByLabel('File')
    .setInputFiles('tests/fixtures/import/not-json.sarif')
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByRole('alert')).toHaveText(
    'The file is not JSON, so it cannot be SARIF.',
  )
})

test('An auditor link shows the report without signing in until it is revoked', async ({
  page,
  browser,
}) => {
  const { slug } = makeAssessment('share')
  const { user } = await makeUser('security')
  await signInAs(page, user)
  await page.goto(`/assessments/${slug}/reports`)
  await expectNoAxeViolations(page)
  await page.getByLabel('Label').fill('External auditor')
  await page.getByRole('button', { name: 'Create auditor link' }).click()
  const url = (await page.getByTestId('share-url').textContent()) ?? ''
  expect(url).toMatch(/\/shared\/clr_share_/)

  const visitor = await browser.newContext()
  const anonymous = await visitor.newPage()
  await anonymous.goto(url)
  await expect(anonymous.getByText('Verdict: not ready')).toBeVisible()
  await expectNoAxeViolations(anonymous)
  const pdf = await anonymous.request.get(`${url}/pdf`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')

  await page
    .getByRole('button', { name: 'Revoke link External auditor' })
    .click()
  await expect(page.getByText('Revoked', { exact: true })).toBeVisible()
  const gone = await anonymous.goto(url)
  expect(gone?.status()).toBe(404)
  await visitor.close()
})

test('The verify page recognises an exported file and the API serves the CSV', async ({
  page,
  request,
}) => {
  const { slug } = makeAssessment('verify')
  const { user } = await makeUser('security')
  const token = makeToken(user, ['reports:read'])
  const csv = await request.get(`/api/v1/assessments/${slug}/report.csv`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8')
  const file = path.join(os.tmpdir(), `e2e-${slug}.csv`)
  fs.writeFileSync(file, await csv.body())

  await signInAs(page, user)
  await page.goto('/verify')
  await page.getByLabel('Report file').setInputFiles(file)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(
    page.getByText('Produced by Clearance: these exact bytes were exported.'),
  ).toBeVisible()
  await expect(
    page.getByText('The assessment has not changed since this export.'),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  fs.rmSync(file)
})

test('The import API previews on a dry run and needs the write scope', async ({
  request,
}) => {
  const { slug } = makeAssessment('api-import')
  const { user } = await makeUser('security')
  const reader = makeToken(user, ['reports:read'])
  const writer = makeToken(user, ['reports:write'])
  const body = {
    format: 'sarif',
    content: fs.readFileSync('tests/fixtures/import/trivy.sarif', 'utf8'),
    dryRun: true,
  }
  const refused = await request.post(`/api/v1/assessments/${slug}/import`, {
    headers: { Authorization: `Bearer ${reader}` },
    data: body,
  })
  expect(refused.status()).toBe(403)

  const preview = await request.post(`/api/v1/assessments/${slug}/import`, {
    headers: { Authorization: `Bearer ${writer}` },
    data: body,
  })
  expect(preview.status()).toBe(200)
  const answer = (await preview.json()) as {
    dryRun: boolean
    created: { severityReason: string }[]
  }
  expect(answer.dryRun).toBe(true)
  expect(answer.created.map((item) => item.severityReason)).toEqual([
    'security-severity 7.5 → high',
    'security-severity 4.2 → medium',
  ])

  const broken = await request.post(`/api/v1/assessments/${slug}/import`, {
    headers: { Authorization: `Bearer ${writer}` },
    data: { ...body, content: '{"version":"2.0.0","runs":[]}' },
  })
  expect(broken.status()).toBe(422)
})

test('A new assessment is created from a CSV import after its preview', async ({
  page,
}) => {
  const { user } = await makeUser('security')
  await signInAs(page, user)
  const slug = `csv-new-${Date.now().toString(36)}`
  await previewNewAssessmentImport(
    page,
    {
      name: 'Imported from CSV',
      slug,
      service: 'Payments API',
      assessor: 'External firm',
    },
    'tests/fixtures/import/findings.csv',
  )
  await expect(
    page.getByText('2 to create, 0 to update, 0 skipped'),
  ).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Confirm import' }).click()
  await expect(page).toHaveURL(new RegExp(`/assessments/${slug}/findings`))
  await expect(page.getByText('2 findings')).toBeVisible()
})
