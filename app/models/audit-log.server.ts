import { count, desc } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { auditLog } from '#db/schema/audit'

/** One page of the whole audit log, newest first, paged in SQL. */
export function listAuditPage(db: Db, page: number, pageSize = 50) {
  const total =
    db.select({ entries: count() }).from(auditLog).get()?.entries ?? 0
  const entries = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      assessmentId: auditLog.assessmentId,
      after: auditLog.after,
      ipAddress: auditLog.ipAddress,
    })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  return { entries, total, pages: Math.max(1, Math.ceil(total / pageSize)) }
}
