import { scoreCvssVector } from '~/domain/cvss'
import type { FindingStatus } from '~/domain/finding-status'
import { severityForScore, type Severity } from '~/domain/severity'
import type { Random } from '../random'
import type { AuditSeed, Insert } from './bulk'
import { addDays, iso, isoDay } from './calendar'
import type { People } from './people'
import {
  COMMENTS,
  CVSS_VECTORS,
  findingText,
  OWASP_API_CODES,
  OWASP_CODES,
  PRACTICE_KEYS,
  REMEDIATION,
  SEVERITY_WEIGHTS,
  SLA_DAYS,
} from './vocabulary'

export interface GeneratedFinding {
  id: number
  severity: Severity
  status: FindingStatus
  closed: boolean
}

export interface FindingBatch {
  assessmentId: number
  count: number
  createdAt: Date
  today: Date
  closedShare: number
  members: number[]
}

interface Scored {
  vector: string
  score: number
  rating: string
}

/** Each distinct vector is scored once, then reused for every finding. */
const vectorsBySeverity = new Map<Severity, Scored[]>()
for (const vector of CVSS_VECTORS) {
  const result = scoreCvssVector(vector)
  const severity = severityForScore(result.score)
  const list = vectorsBySeverity.get(severity) ?? []
  list.push({
    vector: result.vector,
    score: result.score,
    rating: result.rating,
  })
  vectorsBySeverity.set(severity, list)
}

const CLOSED_PATHS: readonly (readonly [FindingStatus[], number])[] = [
  [['in_progress', 'fixed', 'verified'], 70],
  [
    ['in_progress', 'fixed', 'reopened', 'in_progress', 'fixed', 'verified'],
    10,
  ],
  [['false_positive'], 8],
  [['risk_accepted'], 12],
]
const OPEN_PATHS: readonly (readonly [FindingStatus[], number])[] = [
  [[], 40],
  [['in_progress'], 30],
  [['in_progress', 'fixed'], 20],
  [['in_progress', 'fixed', 'reopened'], 10],
]
const SECURITY_STEPS = new Set([
  'verified',
  'reopened',
  'false_positive',
  'risk_accepted',
])

export class FindingWriter {
  nextFindingId = 1
  nextEventId = 1
  nextCommentId = 1
  events = 0

  constructor(
    private readonly random: Random,
    private readonly insert: Insert,
    private readonly people: People,
    private readonly audit: AuditSeed[],
  ) {}

  /** Writes one assessment's findings, their history and comments. */
  write(batch: FindingBatch): GeneratedFinding[] {
    const generated: GeneratedFinding[] = []
    for (let index = 0; index < batch.count; index += 1)
      generated.push(this.writeOne(batch, index + 1))
    return generated
  }

