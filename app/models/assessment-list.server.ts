import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNull,
  sql,
  type SQL,
} from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import {
  ASSESSMENT_PAGE_SIZE,
  type AssessmentListQuery,
} from '~/domain/assessment-list-query'
import {
  listAssessmentSummaries,
  visibleAssessmentCondition,
  type AssessmentSummary,
} from './assessment.server'
import { openFindingSeekCondition } from './finding-closed.server'
import type { SafeUser } from './user.server'

export interface PortfolioTotals {
  /** Visible, non-archived assessments, whatever the filters. */
  assessments: number
  openCritical: number
  openBlockers: number
  /** Assessments with at least one open critical or open blocker. */
  needingAttention: number
}

export interface AssessmentPage {
  rows: AssessmentSummary[]
  /** Assessments matching the filters, over all pages. */
  matching: number
  page: number
  pages: number
  pageSize: number
  totals: PortfolioTotals
}

/** Open findings of the outer assessment that also meet `extra`. */
function openCount(db: Db, now: Date, extra: SQL) {
  return db
    .select({ n: count() })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, assessments.id),
        openFindingSeekCondition(now),
        isNull(findings.archivedAt),
        extra,
      ),
    )
}

function matchCondition(query: AssessmentListQuery): SQL {
  const conditions: SQL[] = [sql`1`]
  if (query.q) {
    // LIKE wildcards the user typed are matched literally.
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(
      sql`(${assessments.name} like ${pattern} escape '\\' or ${assessments.targetService} like ${pattern} escape '\\')`,
    )
  }
  if (query.stage === 'signed_off')
    conditions.push(eq(assessments.status, 'signed_off'))
  if (query.stage === 'active')
    conditions.push(inArray(assessments.status, ['in_remediation', 'ready']))
  return and(...conditions) as SQL
}

/**
 * One page of the visible assessments, filtered and sorted in SQL, with the
 * portfolio's totals. The ranking reads only open criticals and open
 * blockers per assessment (index seeks on `findings_assessment_status_idx`);
 * the full counts are computed for the page's rows alone. Rows that do not
 * match sort last instead of being filtered out, so the window totals see
 * the whole portfolio even when nothing matches.
 */
export function listAssessmentPage(
  db: Db,
  user: SafeUser,
  query: AssessmentListQuery,
  now = new Date(),
  pageSize = ASSESSMENT_PAGE_SIZE,
): AssessmentPage {
  const ranked = db
    .select({
      id: assessments.id,
      name: assessments.name,
      openCritical:
        sql<number>`(${openCount(db, now, eq(findings.severity, 'critical'))})`.as(
          'open_critical',
        ),
      openBlockers:
        sql<number>`(${openCount(db, now, eq(findings.isBlocker, true))})`.as(
          'open_blockers',
        ),
      matches: sql<number>`(${matchCondition(query)})`.as('matches'),
    })
    .from(assessments)
    .where(
      and(isNull(assessments.archivedAt), visibleAssessmentCondition(user)),
    )
    .as('ranked')
  const attention =
    query.attention === 'critical'
      ? sql`${ranked.openCritical} > 0`
      : query.attention === 'blocker'
        ? sql`${ranked.openBlockers} > 0`
        : sql`1`
  const windowed = db
    .select({
      id: ranked.id,
      name: ranked.name,
      openCritical: ranked.openCritical,
      openBlockers: ranked.openBlockers,
      matches: sql<number>`(${ranked.matches} and ${attention})`.as('matches'),
      matching: sql<number>`sum(${ranked.matches} and ${attention}) over ()`.as(
        'matching',
      ),
      assessments: sql<number>`count(*) over ()`.as('assessments'),
      allCritical: sql<number>`sum(${ranked.openCritical}) over ()`.as(
        'all_critical',
      ),
      allBlockers: sql<number>`sum(${ranked.openBlockers}) over ()`.as(
        'all_blockers',
      ),
      needingAttention:
        sql<number>`sum(${ranked.openCritical} > 0 or ${ranked.openBlockers} > 0) over ()`.as(
          'needing_attention',
        ),
    })
    .from(ranked)
    .as('windowed')
  const order =
    query.sort === 'name'
      ? [asc(windowed.name), asc(windowed.id)]
      : [
          desc(windowed.openCritical),
          desc(windowed.openBlockers),
          asc(windowed.name),
          asc(windowed.id),
        ]
  const pageOf = (page: number) =>
    db
      .select()
      .from(windowed)
      .orderBy(desc(windowed.matches), ...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .all()

  let page = query.page
  let ranks = pageOf(page)
  // A link past the last page (the list shrank since) shows the last page.
  if (page > 1 && !ranks.some((rank) => rank.matches)) {
    const matching = (ranks[0] ?? pageOf(1)[0])?.matching ?? 0
    page = Math.max(1, Math.ceil(matching / pageSize))
    ranks = pageOf(page)
  }
  const head = ranks[0]
  const matching = head?.matching ?? 0
  const ids = ranks.filter((rank) => rank.matches).map((rank) => rank.id)
  const summaries = new Map(
    (ids.length > 0 ? listAssessmentSummaries(db, user, now, ids) : []).map(
      (summary) => [summary.id, summary],
    ),
  )
  return {
    rows: ids.flatMap((id) => summaries.get(id) ?? []),
    matching,
    page,
    pages: Math.max(1, Math.ceil(matching / pageSize)),
    pageSize,
    totals: {
      assessments: head?.assessments ?? 0,
      openCritical: head?.allCritical ?? 0,
      openBlockers: head?.allBlockers ?? 0,
      needingAttention: head?.needingAttention ?? 0,
    },
  }
}
