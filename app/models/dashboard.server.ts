import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { planPhases, remediationTasks } from '#db/schema/plan'
import { toIsoDay } from '~/domain/dates'
import { summariseFigures } from '~/domain/dashboard-figures'
import type { Severity } from '~/domain/severity'
import { closedFindingCondition } from './finding-closed.server'
import { loadReadiness } from './readiness.server'
import { loadTimeline } from './timeline.server'

/**
 * The dashboard's numbers. Every count is one grouped SQL query over
 * indexed columns; the only rows loaded one by one are the finding history
 * events (for the burndown) and the short list of top risks.
 */
const current = isNull(findings.archivedAt)

const severityRank = sql`case ${findings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`

function openSql(now: Date) {
  return sql`not (${closedFindingCondition(now)})`
}

function countWhen(condition: SQL) {
  return sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`
}

export interface SeverityFigures {
  severity: Severity
  total: number
  open: number
  closed: number
  verified: number
  fixed: number
  falsePositive: number
  openBlockers: number
  overdue: number
}

export function countFindingFigures(
  db: Db,
  assessmentId: number,
  now = new Date(),
): SeverityFigures[] {
  const open = openSql(now)
  return db
    .select({
      severity: findings.severity,
      total: sql<number>`count(*)`,
      open: countWhen(open),
      closed: countWhen(closedFindingCondition(now)),
      verified: countWhen(sql`${findings.status} = 'verified'`),
      fixed: countWhen(sql`${findings.status} = 'fixed'`),
      falsePositive: countWhen(sql`${findings.status} = 'false_positive'`),
      openBlockers: countWhen(sql`${open} and ${findings.isBlocker} = 1`),
      overdue: countWhen(sql`${open} and ${findings.dueOn} < ${toIsoDay(now)}`),
    })
    .from(findings)
    .where(and(eq(findings.assessmentId, assessmentId), current))
    .groupBy(findings.severity)
    .orderBy(severityRank)
    .all()
}

export function summariseRiskAcceptances(
  db: Db,
  assessmentId: number,
  now = new Date(),
) {
  const [row] = db
    .select({
      active: sql<number>`count(*)`,
      nearestExpiry: sql<string | null>`min(${findings.riskAcceptedUntil})`,
    })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, assessmentId),
        current,
        eq(findings.status, 'risk_accepted'),
        sql`${findings.riskAcceptedUntil} > ${now.toISOString()}`,
      ),
    )
    .all()
  return { active: row?.active ?? 0, nearestExpiry: row?.nearestExpiry ?? null }
}

// A task's effective due day: its own, or its phase's last day.
const taskDueOn = sql<
  string | null
>`coalesce(${remediationTasks.dueOn}, case when ${planPhases.endOffsetDays} is null then null else date(${assessments.remediationStartOn}, '+' || ${planPhases.endOffsetDays} || ' days') end)`

export interface PhaseProgress {
  phaseId: number
  name: string
  done: number
  doing: number
  todo: number
  overdue: number
}

export function countTasksByPhase(
  db: Db,
  assessmentId: number,
  now = new Date(),
): PhaseProgress[] {
  const today = toIsoDay(now)
  return db
    .select({
      phaseId: planPhases.id,
      name: planPhases.name,
      done: countWhen(sql`${remediationTasks.status} = 'done'`),
      doing: countWhen(sql`${remediationTasks.status} = 'doing'`),
      todo: countWhen(sql`${remediationTasks.status} = 'todo'`),
      overdue: countWhen(
        sql`${remediationTasks.status} <> 'done' and ${remediationTasks.isOngoing} = 0 and ${taskDueOn} < ${today}`,
      ),
    })
    .from(planPhases)
    .innerJoin(assessments, eq(assessments.id, planPhases.assessmentId))
    .leftJoin(remediationTasks, eq(remediationTasks.phaseId, planPhases.id))
    .where(eq(planPhases.assessmentId, assessmentId))
    .groupBy(planPhases.id)
    .orderBy(asc(planPhases.position))
    .all()
}

type CategoryColumn = 'owaspTop10' | 'owaspApiTop10' | 'practice'

/** Findings and closed findings per OWASP category or practice. */
export function countFindingsByCategory(
  db: Db,
  assessmentId: number,
  column: CategoryColumn,
  now = new Date(),
) {
  const field = findings[column]
  return db
    .select({
      code: field,
      total: sql<number>`count(*)`,
      closed: countWhen(closedFindingCondition(now)),
    })
    .from(findings)
    .where(and(eq(findings.assessmentId, assessmentId), current))
    .groupBy(field)
    .all()
}

const assignee = alias(users, 'assignee')

/** Blockers, then critical and high findings still open, most severe first. */
export function listTopOpenRisks(
  db: Db,
  assessmentId: number,
  now = new Date(),
  limit = 6,
) {
  const where = and(
    eq(findings.assessmentId, assessmentId),
    current,
    openSql(now),
    sql`(${findings.isBlocker} = 1 or ${findings.severity} in ('critical', 'high'))`,
  )
  const [count] = db
    .select({ total: sql<number>`count(*)` })
    .from(findings)
    .where(where)
    .all()
  const rows = db
    .select({
      reference: findings.reference,
      title: findings.title,
      severity: findings.severity,
      status: findings.status,
      isBlocker: findings.isBlocker,
      dueOn: findings.dueOn,
      owner: assignee.name,
    })
    .from(findings)
    .leftJoin(assignee, eq(assignee.id, findings.assigneeId))
    .where(where)
    .orderBy(
      sql`${findings.isBlocker} desc`,
      severityRank,
      sql`${findings.cvssScore} desc nulls last`,
      asc(findings.reference),
    )
    .limit(limit)
    .all()
  return { total: count?.total ?? 0, rows }
}

/** Everything the dashboard shows, for one assessment at `now`. */
export function loadDashboard(
  db: Db,
  assessment: Parameters<typeof loadTimeline>[1],
  now = new Date(),
) {
  const bySeverity = countFindingFigures(db, assessment.id, now)
  const phases = countTasksByPhase(db, assessment.id, now)
  return {
    readiness: loadReadiness(db, assessment.id, now),
    figures: summariseFigures(bySeverity, phases),
    bySeverity,
    phases,
    riskAcceptances: summariseRiskAcceptances(db, assessment.id, now),
    topRisks: listTopOpenRisks(db, assessment.id, now),
    timeline: loadTimeline(db, assessment, now),
    owaspTop10: countFindingsByCategory(db, assessment.id, 'owaspTop10', now),
    owaspApiTop10: countFindingsByCategory(
      db,
      assessment.id,
      'owaspApiTop10',
      now,
    ),
  }
}
