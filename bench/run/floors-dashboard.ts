import {
  auth,
  CLOSED,
  readinessQueries,
  type Floor,
  type FloorContext,
} from './floors'

/**
 * Floor of the executive dashboard, mirroring app/models/dashboard.server.ts
 * and timeline.server.ts query for query (the portfolio's is in
 * floors-portfolio.ts).
 */
const OPEN = `not ${CLOSED}`
const when = (condition: string) =>
  `coalesce(sum(case when ${condition} then 1 else 0 end), 0)`
const TASK_DUE = `coalesce(t.due_on, case when p.end_offset_days is null then null else date(s.remediation_start_on, '+' || p.end_offset_days || ' days') end)`
const SEVERITY_RANK = `case f.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`
const TOP_RISKS_WHERE = `f.assessment_id = @id and f.archived_at is null and ${OPEN} and (f.is_blocker = 1 or f.severity in ('critical', 'high'))`

/**
 * What loadTimeline reads: the per-day open-count changes up to today,
 * and whether any status change ever closed a finding.
 */
export function timelineQuery(context: FloorContext) {
  const deltas = context.sqlite.prepare(
    `select day, severity, delta from finding_open_deltas
     where assessment_id = ? and day <= ? order by day`,
  )
  const anyClosure = context.sqlite.prepare(
    `select 1 from finding_events where assessment_id = ? and kind = 'status'
       and to_status in ('verified', 'false_positive', 'risk_accepted') limit 1`,
  )
  return (assessmentId: number) => {
    deltas.all(assessmentId, new Date().toISOString().slice(0, 10))
    anyClosure.get(assessmentId)
  }
}

export function executiveDashboardFloor(
  context: FloorContext,
  slug: string,
): Floor {
  const { session, assessment } = auth(context)
  const { sqlite } = context
  const figures = sqlite.prepare(
    `select f.severity, count(*), ${when(OPEN)}, ${when(CLOSED)},
       ${when(`f.status = 'verified'`)}, ${when(`f.status = 'fixed'`)},
       ${when(`f.status = 'false_positive'`)}, ${when(`${OPEN} and f.is_blocker = 1`)},
       ${when(`${OPEN} and f.due_on < @today`)}
     from findings f where f.assessment_id = @id and f.archived_at is null
     group by f.severity order by ${SEVERITY_RANK}`,
  )
  const phases = sqlite.prepare(
    `select p.id, p.name, ${when(`t.status = 'done'`)}, ${when(`t.status = 'doing'`)},
       ${when(`t.status = 'todo'`)},
       ${when(`t.status <> 'done' and t.is_ongoing = 0 and ${TASK_DUE} < @today`)}
     from plan_phases p inner join assessments s on s.id = p.assessment_id
     left join remediation_tasks t on t.phase_id = p.id
     where p.assessment_id = @id group by p.id order by p.position`,
  )
  const acceptances = sqlite.prepare(
    `select count(*), min(f.risk_accepted_until) from findings f
     where f.assessment_id = @id and f.archived_at is null
       and f.status = 'risk_accepted' and f.risk_accepted_until > @now`,
  )
  const topCount = sqlite.prepare(
    `select count(*) from findings f where ${TOP_RISKS_WHERE}`,
  )
  const topRows = sqlite.prepare(
    `select f.reference, f.title, f.severity, f.status, f.is_blocker, f.due_on, a.name
     from findings f left join users a on a.id = f.assignee_id where ${TOP_RISKS_WHERE}
     order by f.is_blocker desc, ${SEVERITY_RANK}, f.cvss_score desc nulls last, f.reference
     limit 6`,
  )
  const categories = ['owasp_top10', 'owasp_api_top10'].map((column) =>
    sqlite.prepare(
      `select f.${column}, count(*), ${when(CLOSED)} from findings f
       where f.assessment_id = @id and f.archived_at is null group by f.${column}`,
    ),
  )
  const readiness = readinessQueries(context)
  const timeline = timelineQuery(context)
  return () => {
    session()
    const id = assessment(slug).id
    const now = new Date().toISOString()
    const params = { id, now, today: now.slice(0, 10) }
    figures.all(params)
    phases.all({ id, today: params.today })
    acceptances.get({ id, now })
    topCount.get({ id, now })
    topRows.all({ id, now })
    readiness(id, 'readiness')
    timeline(id)
    for (const category of categories) category.all({ id, now })
  }
}
