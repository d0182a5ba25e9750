import { describe, expect, it } from 'vitest'
import { parseAssessmentJson } from '~/domain/import/json'

/** A Clearance JSON export holding the given findings. */
const exportWith = (findings: unknown[]) =>
  JSON.stringify({ format: 'clearance.assessment', version: 1, findings })

describe('Fields of the wrong JSON type', () => {
  it('are row errors naming the field, not text such as "[object Object]"', () => {
    const parsed = parseAssessmentJson(
      exportWith([
        { reference: 'J-1', title: ['an', 'array'], severity: 'high' },
        { reference: 'J-2', title: 'A title', severity: { high: true } },
        {
          reference: 'J-3',
          title: 'A title',
          severity: 'low',
          remediation: {},
        },
      ]),
    )
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.findings).toEqual([])
    expect(parsed.errors.map(({ row, field }) => `${row} ${field}`)).toEqual([
      'findings[0] title',
      'findings[1] severity',
      'findings[2] remediation',
    ])
  })

  it('do not throw when an object carries a forged toString', () => {
    const parsed = parseAssessmentJson(
      exportWith([
        { reference: 'J-1', title: 'A title', severity: { toString: 'high' } },
      ]),
    )
    expect(parsed.ok && parsed.errors).toEqual([
      {
        row: 'findings[0]',
        field: 'severity',
        expected: 'text or a number, not an object or a list',
      },
    ])
  })

  it('still read numbers, as a JSON export writes the CWE and score', () => {
    const parsed = parseAssessmentJson(
      exportWith([
        {
          reference: 'J-1',
          title: 'A title',
          severity: '',
          cvssScore: 7.5,
          cweId: 89,
        },
      ]),
    )
    expect(parsed.ok && parsed.findings[0]).toMatchObject({
      severity: 'high',
      cweId: 89,
      cvssScore: 7.5,
    })
  })
})
