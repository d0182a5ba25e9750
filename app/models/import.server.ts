import crypto from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { DEFAULT_SEVERITY_WEIGHTS, DEFAULT_SLA_DAYS } from '#db/seed/phase2'
import { parseImport } from '~/domain/import/parse'
import { planImport, type ImportPlan } from '~/domain/import/plan'
import type { ImportFormat } from '~/domain/import/types'
import { STANDARD_RULE_GATES } from '~/domain/standard-gates'
import { appendAudit } from './audit.server'
import type { AuditContext } from './sign-off.server'

export interface NewAssessmentFields {
  name: string
  slug: string
  targetService: string
  assessor: string
  assessedOn: string
}

export type ImportPreview =
  { ok: true; plan: ImportPlan } | { ok: false; message: string }

function listExistingFindings(db: Db, assessmentId: number | null) {
  if (assessmentId === null) return []
  return db
    .select({
      id: findings.id,
      reference: findings.reference,
      fingerprint: findings.fingerprint,
      title: findings.title,
      severity: findings.severity,
      cvssVector: findings.cvssVector,
      cvssScore: findings.cvssScore,
      cweId: findings.cweId,
      owaspTop10: findings.owaspTop10,
      owaspApiTop10: findings.owaspApiTop10,
      description: findings.description,
      remediation: findings.remediation,
    })
    .from(findings)
    .where(eq(findings.assessmentId, assessmentId))
    .all()
}

/** What the import would do, read against the current findings. */
export function previewImport(
  db: Db,
  assessmentId: number | null,
  format: ImportFormat,
  content: string,
): ImportPreview {
  const parsed = parseImport(format, content)
  if (!parsed.ok) return parsed
  return {
    ok: true,
    plan: planImport(
      parsed.findings,
      listExistingFindings(db, assessmentId),
      parsed.errors,
    ),
  }
}

export function isSlugTaken(db: Db, slug: string): boolean {
  return (
    db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.slug, slug))
      .get() !== undefined
  )
}

/**
 * Applies an import in one transaction: the plan is made again inside it,
 * against the findings as they are now, so a confirm after someone else's
 * change neither duplicates nor overwrites blindly. Any error rolls back
 * everything, the new assessment included.
 */
