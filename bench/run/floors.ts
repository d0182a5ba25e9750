import type Database from 'better-sqlite3'

/**
 * The raw SQL floor of each page: the bare queries it needs, written by
 * hand to mirror the models, run through better-sqlite3 prepared statements
 * with nothing around them (no framework, no rendering, no JSON).
 */
export const CLOSED = `(f.status in ('verified', 'false_positive') or (f.status = 'risk_accepted' and f.risk_accepted_until > @now))`
const SEVERITY_RANK = `case f.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`

/** The findings a task remediates, as `loadReadiness` counts them. */
export const LINKED = `from task_findings tf inner join findings f on f.id = tf.finding_id
  where tf.task_id = t.id and f.archived_at is null`

export interface FloorContext {
  sqlite: Database.Database
  sessionHash: string
  tokenHash: string
}

export type Floor = () => void

/** The signed-in check: a session cookie for pages, a bearer token for the API. */
export function auth(
  context: FloorContext,
  credential: 'session' | 'token' = 'session',
) {
  const session = context.sqlite.prepare(
    `select s.id, s.csrf_token, s.pending_second_factor, s.last_seen_at, s.expires_at,
       u.id as user_id, u.email, u.name, u.role, u.disabled_at, u.totp_enabled_at
     from sessions s inner join users u on u.id = s.user_id where s.token_hash = ?`,
  )
  const token = context.sqlite.prepare(
    `select t.id, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
       u.id as user_id, u.email, u.name, u.role, u.disabled_at, u.totp_enabled_at
     from api_tokens t inner join users u on u.id = t.user_id where t.token_hash = ?`,
  )
  const assessment = context.sqlite.prepare(
    `select * from assessments where slug = ?`,
  )
  return {
    session: () =>
      credential === 'session'
        ? session.get(context.sessionHash)
        : token.get(context.tokenHash),
    assessment: (slug: string) => assessment.get(slug) as { id: number },
  }
}

export interface ListQuery {
  slug: string
  severities: string[]
  openOnly: boolean
  page: number
  pageSize: number
}

/** Session, assessment, count and one sorted page, as `listFindings` does. */
export function findingsListFloor(
  context: FloorContext,
  query: ListQuery,
  credential: 'session' | 'token' = 'session',
): Floor {
  const { session, assessment } = auth(context, credential)
  const conditions = [
    `f.assessment_id = @assessmentId`,
    `f.archived_at is null`,
  ]
  if (query.severities.length > 0)
    conditions.push(
      `f.severity in (${query.severities.map((s) => `'${s}'`).join(', ')})`,
    )
  if (query.openOnly) conditions.push(`not ${CLOSED}`)
  const where = conditions.join(' and ')
  const count = context.sqlite.prepare(
    `select count(*) as total from findings f where ${where}`,
  )
  const page = context.sqlite.prepare(
    `select f.id, f.reference, f.title, f.severity, f.auditor_severity, f.cvss_score,
       f.cvss_rating, f.score_source, f.status, f.is_blocker, f.is_quick_win,
       f.owasp_top10, f.owasp_api_top10, f.due_on, f.updated_at, f.assignee_id,
       a.name as assignee_name, not ${CLOSED} as is_open,
       (f.due_on < @today and not ${CLOSED}) as is_overdue
     from findings f left join users a on a.id = f.assignee_id
     where ${where}
     order by ${SEVERITY_RANK} asc, f.cvss_score desc nulls last, f.reference asc
     limit @limit offset @offset`,
  )
  return () => {
    session()
    const now = new Date()
    const params = {
      assessmentId: assessment(query.slug).id,
      now: now.toISOString(),
    }
    count.get(params)
    page.all({
      ...params,
      today: now.toISOString().slice(0, 10),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    })
  }
}

export function findingFloor(
  context: FloorContext,
  slug: string,
  reference: string,
): Floor {
  const { session, assessment } = auth(context)
  const finding = context.sqlite.prepare(
    `select f.*, a.name as assignee_name from findings f
     left join users a on a.id = f.assignee_id
     where f.assessment_id = ? and f.reference = ?`,
  )
  return () => {
    session()
    finding.get(assessment(slug).id, reference)
  }
}

