import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/**
 * Fills the "new assessment from an import" form, uploads `file` and
 * previews it; the caller checks the preview and confirms.
 */
export async function previewNewAssessmentImport(
  page: Page,
  fields: { name: string; slug: string; service: string; assessor: string },
  file: string,
) {
  await page.goto('/assessments/new/import')
  await page.getByLabel('Name').fill(fields.name)
  await page.getByLabel('Address (slug)').fill(fields.slug)
  await page.getByLabel('Service assessed').fill(fields.service)
  await page.getByLabel('Assessor').fill(fields.assessor)
  await page.getByLabel('Assessed on').fill('2026-11-30')
  await page.getByLabel('File').setInputFiles(file)
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByText(/\d+ to create, \d+ to update/)).toBeVisible()
}
