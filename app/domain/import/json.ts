import { readFindingFields } from './record'
import {
  MAX_IMPORT_RESULTS,
  refuse,
  type ImportedFinding,
  type ImportRowError,
  type ParsedImport,
} from './types'

/**
 * The JSON export (`clearance.assessment`, version 1) read back: only its
 * findings are imported; status, evidence and history stay where they are.
 */
export function parseAssessmentJson(content: string): ParsedImport {
  let document: unknown
  try {
    document = JSON.parse(content)
  } catch {
    return refuse('The file is not valid JSON.')
  }
  if (typeof document !== 'object' || document === null)
    return refuse('The JSON must be an object.')
  const { format, version, findings } = document as Record<string, unknown>
  if (format !== 'clearance.assessment')
    return refuse(
      'The JSON is not a Clearance export ("format" must be "clearance.assessment").',
    )
  if (version !== 1)
    return refuse(
      `Only version 1 of the export is read; this file says ${JSON.stringify(version ?? null)}.`,
    )
  if (!Array.isArray(findings))
    return refuse('The JSON has no "findings" array.')
  if (findings.length > MAX_IMPORT_RESULTS)
    return refuse(
      `The file has ${findings.length} findings; one import takes at most ${MAX_IMPORT_RESULTS}.`,
    )
  const read: ImportedFinding[] = []
  const errors: ImportRowError[] = []
  findings.forEach((item, index) => {
    const row = `findings[${index}]`
    if (typeof item !== 'object' || item === null) {
      errors.push({ row, field: '(finding)', expected: 'an object' })
      return
    }
    const finding = item as Record<string, unknown>
    const result = readFindingFields(
      {
        reference: finding.reference,
        title: finding.title,
        severity: finding.severity,
        cvss_vector: finding.cvssVector,
        cvss_score: finding.cvssVector ? undefined : finding.cvssScore,
        cwe: finding.cweId,
        owasp_top10: finding.owaspTop10,
        owasp_api_top10: finding.owaspApiTop10,
        description: finding.description,
        remediation: finding.remediation,
      },
      row,
      'json',
    )
    if ('finding' in result) read.push(result.finding)
    else errors.push(...result.errors)
  })
  return { ok: true, findings: read, errors }
}
