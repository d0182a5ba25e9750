import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq, sql } from 'drizzle-orm'
import { getConnection, migrateDatabase, type Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { remediationTasks } from '#db/schema/plan'
import { PHASE2_SLUG } from '#db/seed/phase2'
import { addDays, toIsoDay } from '~/domain/dates'
import type { FindingStatus } from '~/domain/finding-status'
import { appendAudit } from '~/models/audit.server'
import { rebuildOpenDeltas } from '~/models/open-deltas.server'

/**
 * Gives the seeded Phase 2 assessment ten days of plausible remediation
 * history, for demonstrating the dashboard: quick wins first, the blockers
 * through fix and retest, one failed retest (a reopen), one fix still
 * waiting for its retest. The default seed stays the audit's truth; this
 * is opt-in and refuses an assessment that already has status history.
 */
export const DEMO_DAYS = 10

// [day, reference, new status, note]
const STEPS: [number, string, FindingStatus, string][] = [
  [0, 'P2-012', 'in_progress', 'Quick win taken on day one.'],
  [0, 'P2-013', 'in_progress', 'Quick win taken on day one.'],
  [0, 'P2-019', 'in_progress', 'Quick win taken on day one.'],
  [1, 'P2-012', 'fixed', 'Configuration change deployed.'],
  [1, 'P2-013', 'fixed', 'Configuration change deployed.'],
  [1, 'P2-019', 'fixed', 'Configuration change deployed.'],
  [1, 'P2-001', 'in_progress', 'Rotating every leaked credential.'],
  [1, 'P2-002', 'in_progress', 'Auditing every query builder call.'],
  [2, 'P2-012', 'verified', 'Retest passed.'],
  [2, 'P2-013', 'verified', 'Retest passed.'],
  [2, 'P2-019', 'verified', 'Retest passed.'],
  [2, 'P2-005', 'in_progress', 'Adding a token check to the handshake.'],
  [3, 'P2-001', 'fixed', 'History rewritten, credentials rotated.'],
  [3, 'P2-003', 'in_progress', 'Rate limiter added to the gateway.'],
  [4, 'P2-001', 'verified', 'Secrets scan of the whole history is clean.'],
  [4, 'P2-002', 'fixed', 'Queries parameterised.'],
  [4, 'P2-004', 'in_progress', 'Moving the signing key to the vault.'],
  [5, 'P2-002', 'verified', 'sqlmap finds nothing.'],
  [5, 'P2-005', 'fixed', 'Handshake requires a token.'],
  [5, 'P2-006', 'in_progress', 'Replacing the wildcard origin.'],
  [6, 'P2-005', 'reopened', 'Retest failed: cross-origin handshake accepted.'],
  [6, 'P2-003', 'fixed', 'Limits on login, orders and inference.'],
  [6, 'P2-008', 'in_progress', 'Enabling TLS to PostgreSQL.'],
  [7, 'P2-005', 'in_progress', 'Adding the origin check.'],
  [7, 'P2-003', 'verified', 'Answers 429 with Retry-After.'],
  [7, 'P2-004', 'fixed', 'Key read from the vault; no fallback.'],
  [7, 'P2-007', 'in_progress', 'Checking key scopes per endpoint.'],
  [8, 'P2-005', 'fixed', 'Origin and token checked on handshake.'],
  [8, 'P2-006', 'fixed', 'Allow-list of origins.'],
  [8, 'P2-009', 'in_progress', 'Adding the security log.'],
  [9, 'P2-005', 'verified', 'Retest passed.'],
  [9, 'P2-006', 'verified', 'Foreign origins get no CORS headers.'],
  [9, 'P2-008', 'fixed', 'sslmode=verify-full.'],
]

const DONE_TASKS = [
  'Read SECURITY_SUMMARY.md',
  'Execute "Quick Wins" section',
  'Schedule remediation sprint',
  'Remove secrets from git history',
  'Audit SQL queries',
  'Implement rate limiting',
  'Add WebSocket authentication',
  'Fix CORS configuration',
]
const DOING_TASKS = [
  'Implement AWS Secrets Manager',
  'Enable database SSL',
  'Enforce API key permissions',
  'Add security logging',
]

const actor = { actorId: null, actorLabel: 'demo-history script' }

function at(start: string, day: number, index: number): string {
  const minutes = 9 * 60 + index * 17
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(minutes % 60).padStart(2, '0')
  return `${addDays(start, day)}T${hh}:${mm}:00.000Z`
}

export function fillDemoHistory(db: Db, slug = PHASE2_SLUG, now = new Date()) {
  const assessment = db
    .select()
    .from(assessments)
    .where(eq(assessments.slug, slug))
    .get()
  if (!assessment) throw new Error(`There is no assessment "${slug}".`)
  const [history] = db
    .select({ total: sql<number>`count(*)` })
    .from(findingEvents)
    .where(
      and(
        eq(findingEvents.assessmentId, assessment.id),
        eq(findingEvents.kind, 'status'),
      ),
    )
    .all()
  if ((history?.total ?? 0) > 0)
    throw new Error(
      `"${slug}" already has status history; the demo history is only for a fresh seed.`,
    )

  const start = addDays(toIsoDay(now), -DEMO_DAYS)
  const shift = -DEMO_DAYS
  const createdAt = `${start}T08:00:00.000Z`
  db.transaction((tx) => {
    tx.update(assessments)
      .set({
        remediationStartOn: start,
        nextReviewOn: addDays(start, 7),
        updatedAt: now.toISOString(),
        version: assessment.version + 1,
      })
      .where(eq(assessments.id, assessment.id))
      .run()
    appendAudit(tx, {
      ...actor,
      action: 'assessment.demo_history',
      entityType: 'assessment',
      entityId: assessment.id,
      assessmentId: assessment.id,
      before: { remediationStartOn: assessment.remediationStartOn },
      after: { remediationStartOn: start },
    })
    // Due dates were computed from the old start: move them with it.
    tx.update(findings)
      .set({
        createdAt,
        dueOn: sql`date(${findings.dueOn}, ${`${shift} days`})`,
      })
      .where(eq(findings.assessmentId, assessment.id))
      .run()
    tx.update(findingEvents)
      .set({ createdAt })
      .where(
        and(
          eq(findingEvents.assessmentId, assessment.id),
          eq(findingEvents.kind, 'created'),
        ),
      )
      .run()
    // The burndown's stored daily changes follow appended events only;
    // moving the creation times rewrites history, so they are rebuilt.
    rebuildOpenDeltas(tx, assessment.id)

    const rows = tx
      .select()
      .from(findings)
      .where(eq(findings.assessmentId, assessment.id))
      .all()
    const byReference = new Map(rows.map((row) => [row.reference, row]))
    for (const [index, [day, reference, toStatus, note]] of STEPS.entries()) {
      const finding = byReference.get(reference)
      if (!finding) throw new Error(`The seed has no ${reference}.`)
      const time = at(start, day, index % 20)
      tx.insert(findingEvents)
        .values({
          findingId: finding.id,
          assessmentId: assessment.id,
          kind: 'status',
          fromStatus: finding.status,
          toStatus,
          severity: finding.severity,
          note,
          createdAt: time,
        })
        .run()
      const changes = {
        status: toStatus,
        updatedAt: time,
        version: finding.version + 1,
        ...(toStatus === 'fixed' ? { fixedAt: time } : {}),
        ...(toStatus === 'verified' ? { verifiedAt: time } : {}),
        ...(toStatus === 'reopened' ? { fixedAt: null } : {}),
      }
      tx.update(findings).set(changes).where(eq(findings.id, finding.id)).run()
      appendAudit(tx, {
        ...actor,
        action: 'finding.status',
        entityType: 'finding',
        entityId: finding.id,
        assessmentId: assessment.id,
        before: { status: finding.status },
        after: { status: toStatus, note },
        at: time,
      })
      byReference.set(reference, { ...finding, ...changes })
    }

    for (const [status, titles] of [
      ['done', DONE_TASKS],
      ['doing', DOING_TASKS],
    ] as const)
      for (const title of titles) {
        const task = tx
          .select()
          .from(remediationTasks)
          .where(
            and(
              eq(remediationTasks.assessmentId, assessment.id),
              eq(remediationTasks.title, title),
            ),
          )
          .get()
        if (!task) continue
        tx.update(remediationTasks)
          .set({ status, version: task.version + 1 })
          .where(eq(remediationTasks.id, task.id))
          .run()
        appendAudit(tx, {
          ...actor,
          action: 'task.status',
          entityType: 'remediation_task',
          entityId: task.id,
          assessmentId: assessment.id,
          before: { status: task.status },
          after: { status },
        })
      }
  })
  return { assessmentId: assessment.id, start, events: STEPS.length }
}

const isMain =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)

if (isMain) {
  const { db } = getConnection()
  migrateDatabase(db)
  try {
    const result = fillDemoHistory(db, process.argv[2] ?? PHASE2_SLUG)
    process.stdout.write(
      `Wrote ${result.events} status events; remediation now starts ${result.start}.\n`,
    )
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exitCode = 1
  }
}
