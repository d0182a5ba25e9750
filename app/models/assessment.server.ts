import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessmentMembers, assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { seesAllAssessments } from '~/domain/permissions'
import type { SafeUser } from './user.server'
import { closedFindingCondition } from './finding-closed.server'
import { preparedPerConnection } from './prepared.server'

/**
 * Restricts a query on `assessments` to what the user may see: everything
 * for admin and security, their memberships for everyone else.
 */
export function visibleAssessmentCondition(user: SafeUser): SQL | undefined {
  if (seesAllAssessments(user)) return undefined
  return sql`exists (select 1 from ${assessmentMembers} where ${assessmentMembers.assessmentId} = ${assessments.id} and ${assessmentMembers.userId} = ${user.id})`
}

// The lookup behind every assessment page and API call, prepared once per
// connection: one statement for those who see every assessment, one that
// also requires a membership. A numeric path segment may be an id or a slug.
const assessmentByKey = (db: Db, membersOnly: boolean) =>
  db
    .select()
    .from(assessments)
    .where(
      and(
        or(
          eq(assessments.id, sql.placeholder('id')),
          eq(assessments.slug, sql.placeholder('slug')),
        ),
        membersOnly
          ? sql`exists (select 1 from ${assessmentMembers} where ${assessmentMembers.assessmentId} = ${assessments.id} and ${assessmentMembers.userId} = ${sql.placeholder('userId')})`
          : undefined,
      ),
    )
    .prepare()
const anyAssessment = preparedPerConnection((db) => assessmentByKey(db, false))
const memberAssessment = preparedPerConnection((db) =>
  assessmentByKey(db, true),
)

/**
 * An assessment by slug, or by numeric id, if the user may see it. An
 * assessment the user may not see is reported exactly like a missing one.
 */
export function findVisibleAssessment(
  db: Db,
  user: SafeUser,
  slugOrId: string,
) {
  const key = {
    id: /^\d+$/.test(slugOrId) ? Number(slugOrId) : null,
    slug: slugOrId,
  }
  return seesAllAssessments(user)
    ? anyAssessment(db).get(key)
    : memberAssessment(db).get({ ...key, userId: user.id })
}

export interface AssessmentSummary {
  id: number
  slug: string
  name: string
  targetService: string
  status: string
  assessedOn: string
  remediationStartOn: string
  targetWeeksMin: number
  targetWeeksMax: number
  total: number
  open: number
  openCritical: number
  openHigh: number
  openBlockers: number
}

/**
 * Visible, non-archived assessments with open counts computed in SQL; with
 * `ids`, only those (a page of the list), so the counts read only their
 * findings.
 */
export function listAssessmentSummaries(
  db: Db,
  user: SafeUser,
  now = new Date(),
  ids?: number[],
): AssessmentSummary[] {
  const closed = closedFindingCondition(now)
  const isOpen = sql`(${findings.id} is not null and not (${closed}))`
  return db
    .select({
      id: assessments.id,
      slug: assessments.slug,
      name: assessments.name,
      targetService: assessments.targetService,
      status: assessments.status,
      assessedOn: assessments.assessedOn,
      remediationStartOn: assessments.remediationStartOn,
      targetWeeksMin: assessments.targetWeeksMin,
      targetWeeksMax: assessments.targetWeeksMax,
      total: sql<number>`count(${findings.id})`,
      open: sql<number>`coalesce(sum(case when ${isOpen} then 1 else 0 end), 0)`,
      openCritical: sql<number>`coalesce(sum(case when ${isOpen} and ${findings.severity} = 'critical' then 1 else 0 end), 0)`,
      openHigh: sql<number>`coalesce(sum(case when ${isOpen} and ${findings.severity} = 'high' then 1 else 0 end), 0)`,
      openBlockers: sql<number>`coalesce(sum(case when ${isOpen} and ${findings.isBlocker} = 1 then 1 else 0 end), 0)`,
    })
    .from(assessments)
    .leftJoin(
      findings,
      and(
        eq(findings.assessmentId, assessments.id),
        isNull(findings.archivedAt),
      ),
    )
    .where(
      and(
        isNull(assessments.archivedAt),
        visibleAssessmentCondition(user),
        ids ? inArray(assessments.id, ids) : undefined,
      ),
    )
    .groupBy(assessments.id)
    .orderBy(asc(assessments.name))
    .all()
}
