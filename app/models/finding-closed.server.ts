import {
  and,
  eq,
  gt,
  inArray,
  not,
  or,
  type Placeholder,
  type SQL,
} from 'drizzle-orm'
import { findings } from '#db/schema/findings'
import {
  ALWAYS_CLOSED_STATUSES,
  FINDING_STATUSES,
} from '~/domain/finding-status'

/**
 * SQL form of the one definition of "closed" (see domain/finding-status):
 * verified, false positive, or risk accepted with an approval that has not
 * expired at `now`. Every count, gate and chart builds on these two.
 * `now` may be a placeholder (an ISO time) for a prepared statement.
 */
export function closedFindingCondition(now: Date | Placeholder): SQL {
  return or(
    inArray(findings.status, ['verified', 'false_positive']),
    and(
      eq(findings.status, 'risk_accepted'),
      gt(
        findings.riskAcceptedUntil,
        now instanceof Date ? now.toISOString() : now,
      ),
    ),
  ) as SQL
}

export function openFindingCondition(now: Date | Placeholder): SQL {
  return not(closedFindingCondition(now))
}

const MAYBE_OPEN_STATUSES = FINDING_STATUSES.filter(
  (status) => !ALWAYS_CLOSED_STATUSES.includes(status),
)

/**
 * The same "open" as `openFindingCondition`, with the statuses that can be
 * open listed first: the list lets SQLite seek straight to those entries of
 * `findings_assessment_status_idx` (assessment, status, ...) instead of
 * reading every finding of the assessment. Use it in per-assessment counts.
 */
export function openFindingSeekCondition(now: Date): SQL {
  return and(
    inArray(findings.status, MAYBE_OPEN_STATUSES),
    openFindingCondition(now),
  ) as SQL
}
