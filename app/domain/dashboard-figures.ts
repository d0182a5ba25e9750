/**
 * The headline figures, added up from the per-severity and per-phase counts
 * the database already grouped. "Remediated" means verified: false
 * positives leave the denominator (they were never real), fixed findings
 * awaiting a retest are counted apart because they are not done yet.
 */
export interface SeverityCounts {
  total: number
  open: number
  verified: number
  fixed: number
  falsePositive: number
  openBlockers: number
  overdue: number
}

export interface DashboardFigures {
  total: number
  open: number
  openBlockers: number
  verified: number
  fixed: number
  percentVerified: number
  percentFixed: number
  overdueFindings: number
  overdueTasks: number
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole)
}

export function summariseFigures(
  bySeverity: SeverityCounts[],
  phases: { overdue: number }[],
): DashboardFigures {
  const sum = (key: keyof SeverityCounts) =>
    bySeverity.reduce((total, row) => total + row[key], 0)
  const real = sum('total') - sum('falsePositive')
  return {
    total: sum('total'),
    open: sum('open'),
    openBlockers: sum('openBlockers'),
    verified: sum('verified'),
    fixed: sum('fixed'),
    percentVerified: percent(sum('verified'), real),
    percentFixed: percent(sum('fixed'), real),
    overdueFindings: sum('overdue'),
    overdueTasks: phases.reduce((total, phase) => total + phase.overdue, 0),
  }
}
