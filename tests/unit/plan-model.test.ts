import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users } from '#db/schema/accounts'
import { auditLog } from '#db/schema/audit'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { remediationTasks } from '#db/schema/plan'
import { seedPhase2 } from '#db/seed/phase2'
import type { AuditActor } from '~/models/audit-actor.server'
import { verifyAuditChain } from '~/models/audit.server'
import { loadPlan } from '~/models/plan.server'
import { rescheduleSprint } from '~/models/plan-schedule.server'
import {
  moveTask,
  updateOwnTaskStatus,
  updateTask,
} from '~/models/plan-task.server'
import { loadReadiness } from '~/models/readiness.server'
import { setTaskFindingLink } from '~/models/task-finding.server'
import { createTestDb } from './test-db'

const now = new Date('2026-12-08T10:00:00Z')
const actor = (userId: number): AuditActor => ({
  userId,
  label: `user ${userId}`,
  ipAddress: null,
  requestId: null,
})

function setup() {
  const { db } = createTestDb()
  const id = seedPhase2(db, '2026-12-07', '2026-12-07T08:00:00.000Z')
  // Users 1-3, without passwords: enough for owners and audit actors.
  for (const n of [1, 2, 3])
    db.insert(users)
      .values({
        email: `u${n}@example.test`,
        name: `User ${n}`,
        role: 'engineer',
      })
      .run()
  const plan = (at = now) => {
    const assessment = db
      .select()
      .from(assessments)
      .where(eq(assessments.id, id))
      .get()
    if (!assessment) throw new Error('no assessment')
    return loadPlan(db, assessment, at)
  }
  const task = (title: string) => {
    const row = db
      .select()
      .from(remediationTasks)
      .where(
        and(
          eq(remediationTasks.assessmentId, id),
          eq(remediationTasks.title, title),
        ),
      )
      .get()
    if (!row) throw new Error(title)
    return row
  }
  const finding = (reference: string) => {
    const row = db
      .select()
      .from(findings)
      .where(
        and(eq(findings.assessmentId, id), eq(findings.reference, reference)),
      )
      .get()
    if (!row) throw new Error(reference)
    return row
  }
  const fields = (row: ReturnType<typeof task>) => ({
    phaseId: row.phaseId,
    title: row.title,
    description: row.description,
    ownerId: row.ownerId,
    status: row.status,
    dueOn: row.dueOn,
    isQuickWin: row.isQuickWin,
    isOngoing: row.isOngoing,
  })
  return { db, id, plan, task, finding, fields }
}

describe('Rescheduling the sprint', () => {
  it('moves every phase, and the findings due on a phase end with it', () => {
    const { db, id, plan, finding } = setup()
    finding('P2-004') // in Week 1 through "Implement AWS Secrets Manager"
    db.update(findings)
      .set({ dueOn: '2026-12-25' })
      .where(eq(findings.id, finding('P2-006').id))
      .run()

    const result = rescheduleSprint(db, id, '2026-12-14', actor(1), now)

    expect(result.shiftDays).toBe(7)
    expect(
      plan().map((phase) => [phase.name, phase.startOn, phase.endOn]),
    ).toEqual([
      ['Immediate (Today)', '2026-12-14', '2026-12-14'],
      ['Week 1 (Critical Blockers)', '2026-12-14', '2026-12-20'],
      ['Week 2-3 (High-Priority)', '2026-12-21', '2027-01-03'],
      ['Ongoing', '2026-12-14', null],
    ])
    expect(finding('P2-001').dueOn).toBe('2026-12-20')
    expect(finding('P2-012').dueOn).toBe('2026-12-14')
    // Given its own day on purpose: stays.
    expect(finding('P2-006').dueOn).toBe('2026-12-25')
    expect(result.movedFindings).toContain('P2-001')
    expect(result.movedFindings).not.toContain('P2-006')
    const events = db
      .select()
      .from(findingEvents)
      .where(eq(findingEvents.kind, 'due_date'))
      .all()
    expect(events).toHaveLength(result.movedFindings.length)
    const [entry] = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'plan.rescheduled'))
      .all()
    expect(JSON.parse(entry?.before ?? '{}')).toEqual({
      remediationStartOn: '2026-12-07',
    })
    expect(verifyAuditChain(db).intact).toBe(true)
  })

  it('moves a finding once even when phase ends chain into each other', () => {
    const { db, id, finding } = setup()
    // Moving by 6 days puts Immediate's new end (day 0 → 12-13) on Week 1's
    // old end (12-13): a finding must not be carried twice.
    const before = finding('P2-001').dueOn
    rescheduleSprint(db, id, '2026-12-13', actor(1), now)
    expect(finding('P2-001').dueOn).toBe('2026-12-19')
    expect(before).toBe('2026-12-13')
    expect(finding('P2-012').dueOn).toBe('2026-12-13')
  })
})

