import { and, eq, gt, inArray, not, or, type SQL } from 'drizzle-orm'
import { findings } from '#db/schema/findings'

/**
 * SQL form of the one definition of "closed" (see domain/finding-status):
 * verified, false positive, or risk accepted with an approval that has not
 * expired at `now`. Every count, gate and chart builds on these two.
 */
export function closedFindingCondition(now: Date): SQL {
  return or(
    inArray(findings.status, ['verified', 'false_positive']),
    and(
      eq(findings.status, 'risk_accepted'),
      gt(findings.riskAcceptedUntil, now.toISOString()),
    ),
  ) as SQL
}

export function openFindingCondition(now: Date): SQL {
  return not(closedFindingCondition(now))
}
