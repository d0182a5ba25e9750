import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { changeFindingFields, isAssignable } from './finding-activity.server'
import type { ChangeMeta, WorkflowUser } from './finding-workflow.server'

/**
 * Assigns or sets the due date of many findings at once, all or nothing.
 * Every id must belong to the assessment and not be archived; one that
 * does not fails the whole batch, so a forged id changes nothing.
 */
export function bulkChangeFindings(
  db: Db,
  actor: WorkflowUser,
  assessmentId: number,
  findingIds: number[],
  change:
    | { kind: 'assigned'; assigneeId: number | null }
    | { kind: 'due_date'; dueOn: string | null },
  meta: ChangeMeta = {},
): { ok: true; changed: number } | { ok: false; message: string } {
  const ids = [...new Set(findingIds)]
  if (ids.length === 0)
    return { ok: false, message: 'Select at least one finding' }
  if (
    change.kind === 'assigned' &&
    change.assigneeId !== null &&
    !isAssignable(db, assessmentId, change.assigneeId)
  )
    return { ok: false, message: 'This person cannot work on this assessment' }
  return db.transaction((tx) => {
    const rows = tx
      .select({ id: findings.id, version: findings.version })
      .from(findings)
      .where(
        and(
          eq(findings.assessmentId, assessmentId),
          isNull(findings.archivedAt),
          inArray(findings.id, ids),
        ),
      )
      .all()
    if (rows.length !== ids.length)
      return {
        ok: false as const,
        message: 'Some selected findings are not in this assessment',
      }
    for (const row of rows) {
      const result = changeFindingFields(
        tx,
        actor,
        row.id,
        row.version,
        change.kind === 'assigned'
          ? { kind: 'assigned', values: { assigneeId: change.assigneeId } }
          : { kind: 'due_date', values: { dueOn: change.dueOn } },
        meta,
      )
      if (!result.ok) tx.rollback()
    }
    return { ok: true as const, changed: rows.length }
  })
}