describe('Task progress follows findings', () => {
  it('shows a task complete once every linked finding is verified', () => {
    const { db, plan, finding } = setup()
    const sqlTask = () =>
      plan()[1]?.tasks.find((task) => task.title === 'Audit SQL queries')
    expect(sqlTask()?.progress).toBe('todo')
    db.update(findings)
      .set({ status: 'verified' })
      .where(eq(findings.id, finding('P2-002').id))
      .run()
    expect(sqlTask()?.progress).toBe('complete_by_findings')
  })

  it('flags a task marked done while a linked finding is open, and marks it overdue after the phase', () => {
    const { db, task, plan } = setup()
    db.update(remediationTasks)
      .set({ status: 'done' })
      .where(eq(remediationTasks.id, task('Audit SQL queries').id))
      .run()
    const later = new Date('2026-12-15T10:00:00Z')
    const week1 = plan(later)[1]
    const sqlTask = week1?.tasks.find((t) => t.title === 'Audit SQL queries')
    expect(sqlTask?.progress).toBe('done_but_open')
    expect(sqlTask?.isOverdue).toBe(true)
    expect(week1?.isOverdue).toBe(true)
    expect(plan(later)[3]?.isOverdue).toBe(false)
  })

  it('lets the overdue-task gate pass for a task completed by its findings', () => {
    const { db, id, finding } = setup()
    const later = new Date('2026-12-15T10:00:00Z')
    const gate = () =>
      loadReadiness(db, id, later).gates.find(
        (result) => result.name === 'No overdue Week 1 task',
      )
    expect(gate()?.reasons).toHaveLength(5)
    db.update(findings)
      .set({ status: 'verified' })
      .where(eq(findings.id, finding('P2-002').id))
      .run()
    expect(gate()?.reasons).toHaveLength(4)
  })
})

describe('Task edits', () => {
  it('refuses a stale version and names who changed the task', () => {
    const { db, id, task, fields } = setup()
    const original = task('Enable database SSL')
    const first = updateTask(
      db,
      id,
      original.id,
      original.version,
      { ...fields(original), status: 'doing' },
      actor(2),
    )
    expect(first.ok).toBe(true)
    const stale = updateTask(
      db,
      id,
      original.id,
      original.version,
      { ...fields(original), description: 'late' },
      actor(3),
    )
    expect(stale).toMatchObject({
      ok: false,
      reason: 'conflict',
      changedBy: 'User 2',
    })
    expect(task('Enable database SSL').description).toBe('')
  })

  it('moves a task to the end of another phase', () => {
    const { db, id, task, fields, plan } = setup()
    const original = task('Penetration testing')
    const week1 = plan()[1]
    if (!week1) throw new Error('no week 1')
    updateTask(
      db,
      id,
      original.id,
      original.version,
      { ...fields(original), phaseId: week1.id },
      actor(1),
    )
    expect(plan()[1]?.tasks.at(-1)?.title).toBe('Penetration testing')
  })

  it('reorders with its neighbour and stops at the ends', () => {
    const { db, id, task, plan } = setup()
    moveTask(db, id, task('Audit SQL queries').id, 'up', actor(1))
    expect(
      plan()[1]
        ?.tasks.map((t) => t.title)
        .slice(2, 4),
    ).toEqual(['Audit SQL queries', 'Add WebSocket authentication'])
    const first = task('Remove secrets from git history')
    moveTask(db, id, first.id, 'up', actor(1))
    expect(task('Remove secrets from git history').position).toBe(
      first.position,
    )
  })

  it('lets only the owner change a task status through the engineer path', () => {
    const { db, id, task } = setup()
    const row = task('Implement rate limiting')
    db.update(remediationTasks)
      .set({ ownerId: 3 })
      .where(eq(remediationTasks.id, row.id))
      .run()
    expect(
      updateOwnTaskStatus(db, id, row.id, row.version, 'done', actor(2)),
    ).toMatchObject({ ok: false, reason: 'forbidden' })
    expect(
      updateOwnTaskStatus(db, id, row.id, row.version, 'doing', actor(3)).ok,
    ).toBe(true)
    expect(task('Implement rate limiting').status).toBe('doing')
  })

  it('links only findings of the same assessment', () => {
    const { db, id, task, finding } = setup()
    const other = seedPhase2(db, '2026-12-07', '2026-12-07T08:00:00.000Z', {
      slug: 'other',
      name: 'Other',
    })
    const foreign = db
      .select({ id: findings.id })
      .from(findings)
      .where(eq(findings.assessmentId, other))
      .get()
    const row = task('Penetration testing')
    expect(
      setTaskFindingLink(db, id, row.id, foreign?.id ?? 0, true, actor(1)),
    ).toMatchObject({ ok: false, reason: 'not_found' })
    expect(
      setTaskFindingLink(db, id, row.id, finding('P2-010').id, true, actor(1))
        .ok,
    ).toBe(true)
  })
})
