import { and, eq, lte, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findingEvents, findings, riskAcceptances } from '#db/schema/findings'
import { appendAudit } from './audit.server'
import { auditActor, updateFindingAtVersion } from './finding-workflow.server'
import { preparedPerConnection } from './prepared.server'

// The per-assessment check runs before every finding page and list, so it
// is prepared once per connection.
const dueInAssessment = preparedPerConnection((db) =>
  db
    .select({ id: findings.id })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, sql.placeholder('assessmentId')),
        eq(findings.status, 'risk_accepted'),
        lte(findings.riskAcceptedUntil, sql.placeholder('cutoff')),
      ),
    )
    .prepare(),
)

/**
 * Reopens every finding whose approved risk acceptance has run out. Called
 * lazily at the start of finding pages, lists and API calls rather than by
 * a scheduler, so no reader ever sees an expired acceptance as closed for
 * longer than it takes to load a page. The query rides on the
 * (assessment, status) index and costs one indexed lookup when nothing
 * expired. Returns how many findings it reopened.
 */
export function expireRiskAcceptances(
  db: Db,
  now: Date = new Date(),
  assessmentId?: number,
): number {
  const cutoff = now.toISOString()
  const due =
    assessmentId === undefined
      ? db
          .select({ id: findings.id })
          .from(findings)
          .where(
            and(
              eq(findings.status, 'risk_accepted'),
              lte(findings.riskAcceptedUntil, cutoff),
            ),
          )
          .all()
      : dueInAssessment(db).all({ assessmentId, cutoff })
  if (due.length === 0) return 0
  let reopened = 0
  for (const { id } of due)
    db.transaction((tx) => {
      const finding = tx
        .select()
        .from(findings)
        .where(eq(findings.id, id))
        .get()
      if (
        !finding ||
        finding.status !== 'risk_accepted' ||
        !finding.riskAcceptedUntil ||
        finding.riskAcceptedUntil > cutoff
      )
        return
      const updated = updateFindingAtVersion(
        tx,
        id,
        finding.version,
        { status: 'reopened', riskAcceptedUntil: null },
        now,
      )
      if (!updated) return
      const expiredOn = finding.riskAcceptedUntil.slice(0, 10)
      tx.update(riskAcceptances)
        .set({ status: 'expired' })
        .where(
          and(
            eq(riskAcceptances.findingId, id),
            eq(riskAcceptances.status, 'approved'),
          ),
        )
        .run()
      tx.insert(findingEvents)
        .values({
          findingId: id,
          assessmentId: finding.assessmentId,
          actorId: null,
          kind: 'status',
          fromStatus: 'risk_accepted',
          toStatus: 'reopened',
          severity: finding.severity,
          note: `Risk acceptance expired on ${expiredOn}`,
          createdAt: cutoff,
        })
        .run()
      appendAudit(tx, {
        ...auditActor(null),
        action: 'risk_acceptance.expired',
        entityType: 'finding',
        entityId: id,
        assessmentId: finding.assessmentId,
        before: {
          status: 'risk_accepted',
          riskAcceptedUntil: finding.riskAcceptedUntil,
        },
        after: { status: 'reopened' },
        at: cutoff,
      })
      reopened += 1
    })
  return reopened
}
