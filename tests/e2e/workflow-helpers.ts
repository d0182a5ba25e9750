import type { Page } from '@playwright/test'

/** The finding page's URL within an assessment copy. */
export function findingUrl(slug: string, reference: string) {
  return `/assessments/${slug}/findings/${reference}`
}

/**
 * Posts a finding-page form by hand, with the page's own CSRF token and
 * the finding's current version, as a forged request would: the server
 * must refuse what the UI hid.
 */
export async function postIntent(
  page: Page,
  url: string,
  fields: Record<string, string>,
) {
  const csrf = await page.locator('input[name="csrf"]').first().inputValue()
  const version = await page
    .locator('input[name="version"]')
    .first()
    .inputValue()
  return page.request.post(url, {
    form: { csrf, version, ...fields },
    maxRedirects: 0,
  })
}
