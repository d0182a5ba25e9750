import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { planPhases, remediationTasks } from '#db/schema/plan'
import { toIsoDay } from '~/domain/dates'
import { visibleAssessmentCondition } from './assessment.server'
import { openFindingCondition } from './finding-closed.server'
import { expireRiskAcceptances } from './finding-expiry.server'
import type { SafeUser } from './user.server'

const severityRank = sql`case ${findings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`

/**
 * The signed-in user's open findings and unfinished tasks across the
 * assessments they may see, most urgent first: overdue, then severity,
 * then due date. Sorted and limited in SQL.
 */
export function listMyWork(db: Db, user: SafeUser, now = new Date()) {
  const today = toIsoDay(now)
  const visible = db
    .select({ id: assessments.id })
    .from(assessments)
    .where(
      and(isNull(assessments.archivedAt), visibleAssessmentCondition(user)),
    )
    .all()
  // Expiry is applied per assessment so each check rides on its index.
  for (const assessment of visible)
    expireRiskAcceptances(db, now, assessment.id)

  const overdue = sql<number>`(${findings.dueOn} is not null and ${findings.dueOn} < ${today})`
  const myFindings = db
    .select({
      id: findings.id,
      reference: findings.reference,
      title: findings.title,
      severity: findings.severity,
      status: findings.status,
      dueOn: findings.dueOn,
      assessmentSlug: assessments.slug,
      assessmentName: assessments.name,
      isOverdue: overdue,
    })
    .from(findings)
    .innerJoin(assessments, eq(assessments.id, findings.assessmentId))
    .where(
      and(
        eq(findings.assigneeId, user.id),
        isNull(findings.archivedAt),
        isNull(assessments.archivedAt),
        visibleAssessmentCondition(user),
        openFindingCondition(now),
      ),
    )
    .orderBy(
      sql`${overdue} desc`,
      asc(severityRank),
      sql`${findings.dueOn} asc nulls last`,
      asc(findings.reference),
    )
    .limit(200)
    .all()

  const taskDue = sql<
    string | null
  >`coalesce(${remediationTasks.dueOn}, case when ${planPhases.endOffsetDays} is null then null else date(${assessments.remediationStartOn}, '+' || ${planPhases.endOffsetDays} || ' days') end)`
  const taskOverdue = sql<number>`(not ${remediationTasks.isOngoing} and ${taskDue} is not null and ${taskDue} < ${today})`
  const myTasks = db
    .select({
      id: remediationTasks.id,
      title: remediationTasks.title,
      status: remediationTasks.status,
      phaseName: planPhases.name,
      dueOn: taskDue,
      isOverdue: taskOverdue,
      assessmentSlug: assessments.slug,
      assessmentName: assessments.name,
    })
    .from(remediationTasks)
    .innerJoin(planPhases, eq(planPhases.id, remediationTasks.phaseId))
    .innerJoin(assessments, eq(assessments.id, remediationTasks.assessmentId))
    .where(
      and(
        eq(remediationTasks.ownerId, user.id),
        ne(remediationTasks.status, 'done'),
        isNull(assessments.archivedAt),
        visibleAssessmentCondition(user),
      ),
    )
    .orderBy(
      sql`${taskOverdue} desc`,
      sql`${taskDue} asc nulls last`,
      asc(remediationTasks.position),
    )
    .limit(200)
    .all()

  return {
    findings: myFindings.map((row) => ({
      ...row,
      isOverdue: Boolean(row.isOverdue),
    })),
    tasks: myTasks.map((row) => ({
      ...row,
      isOverdue: Boolean(row.isOverdue),
    })),
  }
}
