import type { Page } from '@playwright/test'
import { getConnection } from '#db/client.server'
import { createShareLink } from '~/models/report-share.server'
import { expectNoAxeViolations } from './accessibility'
import {
  addMember,
  expect,
  makeAssessment,
  makeUser,
  signInAs,
  test,
} from './fixtures'

/**
 * Every page a person opens, on a phone and on a laptop: it answers, has
 * one main landmark and a top heading, axe finds nothing, and the page
 * itself never scrolls sideways (wide tables scroll inside their own box).
 * The feature tests check what each page does; this one checks that none
 * of them was left out of the accessibility and layout checks.
 */

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
] as const

// A long name (the account form takes 120 characters) with no space to
// break at.
const LONG_NAME = `Maximiliane-${'Wolfeschlegelsteinhausen'.repeat(3)}`

async function expectUsablePage(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), `${path} answers`).toBeLessThan(400)
  await expect(page.getByRole('main')).toHaveCount(1)
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  // What sticks out past the right edge, named so a failure says where.
  const sticking = await page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
          .slice(0, 5)
          .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`)
      : [],
  )
  expect(sticking, `${path} is wider than the screen`).toEqual([])
  await expectNoAxeViolations(page)
}

for (const viewport of VIEWPORTS) {
  test.describe(`On a ${viewport.name} (${viewport.width}px)`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize(viewport)
    })

    test('every assessment page passes axe and fits the screen', async ({
      page,
    }) => {
      test.slow()
      const { slug } = makeAssessment(`pages-${viewport.name}`)
      const { user } = await makeUser('security')
      // Lists of people (assignees, signers, members) hold this name.
      await makeUser('engineer', LONG_NAME)
      await signInAs(page, user)
      const base = `/assessments/${slug}`
      for (const path of [
        '/assessments',
        '/dashboard',
        '/assessments/new/import',
        base,
        `${base}/dashboard`,
        `${base}/compliance`,
        `${base}/findings`,
        `${base}/findings/new`,
        `${base}/findings/P2-001`,
        `${base}/plan`,
        `${base}/gates`,
        `${base}/reports`,
        `${base}/sign-off`,
        `${base}/import`,
        `${base}/members`,
        '/verify',
        '/account',
        '/account/tokens',
        '/account/two-factor',
      ])
        await expectUsablePage(page, path)
    })

    test('every admin page passes axe and fits the screen', async ({
      page,
    }) => {
      const { user: admin } = await makeUser('admin')
      const { user: other } = await makeUser('engineer', LONG_NAME)
      await signInAs(page, admin)
      for (const path of [
        '/admin',
        `/admin/users/${other.id}`,
        '/admin/tokens',
        '/admin/audit',
        '/admin/settings',
      ])
        await expectUsablePage(page, path)
    })

    test("the sign-in page and an auditor's shared report pass axe and fit the screen", async ({
      page,
    }) => {
      const { id } = makeAssessment(`shared-${viewport.name}`)
      const { user } = await makeUser('security')
      const { token } = createShareLink(
        getConnection().db,
        {
          assessmentId: id,
          label: 'External auditor',
          expiresAt: new Date(Date.now() + 7 * 86_400_000),
        },
        { actor: user },
      )
      await expectUsablePage(page, '/login')
      await expectUsablePage(page, `/shared/${token}`)
    })

    test("an engineer's work list passes axe and fits the screen", async ({
      page,
    }) => {
      const { id } = makeAssessment(`work-${viewport.name}`)
      const { user } = await makeUser('engineer')
      addMember(id, user.id)
      await signInAs(page, user)
      await expectUsablePage(page, '/my-work')
    })
  })
}
