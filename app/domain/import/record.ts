import { tryScoreCvssVector } from '../cvss'
import { OWASP_API_TOP10_2023, OWASP_TOP10_2021 } from '../owasp'
import { SEVERITIES, severityForScore, type Severity } from '../severity'
import type { ImportedFinding, ImportRowError } from './types'

/**
 * One finding given by its fields (a CSV row or a JSON object), checked
 * field by field. Each problem names the row, the field and what was
 * expected, so the person can fix the file.
 */
export interface FindingFields {
  reference?: unknown
  title?: unknown
  severity?: unknown
  cvss_vector?: unknown
  cvss_score?: unknown
  cwe?: unknown
  owasp_top10?: unknown
  owasp_api_top10?: unknown
  description?: unknown
  remediation?: unknown
}

/** A cell or JSON value as text; objects and arrays are not text. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  return null
}

export function readFindingFields(
  fields: FindingFields,
  row: string,
  source: string,
): { finding: ImportedFinding } | { errors: ImportRowError[] } {
  const errors: ImportRowError[] = []
  // One error per field: the first says what is wrong with it.
  const problem = (field: string, expected: string) => {
    if (!errors.some((error) => error.field === field))
      errors.push({ row, field, expected })
  }
  // A JSON file can hold an object or array where text belongs; String()
  // would turn it into "[object Object]" or throw on a forged toString.
  const text = (field: keyof FindingFields) => {
    const value = asText(fields[field])
    if (value !== null) return value
    problem(field, 'text or a number, not an object or a list')
    return ''
  }

  const reference = text('reference')
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(reference))
    problem('reference', 'a reference such as P2-001 (letters, digits, . _ -)')
  const title = text('title')
  if (title.length < 3 || title.length > 300)
    problem('title', 'a title of 3 to 300 characters')

  const vectorText = text('cvss_vector')
  const scoreText = text('cvss_score')
  let cvss: ImportedFinding['cvssScore'] = null
  let cvssVector: string | null = null
  let cvssVersion: ImportedFinding['cvssVersion'] = null
  let scoreSource: ImportedFinding['scoreSource'] = null
  if (vectorText) {
    const scored = tryScoreCvssVector(vectorText)
    if (scored.ok) {
      cvss = scored.result.score
      cvssVector = scored.result.vector
      cvssVersion = scored.result.version
      scoreSource = 'computed'
    } else problem('cvss_vector', `a CVSS 3.1 or 4.0 vector (${scored.error})`)
  } else if (scoreText) {
    const score = Number(scoreText)
    if (Number.isFinite(score) && score >= 0 && score <= 10) {
      cvss = Math.round(score * 10) / 10
      scoreSource = 'imported'
    } else problem('cvss_score', 'a number from 0.0 to 10.0')
  }

  const severityText = text('severity').toLowerCase()
  let severity: Severity | null = null
  let severityReason = ''
  if ((SEVERITIES as readonly string[]).includes(severityText)) {
    severity = severityText as Severity
    severityReason = `given: ${severity}`
  } else if (severityText === '' && cvss !== null) {
    severity = severityForScore(cvss)
    severityReason = `CVSS ${cvss.toFixed(1)} → ${severity}`
  } else problem('severity', `one of ${SEVERITIES.join(', ')}`)

  const cweText = text('cwe')
  const cweMatch = /^(?:CWE-)?(\d{1,5})$/i.exec(cweText)
  if (cweText && !cweMatch) problem('cwe', 'a CWE id such as CWE-89')
  const owasp = text('owasp_top10').toUpperCase()
  if (owasp && !(owasp in OWASP_TOP10_2021))
    problem('owasp_top10', 'an OWASP Top 10 2021 code, A01 to A10')
  const owaspApi = text('owasp_api_top10').toUpperCase()
  if (owaspApi && !(owaspApi in OWASP_API_TOP10_2023))
    problem('owasp_api_top10', 'an OWASP API Top 10 2023 code, API1 to API10')

  const description = text('description')
  const remediation = text('remediation')

  if (errors.length > 0 || severity === null) return { errors }
  return {
    finding: {
      matchKey: `reference:${reference}`,
      reference,
      fingerprint: null,
      title,
      severity,
      severityReason,
      cvssVector,
      cvssVersion,
      cvssScore: cvss,
      scoreSource,
      cweId: cweMatch ? Number(cweMatch[1]) : null,
      owaspTop10: owasp || null,
      owaspApiTop10: owaspApi || null,
      description,
      remediation,
      affected: [],
      source,
    },
  }
}
