import { describe, expect, it } from 'vitest'
import { summariseFigures } from '~/domain/dashboard-figures'

const row = (counts: Partial<Parameters<typeof summariseFigures>[0][0]>) => ({
  total: 0,
  open: 0,
  verified: 0,
  fixed: 0,
  falsePositive: 0,
  openBlockers: 0,
  overdue: 0,
  ...counts,
})

describe('Headline figures', () => {
  it('counts verified as remediated and shows fixed findings apart', () => {
    const figures = summariseFigures(
      [
        row({ total: 4, open: 3, verified: 1, fixed: 1, openBlockers: 3 }),
        row({ total: 7, open: 6, verified: 1, overdue: 2 }),
      ],
      [{ overdue: 1 }, { overdue: 0 }],
    )
    expect(figures).toMatchObject({
      total: 11,
      open: 9,
      openBlockers: 3,
      percentVerified: 18,
      percentFixed: 9,
      overdueFindings: 2,
      overdueTasks: 1,
    })
  })

  it('leaves false positives out of the remediated share', () => {
    const figures = summariseFigures(
      [row({ total: 4, verified: 3, falsePositive: 1 })],
      [],
    )
    expect(figures.percentVerified).toBe(100)
  })

  it('reports zero rather than dividing by zero for an empty assessment', () => {
    expect(summariseFigures([], []).percentVerified).toBe(0)
  })
})
