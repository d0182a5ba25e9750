import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { buildBurndown, type BurndownPoint } from '~/domain/burndown'
import { toIsoDay } from '~/domain/dates'

/**
 * The open-findings series for the report's chart, from the remediation
 * start (or the first finding, if earlier) to `now`. It is drawn, not
 * hashed: the series grows by a day every day with nothing changed.
 */
export function loadReportBurndown(
  db: Db,
  assessmentId: number,
  now = new Date(),
): BurndownPoint[] {
  const assessment = db
    .select({
      startOn: assessments.remediationStartOn,
      weights: assessments.severityWeights,
    })
    .from(assessments)
    .where(eq(assessments.id, assessmentId))
    .get()
  if (!assessment) return []
  const history = db
    .select({
      id: findings.id,
      severity: findings.severity,
      createdAt: findings.createdAt,
    })
    .from(findings)
    .where(
      and(eq(findings.assessmentId, assessmentId), isNull(findings.archivedAt)),
    )
    .all()
  const events = db
    .select({
      findingId: findingEvents.findingId,
      at: findingEvents.createdAt,
      toStatus: findingEvents.toStatus,
    })
    .from(findingEvents)
    .where(
      and(
        eq(findingEvents.assessmentId, assessmentId),
        eq(findingEvents.kind, 'status'),
        isNotNull(findingEvents.toStatus),
      ),
    )
    .orderBy(asc(findingEvents.createdAt))
    .all()
    .flatMap((event) =>
      event.toStatus ? [{ ...event, toStatus: event.toStatus }] : [],
    )
  const firstCreated = history
    .map((finding) => finding.createdAt.slice(0, 10))
    .sort()[0]
  const today = toIsoDay(now)
  const from =
    firstCreated && firstCreated < assessment.startOn
      ? firstCreated
      : assessment.startOn
  return buildBurndown(
    history,
    events,
    from < today ? from : today,
    today,
    assessment.weights,
  )
}
