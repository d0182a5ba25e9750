import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import type { Role } from '#db/schema/accounts'
import { users } from '#db/schema/accounts'
import {
  evidence,
  findingEvents,
  findings,
  riskAcceptances,
  type SelectFinding,
} from '#db/schema/findings'
import {
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '~/domain/finding-status'
import { checkTransition, type FixEvidence } from '~/domain/finding-workflow'
import { appendAudit } from './audit.server'

/** Who is acting: a signed-in user or an API token's owner. */
export interface WorkflowUser {
  id: number
  name: string
  email: string
  role: Role
}

/** Request facts that go into the audit log. */
export interface ChangeMeta {
  ipAddress?: string | null
  requestId?: string | null
  now?: Date
}

export interface ConflictDetails {
  changedBy: string
  changedAt: string
  description: string
  currentVersion: number
}

export type ChangeResult =
  | { ok: true; finding: SelectFinding }
  | { ok: false; kind: 'not_found'; message: string }
  | {
      ok: false
      kind: 'refused'
      message: string
      fieldErrors?: Partial<Record<string, string>>
    }
  | {
      ok: false
      kind: 'conflict'
      message: string
      conflict: ConflictDetails
    }

/** Event kinds that bump the finding's version, so they explain conflicts. */
const VERSIONED_KINDS = [
  'created',
  'status',
  'assigned',
  'due_date',
  'severity',
  'edited',
  'archived',
] as const

/**
 * The change that made a submit stale: the latest versioned event, read so
 * the person whose submit lost can be told who changed what.
 */
export function describeLastChange(
  db: Db,
  finding: Pick<SelectFinding, 'id' | 'version' | 'updatedAt'>,
): ConflictDetails {
  const last = db
    .select({
      kind: findingEvents.kind,
      fromStatus: findingEvents.fromStatus,
      toStatus: findingEvents.toStatus,
      createdAt: findingEvents.createdAt,
      actorName: users.name,
    })
    .from(findingEvents)
    .leftJoin(users, eq(users.id, findingEvents.actorId))
    .where(
      and(
        eq(findingEvents.findingId, finding.id),
        inArray(findingEvents.kind, [...VERSIONED_KINDS]),
      ),
    )
    .orderBy(desc(findingEvents.id))
    .limit(1)
    .get()
  const what =
    last?.kind === 'status' && last.fromStatus && last.toStatus
      ? `from ${FINDING_STATUS_LABELS[last.fromStatus]} to ${FINDING_STATUS_LABELS[last.toStatus]}`
      : last
        ? `${last.kind.replace('_', ' ')} changed`
        : 'an edit'
  return {
    changedBy: last ? (last.actorName ?? 'Clearance (automatic)') : 'Someone',
    changedAt: last?.createdAt ?? finding.updatedAt,
    description: what,
    currentVersion: finding.version,
  }
}

export function conflictMessage(details: ConflictDetails): string {
  const at = details.changedAt.slice(0, 16).replace('T', ' ')
  return `${details.changedBy} changed this finding at ${at} UTC (${details.description}). Your input is kept below; reload to see their change.`
}

export function conflictResult(db: Db, findingId: number): ChangeResult {
  const current = db
    .select()
    .from(findings)
    .where(eq(findings.id, findingId))
    .get()
  if (!current)
    return { ok: false, kind: 'not_found', message: 'No such finding.' }
  const conflict = describeLastChange(db, current)
  return {
    ok: false,
    kind: 'conflict',
    message: conflictMessage(conflict),
    conflict,
  }
}

/**
 * Applies `values` only if the finding still has `expectedVersion`, and
 * bumps the version. Returns the updated row, or undefined when someone
 * else changed it first.
 */
export function updateFindingAtVersion(
  db: Db,
  findingId: number,
  expectedVersion: number,
  values: Partial<SelectFinding>,
  now: Date,
): SelectFinding | undefined {
  return db
    .update(findings)
    .set({
      ...values,
      updatedAt: now.toISOString(),
      version: sql`${findings.version} + 1`,
    })
    .where(
      and(eq(findings.id, findingId), eq(findings.version, expectedVersion)),
    )
    .returning()
    .get()
}

export function auditActor(actor: WorkflowUser | null) {
  return actor
    ? { actorId: actor.id, actorLabel: actor.email }
    : { actorId: null, actorLabel: 'system' }
}

export interface StatusChangeInput {
  to: FindingStatus
  note?: string | undefined
  evidence?: FixEvidence | undefined
}

const EVIDENCE_FIELDS = [
  ['commit', 'commit'],
  ['pullRequest', 'pull_request'],
  ['release', 'release'],
  ['note', 'note'],
] as const

/**
 * Moves a finding to another status, checked against the transition
 * table, in one transaction: the versioned update, the evidence, the
 * history event and the audit entry commit together or not at all.
 */
export function changeFindingStatus(
  db: Db,
  actor: WorkflowUser,
  findingId: number,
  expectedVersion: number,
  input: StatusChangeInput,
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
    if (finding.version !== expectedVersion)
      return conflictResult(tx, findingId)
    if (input.to === 'risk_accepted')
      return {
        ok: false,
        kind: 'refused',
        message:
          'A risk is accepted through a request that another security team member approves',
      }

    const check = checkTransition(finding.status, input.to, actor, {
      fixedById: finding.fixedById,
      evidence: input.evidence,
      note: input.note,
    })
    if (!check.ok)
      return {
        ok: false,
        kind: 'refused',
        message: check.message,
        ...(check.field
          ? { fieldErrors: { [check.field]: check.message } }
          : {}),
      }

    const at = now.toISOString()
    const values: Partial<SelectFinding> = { status: input.to }
    if (input.to === 'fixed')
      Object.assign(values, { fixedById: actor.id, fixedAt: at })
    if (input.to === 'verified')
      Object.assign(values, { verifiedById: actor.id, verifiedAt: at })
    if (input.to === 'reopened' || input.to === 'in_progress')
      Object.assign(values, { verifiedById: null, verifiedAt: null })
    if (finding.status === 'risk_accepted') values.riskAcceptedUntil = null
    const updated = updateFindingAtVersion(
      tx,
      findingId,
      expectedVersion,
      values,
      now,
    )
    if (!updated) return conflictResult(tx, findingId)

    if (input.to === 'fixed')
      for (const [field, kind] of EVIDENCE_FIELDS) {
        const value = input.evidence?.[field]?.trim()
        if (value)
          tx.insert(evidence)
            .values({
              findingId,
              kind,
              value,
              addedById: actor.id,
              createdAt: at,
            })
            .run()
      }
    if (input.to === 'verified' && input.note)
      tx.insert(evidence)
        .values({
          findingId,
          kind: 'retest',
          value: input.note.trim(),
          addedById: actor.id,
          createdAt: at,
        })
        .run()
    if (finding.status === 'risk_accepted')
      tx.update(riskAcceptances)
        .set({ status: 'revoked', decidedById: actor.id, decidedAt: at })
        .where(
          and(
            eq(riskAcceptances.findingId, findingId),
            eq(riskAcceptances.status, 'approved'),
          ),
        )
        .run()
    tx.insert(findingEvents)
      .values({
        findingId,
        assessmentId: finding.assessmentId,
        actorId: actor.id,
        kind: 'status',
        fromStatus: finding.status,
        toStatus: input.to,
        severity: finding.severity,
        note: input.note?.trim() || input.evidence?.note?.trim() || null,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'finding.status_changed',
      entityType: 'finding',
      entityId: findingId,
      assessmentId: finding.assessmentId,
      before: { status: finding.status, version: finding.version },
      after: {
        status: input.to,
        version: updated.version,
        note: input.note ?? null,
      },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return { ok: true, finding: updated }
  })
}