export function applyImport(
  db: Db,
  target: { assessmentId: number } | { create: NewAssessmentFields },
  format: ImportFormat,
  content: string,
  context: AuditContext,
  now = new Date(),
): ImportPreview & { assessmentId?: number; slug?: string } {
  const at = now.toISOString()
  const audit = (
    tx: Db,
    entry: {
      action: string
      entityType: string
      entityId: number
      assessmentId: number
      after?: unknown
    },
  ) =>
    appendAudit(tx, {
      actorId: context.actor.id,
      actorLabel: context.actor.email,
      ipAddress: context.ipAddress ?? null,
      requestId: context.requestId ?? null,
      at,
      ...entry,
    })
  try {
    return applyInTransaction()
  } catch (error) {
    if (error instanceof ImportRefused)
      return { ok: false, message: error.message }
    throw error
  }

  function applyInTransaction() {
    return db.transaction((tx) => {
      let assessmentId: number
      let slug: string
      if ('create' in target) {
        const created = tx
          .insert(assessments)
          .values({
            ...target.create,
            targetWeeksMin: 2,
            targetWeeksMax: 4,
            remediationStartOn: at.slice(0, 10),
            slaDays: DEFAULT_SLA_DAYS,
            severityWeights: DEFAULT_SEVERITY_WEIGHTS,
          })
          .returning({ id: assessments.id, slug: assessments.slug })
          .get()
        assessmentId = created.id
        slug = created.slug
        STANDARD_RULE_GATES.forEach((gate, position) =>
          tx
            .insert(gates)
            .values({ ...gate, assessmentId, type: 'rule', position })
            .run(),
        )
        audit(tx, {
          action: 'assessment.created',
          entityType: 'assessment',
          entityId: assessmentId,
          assessmentId,
          after: { ...target.create, via: `import (${format})` },
        })
      } else {
        assessmentId = target.assessmentId
        slug = ''
      }
      const preview = previewImport(tx, assessmentId, format, content)
      // Throwing rolls back the transaction, the new assessment included.
      if (!preview.ok) throw new ImportRefused(preview.message)
      for (const finding of preview.plan.create) {
        const row = tx
          .insert(findings)
          .values({
            assessmentId,
            reference: finding.reference,
            title: finding.title,
            description: finding.description,
            remediation: finding.remediation,
            affected: finding.affected,
            auditorSeverity: finding.severity,
            severity: finding.severity,
            cvssVector: finding.cvssVector,
            cvssVersion: finding.cvssVersion,
            cvssScore: finding.cvssScore,
            cvssRating: null,
            scoreSource: finding.scoreSource,
            auditorCvssVector: finding.cvssVector,
            auditorCvssScore: finding.cvssScore,
            cweId: finding.cweId,
            owaspTop10: finding.owaspTop10,
            owaspApiTop10: finding.owaspApiTop10,
            fingerprint: finding.fingerprint,
            source: finding.source,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: findings.id })
          .get()
        tx.insert(findingEvents)
          .values({
            findingId: row.id,
            assessmentId,
            actorId: context.actor.id,
            kind: 'created',
            toStatus: 'open',
            severity: finding.severity,
            note: `imported from ${finding.source}`,
            createdAt: at,
          })
          .run()
        audit(tx, {
          action: 'finding.imported',
          entityType: 'finding',
          entityId: row.id,
          assessmentId,
          after: { reference: finding.reference, source: finding.source },
        })
      }
      for (const update of preview.plan.update) {
        const changes = Object.fromEntries(
          update.changes.map((field) => [
            field,
            { from: update.previous[field] ?? null, to: update.finding[field] },
          ]),
        )
        const values = Object.fromEntries(
          update.changes.map((field) => [field, update.finding[field]]),
        )
        tx.update(findings)
          .set({
            ...values,
            updatedAt: at,
            version: sql`${findings.version} + 1`,
          })
          .where(eq(findings.id, update.id))
          .run()
        tx.insert(findingEvents)
          .values({
            findingId: update.id,
            assessmentId,
            actorId: context.actor.id,
            kind: 'edited',
            severity: update.finding.severity,
            changes,
            note: `updated by import from ${update.finding.source}`,
            createdAt: at,
          })
          .run()
        audit(tx, {
          action: 'finding.import_updated',
          entityType: 'finding',
          entityId: update.id,
          assessmentId,
          after: { reference: update.reference, changes: update.changes },
        })
      }
      return { ...preview, assessmentId, slug }
    })
  }
}

class ImportRefused extends Error {}

/**
 * Uploads waiting for confirmation, in this process's memory for 15
 * minutes, keyed by a random id and bound to the user who uploaded. The
 * confirm re-reads the stored content, never anything from the browser.
 */
const PENDING_TTL_MS = 15 * 60 * 1000
const MAX_PENDING = 20
interface PendingImport {
  userId: number
  scope: string
  format: ImportFormat
  content: string
  /** For an import into a new assessment: its fields from the form. */
  fields?: NewAssessmentFields
}

const pending = new Map<string, PendingImport & { expires: number }>()

export function stashPendingImport(
  entry: PendingImport,
  now = Date.now(),
): string {
  for (const [id, item] of pending) if (item.expires < now) pending.delete(id)
  while (pending.size >= MAX_PENDING) {
    const oldest = pending.keys().next().value
    if (oldest === undefined) break
    pending.delete(oldest)
  }
  const id = crypto.randomBytes(18).toString('base64url')
  pending.set(id, { ...entry, expires: now + PENDING_TTL_MS })
  return id
}

export function takePendingImport(
  id: string,
  userId: number,
  scope: string,
  now = Date.now(),
) {
  const entry = pending.get(id)
  if (!entry || entry.userId !== userId || entry.scope !== scope) return null
  pending.delete(id)
  return entry.expires < now ? null : entry
}
