import { describe, expect, it } from 'vitest'
import {
  buildCompliance,
  buildScorecard,
  complianceStatus,
  countByStatus,
  practiceScore,
} from '~/domain/compliance'

const catalog = { A01: 'Access', A02: 'Crypto', A03: 'Injection' }

describe('Compliance per OWASP category', () => {
  it.each([
    [0, 0, 'compliant'],
    [3, 3, 'compliant'],
    [3, 0, 'not_compliant'],
    [3, 1, 'partial'],
  ] as const)('%i findings with %i closed is %s', (total, closed, status) => {
    expect(complianceStatus(total, closed)).toBe(status)
  })

  it('lists every catalog category, with the counts of its findings', () => {
    const rows = buildCompliance(catalog, [
      { code: 'A01', total: 2, closed: 1 },
      { code: 'A03', total: 1, closed: 0 },
      { code: null, total: 4, closed: 4 },
    ])
    expect(rows.map((row) => [row.code, row.open, row.status])).toEqual([
      ['A01', 1, 'partial'],
      ['A02', 0, 'compliant'],
      ['A03', 1, 'not_compliant'],
    ])
    expect(countByStatus(rows)).toEqual({
      compliant: 1,
      partial: 1,
      not_compliant: 1,
    })
  })

  it('keeps a category the catalog does not know instead of dropping it', () => {
    const rows = buildCompliance(catalog, [
      { code: 'A11', total: 1, closed: 0 },
    ])
    expect(rows.at(-1)).toMatchObject({ code: 'A11', name: 'A11' })
  })

  it('moves a category back to not compliant when its only closed finding reopens', () => {
    expect(complianceStatus(1, 1)).toBe('compliant')
    expect(complianceStatus(1, 0)).toBe('not_compliant')
  })
})

describe('Practices scorecard', () => {
  it('gives 10 to a practice with no finding and rises as findings close', () => {
    expect(practiceScore(0, 0)).toBe(10)
    expect([0, 1, 2, 3].map((closed) => practiceScore(3, closed))).toEqual([
      0, 3.3, 6.7, 10,
    ])
  })

  it('averages the practices for the overall score', () => {
    const scorecard = buildScorecard(
      { secrets: 'Secrets', logging: 'Logging' },
      [{ code: 'secrets', total: 4, closed: 1 }],
    )
    expect(scorecard.practices).toEqual([
      { key: 'secrets', name: 'Secrets', total: 4, closed: 1, score: 2.5 },
      { key: 'logging', name: 'Logging', total: 0, closed: 0, score: 10 },
    ])
    expect(scorecard.overall).toBe(6.3)
  })

  it('scores zero everywhere when no progress has been made', () => {
    const scorecard = buildScorecard({ a: 'A', b: 'B' }, [
      { code: 'a', total: 2, closed: 0 },
      { code: 'b', total: 5, closed: 0 },
    ])
    expect(scorecard.overall).toBe(0)
  })
})
