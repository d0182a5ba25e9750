import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessmentMembers } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { planPhases, remediationTasks, taskFindings } from '#db/schema/plan'
import { toIsoDay } from '~/domain/dates'
import { isFindingClosed } from '~/domain/finding-status'
import {
  isPhaseOverdue,
  isTaskOverdue,
  phaseDates,
  taskDueOn,
  taskProgress,
} from '~/domain/plan'

/**
 * The remediation plan as pages and the API show it: phases in order with
 * their derived dates, each task with its effective due day, its progress
 * (which follows its findings) and whether it is overdue.
 */
export function loadPlan(
  db: Db,
  assessment: { id: number; remediationStartOn: string },
  now = new Date(),
) {
  const today = toIsoDay(now)
  const phases = db
    .select()
    .from(planPhases)
    .where(eq(planPhases.assessmentId, assessment.id))
    .orderBy(asc(planPhases.position), asc(planPhases.id))
    .all()
  const tasks = db
    .select({
      id: remediationTasks.id,
      phaseId: remediationTasks.phaseId,
      position: remediationTasks.position,
      title: remediationTasks.title,
      description: remediationTasks.description,
      ownerId: remediationTasks.ownerId,
      ownerName: users.name,
      status: remediationTasks.status,
      ownDueOn: remediationTasks.dueOn,
      isQuickWin: remediationTasks.isQuickWin,
      isOngoing: remediationTasks.isOngoing,
      version: remediationTasks.version,
    })
    .from(remediationTasks)
    .leftJoin(users, eq(users.id, remediationTasks.ownerId))
    .where(eq(remediationTasks.assessmentId, assessment.id))
    .orderBy(asc(remediationTasks.position), asc(remediationTasks.id))
    .all()
  const links = db
    .select({
      taskId: taskFindings.taskId,
      id: findings.id,
      reference: findings.reference,
      title: findings.title,
      severity: findings.severity,
      status: findings.status,
      riskAcceptedUntil: findings.riskAcceptedUntil,
    })
    .from(taskFindings)
    .innerJoin(findings, eq(findings.id, taskFindings.findingId))
    .innerJoin(remediationTasks, eq(remediationTasks.id, taskFindings.taskId))
    .where(
      and(
        eq(remediationTasks.assessmentId, assessment.id),
        isNull(findings.archivedAt),
      ),
    )
    .orderBy(asc(findings.reference))
    .all()

  return phases.map((phase) => {
    const dates = phaseDates(assessment.remediationStartOn, phase)
    const phaseTasks = tasks
      .filter((task) => task.phaseId === phase.id)
      .map((task) => {
        const linked = links.filter((link) => link.taskId === task.id)
        const progress = taskProgress(task, linked, now)
        const dueOn = taskDueOn(
          { dueOn: task.ownDueOn, isOngoing: task.isOngoing },
          dates,
        )
        return {
          ...task,
          dueOn,
          progress,
          isOverdue: isTaskOverdue({ ...task, dueOn }, progress, today),
          findings: linked.map((link) => ({
            id: link.id,
            reference: link.reference,
            title: link.title,
            severity: link.severity,
            status: link.status,
            isClosed: isFindingClosed(link, now),
          })),
        }
      })
    return {
      id: phase.id,
      name: phase.name,
      goal: phase.goal,
      position: phase.position,
      isOngoing: phase.isOngoing,
      startOffsetDays: phase.startOffsetDays,
      endOffsetDays: phase.endOffsetDays,
      ...dates,
      isOverdue: isPhaseOverdue(
        { ...dates, isOngoing: phase.isOngoing },
        phaseTasks.map((task) => task.isOverdue),
        today,
      ),
      tasks: phaseTasks,
    }
  })
}

export type PlanPhaseView = ReturnType<typeof loadPlan>[number]
export type PlanTaskView = PlanPhaseView['tasks'][number]

/**
 * People who may own a task: security and admin, and engineers who are
 * members of the assessment. Disabled accounts are left out.
 */
export function listTaskOwnerCandidates(db: Db, assessmentId: number) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        isNull(users.disabledAt),
        or(
          inArray(users.role, ['admin', 'security']),
          and(
            eq(users.role, 'engineer'),
            sql`exists (select 1 from ${assessmentMembers} where ${assessmentMembers.assessmentId} = ${assessmentId} and ${assessmentMembers.userId} = ${users.id})`,
          ),
        ),
      ),
    )
    .orderBy(asc(users.name))
    .all()
}

/** The assessment's findings, for the "link a finding" choice. */
export function listLinkableFindings(db: Db, assessmentId: number) {
  return db
    .select({
      id: findings.id,
      reference: findings.reference,
      title: findings.title,
    })
    .from(findings)
    .where(
      and(eq(findings.assessmentId, assessmentId), isNull(findings.archivedAt)),
    )
    .orderBy(asc(findings.reference))
    .all()
}

/** The phases by name, for choosing one in a form. */
export function listPhaseChoices(db: Db, assessmentId: number) {
  return db
    .select({ id: planPhases.id, name: planPhases.name })
    .from(planPhases)
    .where(eq(planPhases.assessmentId, assessmentId))
    .orderBy(asc(planPhases.position), asc(planPhases.id))
    .all()
}
