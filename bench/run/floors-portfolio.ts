import {
  auth,
  CLOSED,
  readinessQueries,
  type Floor,
  type FloorContext,
} from './floors'
import { timelineQuery } from './floors-dashboard'

/**
 * Floors of the assessments list and /dashboard, mirroring
 * app/models/assessment-list.server.ts and portfolio.server.ts: the default
 * view (sorted by open criticals, no filter), first page of 25, as the bench
 * admin sees it.
 */
const PAGE_SIZE = 25
const SEEK_OPEN = `f.status in ('open', 'in_progress', 'fixed', 'reopened', 'risk_accepted') and not ${CLOSED}`
const openCount = (extra: string) =>
  `(select count(*) from findings f where f.assessment_id = s.id and ${SEEK_OPEN} and f.archived_at is null and ${extra})`

/** The ranking with the portfolio totals, then the full counts of one page. */
function assessmentPageQueries(context: FloorContext) {
  const ranking = context.sqlite.prepare(
    `select id, matching, assessments, all_critical, all_blockers, needing_attention from (
       select id, name, open_critical, open_blockers, matches,
         sum(matches) over () as matching, count(*) over () as assessments,
         sum(open_critical) over () as all_critical,
         sum(open_blockers) over () as all_blockers,
         sum(open_critical > 0 or open_blockers > 0) over () as needing_attention
       from (
         select s.id, s.name, 1 as matches,
           ${openCount(`f.severity = 'critical'`)} as open_critical,
           ${openCount('f.is_blocker = 1')} as open_blockers
         from assessments s where s.archived_at is null))
     order by matches desc, open_critical desc, open_blockers desc, name, id
     limit ${PAGE_SIZE}`,
  )
  const isOpen = `(f.id is not null and not ${CLOSED})`
  const summaries = context.sqlite.prepare(
    `select s.id, s.slug, s.name, s.target_service, s.status, s.assessed_on,
       s.remediation_start_on, s.target_weeks_min, s.target_weeks_max,
       count(f.id) as total,
       coalesce(sum(case when ${isOpen} then 1 else 0 end), 0) as open,
       coalesce(sum(case when ${isOpen} and f.severity = 'critical' then 1 else 0 end), 0) as open_critical,
       coalesce(sum(case when ${isOpen} and f.severity = 'high' then 1 else 0 end), 0) as open_high,
       coalesce(sum(case when ${isOpen} and f.is_blocker = 1 then 1 else 0 end), 0) as open_blockers
     from assessments s
     left join findings f on f.assessment_id = s.id and f.archived_at is null
     where s.archived_at is null and s.id in (select value from json_each(@ids))
     group by s.id order by s.name asc`,
  )
  return () => {
    const now = new Date().toISOString()
    const ids = (ranking.all({ now }) as { id: number }[]).map((row) => row.id)
    summaries.all({ now, ids: JSON.stringify(ids) })
    return ids
  }
}

/** The assessments list: session, ranking, one page of counts. */
export function portfolioFloor(context: FloorContext): Floor {
  const { session } = auth(context)
  const page = assessmentPageQueries(context)
  return () => {
    session()
    page()
  }
}

/**
 * /dashboard: the assessments list's queries, then for each of the page's
 * 25 assessments its verdict (one stand-in finding per class, as
 * loadVerdict reads them) and its timeline (per-day open-count changes).
 */
export function portfolioDashboardFloor(context: FloorContext): Floor {
  const { session } = auth(context)
  const page = assessmentPageQueries(context)
  const weights = context.sqlite.prepare(
    `select id, severity_weights from assessments where id in (select value from json_each(?))`,
  )
  const readiness = readinessQueries(context)
  const timeline = timelineQuery(context)
  return () => {
    session()
    const ids = page()
    weights.all(JSON.stringify(ids))
    for (const id of ids) {
      readiness(id, 'verdict')
      timeline(id)
    }
  }
}
