import type Database from 'better-sqlite3'
import { Random } from '../random'
import { bulkInserter, writeAuditChain, type AuditSeed } from './bulk'
import { addDays, iso, isoDay } from './calendar'
import { FindingWriter } from './findings'
import { generatePeople } from './people'
import { PlanWriter } from './plan'
import { SLA_JSON, WEIGHTS_JSON } from './vocabulary'

export interface DatasetOptions {
  seed: number
  assessments: number
  findings: number
  today: Date
}

/** Slugs the benchmark looks for. */
export const LARGE_SLUG = 'bench-large'
export const SMALL_SLUG = 'bench-small'
/** Starts empty: the import benchmark fills it. */
export const IMPORT_SLUG = 'bench-import'

/**
 * Finding counts per assessment: one large assessment (2,000 findings at
 * full size), one with 19 like the Phase 2 audit, the rest log-normally
 * spread (many small, a few big).
 */
function findingCounts(random: Random, options: DatasetOptions) {
  const n = options.assessments
  const large = Math.min(2000, Math.floor(options.findings * 0.4))
  const small = Math.min(19, Math.floor(options.findings * 0.1))
  const rest = options.findings - large - small
  const weights = Array.from({ length: n - 3 }, () =>
    Math.exp(random.normal() * 0.9),
  )
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const counts = weights.map((weight) => Math.floor((weight / total) * rest))
  let missing = rest - counts.reduce((sum, count) => sum + count, 0)
  for (
    let index = 0;
    missing > 0;
    index = (index + 1) % counts.length, missing -= 1
  )
    counts[index] = (counts[index] ?? 0) + 1
  return { large, small, counts }
}

export function generateDataset(
  sqlite: Database.Database,
  options: DatasetOptions,
) {
  const random = new Random(options.seed)
  const insert = bulkInserter(sqlite)
  const audit: AuditSeed[] = []
  const n = options.assessments
  if (n < 4) throw new Error('At least 4 assessments are needed.')
  const epoch = iso(addDays(options.today, -1100))
  const people = generatePeople(
    random,
    insert,
    epoch,
    Math.max(20, Math.min(300, n)),
  )
  const findingWriter = new FindingWriter(random, insert, people, audit)
  const planWriter = new PlanWriter(random, insert)
  const { large, small, counts } = findingCounts(random, options)
  // Oldest first; the large one mid-remediation, the small one recent.
  const largeIndex = Math.min(Math.floor(n * 0.85), n - 3)
  const smallIndex = n - 2
  let memberships = 0

  for (let index = 0, other = 0; index < n; index += 1) {
    const id = index + 1
    const ageDays =
      Math.round(1000 * ((n - 1 - index) / (n - 1))) + random.int(0, 9)
    const assessedOn = addDays(options.today, -ageDays)
    const isLarge = index === largeIndex
    const isSmall = index === smallIndex
    const isImport = index === n - 1
    const count = isLarge
      ? large
      : isSmall
        ? small
        : isImport
          ? 0
          : (counts[other++] ?? 0)
    const signedOff = ageDays > 700
    const archived = signedOff && random.chance(0.15)
    const status = archived
      ? 'archived'
      : signedOff
        ? 'signed_off'
        : ageDays > 400 && random.chance(0.5)
          ? 'ready'
          : 'in_remediation'
    const slug = isLarge
      ? LARGE_SLUG
      : isSmall
        ? SMALL_SLUG
        : isImport
          ? IMPORT_SLUG
          : `bench-${String(id).padStart(4, '0')}`
    const createdAt = iso(assessedOn)
    insert('assessments', {
      id,
      slug,
      name: `${isLarge ? 'Large platform' : `Service ${id}`} assessment`,
      target_service: `service-${id}.bench.invalid`,
      assessor: random.pick([
        'Acme Security',
        'Northwind Pentest',
        'Internal red team',
      ]),
      assessed_on: isoDay(assessedOn),
      status,
      summary: 'Generated for the benchmark.',
      target_weeks_min: 4,
      target_weeks_max: 12,
      remediation_start_on: isoDay(addDays(assessedOn, 3)),
      sla_days: SLA_JSON,
      severity_weights: WEIGHTS_JSON,
      archived_at: archived ? iso(addDays(assessedOn, 720)) : null,
      archive_reason: archived ? 'Service decommissioned.' : null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    const members = random.sample(people.engineerIds, random.int(4, 10))
    for (const userId of [...members, ...random.sample(people.viewerIds, 2)]) {
      insert('assessment_members', {
        assessment_id: id,
        user_id: userId,
        created_at: createdAt,
      })
      memberships += 1
    }
    const securityId = random.pick(people.securityIds)
    for (const [userId, capacity] of [
      [securityId, 'Security lead'],
      [random.pick(people.adminIds), 'Service owner'],
    ] as const)
      insert('sign_off_requirements', {
        assessment_id: id,
        user_id: userId,
        capacity,
        created_at: createdAt,
      })
    audit.push({
      at: createdAt,
      actorId: securityId,
      actorLabel: people.names.get(securityId) ?? '',
      action: 'assessment.created',
      entityType: 'assessment',
      entityId: String(id),
      assessmentId: id,
      before: undefined,
      after: { slug },
    })

    const closedShare = signedOff
      ? 0.995
      : Math.min(0.97, Math.max(0.03, (ageDays - 20) / 380))
    const findings = findingWriter.write({
      assessmentId: id,
      count,
      createdAt: assessedOn,
      today: options.today,
      closedShare,
      members,
    })
    planWriter.write({
      assessmentId: id,
      remediationStart: addDays(assessedOn, 3),
      createdAt,
      members,
      findings,
      checkedBy: status === 'in_remediation' ? null : securityId,
    })
  }
  const auditEntries = writeAuditChain(insert, audit)
  return {
    users: people.names.size,
    assessments: n,
    memberships,
    findings: findingWriter.nextFindingId - 1,
    findingEvents: findingWriter.events,
    comments: findingWriter.nextCommentId - 1,
    planPhases: planWriter.nextPhaseId - 1,
    tasks: planWriter.nextTaskId - 1,
    taskFindings: planWriter.taskFindings,
    gates: planWriter.nextGateId - 1,
    auditEntries,
  }
}