  private writeOne(batch: FindingBatch, number: number): GeneratedFinding {
    const { random, people } = this
    const id = this.nextFindingId++
    const createdAt = addDays(batch.createdAt, random.next() * 3)
    const severity = random.weighted(SEVERITY_WEIGHTS)
    const vectors = vectorsBySeverity.get(severity)
    const cvss = vectors && random.chance(0.9) ? random.pick(vectors) : null
    const closedTarget = random.chance(batch.closedShare)
    const path = random.weighted(closedTarget ? CLOSED_PATHS : OPEN_PATHS)
    const assigneeId = random.chance(0.85) ? random.pick(batch.members) : null
    const sla = SLA_DAYS[severity]
    const text = findingText((items) => random.pick(items))

    // Steps are spread over months, then squeezed to end before today.
    const gaps = path.map(() => 1 + random.next() * 40)
    const span = gaps.reduce((sum, gap) => sum + gap, 0)
    const room = Math.max(
      0.5,
      (batch.today.getTime() - createdAt.getTime()) / 86_400_000 - 0.5,
    )
    const scale = span > room ? room / span : 1
    let at = createdAt
    let status: FindingStatus = 'open'
    let fixedById: number | null = null
    let fixedAt: string | null = null
    let verifiedById: number | null = null
    let verifiedAt: string | null = null
    this.event(
      id,
      batch.assessmentId,
      null,
      'created',
      null,
      'open',
      severity,
      createdAt,
    )
    for (const [step, next] of path.entries()) {
      at = addDays(at, (gaps[step] ?? 1) * scale)
      const actor = SECURITY_STEPS.has(next)
        ? random.pick(people.securityIds)
        : (assigneeId ?? random.pick(batch.members))
      this.event(
        id,
        batch.assessmentId,
        actor,
        'status',
        status,
        next,
        severity,
        at,
      )
      this.audit.push({
        at: iso(at),
        actorId: actor,
        actorLabel: people.names.get(actor) ?? 'unknown',
        action: 'finding.status_changed',
        entityType: 'finding',
        entityId: String(id),
        assessmentId: batch.assessmentId,
        before: { status },
        after: { status: next },
      })
      if (next === 'fixed') [fixedById, fixedAt] = [actor, iso(at)]
      if (next === 'verified') [verifiedById, verifiedAt] = [actor, iso(at)]
      status = next
    }
    const riskAcceptedUntil =
      status === 'risk_accepted' ? iso(addDays(at, random.int(30, 365))) : null
    const closed =
      status === 'verified' ||
      status === 'false_positive' ||
      (riskAcceptedUntil !== null && riskAcceptedUntil > iso(batch.today))
    const owaspApi = random.chance(0.3) ? random.pick(OWASP_API_CODES) : null

    this.insert('findings', {
      id,
      assessment_id: batch.assessmentId,
      reference: `F-${String(number).padStart(5, '0')}`,
      title: text.title,
      description: text.description,
      affected: JSON.stringify([text.place]),
      impact: 'An attacker could read or change data they should not reach.',
      exploit_scenario: 'Send the crafted request described above.',
      remediation: REMEDIATION,
      references: JSON.stringify([
        `https://cwe.mitre.org/data/definitions/${text.cweId}.html`,
      ]),
      auditor_severity: severity,
      severity,
      cvss_vector: cvss?.vector ?? null,
      cvss_version: cvss ? '3.1' : null,
      cvss_score: cvss?.score ?? null,
      cvss_rating: cvss?.rating ?? null,
      score_source: cvss ? 'computed' : null,
      auditor_cvss_vector: cvss?.vector ?? null,
      auditor_cvss_score: cvss?.score ?? null,
      cwe_id: text.cweId,
      owasp_top10: owaspApi ? null : random.pick(OWASP_CODES),
      owasp_api_top10: owaspApi,
      practice: random.pick(PRACTICE_KEYS),
      is_blocker: random.chance(
        severity === 'critical' ? 0.6 : severity === 'high' ? 0.2 : 0.02,
      )
        ? 1
        : 0,
      is_quick_win: random.chance(0.15) ? 1 : 0,
      status,
      risk_accepted_until: riskAcceptedUntil,
      assignee_id: assigneeId,
      due_on: sla === null ? null : isoDay(addDays(createdAt, sla)),
      fixed_by_id: fixedById,
      fixed_at: fixedAt,
      verified_by_id: verifiedById,
      verified_at: verifiedAt,
      fingerprint: `${batch.assessmentId}-${id}-${Math.floor(random.next() * 1e9).toString(16)}`,
      source: random.chance(0.3) ? 'sarif' : 'manual',
      created_at: iso(createdAt),
      updated_at: iso(at),
      version: 1 + path.length,
    })
    this.writeComments(id, batch, createdAt, at)
    return { id, severity, status, closed }
  }

  private event(
    findingId: number,
    assessmentId: number,
    actorId: number | null,
    kind: string,
    fromStatus: string | null,
    toStatus: string,
    severity: Severity,
    at: Date,
  ) {
    this.events += 1
    this.insert('finding_events', {
      id: this.nextEventId++,
      finding_id: findingId,
      assessment_id: assessmentId,
      actor_id: actorId,
      kind,
      from_status: fromStatus,
      to_status: toStatus,
      severity,
      created_at: iso(at),
    })
  }

  private writeComments(
    findingId: number,
    batch: FindingBatch,
    from: Date,
    to: Date,
  ) {
    const count = this.random.poisson(0.6)
    for (let index = 0; index < count; index += 1) {
      const at = new Date(
        from.getTime() + this.random.next() * (to.getTime() - from.getTime()),
      )
      this.insert('comments', {
        id: this.nextCommentId++,
        finding_id: findingId,
        author_id: this.random.pick(batch.members),
        body: this.random.pick(COMMENTS),
        created_at: iso(at),
      })
    }
  }
}
