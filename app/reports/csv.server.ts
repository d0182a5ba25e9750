import { stringify } from 'csv-stringify/sync'
import type { ReportFinding } from '~/domain/report-state'

/** The export's columns; the importer reads the same names. */
export const FINDING_CSV_COLUMNS = [
  'reference',
  'title',
  'severity',
  'status',
  'cvss_score',
  'cvss_vector',
  'score_source',
  'cwe',
  'owasp_top10',
  'owasp_api_top10',
  'is_blocker',
  'verified_by',
  'verified_at',
  'evidence',
  'description',
  'remediation',
] as const

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula. Such cells get a leading apostrophe,
 * which spreadsheets show as text and which a person can see and remove.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** RFC 4180: CRLF line ends, fields quoted when they need it. */
export function findingsToCsv(findings: ReportFinding[]): string {
  const rows = findings.map((finding) =>
    [
      finding.reference,
      finding.title,
      finding.severity,
      finding.status,
      finding.cvssScore === null ? '' : finding.cvssScore.toFixed(1),
      finding.cvssVector ?? '',
      finding.scoreSource ?? '',
      finding.cweId === null ? '' : `CWE-${finding.cweId}`,
      finding.owaspTop10 ?? '',
      finding.owaspApiTop10 ?? '',
      finding.isBlocker ? 'yes' : 'no',
      finding.verifiedBy ?? '',
      finding.verifiedAt ?? '',
      finding.evidence.map((item) => `${item.kind}: ${item.value}`).join('\n'),
      finding.description,
      finding.remediation,
    ].map(neutraliseCell),
  )
  return stringify([[...FINDING_CSV_COLUMNS], ...rows], {
    record_delimiter: '\r\n',
    quoted_match: /[",\r\n]/,
  })
}
