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
import { auditAppender } from './audit.server'
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
  const auditEntry = (entry: {
    action: string
    entityType: string
    entityId: number
    assessmentId: number
    after?: unknown
  }) => ({
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
      const audit = auditAppender(tx)
      const write = importWriters(tx)
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
        audit(
          auditEntry({
            action: 'assessment.created',
            entityType: 'assessment',
            entityId: assessmentId,
            assessmentId,
            after: { ...target.create, via: `import (${format})` },
          }),
        )
      } else {
        assessmentId = target.assessmentId
        slug = ''
      }
      const preview = previewImport(tx, assessmentId, format, content)
      // Throwing rolls back the transaction, the new assessment included.
      if (!preview.ok) throw new ImportRefused(preview.message)
      for (const finding of preview.plan.create) {
        const row = write.finding.get({
          assessmentId,
          reference: finding.reference,
          title: finding.title,
          description: finding.description,
          remediation: finding.remediation,
          affected: finding.affected,
          severity: finding.severity,
          cvssVector: finding.cvssVector,
          cvssVersion: finding.cvssVersion,
          cvssScore: finding.cvssScore,
          scoreSource: finding.scoreSource,
          cweId: finding.cweId,
          owaspTop10: finding.owaspTop10,
          owaspApiTop10: finding.owaspApiTop10,
          fingerprint: finding.fingerprint,
          source: finding.source,
          at,
        })
        if (!row) throw new Error('The imported finding was not stored.')
        write.created.run({
          findingId: row.id,
          assessmentId,
          actorId: context.actor.id,
          severity: finding.severity,
          note: `imported from ${finding.source}`,
          at,
        })
        audit(
          auditEntry({
            action: 'finding.imported',
            entityType: 'finding',
            entityId: row.id,
            assessmentId,
            after: { reference: finding.reference, source: finding.source },
          }),
        )
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
        write.edited.run({
          findingId: update.id,
          assessmentId,
          actorId: context.actor.id,
          severity: update.finding.severity,
          changes,
          note: `updated by import from ${update.finding.source}`,
          at,
        })
        audit(
          auditEntry({
            action: 'finding.import_updated',
            entityType: 'finding',
            entityId: update.id,
            assessmentId,
            after: { reference: update.reference, changes: update.changes },
          }),
        )
      }
      return { ...preview, assessmentId, slug }
    })
  }
}

class ImportRefused extends Error {}

const slot = sql.placeholder

/**
 * The two inserts an import repeats for every finding, prepared once per
 * import instead of once per row. Drizzle would otherwise rebuild each
 * statement and SQLite prepare it again; preparing an insert into
 * finding_events also compiles the burndown trigger on that table
 * (drizzle/0002_open-deltas.sql), which costs more than running it. Values
 * go in through placeholders, so the statements stay parameterized.
 */
function importWriters(tx: Db) {
  return {
    finding: tx
      .insert(findings)
      .values({
        assessmentId: slot('assessmentId'),
        reference: slot('reference'),
        title: slot('title'),
        description: slot('description'),
        remediation: slot('remediation'),
        affected: slot('affected'),
        auditorSeverity: slot('severity'),
        severity: slot('severity'),
        cvssVector: slot('cvssVector'),
        cvssVersion: slot('cvssVersion'),
        cvssScore: slot('cvssScore'),
        cvssRating: null,
        scoreSource: slot('scoreSource'),
        auditorCvssVector: slot('cvssVector'),
        auditorCvssScore: slot('cvssScore'),
        cweId: slot('cweId'),
        owaspTop10: slot('owaspTop10'),
        owaspApiTop10: slot('owaspApiTop10'),
        fingerprint: slot('fingerprint'),
        source: slot('source'),
        createdAt: slot('at'),
        updatedAt: slot('at'),
      })
      .returning({ id: findings.id })
      .prepare(),
    created: tx
      .insert(findingEvents)
      .values({
        findingId: slot('findingId'),
        assessmentId: slot('assessmentId'),
        actorId: slot('actorId'),
        kind: 'created',
        toStatus: 'open',
        severity: slot('severity'),
        note: slot('note'),
        createdAt: slot('at'),
      })
      .prepare(),
    edited: tx
      .insert(findingEvents)
      .values({
        findingId: slot('findingId'),
        assessmentId: slot('assessmentId'),
        actorId: slot('actorId'),
        kind: 'edited',
        severity: slot('severity'),
        changes: slot('changes'),
        note: slot('note'),
        createdAt: slot('at'),
      })
      .prepare(),
  }
}
