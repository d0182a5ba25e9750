import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { expect, makeAssessment, makeUser, test } from './fixtures'
import { expectRefused, formSession, raw } from './raw-http'

/**
 * Dates out of range in every form that takes one: impossible days, years
 * 0 and 9999, expiries in the past or too far ahead. Each is refused with
 * 400 and the field's message, and nothing is stored.
 */
async function datesFixture() {
  const { slug, id } = makeAssessment('bad-dates')
  const { user } = await makeUser('security')
  const { headers, csrf } = formSession(user.id)
  const finding = getConnection()
    .db.select({ version: findings.version })
    .from(findings)
    .where(and(eq(findings.assessmentId, id), eq(findings.reference, 'P2-001')))
    .get()
  const post = (path: string, fields: Record<string, string>) =>
    raw(
      'POST',
      path,
      headers,
      new URLSearchParams({ csrf, ...fields }).toString(),
    )
  return { slug, post, version: String(finding?.version ?? 1) }
}

const impossible = ['2026-02-30', '2026-13-01', '2026-1-5', '31/12/2026', '']
const outOfRange = ['0000-01-01', '1899-12-31', '9999-12-31', '+275760-09-13']

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

test('A finding due date that is no day or out of range is refused, naming the field', async () => {
  const { slug, post, version } = await datesFixture()
  for (const dueOn of [...impossible.filter(Boolean), ...outOfRange]) {
    const answer = await expectRefused(
      () =>
        post(`/assessments/${slug}/findings/P2-001`, {
          intent: 'set-due-date',
          version,
          dueOn,
        }),
      400,
    )
    expect(answer.body, dueOn).toMatch(/Give a date/)
  }
})

test('A risk acceptance expiring in the past, today or beyond a year is refused', async () => {
  const { slug, post, version } = await datesFixture()
  for (const [expiresOn, message] of [
    [inDays(-1), /must be in the future/],
    [inDays(0), /must be in the future/],
    [inDays(400), /one year at most/],
    ['9999-12-31', /one year at most/],
    ['2026-02-30', /Give the expiry as a date/],
    ['0000-01-01', /must be in the future/],
  ] as const) {
    const answer = await expectRefused(
      () =>
        post(`/assessments/${slug}/findings/P2-001`, {
          intent: 'request-risk-acceptance',
          version,
          justification: 'The service is internal for the next quarter.',
          compensatingControls: 'Network allow-list.',
          expiresOn,
        }),
      400,
    )
    expect(answer.body, expiresOn).toMatch(message)
  }
})

test('A plan start date that is no day or out of range is refused and moves nothing', async () => {
  const { slug, post } = await datesFixture()
  for (const startOn of [...impossible, ...outOfRange]) {
    const answer = await expectRefused(
      () =>
        post(`/assessments/${slug}/plan`, { intent: 'reschedule', startOn }),
      400,
    )
    expect(answer.body, startOn).toMatch(/Enter a date as YYYY-MM-DD/)
  }
})

test('A new finding or a bulk change with an out-of-range due date is refused', async () => {
  const { slug, post } = await datesFixture()
  for (const dueOn of ['2026-02-30', ...outOfRange]) {
    const created = await expectRefused(
      () =>
        post(`/assessments/${slug}/findings/new`, {
          title: 'A finding with a bad due date',
          severity: 'high',
          reference: '',
          cvssVector: '',
          description: '',
          remediation: '',
          affected: '',
          dueOn,
        }),
      400,
    )
    expect(created.body, dueOn).toMatch(/Give a date/)
    // Nothing the person typed is lost: the title comes back in the form.
    expect(created.body).toContain('A finding with a bad due date')
    await expectRefused(
      () =>
        post(`/assessments/${slug}/findings`, {
          intent: 'bulk-due-date',
          ids: '1',
          dueOn,
        }),
      400,
    )
  }
})
