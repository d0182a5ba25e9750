import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expectNoAxeViolations } from './accessibility'
import { expect, makeUser, signInAs, test } from './fixtures'
import { previewNewAssessmentImport } from './import-helpers'

/**
 * The whole path a security lead walks at the end of an engagement:
 * scanner output in, signatures, a PDF made in the background with its
 * progress shown, an auditor's copy through a link, and that copy
 * recognised by the verify page.
 */
test('A security lead imports SARIF into a new assessment, signs it off, and the auditor’s PDF verifies', async ({
  page,
  browser,
}) => {
  // The first PDF of a fresh server also starts the renderer thread.
  test.setTimeout(120_000)
  const { user: lead } = await makeUser('security', 'Rhea Reviewer')
  await signInAs(page, lead)
  const slug = `sarif-flow-${Date.now().toString(36)}`

  await previewNewAssessmentImport(
    page,
    {
      name: 'CodeQL scan of the payments API',
      slug,
      service: 'Payments API',
      assessor: 'CodeQL',
    },
    'tests/fixtures/import/codeql.sarif',
  )
  await page.getByRole('button', { name: 'Confirm import' }).click()
  await expect(page).toHaveURL(new RegExp(`/assessments/${slug}/findings`))

  await page.goto(`/assessments/${slug}/sign-off`)
  await page
    .getByLabel('Signer')
    .selectOption({ label: 'Rhea Reviewer (security)' })
  await page.getByLabel('Capacity').fill('Security lead')
  await page.getByRole('button', { name: 'Add signer' }).click()
  await expect(
    page.getByText('Rhea Reviewer, Security lead: not signed'),
  ).toBeVisible()
  await page.getByLabel('Statement').fill('Reviewed for the pilot launch.')
  await page.getByRole('button', { name: 'Sign the assessment' }).click()
  // The imported findings are open, so the standard gates fail and the
  // signature needs a written exception.
  await expect(
    page.getByText(/gate\(s\) fail: write the exception/),
  ).toBeVisible()
  await page
    .getByLabel('Gate exception')
    .fill('Scanner findings triaged; fixes tracked for the next release.')
  await page.getByRole('button', { name: 'Sign the assessment' }).click()
  await expect(
    page.getByText(/^Gate exception: Scanner findings triaged/),
  ).toBeVisible()

  await page.goto(`/assessments/${slug}/reports`)
  await page.getByRole('button', { name: 'Sign-off report (PDF)' }).click()
  await expect(page).toHaveURL(
    new RegExp(`/assessments/${slug}/exports/[0-9a-f]{32}$`),
  )
  await expect(
    page.getByRole('heading', { name: 'Sign-off report (PDF)' }),
  ).toBeVisible()
  const download = page.getByRole('link', { name: /^Download .*\.pdf$/ })
  await expect(download).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('status')).toHaveText(/^Ready after \d+ s\.$/)
  await expect(
    page.getByRole('progressbar', { name: 'Export progress' }),
  ).toHaveAttribute('value', '100')
  await expectNoAxeViolations(page)
  const [ownFile] = await Promise.all([
    page.waitForEvent('download'),
    download.click(),
  ])
  const ownPath = path.join(os.tmpdir(), `e2e-${slug}-own.pdf`)
  await ownFile.saveAs(ownPath)
  const ownText = execFileSync('pdftotext', [ownPath, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ')
  expect(ownText).toContain('Gate exception recorded by Rhea Reviewer')
  expect(ownText).toContain('SQL query built from user-controlled sources')

  await page.goto(`/assessments/${slug}/reports`)
  await page.getByLabel('Label').fill('External auditor')
  await page.getByRole('button', { name: 'Create auditor link' }).click()
  const url = (await page.getByTestId('share-url').textContent()) ?? ''
  const auditor = await browser.newContext()
  const auditorPdf = await auditor.request.get(`${url}/pdf`)
  expect(auditorPdf.status()).toBe(200)
  const auditorPath = path.join(os.tmpdir(), `e2e-${slug}-auditor.pdf`)
  fs.writeFileSync(auditorPath, await auditorPdf.body())
  await auditor.close()

  await page.goto('/verify')
  await page.getByLabel('Report file').setInputFiles(auditorPath)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(
    page.getByText('Produced by Clearance: these exact bytes were exported.'),
  ).toBeVisible()
  await expect(
    page.getByText('The assessment has not changed since this export.'),
  ).toBeVisible()
  fs.rmSync(ownPath)
  fs.rmSync(auditorPath)
})

test('Another person cannot open someone else’s export', async ({
  page,
  browser,
}) => {
  const { user: first } = await makeUser('security')
  const { user: second } = await makeUser('security')
  await signInAs(page, first)
  await page.goto('/assessments/phase-2-backend/reports')
  await page.getByRole('button', { name: 'Sign-off report (PDF)' }).click()
  await expect(page).toHaveURL(/\/exports\/[0-9a-f]{32}$/)
  const jobUrl = page.url()

  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await signInAs(other, second)
  const status = await other.goto(jobUrl)
  expect(status?.status()).toBe(404)
  const file = await other.request.get(`${jobUrl}/file`)
  expect(file.status()).toBe(404)
  await otherContext.close()
})
