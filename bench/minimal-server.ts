import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import express from 'express'
import { evaluateReadiness, type GateDefinition } from '~/domain/gates'

/**
 * The throughput yardstick: a bare Express handler that answers the same
 * API calls with the same queries (better-sqlite3, prepared once) and the
 * same JSON, with none of the app's layers (Remix, Drizzle, Zod, headers,
 * rate limits). The app's req/s is reported as a share of this one's.
 */
const sqlite = new Database(process.env.DATABASE_PATH ?? 'bench/out/bench.db')
sqlite.pragma('journal_mode = WAL')
sqlite.pragma('busy_timeout = 5000')
const secret = Buffer.from(process.env.SECRET_KEY ?? '', 'utf8')
const CLOSED = `(f.status in ('verified', 'false_positive') or (f.status = 'risk_accepted' and f.risk_accepted_until > @now))`

const LINKED = `from task_findings tf inner join findings f on f.id = tf.finding_id
  where tf.task_id = t.id and f.archived_at is null`

const tokenQuery = sqlite.prepare(
  `select t.id, t.expires_at as expiresAt, t.revoked_at as revokedAt, u.disabled_at as disabledAt
   from api_tokens t inner join users u on u.id = t.user_id where t.token_hash = ?`,
)
const assessmentQuery = sqlite.prepare(
  `select id, slug, name from assessments where slug = ?`,
)
const countQuery = sqlite.prepare(
  `select count(*) as total from findings f
   where f.assessment_id = @id and f.archived_at is null and not ${CLOSED}`,
)
const pageQuery = sqlite.prepare(
  `select f.id, f.reference, f.title, f.severity, f.auditor_severity as auditorSeverity,
     f.cvss_score as cvssScore, f.cvss_rating as cvssRating, f.score_source as scoreSource,
     f.status, f.is_blocker as isBlocker, f.is_quick_win as isQuickWin,
     f.owasp_top10 as owaspTop10, f.owasp_api_top10 as owaspApiTop10, f.due_on as dueOn,
     f.updated_at as updatedAt, f.assignee_id as assigneeId, a.name as assigneeName,
     not ${CLOSED} as isOpen, (f.due_on < @today and not ${CLOSED}) as isOverdue
   from findings f left join users a on a.id = f.assignee_id
   where f.assessment_id = @id and f.archived_at is null and not ${CLOSED}
   order by case f.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2
     when 'low' then 3 else 4 end, f.cvss_score desc nulls last, f.reference
   limit @limit offset @offset`,
)
const gatesQuery = sqlite.prepare(
  `select g.id, g.name, g.description, g.type, g.rule_kind as ruleKind, g.params, g.enabled,
     c.name as checkedBy, g.checked_at as checkedAt, g.check_note as checkNote
   from gates g left join users c on c.id = g.checked_by_id
   where g.assessment_id = ? order by g.position, g.id`,
)
const gateFindingsQuery = sqlite.prepare(
  `select id, reference, title, severity, status, is_blocker as isBlocker,
     risk_accepted_until as riskAcceptedUntil
   from findings where assessment_id = ? and archived_at is null order by reference`,
)
const tasksQuery = sqlite.prepare(
  `select t.id, t.title, t.phase_id as phaseId, t.status, t.is_ongoing as isOngoing,
     (select count(*) ${LINKED}) as linkedFindings,
     (select count(*) ${LINKED} and not ${CLOSED}) as openLinkedFindings,
     coalesce(t.due_on, case when p.end_offset_days is null then null
       else date(s.remediation_start_on, '+' || p.end_offset_days || ' days') end) as dueOn
   from remediation_tasks t inner join plan_phases p on p.id = t.phase_id
   inner join assessments s on s.id = t.assessment_id where t.assessment_id = @id`,
)
const requirementsQuery = sqlite.prepare(
  `select r.user_id as userId, r.capacity, u.name from sign_off_requirements r
   inner join users u on u.id = r.user_id where r.assessment_id = ? order by r.id`,
)
const lastChangeQuery = sqlite.prepare(
  `select max(updated_at) as at from findings where assessment_id = ? and archived_at is null`,
)
const signatureQuery = sqlite.prepare(
  `select created_at as signedAt, statement, gate_exception as gateException,
     state_digest as stateDigest
   from sign_offs where assessment_id = ? and user_id = ?
   order by created_at desc, id desc limit 1`,
)

