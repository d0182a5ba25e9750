import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { planPhases } from '#db/schema/plan'
import { daysBetween } from '~/domain/dates'
import { shiftedPhaseEnds } from '~/domain/plan'
import { appendAudit } from './audit.server'
import type { AuditActor } from './audit-actor.server'

export interface RescheduleResult {
  shiftDays: number
  movedFindings: string[]
}

/**
 * Moves the remediation sprint to start on `newStartOn`. Phases are offsets
 * from the start, so they all move with it; findings due on a phase's last
 * day follow their phase by the same number of days. Findings given another
 * due day on purpose keep it. One transaction, one audit entry, and a
 * `due_date` event per moved finding.
 */
export function rescheduleSprint(
  db: Db,
  assessmentId: number,
  newStartOn: string,
  actor: AuditActor,
  now = new Date(),
): RescheduleResult {
  return db.transaction((tx) => {
    const assessment = tx
      .select({ remediationStartOn: assessments.remediationStartOn })
      .from(assessments)
      .where(eq(assessments.id, assessmentId))
      .get()
    if (!assessment) throw new Error(`No assessment ${assessmentId}`)
    const oldStartOn = assessment.remediationStartOn
    const shiftDays = daysBetween(oldStartOn, newStartOn)
    if (shiftDays === 0) return { shiftDays, movedFindings: [] }

    const phases = tx
      .select()
      .from(planPhases)
      .where(eq(planPhases.assessmentId, assessmentId))
      .all()
    const ends = shiftedPhaseEnds(oldStartOn, newStartOn, phases)
    const at = now.toISOString()
    tx.update(assessments)
      .set({
        remediationStartOn: newStartOn,
        updatedAt: at,
        version: sql`${assessments.version} + 1`,
      })
      .where(eq(assessments.id, assessmentId))
      .run()

    // Read first, then write by id: with overlapping ends (one phase ending
    // where another's new end falls) a finding must move exactly once.
    const following =
      ends.size === 0
        ? []
        : tx
            .select({
              id: findings.id,
              reference: findings.reference,
              severity: findings.severity,
              dueOn: findings.dueOn,
            })
            .from(findings)
            .where(
              and(
                eq(findings.assessmentId, assessmentId),
                isNull(findings.archivedAt),
                inArray(findings.dueOn, [...ends.keys()]),
              ),
            )
            .all()
    for (const finding of following) {
      const dueOn = finding.dueOn === null ? null : ends.get(finding.dueOn)
      if (!dueOn) continue
      tx.update(findings)
        .set({
          dueOn,
          updatedAt: at,
          version: sql`${findings.version} + 1`,
        })
        .where(eq(findings.id, finding.id))
        .run()
      tx.insert(findingEvents)
        .values({
          findingId: finding.id,
          assessmentId,
          actorId: actor.userId,
          kind: 'due_date',
          severity: finding.severity,
          changes: { dueOn: { from: finding.dueOn, to: dueOn } },
          note: 'The remediation sprint was rescheduled.',
          createdAt: at,
        })
        .run()
    }
    const movedFindings = following.map((finding) => finding.reference)

    appendAudit(tx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: 'plan.rescheduled',
      entityType: 'assessment',
      entityId: assessmentId,
      assessmentId,
      before: { remediationStartOn: oldStartOn },
      after: { remediationStartOn: newStartOn, shiftDays, movedFindings },
      ipAddress: actor.ipAddress,
      requestId: actor.requestId,
      at,
    })
    return { shiftDays, movedFindings }
  })
}
