import { and, asc, desc, eq, gt, lt, max } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { auditLog } from '#db/schema/audit'
import {
  planPhases,
  remediationTasks,
  type SelectRemediationTask,
  type TaskStatus,
} from '#db/schema/plan'
import { appendAudit } from './audit.server'
import type { AuditActor } from './audit-actor.server'

/**
 * Changes to remediation tasks. Each checks that the task, phase and
 * finding belong to the assessment named in the URL, writes in one
 * transaction with its audit entry, and bumps the task's version so an edit
 * made from a stale page is refused instead of silently overwritten.
 */
export interface TaskFields {
  phaseId: number
  title: string
  description: string
  ownerId: number | null
  status: TaskStatus
  dueOn: string | null
  isQuickWin: boolean
  isOngoing: boolean
}

export type TaskChangeResult =
  | { ok: true; task: SelectRemediationTask }
  | { ok: false; reason: 'not_found' | 'forbidden' }
  | { ok: false; reason: 'conflict'; changedBy: string | null; at: string }

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export function auditTaskChange(
  tx: Tx,
  actor: AuditActor,
  assessmentId: number,
  action: string,
  entityId: number,
  before: unknown,
  after: unknown,
) {
  appendAudit(tx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action,
    entityType: 'remediation_task',
    entityId,
    assessmentId,
    before,
    after,
    ipAddress: actor.ipAddress,
    requestId: actor.requestId,
  })
}

export function findTask(tx: Tx, assessmentId: number, taskId: number) {
  return tx
    .select()
    .from(remediationTasks)
    .where(
      and(
        eq(remediationTasks.id, taskId),
        eq(remediationTasks.assessmentId, assessmentId),
      ),
    )
    .get()
}

function phaseBelongs(tx: Tx, assessmentId: number, phaseId: number) {
  return (
    tx
      .select({ id: planPhases.id })
      .from(planPhases)
      .where(
        and(
          eq(planPhases.id, phaseId),
          eq(planPhases.assessmentId, assessmentId),
        ),
      )
      .get() !== undefined
  )
}

function nextPosition(tx: Tx, phaseId: number) {
  const row = tx
    .select({ last: max(remediationTasks.position) })
    .from(remediationTasks)
    .where(eq(remediationTasks.phaseId, phaseId))
    .get()
  return (row?.last ?? -1) + 1
}

/** Who last changed the task, from the audit trail, for a conflict message. */
function lastEditor(tx: Tx, task: SelectRemediationTask) {
  const row = tx
    .select({ name: users.name })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.entityType, 'remediation_task'),
        eq(auditLog.entityId, String(task.id)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get()
  return row?.name ?? null
}

export function createTask(
  db: Db,
  assessmentId: number,
  fields: TaskFields,
  actor: AuditActor,
): TaskChangeResult {
  return db.transaction((tx) => {
    if (!phaseBelongs(tx, assessmentId, fields.phaseId))
      return { ok: false, reason: 'not_found' } as const
    const [task] = tx
      .insert(remediationTasks)
      .values({
        ...fields,
        assessmentId,
        position: nextPosition(tx, fields.phaseId),
      })
      .returning()
      .all()
    if (!task) throw new Error('The task was not created.')
    auditTaskChange(
      tx,
      actor,
      assessmentId,
      'task.created',
      task.id,
      null,
      fields,
    )
    return { ok: true, task } as const
  })
}