type Handler = (
  assessment: { id: number; slug: string; name: string },
  request: express.Request,
) => unknown

/** Bearer check (keyed hash, as the app stores tokens), then the handler. */
function api(handler: Handler): express.RequestHandler {
  return (request, response) => {
    const bearer = /^Bearer (.+)$/.exec(
      request.headers.authorization ?? '',
    )?.[1]
    const hash = bearer
      ? crypto.createHmac('sha256', secret).update(bearer).digest('hex')
      : ''
    const token = tokenQuery.get(hash) as
      { expiresAt: string; revokedAt: string | null } | undefined
    if (
      !token ||
      token.revokedAt ||
      token.expiresAt <= new Date().toISOString()
    ) {
      response.status(401).json({ error: { code: 'unauthorized' } })
      return
    }
    const assessment = assessmentQuery.get(request.params.assessment) as
      { id: number; slug: string; name: string } | undefined
    if (!assessment) {
      response.status(404).json({ error: { code: 'not_found' } })
      return
    }
    response.json(handler(assessment, request))
  }
}

const app = express()
app.get('/healthz', (_request, response) => {
  response.json({ status: 'ok' })
})
app.get(
  '/api/v1/assessments/:assessment/findings',
  api((assessment, request) => {
    const now = new Date()
    const page = Number(request.query.page ?? 1)
    const pageSize = Number(request.query.pageSize ?? 50)
    const params = { id: assessment.id, now: now.toISOString() }
    const { total } = countQuery.get(params) as { total: number }
    const rows = pageQuery.all({
      ...params,
      today: now.toISOString().slice(0, 10),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }) as Record<string, unknown>[]
    return {
      assessment: { id: assessment.id, slug: assessment.slug },
      total,
      page,
      pageSize,
      findings: rows.map((row) => ({
        ...row,
        isBlocker: Boolean(row.isBlocker),
        isQuickWin: Boolean(row.isQuickWin),
        isOpen: Boolean(row.isOpen),
        isOverdue: Boolean(row.isOverdue),
      })),
    }
  }),
)
app.get(
  '/api/v1/assessments/:assessment/readiness',
  api((assessment) => {
    const gates = (
      gatesQuery.all(assessment.id) as (GateDefinition & { params: string })[]
    ).map((gate) => ({
      ...gate,
      params: JSON.parse(gate.params) as GateDefinition['params'],
      enabled: Boolean(gate.enabled),
    }))
    const findings = (
      gateFindingsQuery.all(assessment.id) as { isBlocker: number }[]
    ).map((row) => ({ ...row, isBlocker: Boolean(row.isBlocker) }))
    const tasks = (
      tasksQuery.all({
        id: assessment.id,
        now: new Date().toISOString(),
      }) as { isOngoing: number }[]
    ).map((row) => ({ ...row, isOngoing: Boolean(row.isOngoing) }))
    const readiness = evaluateReadiness(
      gates,
      findings as never,
      tasks as never,
      new Date(),
    )
    const lastChange = (
      lastChangeQuery.get(assessment.id) as { at: string | null }
    ).at
    const required = (
      requirementsQuery.all(assessment.id) as { userId: number }[]
    ).map((requirement) => {
      const latest = signatureQuery.get(assessment.id, requirement.userId) as
        | {
            signedAt: string
            statement: string
            gateException: string | null
            stateDigest: string
          }
        | undefined
      const signedAt = latest?.signedAt ?? null
      return {
        ...requirement,
        signedAt,
        statement: latest?.statement ?? null,
        gateException: latest?.gateException ?? null,
        stateDigest: latest?.stateDigest ?? null,
        stale:
          signedAt !== null && lastChange !== null && lastChange > signedAt,
      }
    })
    const signedOff =
      required.length > 0 &&
      required.every((row) => row.signedAt !== null && !row.stale)
    // The readiness API's answer, field for field.
    return {
      assessment,
      ready: readiness.ready,
      evaluatedAt: readiness.evaluatedAt,
      gates: readiness.gates.map((gate) => ({
        id: gate.id,
        name: gate.name,
        type: gate.type,
        enabled: gate.enabled,
        passed: gate.passed,
        reasons: gate.reasons,
      })),
      failing: readiness.failing.map((gate) => gate.name),
      signedOff,
      signOff: { signedOff, required },
    }
  }),
)

const port = Number(process.env.PORT ?? 3227)
const server = app.listen(port, '127.0.0.1')
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => server.close(() => process.exit(0)))
