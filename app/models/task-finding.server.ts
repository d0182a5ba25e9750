import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { taskFindings } from '#db/schema/plan'
import type { AuditActor } from './audit-actor.server'
import {
  auditTaskChange,
  findTask,
  type TaskChangeResult,
} from './plan-task.server'

/** Links or unlinks a finding of the same assessment. */
export function setTaskFindingLink(
  db: Db,
  assessmentId: number,
  taskId: number,
  findingId: number,
  linked: boolean,
  actor: AuditActor,
): TaskChangeResult {
  return db.transaction((tx) => {
    const task = findTask(tx, assessmentId, taskId)
    const finding = tx
      .select({ id: findings.id, reference: findings.reference })
      .from(findings)
      .where(
        and(
          eq(findings.id, findingId),
          eq(findings.assessmentId, assessmentId),
        ),
      )
      .get()
    if (!task || !finding) return { ok: false, reason: 'not_found' } as const
    const link = and(
      eq(taskFindings.taskId, task.id),
      eq(taskFindings.findingId, finding.id),
    )
    if (linked)
      tx.insert(taskFindings)
        .values({ taskId: task.id, findingId: finding.id })
        .onConflictDoNothing()
        .run()
    else tx.delete(taskFindings).where(link).run()
    auditTaskChange(
      tx,
      actor,
      assessmentId,
      linked ? 'task.finding_linked' : 'task.finding_unlinked',
      task.id,
      null,
      { finding: finding.reference },
    )
    return { ok: true, task } as const
  })
}
