import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import type { BurndownPoint } from '~/domain/burndown'
import { describeForecast } from '~/domain/forecast'
import { loadTimeline } from './timeline.server'

export interface ReportTimeline {
  burndown: BurndownPoint[]
  /** The dashboard's forecast sentence, with its method. */
  forecast: string
}

/**
 * The burndown and forecast for the report, from the same history and
 * rules as the dashboard. Drawn and printed, not hashed: the series grows by
 * a day every day with nothing changed.
 */
export function loadReportTimeline(
  db: Db,
  assessmentId: number,
  now = new Date(),
): ReportTimeline {
  const assessment = db
    .select({
      id: assessments.id,
      remediationStartOn: assessments.remediationStartOn,
      targetWeeksMin: assessments.targetWeeksMin,
      targetWeeksMax: assessments.targetWeeksMax,
      severityWeights: assessments.severityWeights,
    })
    .from(assessments)
    .where(eq(assessments.id, assessmentId))
    .get()
  if (!assessment) return { burndown: [], forecast: 'No forecast.' }
  const timeline = loadTimeline(db, assessment, now)
  return {
    burndown: timeline.points,
    forecast: describeForecast(timeline.forecast, timeline.window),
  }
}
