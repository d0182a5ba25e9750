import { describe, expect, it } from 'vitest'
import { isFindingClosed } from '~/domain/finding-status'
import {
  findSeverityMismatch,
  isAtLeast,
  severityForScore,
} from '~/domain/severity'

describe('Severity bands and the mismatch rule', () => {
  it('maps scores to bands, with 0 as info', () => {
    expect(severityForScore(0)).toBe('info')
    expect(severityForScore(9.1)).toBe('critical')
    expect(severityForScore(6.1)).toBe('medium')
  })

  it('reports a high finding scored 9.1 as a mismatch with the critical band', () => {
    expect(findSeverityMismatch('high', 9.1)).toEqual({
      auditorSeverity: 'high',
      cvssSeverity: 'critical',
      score: 9.1,
    })
  })

  it('reports no mismatch when the band agrees or there is no score', () => {
    expect(findSeverityMismatch('critical', 10)).toBeNull()
    expect(findSeverityMismatch('low', 2.1)).toBeNull()
    expect(findSeverityMismatch('high', null)).toBeNull()
  })

  it('orders severities', () => {
    expect(isAtLeast('critical', 'high')).toBe(true)
    expect(isAtLeast('medium', 'high')).toBe(false)
    expect(isAtLeast('high', 'high')).toBe(true)
  })
})

describe('One definition of closed', () => {
  const now = new Date('2026-12-03T12:00:00Z')
  it.each([
    ['open', null, false],
    ['in_progress', null, false],
    ['fixed', null, false],
    ['reopened', null, false],
    ['verified', null, true],
    ['false_positive', null, true],
    ['risk_accepted', '2026-12-10T00:00:00Z', true],
    ['risk_accepted', '2026-12-03T12:00:00Z', false],
    ['risk_accepted', '2026-12-01T00:00:00Z', false],
    ['risk_accepted', null, false],
  ] as const)('%s (accepted until %s) closed: %s', (status, until, closed) => {
    expect(isFindingClosed({ status, riskAcceptedUntil: until }, now)).toBe(
      closed,
    )
  })
})
