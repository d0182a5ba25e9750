import { inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import type { Severity } from '~/domain/severity'
import { listAssessmentSummaries } from './assessment.server'
import { loadTimeline } from './timeline.server'
import { loadReadiness } from './readiness.server'
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
 * Per visible assessment: the verdict, the forecast and the open criticals.
 * Counts come from the grouped summary query; each assessment adds its gate
 * evaluation and its history query, which is fine for the handful of
 * assessments a portfolio holds.
 */
export function listPortfolio(db: Db, user: SafeUser, now = new Date()) {
  const summaries = listAssessmentSummaries(db, user, now)
  if (summaries.length === 0) return []
  const weights = new Map(
    db
      .select({ id: assessments.id, weights: assessments.severityWeights })
      .from(assessments)
      .where(
        inArray(
          assessments.id,
          summaries.map((summary) => summary.id),
        ),
      )
      .all()
      .map((row) => [row.id, row.weights]),
  )
  return summaries.map((summary) => {
    const readiness = loadReadiness(db, summary.id, now)
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
}
