/**
 * Compliance per OWASP category and the practices scorecard, both derived
 * from the findings and the one definition of "closed":
 *
 * - a category is `compliant` when it has no finding or every finding in it
 *   is closed, `not_compliant` when none of its findings is closed, and
 *   `partial` in between (some closed, some open);
 * - a practice scores 10 × closed / total, rounded to one decimal, and 10
 *   when no finding counts against it. The overall score is the mean of the
 *   practice scores, so each practice weighs the same.
 */
export type ComplianceStatus = 'compliant' | 'partial' | 'not_compliant'

export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  compliant: 'Compliant',
  partial: 'Partly compliant',
  not_compliant: 'Not compliant',
}

export const SCORE_MAX = 10

export interface CategoryCount {
  code: string | null
  total: number
  closed: number
}

export interface CategoryCompliance {
  code: string
  name: string
  total: number
  closed: number
  open: number
  status: ComplianceStatus
}

export function complianceStatus(
  total: number,
  closed: number,
): ComplianceStatus {
  if (total === 0 || closed >= total) return 'compliant'
  if (closed === 0) return 'not_compliant'
  return 'partial'
}

/**
 * One row per catalog entry in catalog order, then any code the findings
 * use that the catalog lacks (so nothing is silently dropped).
 */
export function buildCompliance(
  catalog: Record<string, string>,
  counts: CategoryCount[],
): CategoryCompliance[] {
  const byCode = new Map(
    counts.flatMap((row) => (row.code ? [[row.code, row] as const] : [])),
  )
  const codes = [
    ...Object.keys(catalog),
    ...[...byCode.keys()].filter((code) => !(code in catalog)),
  ]
  return codes.map((code) => {
    const total = byCode.get(code)?.total ?? 0
    const closed = byCode.get(code)?.closed ?? 0
    return {
      code,
      name: catalog[code] ?? code,
      total,
      closed,
      open: total - closed,
      status: complianceStatus(total, closed),
    }
  })
}

export function practiceScore(total: number, closed: number): number {
  if (total === 0) return SCORE_MAX
  return Math.round((SCORE_MAX * Math.min(closed, total) * 10) / total) / 10
}

export interface PracticeScore {
  key: string
  name: string
  total: number
  closed: number
  score: number
}

export interface Scorecard {
  practices: PracticeScore[]
  overall: number
}

export function buildScorecard(
  practices: Record<string, string>,
  counts: CategoryCount[],
): Scorecard {
  const rows = buildCompliance(practices, counts).map((row) => ({
    key: row.code,
    name: row.name,
    total: row.total,
    closed: row.closed,
    score: practiceScore(row.total, row.closed),
  }))
  const overall =
    rows.length === 0
      ? SCORE_MAX
      : Math.round(
          (rows.reduce((sum, row) => sum + row.score, 0) / rows.length) * 10,
        ) / 10
  return { practices: rows, overall }
}

/** How many categories are in each status, for a one-line summary. */
export function countByStatus(
  rows: CategoryCompliance[],
): Record<ComplianceStatus, number> {
  const totals = { compliant: 0, partial: 0, not_compliant: 0 }
  for (const row of rows) totals[row.status] += 1
  return totals
}
