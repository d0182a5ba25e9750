import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findingEvents, findingOpenDeltas } from '#db/schema/findings'
import { burndownFromDeltas, type BurndownPoint } from '~/domain/burndown'
import { toIsoDay } from '~/domain/dates'
import {
  forecastCompletion,
  targetWindow,
  type Forecast,
  type TargetWindow,
} from '~/domain/forecast'
import type { Severity } from '~/domain/severity'
import { preparedPerConnection } from './prepared.server'

// Prepared once per connection: the portfolio runs both for each of the 25
// assessments on its page.
const deltasUpTo = preparedPerConnection((db) =>
  db
    .select({
      day: findingOpenDeltas.day,
      severity: findingOpenDeltas.severity,
      delta: findingOpenDeltas.delta,
    })
    .from(findingOpenDeltas)
    .where(
      and(
        eq(findingOpenDeltas.assessmentId, sql.placeholder('assessmentId')),
        lte(findingOpenDeltas.day, sql.placeholder('today')),
      ),
    )
    .orderBy(asc(findingOpenDeltas.day))
    .prepare(),
)

// Whether a status change ever closed a finding: the forecast has no pace
// without one. Reads the (assessment, kind, created_at) index and stops at
// the first row.
const anyClosure = preparedPerConnection((db) =>
  db
    .select({ one: sql<number>`1` })
    .from(findingEvents)
    .where(
      and(
        eq(findingEvents.assessmentId, sql.placeholder('assessmentId')),
        eq(findingEvents.kind, 'status'),
        inArray(findingEvents.toStatus, [
          'verified',
          'false_positive',
          'risk_accepted',
        ]),
      ),
    )
    .limit(1)
    .prepare(),
)

export interface AssessmentTimeline {
  window: TargetWindow
  today: string
  points: BurndownPoint[]
  forecast: Forecast
}

/**
 * Burndown from the remediation start to today, and the forecast from it.
 * The series comes from `finding_open_deltas`, which a trigger keeps as
 * finding events are written (db/schema/findings.ts), so its cost grows with
 * the days of history, not with the number of events.
 */
export function loadTimeline(
  db: Db,
  assessment: {
    id: number
    remediationStartOn: string
    targetWeeksMin: number
    targetWeeksMax: number
    severityWeights: Record<Severity, number>
  },
  now = new Date(),
): AssessmentTimeline {
  const today = toIsoDay(now)
  const window = targetWindow(
    assessment.remediationStartOn,
    assessment.targetWeeksMin,
    assessment.targetWeeksMax,
  )
  const deltas = deltasUpTo(db).all({ assessmentId: assessment.id, today })
  const points = burndownFromDeltas(
    deltas,
    window.start,
    today,
    assessment.severityWeights,
  )
  const closed = anyClosure(db).get({ assessmentId: assessment.id })
  const forecast = forecastCompletion(
    points,
    closed !== undefined,
    window,
    today,
  )
  return { window, today, points, forecast }
}
