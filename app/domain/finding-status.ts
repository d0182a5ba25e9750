/**
 * A finding has exactly one status. "Closed" is defined once, here, and
 * every count, gate and chart uses it: a finding is closed when it is
 * verified, a false positive, or accepted as a risk whose acceptance has
 * not expired. Everything else is open, `fixed` included until a retest
 * verifies it.
 */
export const FINDING_STATUSES = [
  'open',
  'in_progress',
  'fixed',
  'verified',
  'reopened',
  'risk_accepted',
  'false_positive',
] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  fixed: 'Fixed (awaiting retest)',
  verified: 'Verified',
  reopened: 'Reopened',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
}

/** Statuses that are closed regardless of dates. */
export const ALWAYS_CLOSED_STATUSES: readonly FindingStatus[] = [
  'verified',
  'false_positive',
]

/**
 * Whether a finding is closed at `now`. A risk acceptance closes a finding
 * only while its approved expiry lies in the future.
 */
export function isFindingClosed(
  finding: { status: FindingStatus; riskAcceptedUntil: string | null },
  now: Date,
): boolean {
  if (ALWAYS_CLOSED_STATUSES.includes(finding.status)) return true
  if (finding.status === 'risk_accepted')
    return (
      finding.riskAcceptedUntil !== null &&
      new Date(finding.riskAcceptedUntil).getTime() > now.getTime()
    )
  return false
}
