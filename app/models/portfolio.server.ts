import { inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import type { AssessmentListQuery } from '~/domain/assessment-list-query'
import type { Severity } from '~/domain/severity'
import { listAssessmentPage } from './assessment-list.server'
import { loadTimeline } from './timeline.server'
import { loadVerdict } from './readiness.server'
import type { SafeUser } from './user.server'

// Only for an assessment whose weights cannot be read (never in practice).
const DEFAULT_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
  info: 0,
}

/**
 * One page of the portfolio: the verdict, the forecast and the open
 * criticals of each assessment on it. The list, its filters and totals come
 * from SQL; the verdict and the forecast use the same loaders as the
 * assessment's own gates and dashboard pages, so they cannot disagree, and
 * they run for the page's assessments only (25, not the whole portfolio).
 */
export function listPortfolio(
  db: Db,
  user: SafeUser,
  query: AssessmentListQuery,
  now = new Date(),
  pageSize?: number,
) {
  const listed = listAssessmentPage(db, user, query, now, pageSize)
  if (listed.rows.length === 0) return { ...listed, rows: [] }
  const weights = new Map(
    db
      .select({ id: assessments.id, weights: assessments.severityWeights })
      .from(assessments)
      .where(
        inArray(
          assessments.id,
          listed.rows.map((summary) => summary.id),
        ),
      )
      .all()
      .map((row) => [row.id, row.weights]),
  )
  const rows = listed.rows.map((summary) => {
    const readiness = loadVerdict(db, summary.id, now)
    const timeline = loadTimeline(
      db,
      {
        ...summary,
        severityWeights: weights.get(summary.id) ?? DEFAULT_WEIGHTS,
      },
      now,
    )
    return {
      ...summary,
      ready: readiness.ready,
      failingGates: readiness.failing.map((gate) => gate.name),
      window: timeline.window,
      forecast: timeline.forecast,
    }
  })
  return { ...listed, rows }
}