/** The readiness queries of `loadReadinessAnswer`, without the rule evaluation. */
export function readinessQueries(context: FloorContext) {
  const gates = context.sqlite.prepare(
    `select g.id, g.name, g.description, g.type, g.rule_kind, g.params, g.enabled,
       c.name as checked_by, g.checked_at, g.check_note
     from gates g left join users c on c.id = g.checked_by_id
     where g.assessment_id = ? order by g.position, g.id`,
  )
  const findings = context.sqlite.prepare(
    `select id, reference, title, severity, status, is_blocker, risk_accepted_until
     from findings where assessment_id = ? and archived_at is null order by reference`,
  )
  const tasks = context.sqlite.prepare(
    `select t.id, t.title, t.phase_id, t.status, t.is_ongoing,
       (select count(*) ${LINKED}) as linked_findings,
       (select count(*) ${LINKED} and not ${CLOSED}) as open_linked_findings,
       coalesce(t.due_on, case when p.end_offset_days is null then null
         else date(s.remediation_start_on, '+' || p.end_offset_days || ' days') end) as due_on
     from remediation_tasks t
     inner join plan_phases p on p.id = t.phase_id
     inner join assessments s on s.id = t.assessment_id
     where t.assessment_id = @id`,
  )
  const requirements = context.sqlite.prepare(
    `select r.user_id, r.capacity, u.name from sign_off_requirements r
     inner join users u on u.id = r.user_id where r.assessment_id = ?`,
  )
  const lastChange = context.sqlite.prepare(
    `select max(updated_at) as at from findings where assessment_id = ? and archived_at is null`,
  )
  const latestSignOff = context.sqlite.prepare(
    `select created_at from sign_offs where assessment_id = ? and user_id = ?
     order by created_at desc limit 1`,
  )
  // One stand-in finding per class of finding, as loadVerdict reads them:
  // grouped in index order, acceptance classes by conditional aggregates.
  const classes = context.sqlite.prepare(
    `select severity, status, is_blocker,
       min(case when risk_accepted_until is null then id end),
       min(case when risk_accepted_until is null then reference end),
       min(case when risk_accepted_until <= @now then id end),
       min(case when risk_accepted_until <= @now then reference end),
       min(case when risk_accepted_until <= @now then risk_accepted_until end),
       min(case when risk_accepted_until > @now then id end),
       min(case when risk_accepted_until > @now then reference end),
       min(case when risk_accepted_until > @now then risk_accepted_until end)
     from findings where assessment_id = @id and archived_at is null
     group by status, severity, is_blocker`,
  )
  // 'answer': loadReadinessAnswer; 'readiness': loadReadiness alone;
  // 'verdict': loadVerdict (the portfolio's per-assessment verdict).
  return (
    assessmentId: number,
    kind: 'answer' | 'readiness' | 'verdict' = 'answer',
  ) => {
    const now = new Date().toISOString()
    const loaded = {
      gates: gates.all(assessmentId),
      findings:
        kind === 'verdict'
          ? classes.all({ id: assessmentId, now })
          : findings.all(assessmentId),
      tasks: tasks.all({ id: assessmentId, now }),
    }
    if (kind !== 'answer') return loaded
    const required = requirements.all(assessmentId) as { user_id: number }[]
    return {
      ...loaded,
      lastChange: lastChange.get(assessmentId),
      signatures: required.map((row) =>
        latestSignOff.get(assessmentId, row.user_id),
      ),
    }
  }
}

/** With `credential` the API's token check; without, the model alone. */
export function readinessFloor(
  context: FloorContext,
  slug: string,
  credential?: 'session' | 'token',
): Floor {
  const { session, assessment } = auth(context, credential)
  const queries = readinessQueries(context)
  return () => {
    if (credential) session()
    queries(assessment(slug).id)
  }
}
