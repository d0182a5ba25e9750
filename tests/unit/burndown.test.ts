import { describe, expect, it } from 'vitest'
import {
  buildBurndown,
  type HistoryFinding,
  type StatusEvent,
} from '~/domain/burndown'

const weights = { critical: 10, high: 5, medium: 2, low: 1, info: 0 }
const findings: HistoryFinding[] = [
  { id: 1, severity: 'critical', createdAt: '2026-12-01T09:00:00Z' },
  { id: 2, severity: 'high', createdAt: '2026-12-01T09:00:00Z' },
  { id: 3, severity: 'low', createdAt: '2026-12-02T09:00:00Z' },
]

describe('Burndown from history', () => {
  it('counts every finding open when nothing happened', () => {
    const points = buildBurndown(
      findings,
      [],
      '2026-12-01',
      '2026-12-03',
      weights,
    )
    expect(points.map((point) => point.open)).toEqual([2, 3, 3])
    expect(points.map((point) => point.weighted)).toEqual([15, 16, 16])
  })

  it('drops a finding on the day it is verified, not the day it is fixed', () => {
    const events: StatusEvent[] = [
      { findingId: 1, at: '2026-12-02T10:00:00Z', toStatus: 'fixed' },
      { findingId: 1, at: '2026-12-03T10:00:00Z', toStatus: 'verified' },
    ]
    const points = buildBurndown(
      findings,
      events,
      '2026-12-01',
      '2026-12-04',
      weights,
    )
    expect(points.map((point) => point.open)).toEqual([2, 3, 2, 2])
  })

  it('puts a reopened finding back', () => {
    const events: StatusEvent[] = [
      { findingId: 2, at: '2026-12-01T12:00:00Z', toStatus: 'verified' },
      { findingId: 2, at: '2026-12-03T12:00:00Z', toStatus: 'reopened' },
    ]
    const points = buildBurndown(
      findings,
      events,
      '2026-12-01',
      '2026-12-03',
      weights,
    )
    expect(points.map((point) => point.open)).toEqual([1, 2, 3])
  })

  it('returns nothing for a range that ends before it starts', () => {
    expect(
      buildBurndown(findings, [], '2026-12-03', '2026-12-01', weights),
    ).toEqual([])
  })
})
