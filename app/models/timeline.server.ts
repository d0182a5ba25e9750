import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findingEvents } from '#db/schema/findings'
import {
  buildBurndown,
  type BurndownPoint,
  type HistoryFinding,
  type StatusEvent,
} from '~/domain/burndown'
import { toIsoDay } from '~/domain/dates'
import type { FindingStatus } from '~/domain/finding-status'
import {
  forecastCompletion,
  targetWindow,
  type Forecast,
  type TargetWindow,
} from '~/domain/forecast'
import type { Severity } from '~/domain/severity'

const CLOSED_STATUSES: FindingStatus[] = [
  'verified',
  'false_positive',
  'risk_accepted',
]

/**
 * The finding history the burndown needs, straight from `finding_events`
 * through its (assessment, kind, created_at) index: the `created` events
 * give each finding's start and severity, the `status` events its changes.
 */
export function loadStatusHistory(db: Db, assessmentId: number) {
  const rows = db
    .select({
      findingId: findingEvents.findingId,
      kind: findingEvents.kind,
      toStatus: findingEvents.toStatus,
      severity: findingEvents.severity,
      at: findingEvents.createdAt,
    })
    .from(findingEvents)
    .where(
      and(
        eq(findingEvents.assessmentId, assessmentId),
        inArray(findingEvents.kind, ['created', 'status', 'archived']),
      ),
    )
    .orderBy(asc(findingEvents.createdAt), asc(findingEvents.id))
    .all()
  const created: HistoryFinding[] = []
  const events: StatusEvent[] = []
  let closures = 0
  for (const row of rows) {
    if (row.kind === 'created')
      created.push({
        id: row.findingId,
        severity: row.severity,
        createdAt: row.at,
      })
    else if (row.kind === 'archived')
      // An archived finding leaves the series; for the burndown that is
      // the same as a closed one, but it is no closure of the pace.
      events.push({
        findingId: row.findingId,
        at: row.at,
        toStatus: 'false_positive',
      })
    else if (row.toStatus) {
      events.push({
        findingId: row.findingId,
        at: row.at,
        toStatus: row.toStatus,
      })
      if (CLOSED_STATUSES.includes(row.toStatus)) closures += 1
    }
  }
  return { created, events, closures }
}

export interface AssessmentTimeline {
  window: TargetWindow
  today: string
  points: BurndownPoint[]
  forecast: Forecast
}

/** Burndown from the remediation start to today, and the forecast from it. */
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
  const history = loadStatusHistory(db, assessment.id)
  const points = buildBurndown(
    history.created,
    history.events,
    window.start,
    today,
    assessment.severityWeights,
  )
  const forecast = forecastCompletion(points, history.closures, window, today)
  return { window, today, points, forecast }
}
