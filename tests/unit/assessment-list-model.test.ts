import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users, type Role } from '#db/schema/accounts'
import { assessmentMembers, assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import {
  DEFAULT_ASSESSMENT_LIST_QUERY,
  parseAssessmentListQuery,
  type AssessmentListQuery,
} from '~/domain/assessment-list-query'
import type { Severity } from '~/domain/severity'
import type { FindingStatus } from '~/domain/finding-status'
import { listAssessmentPage } from '~/models/assessment-list.server'
import { listPortfolio } from '~/models/portfolio.server'
import { safeUserColumns } from '~/models/user.server'
import { createTestDb } from './test-db'

const NOW = new Date('2026-12-03T10:00:00Z')
const WEIGHTS = { critical: 10, high: 5, medium: 2, low: 1, info: 0 }
const { db } = createTestDb()

function makeUser(role: Role) {
  return db
    .insert(users)
    .values({ email: `${role}@example.test`, name: role, role })
    .returning(safeUserColumns)
    .get()
}

function makeAssessment(
  name: string,
  service: string,
  status: 'in_remediation' | 'signed_off' = 'in_remediation',
) {
  return db
    .insert(assessments)
    .values({
      slug: name.toLowerCase().replace(/\W+/g, '-'),
      name,
      targetService: service,
      assessor: 'Auditor',
      assessedOn: '2026-11-01',
      status,
      targetWeeksMin: 2,
      targetWeeksMax: 4,
      remediationStartOn: '2026-11-20',
      slaDays: { critical: 7, high: 14, medium: 30, low: 60, info: 90 },
      severityWeights: WEIGHTS,
    })
    .returning({ id: assessments.id })
    .get().id
}

let reference = 0
function addFinding(
  assessmentId: number,
  severity: Severity,
  status: FindingStatus = 'open',
  extra: { isBlocker?: boolean; riskAcceptedUntil?: string } = {},
) {
  reference += 1
  db.insert(findings)
    .values({
      assessmentId,
      reference: `F-${reference}`,
      title: `Finding ${reference}`,
      auditorSeverity: severity,
      severity,
      status,
      ...extra,
    })
    .run()
}

// Five assessments: two with open criticals, one signed off, one only with
// a closed critical and an expired risk acceptance, and one nobody joined.
const payments = makeAssessment('Payments API', 'payments')
const search = makeAssessment('Search 100% rebuild', 'search-index')
const billing = makeAssessment('Billing', 'invoices', 'signed_off')
const ledger = makeAssessment('Ledger', 'ledger')
const archived = makeAssessment('Old portal', 'portal')
db.update(assessments)
  .set({ archivedAt: '2026-01-01T00:00:00Z' })
  .where(eq(assessments.id, archived))
  .run()
for (const id of [payments, search])
  db.insert(gates)
    .values({
      assessmentId: id,
      type: 'rule',
      ruleKind: 'no_open_blockers',
      name: 'No open production blocker',
      position: 1,
    })
    .run()

addFinding(payments, 'critical')
addFinding(payments, 'critical', 'fixed')
addFinding(payments, 'high', 'open', { isBlocker: true })
addFinding(payments, 'low', 'verified')
addFinding(search, 'critical', 'in_progress')
addFinding(search, 'medium')
addFinding(billing, 'critical', 'verified')
addFinding(ledger, 'critical', 'false_positive')
addFinding(ledger, 'critical', 'risk_accepted', {
  riskAcceptedUntil: '2026-12-01T00:00:00Z',
})
addFinding(ledger, 'high', 'risk_accepted', {
  riskAcceptedUntil: '2027-06-01T00:00:00Z',
})
addFinding(archived, 'critical')

const admin = makeUser('admin')
const viewer = makeUser('viewer')
db.insert(assessmentMembers)
  .values([
    { assessmentId: search, userId: viewer.id },
    { assessmentId: billing, userId: viewer.id },
  ])
  .run()

const list = (query: Partial<AssessmentListQuery>, pageSize?: number) =>
  listAssessmentPage(
    db,
    admin,
    { ...DEFAULT_ASSESSMENT_LIST_QUERY, ...query },
    NOW,
    pageSize,
  )

describe('The assessments list model', () => {
  it('sorts by open criticals, counts each page row in full and leaves out archived assessments', () => {
    const result = list({})
    expect(result.rows.map((row) => row.name)).toEqual([
      'Payments API',
      'Ledger',
      'Search 100% rebuild',
      'Billing',
    ])
    expect(result.rows[0]).toMatchObject({
      total: 4,
      open: 3,
      openCritical: 2,
      openHigh: 1,
      openBlockers: 1,
    })
    // The expired risk acceptance is open again; the current one is not.
    expect(result.rows[1]).toMatchObject({ open: 1, openCritical: 1 })
    expect(result.totals).toEqual({
      assessments: 4,
      openCritical: 4,
      openBlockers: 1,
      needingAttention: 3,
    })
  })

  it('pages the list in SQL and shows the last page for a page past the end', () => {
    const second = list({ sort: 'name', page: 2 }, 3)
    expect(second.rows.map((row) => row.name)).toEqual(['Search 100% rebuild'])
    expect(second).toMatchObject({ matching: 4, page: 2, pages: 2 })
    const beyond = list({ sort: 'name', page: 9 }, 3)
    expect(beyond.page).toBe(2)
    expect(beyond.rows.map((row) => row.name)).toEqual(['Search 100% rebuild'])
  })

  it('searches name and service and matches a typed % literally', () => {
    expect(list({ q: 'INVOICE' }).rows.map((row) => row.name)).toEqual([
      'Billing',
    ])
    expect(list({ q: '100%' }).rows.map((row) => row.name)).toEqual([
      'Search 100% rebuild',
    ])
    expect(list({ q: '0%r' }).matching).toBe(0)
  })

  it('filters by stage and by open criticals or blockers', () => {
    expect(list({ stage: 'signed_off' }).rows.map((row) => row.name)).toEqual([
      'Billing',
    ])
    expect(list({ stage: 'active' }).matching).toBe(3)
    expect(list({ attention: 'blocker' }).rows.map((row) => row.name)).toEqual([
      'Payments API',
    ])
    expect(list({ attention: 'critical', sort: 'name' }).matching).toBe(3)
  })

  it('keeps the portfolio totals when nothing matches', () => {
    const result = list({ q: 'no such service' })
    expect(result.rows).toEqual([])
    expect(result.matching).toBe(0)
    expect(result.totals.assessments).toBe(4)
  })

  it('shows a viewer only the assessments they are a member of, in the totals too', () => {
    const result = listAssessmentPage(
      db,
      viewer,
      DEFAULT_ASSESSMENT_LIST_QUERY,
      NOW,
    )
    expect(result.rows.map((row) => row.name)).toEqual([
      'Search 100% rebuild',
      'Billing',
    ])
    expect(result.totals).toMatchObject({ assessments: 2, openCritical: 1 })
  })
})

describe('The portfolio page', () => {
  it('gives each page row the verdict of its own gates and a forecast', () => {
    const result = listPortfolio(
      db,
      admin,
      { ...DEFAULT_ASSESSMENT_LIST_QUERY, stage: 'active', sort: 'name' },
      NOW,
      2,
    )
    expect(
      result.rows.map((row) => [row.name, row.ready, row.failingGates]),
    ).toEqual([
      ['Ledger', true, []],
      ['Payments API', false, ['No open production blocker']],
    ])
    // No history was written, so the burndown (and forecast) see nothing open.
    expect(result.rows[0]?.forecast.kind).toBe('done')
    expect(result.rows[0]?.window.deadline).toBe('2026-12-17')
    expect(result).toMatchObject({ matching: 3, pages: 2 })
  })
})

describe('Reading the list parameters', () => {
  it('keeps the good parameters and reports each bad one', () => {
    const { query, problems } = parseAssessmentListQuery(
      new URLSearchParams('q=pay&stage=done&page=-2&sort=name'),
    )
    expect(query).toEqual({
      ...DEFAULT_ASSESSMENT_LIST_QUERY,
      q: 'pay',
      sort: 'name',
    })
    expect(problems).toEqual([
      'Stage must be one of any, active, signed_off. Ignored it.',
      'Page must be 1 or more. Ignored it.',
    ])
  })

  it('treats empty values as the defaults', () => {
    expect(
      parseAssessmentListQuery(new URLSearchParams('q=&attention=&page=')),
    ).toEqual({ query: DEFAULT_ASSESSMENT_LIST_QUERY, problems: [] })
  })
})
