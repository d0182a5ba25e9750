import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { findings } from '#db/schema/findings'
import { toIsoDay } from '~/domain/dates'
import type { FindingFilters } from '~/domain/finding-filters'
import {
  closedFindingCondition,
  openFindingCondition,
} from './finding-closed.server'

const severityRank = sql`case ${findings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`
}

function filterConditions(
  assessmentId: number,
  filters: FindingFilters,
  viewerId: number,
  now: Date,
): SQL[] {
  const conditions: SQL[] = [
    eq(findings.assessmentId, assessmentId),
    isNull(findings.archivedAt),
  ]
  if (filters.severity.length > 0)
    conditions.push(inArray(findings.severity, filters.severity))
  const plainStatuses = filters.status.filter(
    (status) => status !== 'open_any' && status !== 'closed_any',
  )
  const statusChecks: SQL[] = []
  if (plainStatuses.length > 0)
    statusChecks.push(inArray(findings.status, plainStatuses))
  if (filters.status.includes('open_any'))
    statusChecks.push(openFindingCondition(now))
  if (filters.status.includes('closed_any'))
    statusChecks.push(closedFindingCondition(now))
  if (statusChecks.length > 0) conditions.push(or(...statusChecks) as SQL)
  if (filters.owasp)
    conditions.push(
      filters.owasp.startsWith('API')
        ? eq(findings.owaspApiTop10, filters.owasp)
        : eq(findings.owaspTop10, filters.owasp),
    )
  if (filters.blocker !== undefined)
    conditions.push(eq(findings.isBlocker, filters.blocker))
  if (filters.assignee === 'me')
    conditions.push(eq(findings.assigneeId, viewerId))
  else if (filters.assignee === 'none')
    conditions.push(isNull(findings.assigneeId))
  else if (typeof filters.assignee === 'number')
    conditions.push(eq(findings.assigneeId, filters.assignee))
  if (filters.overdue === true)
    conditions.push(
      and(lt(findings.dueOn, toIsoDay(now)), openFindingCondition(now)) as SQL,
    )
  if (filters.q) {
    const pattern = likePattern(filters.q)
    conditions.push(
      or(
        sql`${findings.title} like ${pattern} escape '\\'`,
        sql`${findings.reference} like ${pattern} escape '\\'`,
        sql`${findings.description} like ${pattern} escape '\\'`,
      ) as SQL,
    )
  }
  return conditions
}

function orderFor(filters: FindingFilters): SQL[] {
  const direction = filters.dir === 'desc' ? desc : asc
  switch (filters.sort) {
    case 'cvss':
      // Highest score first reads naturally for "asc" on a severity list.
      return [
        filters.dir === 'asc'
          ? sql`${findings.cvssScore} desc nulls last`
          : sql`${findings.cvssScore} asc nulls first`,
        asc(findings.reference),
      ]
    case 'reference':
      return [direction(findings.reference)]
    case 'due':
      return [
        filters.dir === 'asc'
          ? sql`${findings.dueOn} asc nulls last`
          : sql`${findings.dueOn} desc nulls last`,
        asc(findings.reference),
      ]
    case 'updated':
      return [direction(findings.updatedAt), asc(findings.reference)]
    case 'status':
      return [direction(findings.status), asc(findings.reference)]
    case 'severity':
    default:
      return [
        filters.dir === 'asc' ? asc(severityRank) : desc(severityRank),
        sql`${findings.cvssScore} desc nulls last`,
        asc(findings.reference),
      ]
  }
}

const assignee = alias(users, 'assignee')

/** One page of findings, filtered, sorted and counted in SQL. */
export function listFindings(
  db: Db,
  assessmentId: number,
  filters: FindingFilters,
  viewerId: number,
  now = new Date(),
) {
  const where = and(...filterConditions(assessmentId, filters, viewerId, now))
  const [countRow] = db
    .select({ total: sql<number>`count(*)` })
    .from(findings)
    .where(where)
    .all()
  const today = toIsoDay(now)
  const rows = db
    .select({
      id: findings.id,
      reference: findings.reference,
      title: findings.title,
      severity: findings.severity,
      auditorSeverity: findings.auditorSeverity,
      cvssScore: findings.cvssScore,
      cvssRating: findings.cvssRating,
      scoreSource: findings.scoreSource,
      status: findings.status,
      isBlocker: findings.isBlocker,
      isQuickWin: findings.isQuickWin,
      owaspTop10: findings.owaspTop10,
      owaspApiTop10: findings.owaspApiTop10,
      dueOn: findings.dueOn,
      updatedAt: findings.updatedAt,
      assigneeId: findings.assigneeId,
      assigneeName: assignee.name,
      isOpen: sql<number>`not (${closedFindingCondition(now)})`,
      isOverdue: sql<number>`(${findings.dueOn} < ${today} and not (${closedFindingCondition(now)}))`,
    })
    .from(findings)
    .leftJoin(assignee, eq(assignee.id, findings.assigneeId))
    .where(where)
    .orderBy(...orderFor(filters))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)
    .all()
  return {
    total: countRow?.total ?? 0,
    page: filters.page,
    pageSize: filters.pageSize,
    findings: rows.map((row) => ({
      ...row,
      isOpen: Boolean(row.isOpen),
      isOverdue: Boolean(row.isOverdue),
    })),
  }
}

export type FindingListRow = ReturnType<typeof listFindings>['findings'][number]

/** A finding by its reference (P2-001) or numeric id within an assessment. */
export function getFinding(
  db: Db,
  assessmentId: number,
  referenceOrId: string,
) {
  const key = /^\d+$/.test(referenceOrId)
    ? eq(findings.id, Number(referenceOrId))
    : eq(findings.reference, referenceOrId)
  return db
    .select({ finding: findings, assigneeName: assignee.name })
    .from(findings)
    .leftJoin(assignee, eq(assignee.id, findings.assigneeId))
    .where(and(eq(findings.assessmentId, assessmentId), key))
    .get()
}

/** Counts by severity: all, and open, in one grouped query. */
export function countFindingsBySeverity(
  db: Db,
  assessmentId: number,
  now = new Date(),
) {
  return db
    .select({
      severity: findings.severity,
      total: sql<number>`count(*)`,
      open: sql<number>`sum(case when ${openFindingCondition(now)} then 1 else 0 end)`,
    })
    .from(findings)
    .where(
      and(eq(findings.assessmentId, assessmentId), isNull(findings.archivedAt)),
    )
    .groupBy(findings.severity)
    .all()
}
