import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { findingEvents, findings, riskAcceptances } from '#db/schema/findings'
import { toIsoDay } from '~/domain/dates'
import {
  acceptedUntil,
  checkRiskAcceptanceRequest,
  checkTransition,
  workflowActor,
  type RiskAcceptanceRequest,
} from '~/domain/finding-workflow'
import { appendAudit } from './audit.server'
import {
  auditActor,
  conflictResult,
  updateFindingAtVersion,
  type ChangeMeta,
  type ChangeResult,
  type WorkflowUser,
} from './finding-workflow.server'

/**
 * Risk acceptance follows a two-person rule: one security user requests
 * it, a different one approves it, and only then does the status change.
 */
export function requestRiskAcceptance(
  db: Db,
  actor: WorkflowUser,
  findingId: number,
  input: RiskAcceptanceRequest,
  meta: ChangeMeta = {},
): ChangeResult {
  const now = meta.now ?? new Date()
  return db.transaction((tx): ChangeResult => {
    const finding = tx
      .select()
      .from(findings)
      .where(eq(findings.id, findingId))
      .get()
    if (!finding || finding.archivedAt)
      return { ok: false, kind: 'not_found', message: 'No such finding.' }
    const check = checkRiskAcceptanceRequest(
      finding.status,
      actor,
      input,
      toIsoDay(now),
    )
    if (!check.ok)
      return {
        ok: false,
        kind: 'refused',
        message: check.message,
        fieldErrors: check.fieldErrors,
      }
    const pending = tx
      .select({ id: riskAcceptances.id })
      .from(riskAcceptances)
      .where(
        and(
          eq(riskAcceptances.findingId, findingId),
          eq(riskAcceptances.status, 'pending'),
        ),
      )
      .get()
    if (pending)
      return {
        ok: false,
        kind: 'refused',
        message: 'A risk acceptance request is already waiting for a decision',
      }

    const at = now.toISOString()
    const row = tx
      .insert(riskAcceptances)
      .values({
        findingId,
        justification: input.justification.trim(),
        compensatingControls: input.compensatingControls.trim(),
        expiresOn: input.expiresOn,
        requestedById: actor.id,
        createdAt: at,
      })
      .returning()
      .get()
    tx.insert(findingEvents)
      .values({
        findingId,
        assessmentId: finding.assessmentId,
        actorId: actor.id,
        kind: 'risk_acceptance',
        severity: finding.severity,
        note: `Requested risk acceptance until ${input.expiresOn}: ${input.justification.trim()}`,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'risk_acceptance.requested',
      entityType: 'risk_acceptance',
      entityId: row.id,
      assessmentId: finding.assessmentId,
      after: { findingId, expiresOn: input.expiresOn },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return { ok: true, finding }
  })
}

/** The request waiting for a decision on a finding, if any. */
export function getPendingRiskAcceptance(db: Db, findingId: number) {
  return db
    .select({
      id: riskAcceptances.id,
      justification: riskAcceptances.justification,
      compensatingControls: riskAcceptances.compensatingControls,
      expiresOn: riskAcceptances.expiresOn,
      requestedById: riskAcceptances.requestedById,
      requestedByName: users.name,
      createdAt: riskAcceptances.createdAt,
    })
    .from(riskAcceptances)
    .innerJoin(users, eq(users.id, riskAcceptances.requestedById))
    .where(
      and(
        eq(riskAcceptances.findingId, findingId),
        eq(riskAcceptances.status, 'pending'),
      ),
    )
    .orderBy(desc(riskAcceptances.id))
    .get()
}

/**
 * Approves or rejects the pending request. Approval changes the status
 * (checked by the transition table, which holds the two-person rule) and
 * copies the expiry to the finding so "closed" stays a one-table test.
 */
export function decideRiskAcceptance(
  db: Db,
  actor: WorkflowUser,
  findingId: number,
  expectedVersion: number,
  decision: 'approve' | 'reject',
  note: string | undefined,
  meta: ChangeMeta = {},
): ChangeResult {
  const now = meta.now ?? new Date()
  return db.transaction((tx): ChangeResult => {
    const finding = tx
      .select()
      .from(findings)
      .where(eq(findings.id, findingId))
      .get()
    if (!finding || finding.archivedAt)
      return { ok: false, kind: 'not_found', message: 'No such finding.' }
    const pending = getPendingRiskAcceptance(tx, findingId)
    if (!pending)
      return {
        ok: false,
        kind: 'refused',
        message: 'No risk acceptance request is waiting for a decision',
      }
    if (workflowActor(actor.role) !== 'security')
      return {
        ok: false,
        kind: 'refused',
        message: 'Only the security team can decide on a risk acceptance',
      }
    if (finding.version !== expectedVersion)
      return conflictResult(tx, findingId)

    const at = now.toISOString()
    let updated = finding
    if (decision === 'approve') {
      const check = checkTransition(finding.status, 'risk_accepted', actor, {
        acceptance: pending,
      })
      if (!check.ok)
        return { ok: false, kind: 'refused', message: check.message }
      if (pending.expiresOn <= toIsoDay(now))
        return {
          ok: false,
          kind: 'refused',
          message: 'This request has already expired; ask for a new one',
        }
      const result = updateFindingAtVersion(
        tx,
        findingId,
        expectedVersion,
        {
          status: 'risk_accepted',
          riskAcceptedUntil: acceptedUntil(pending.expiresOn),
        },
        now,
      )
      if (!result) return conflictResult(tx, findingId)
      updated = result
    }
    tx.update(riskAcceptances)
      .set({
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedById: actor.id,
        decidedAt: at,
      })
      .where(eq(riskAcceptances.id, pending.id))
      .run()
    tx.insert(findingEvents)
      .values({
        findingId,
        assessmentId: finding.assessmentId,
        actorId: actor.id,
        kind: decision === 'approve' ? 'status' : 'risk_acceptance',
        fromStatus: decision === 'approve' ? finding.status : null,
        toStatus: decision === 'approve' ? 'risk_accepted' : null,
        severity: finding.severity,
        note:
          decision === 'approve'
            ? `Approved the risk acceptance requested by ${pending.requestedByName}, until ${pending.expiresOn}${note ? `: ${note}` : ''}`
            : `Rejected the risk acceptance request${note ? `: ${note}` : ''}`,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: `risk_acceptance.${decision === 'approve' ? 'approved' : 'rejected'}`,
      entityType: 'risk_acceptance',
      entityId: pending.id,
      assessmentId: finding.assessmentId,
      before: { status: finding.status },
      after: {
        status: updated.status,
        riskAcceptedUntil: updated.riskAcceptedUntil,
      },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return { ok: true, finding: updated }
  })
}
