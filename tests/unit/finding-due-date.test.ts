import { describe, expect, test } from 'vitest'
import { defaultDueOn, nextFindingReference } from '~/domain/finding-due-date'

const slaDays = { critical: 7, high: 30, medium: 90, low: 120, info: 180 }

describe('Default due dates', () => {
  test('A finding in the plan is due at the end of its earliest task’s phase', () => {
    expect(
      defaultDueOn({
        severity: 'critical',
        createdOn: '2026-11-20',
        remediationStartOn: '2026-12-01',
        slaDays,
        phases: [
          { phasePosition: 2, taskPosition: 0, endOffsetDays: 20 },
          { phasePosition: 1, taskPosition: 3, endOffsetDays: 6 },
          { phasePosition: 1, taskPosition: 1, endOffsetDays: 6 },
        ],
      }),
    ).toBe('2026-12-07')
  })

  test('Ongoing phases set no date, so the severity SLA applies', () => {
    expect(
      defaultDueOn({
        severity: 'high',
        createdOn: '2026-12-03',
        remediationStartOn: '2026-12-01',
        slaDays,
        phases: [{ phasePosition: 4, taskPosition: 0, endOffsetDays: null }],
      }),
    ).toBe('2027-01-02')
  })

  test('A finding in no plan is due its severity’s SLA days after creation', () => {
    for (const [severity, expected] of [
      ['critical', '2026-12-10'],
      ['medium', '2027-03-03'],
      ['info', '2027-06-01'],
    ] as const)
      expect(
        defaultDueOn({
          severity,
          createdOn: '2026-12-03',
          remediationStartOn: '2026-12-01',
          slaDays,
          phases: [],
        }),
      ).toBe(expected)
  })
})

describe('New finding references', () => {
  test('continue the assessment’s numbering', () => {
    expect(nextFindingReference(['P2-001', 'P2-019', 'P2-007'])).toBe('P2-020')
    expect(nextFindingReference([])).toBe('F-001')
    expect(nextFindingReference(['WEB-0099', 'odd'])).toBe('WEB-0100')
  })
})
