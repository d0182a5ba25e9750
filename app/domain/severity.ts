import { ratingForScore } from './cvss-rating'

/**
 * Severities as the auditor gives them. `info` exists for findings that
 * carry no risk of their own (observations, hardening advice).
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

/** Sort rank: lower is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b]
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold]
}

/** The severity band a CVSS score falls in (`none` maps to `info`). */
export function severityForScore(score: number): Severity {
  const rating = ratingForScore(score)
  return rating === 'none' ? 'info' : rating
}

export interface SeverityMismatch {
  auditorSeverity: Severity
  cvssSeverity: Severity
  score: number
}

/**
 * Auditors sometimes rate a finding differently from its CVSS band (for
 * example a 9.1 listed as high). The auditor's word stands as the severity;
 * the mismatch is reported so the UI shows it instead of hiding it.
 */
export function findSeverityMismatch(
  auditorSeverity: Severity,
  score: number | null,
): SeverityMismatch | null {
  if (score === null) return null
  const cvssSeverity = severityForScore(score)
  if (cvssSeverity === auditorSeverity) return null
  return { auditorSeverity, cvssSeverity, score }
}