/** Edits every field at once, moving the task to the end of a new phase. */
export function updateTask(
  db: Db,
  assessmentId: number,
  taskId: number,
  expectedVersion: number,
  fields: TaskFields,
  actor: AuditActor,
): TaskChangeResult {
  return db.transaction((tx) => {
    const task = findTask(tx, assessmentId, taskId)
    if (!task || !phaseBelongs(tx, assessmentId, fields.phaseId))
      return { ok: false, reason: 'not_found' } as const
    if (task.version !== expectedVersion)
      return {
        ok: false,
        reason: 'conflict',
        changedBy: lastEditor(tx, task),
        at: task.updatedAt,
      } as const
    const position =
      fields.phaseId === task.phaseId
        ? task.position
        : nextPosition(tx, fields.phaseId)
    const [updated] = tx
      .update(remediationTasks)
      .set({
        ...fields,
        position,
        updatedAt: new Date().toISOString(),
        version: task.version + 1,
      })
      .where(
        and(
          eq(remediationTasks.id, task.id),
          eq(remediationTasks.version, expectedVersion),
        ),
      )
      .returning()
      .all()
    if (!updated) throw new Error('The task changed during the update.')
    const before: Partial<Record<keyof TaskFields, unknown>> = {}
    const after: Partial<Record<keyof TaskFields, unknown>> = {}
    for (const key of Object.keys(fields) as (keyof TaskFields)[])
      if (task[key] !== fields[key]) {
        before[key] = task[key]
        after[key] = fields[key]
      }
    auditTaskChange(
      tx,
      actor,
      assessmentId,
      'task.updated',
      task.id,
      before,
      after,
    )
    return { ok: true, task: updated } as const
  })
}

/**
 * The owner's own status change: refused unless `userId` owns the task.
 * This is the check that counts; the page only hides the control.
 */
export function updateOwnTaskStatus(
  db: Db,
  assessmentId: number,
  taskId: number,
  expectedVersion: number,
  status: TaskStatus,
  actor: AuditActor,
): TaskChangeResult {
  return db.transaction((tx) => {
    const task = findTask(tx, assessmentId, taskId)
    if (!task) return { ok: false, reason: 'not_found' } as const
    if (task.ownerId !== actor.userId)
      return { ok: false, reason: 'forbidden' } as const
    if (task.version !== expectedVersion)
      return {
        ok: false,
        reason: 'conflict',
        changedBy: lastEditor(tx, task),
        at: task.updatedAt,
      } as const
    const [updated] = tx
      .update(remediationTasks)
      .set({
        status,
        updatedAt: new Date().toISOString(),
        version: task.version + 1,
      })
      .where(eq(remediationTasks.id, task.id))
      .returning()
      .all()
    if (!updated) throw new Error('The task was not updated.')
    auditTaskChange(
      tx,
      actor,
      assessmentId,
      'task.status_changed',
      task.id,
      { status: task.status },
      { status },
    )
    return { ok: true, task: updated } as const
  })
}

/** Swaps the task with its neighbour above or below within its phase. */
export function moveTask(
  db: Db,
  assessmentId: number,
  taskId: number,
  direction: 'up' | 'down',
  actor: AuditActor,
): TaskChangeResult {
  return db.transaction((tx) => {
    const task = findTask(tx, assessmentId, taskId)
    if (!task) return { ok: false, reason: 'not_found' } as const
    const neighbour = tx
      .select()
      .from(remediationTasks)
      .where(
        and(
          eq(remediationTasks.phaseId, task.phaseId),
          direction === 'up'
            ? lt(remediationTasks.position, task.position)
            : gt(remediationTasks.position, task.position),
        ),
      )
      .orderBy(
        direction === 'up'
          ? desc(remediationTasks.position)
          : asc(remediationTasks.position),
      )
      .limit(1)
      .get()
    if (!neighbour) return { ok: true, task } as const
    const set = (id: number, position: number) =>
      tx
        .update(remediationTasks)
        .set({ position, updatedAt: new Date().toISOString() })
        .where(eq(remediationTasks.id, id))
        .run()
    set(task.id, neighbour.position)
    set(neighbour.id, task.position)
    auditTaskChange(
      tx,
      actor,
      assessmentId,
      'task.reordered',
      task.id,
      { position: task.position },
      { position: neighbour.position, direction },
    )
    return { ok: true, task: { ...task, position: neighbour.position } }
  })
}
