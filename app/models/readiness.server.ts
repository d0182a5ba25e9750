import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { planPhases, remediationTasks, taskFindings } from '#db/schema/plan'
import {
  evaluateReadiness,
  type GateDefinition,
  type Readiness,
} from '~/domain/gates'
import { closedFindingCondition } from './finding-closed.server'
import { preparedPerConnection } from './prepared.server'
import { getSignOffStatus, type SignOffStatus } from './sign-off.server'

const checker = alias(users, 'checker')

// Prepared once per connection: the readiness API is what pipelines poll,
// and building these three queries cost more than running them on a small
// assessment (docs/performance.md, "Request overhead").
const theAssessment = sql.placeholder('assessmentId')

const gatesOf = preparedPerConnection((db) =>
  db
    .select({
      id: gates.id,
      name: gates.name,
      description: gates.description,
      type: gates.type,
      ruleKind: gates.ruleKind,
      params: gates.params,
      enabled: gates.enabled,
      checkedBy: checker.name,
      checkedAt: gates.checkedAt,
      checkNote: gates.checkNote,
    })
    .from(gates)
    .leftJoin(checker, eq(checker.id, gates.checkedById))
    .where(eq(gates.assessmentId, theAssessment))
    .orderBy(asc(gates.position), asc(gates.id))
    .prepare(),
)

const findingsOf = preparedPerConnection((db) =>
  db
    .select({
      id: findings.id,
      reference: findings.reference,
      title: findings.title,
      severity: findings.severity,
      status: findings.status,
      isBlocker: findings.isBlocker,
      riskAcceptedUntil: findings.riskAcceptedUntil,
    })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, theAssessment),
        isNull(findings.archivedAt),
      ),
    )
    .orderBy(asc(findings.reference))
    .prepare(),
)

const tasksOf = preparedPerConnection((db) => {
  const linked = sql`from ${taskFindings} inner join ${findings} on ${findings.id} = ${taskFindings.findingId} where ${taskFindings.taskId} = ${remediationTasks.id} and ${findings.archivedAt} is null`
  const closed = closedFindingCondition(sql.placeholder('now'))
  return db
    .select({
      id: remediationTasks.id,
      title: remediationTasks.title,
      phaseId: remediationTasks.phaseId,
      status: remediationTasks.status,
      isOngoing: remediationTasks.isOngoing,
      linkedFindings: sql<number>`(select count(*) ${linked})`,
      openLinkedFindings: sql<number>`(select count(*) ${linked} and not (${closed}))`,
      dueOn: sql<
        string | null
      >`coalesce(${remediationTasks.dueOn}, case when ${planPhases.endOffsetDays} is null then null else date(${assessments.remediationStartOn}, '+' || ${planPhases.endOffsetDays} || ' days') end)`,
    })
    .from(remediationTasks)
    .innerJoin(planPhases, eq(planPhases.id, remediationTasks.phaseId))
    .innerJoin(assessments, eq(assessments.id, remediationTasks.assessmentId))
    .where(eq(remediationTasks.assessmentId, theAssessment))
    .prepare()
})

// One stand-in finding per class (see loadVerdict). A group is a status,
// severity and blocker flag, in the order of findings_assessment_status_idx,
// so SQLite groups while it reads the index; within a group, the three
// acceptance classes (none, lapsed at `now`, still valid) are told apart by
// conditional aggregates. Grouping by the acceptance class itself would
// need a temporary B-tree: 20 ms instead of 12 ms for the portfolio's 25
// largest assessments (docs/performance.md).
const classesOf = preparedPerConnection((db) => {
  const now = sql.placeholder('now')
  const until = findings.riskAcceptedUntil
  const inClass = {
    none: sql`${until} is null`,
    lapsed: sql`${until} <= ${now}`,
    valid: sql`${until} > ${now}`,
  }
  const first = <T>(column: unknown, condition: unknown) =>
    sql<T | null>`min(case when ${condition} then ${column} end)`
  return db
    .select({
      severity: findings.severity,
      status: findings.status,
      isBlocker: findings.isBlocker,
      noneId: first<number>(findings.id, inClass.none),
      noneReference: first<string>(findings.reference, inClass.none),
      lapsedId: first<number>(findings.id, inClass.lapsed),
      lapsedReference: first<string>(findings.reference, inClass.lapsed),
      lapsedUntil: first<string>(until, inClass.lapsed),
      validId: first<number>(findings.id, inClass.valid),
      validReference: first<string>(findings.reference, inClass.valid),
      validUntil: first<string>(until, inClass.valid),
    })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, theAssessment),
        isNull(findings.archivedAt),
      ),
    )
    .groupBy(findings.status, findings.severity, findings.isBlocker)
    .prepare()
})

/** The stand-ins of one group: one per acceptance class present in it. */
function standIns(
  group: ReturnType<ReturnType<typeof classesOf>['all']>[number],
) {
  const { severity, status, isBlocker } = group
  const standIn = (
    id: number | null,
    reference: string | null,
    riskAcceptedUntil: string | null,
  ) =>
    id === null || reference === null
      ? []
      : [
          {
            id,
            reference,
            title: '',
            severity,
            status,
            isBlocker,
            riskAcceptedUntil,
          },
        ]
  return [
    ...standIn(group.noneId, group.noneReference, null),
    ...standIn(group.lapsedId, group.lapsedReference, group.lapsedUntil),
    ...standIn(group.validId, group.validReference, group.validUntil),
  ]
}

/**
 * Loads what the gates need, in three indexed queries, and evaluates them.
 * Findings are loaded with the few columns the rules read; tasks with their
 * effective due day (their own, or their phase's last day, computed in SQL
 * from the assessment's remediation start) and how many of the findings they
 * remediate are still open, so a task complete by its findings is not overdue.
 */
export function loadReadiness(
  db: Db,
  assessmentId: number,
  now = new Date(),
): Readiness {
  const gateRows = gatesOf(db).all({ assessmentId }) as GateDefinition[]
  const findingRows = findingsOf(db).all({ assessmentId })
  const taskRows = tasksOf(db).all({ assessmentId, now: now.toISOString() })

  return evaluateReadiness(gateRows, findingRows, taskRows, now)
}

/**
 * The same verdict as `loadReadiness`, from one stand-in finding per class
 * of finding (severity, status, blocker flag, and whether a risk
 * acceptance is absent, lapsed or still valid at `now`) instead of every
 * finding. Each rule asks whether some finding of a class exists, never how
 * many, so the verdict and the failing gates are the same; only the reasons
 * name fewer findings. For pages that show verdicts of many assessments at
 * once: the class query reads the covering status index, not the rows.
 */
export function loadVerdict(
  db: Db,
  assessmentId: number,
  now = new Date(),
): Readiness {
  const at = now.toISOString()
  const gateRows = gatesOf(db).all({ assessmentId }) as GateDefinition[]
  const findingRows = classesOf(db)
    .all({ assessmentId, now: at })
    .flatMap(standIns)
  const taskRows = tasksOf(db).all({ assessmentId, now: at })

  return evaluateReadiness(gateRows, findingRows, taskRows, now)
}

export interface ReadinessAnswer extends Readiness {
  signOff: SignOffStatus
}

/** The verdict plus, separately, whether the assessment is signed off. */
export function loadReadinessAnswer(
  db: Db,
  assessmentId: number,
  now = new Date(),
): ReadinessAnswer {
  return {
    ...loadReadiness(db, assessmentId, now),
    signOff: getSignOffStatus(db, assessmentId),
  }
}
