import { and, eq, exists, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessmentMembers } from '#db/schema/assessments'
import {
  comments,
  evidence,
  findingEvents,
  findings,
  type SelectFinding,
} from '#db/schema/findings'
import { tryScoreCvssVector } from '~/domain/cvss'
import type { Severity } from '~/domain/severity'
import { appendAudit } from './audit.server'
import { preparedPerConnection } from './prepared.server'
import {
  auditActor,
  conflictResult,
  updateFindingAtVersion,
  type ChangeMeta,
  type ChangeResult,
  type WorkflowUser,
} from './finding-workflow.server'

type FieldKind = 'assigned' | 'due_date' | 'severity' | 'edited' | 'archived'

/**
 * The one path for versioned field changes (assignee, due date, severity,
 * ticket, edits, archiving): optimistic update, history event and audit
 * entry in one transaction.
 */
export function changeFindingFields(
  db: Db,
  actor: WorkflowUser,
  findingId: number,
  expectedVersion: number,
  change: {
    kind: FieldKind
    values: Partial<SelectFinding>
    note?: string | null
  },
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

    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const [key, to] of Object.entries(change.values))
      changes[key] = { from: finding[key as keyof SelectFinding], to }
    const updated = updateFindingAtVersion(
      tx,
      findingId,
      expectedVersion,
      change.values,
      now,
    )
    if (!updated) return conflictResult(tx, findingId)

    const at = now.toISOString()
    tx.insert(findingEvents)
      .values({
        findingId,
        assessmentId: finding.assessmentId,
        actorId: actor.id,
        kind: change.kind,
        severity: updated.severity,
        changes,
        note: change.note ?? null,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: `finding.${change.kind}`,
      entityType: 'finding',
      entityId: findingId,
      assessmentId: finding.assessmentId,
      before: Object.fromEntries(
        Object.entries(changes).map(([key, value]) => [key, value.from]),
      ),
      after: change.values,
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return { ok: true, finding: updated }
  })
}

// Prepared once per connection: every findings list and finding page
// offers these people as assignees.
const assignableUsers = preparedPerConnection((db) =>
  db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        isNull(users.disabledAt),
        or(
          eq(users.role, 'security'),
          eq(users.role, 'admin'),
          and(
            eq(users.role, 'engineer'),
            exists(
              db
                .select({ one: assessmentMembers.userId })
                .from(assessmentMembers)
                .where(
                  and(
                    eq(
                      assessmentMembers.assessmentId,
                      sql.placeholder('assessmentId'),
                    ),
                    eq(assessmentMembers.userId, users.id),
                  ),
                ),
            ),
          ),
        ),
      ),
    )
    .orderBy(users.name)
    .prepare(),
)

/**
 * People a finding may be assigned to: enabled engineers and security
 * users who can see the assessment (security sees all, engineers only as
 * members).
 */
export function listAssignableUsers(db: Db, assessmentId: number) {
  return assignableUsers(db).all({ assessmentId })
}

export function isAssignable(db: Db, assessmentId: number, userId: number) {
  return listAssignableUsers(db, assessmentId).some(
    (user) => user.id === userId,
  )
}

/** Comments never conflict: they add to the finding, they change nothing. */
export function addComment(
  db: Db,
  actor: WorkflowUser,
  finding: Pick<SelectFinding, 'id' | 'assessmentId'>,
  body: string,
  meta: ChangeMeta = {},
) {
  const at = (meta.now ?? new Date()).toISOString()
  return db.transaction((tx) => {
    const row = tx
      .insert(comments)
      .values({
        findingId: finding.id,
        authorId: actor.id,
        body,
        createdAt: at,
      })
      .returning()
      .get()
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'finding.commented',
      entityType: 'comment',
      entityId: row.id,
      assessmentId: finding.assessmentId,
      after: { findingId: finding.id, length: body.length },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return row
  })
}

export interface EvidenceInput {
  kind: 'link' | 'file' | 'commit' | 'pull_request' | 'release' | 'note'
  value: string
  fileName?: string
  storedPath?: string
  mimeType?: string
  sizeBytes?: number
}

/** Evidence adds to the record; like comments, it needs no version check. */
export function addEvidence(
  db: Db,
  actor: WorkflowUser,
  finding: Pick<SelectFinding, 'id' | 'assessmentId' | 'severity'>,
  input: EvidenceInput,
  meta: ChangeMeta = {},
) {
  const at = (meta.now ?? new Date()).toISOString()
  return db.transaction((tx) => {
    const row = tx
      .insert(evidence)
      .values({
        findingId: finding.id,
        addedById: actor.id,
        createdAt: at,
        ...input,
      })
      .returning()
      .get()
    tx.insert(findingEvents)
      .values({
        findingId: finding.id,
        assessmentId: finding.assessmentId,
        actorId: actor.id,
        kind: 'evidence',
        severity: finding.severity,
        note: `Added evidence: ${input.fileName ?? input.value}`,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'finding.evidence_added',
      entityType: 'evidence',
      entityId: row.id,
      assessmentId: finding.assessmentId,
      after: { findingId: finding.id, kind: input.kind, value: input.value },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return row
  })
}

export function getEvidence(db: Db, findingId: number, evidenceId: number) {
  return db
    .select()
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), eq(evidence.findingId, findingId)))
    .get()
}

export type SeverityChange = {
  severity: Severity
  cvssVector: string | null
  cvssVersion: '3.1' | '4.0' | null
  cvssScore: number | null
  cvssRating: SelectFinding['cvssRating']
  scoreSource: SelectFinding['scoreSource']
}

/** Severity and CVSS change together; the score is computed, never typed. */
export function changeSeverity(
  db: Db,
  actor: WorkflowUser,
  finding: SelectFinding,
  version: number,
  data: Record<string, string | number | undefined>,
  meta: ChangeMeta = {},
): ChangeResult {
  const vector = typeof data.cvssVector === 'string' ? data.cvssVector : ''
  const values: Partial<SelectFinding> = {
    severity: data.severity as SelectFinding['severity'],
  }
  if (vector !== '' && vector !== finding.cvssVector) {
    const scored = tryScoreCvssVector(vector)
    if (!scored.ok)
      return {
        ok: false,
        kind: 'refused',
        message: scored.error,
        fieldErrors: { cvssVector: scored.error },
      }
    Object.assign(values, {
      cvssVector: scored.result.vector,
      cvssVersion: scored.result.version,
      cvssScore: scored.result.score,
      cvssRating: scored.result.rating,
      scoreSource: 'computed',
    })
  }
  return changeFindingFields(
    db,
    actor,
    finding.id,
    version,
    { kind: 'severity', values, note: String(data.justification ?? '') },
    meta,
  )
}
