import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import type { SelectAssessment } from '#db/schema/assessments'
import { findingEvents, findings } from '#db/schema/findings'
import { tryScoreCvssVector } from '~/domain/cvss'
import { toIsoDay } from '~/domain/dates'
import { defaultDueOn, nextFindingReference } from '~/domain/finding-due-date'
import type { Severity } from '~/domain/severity'
import { appendAudit } from './audit.server'
import {
  auditActor,
  type ChangeMeta,
  type ChangeResult,
  type WorkflowUser,
} from './finding-workflow.server'

export interface NewFinding {
  title: string
  severity: Severity
  reference?: string | undefined
  description: string
  remediation: string
  affected: string[]
  cvssVector?: string | undefined
  dueOn?: string | undefined
}

/**
 * Adds a finding the security team found after the audit. The reference
 * continues the assessment's numbering unless one is given; the due date
 * defaults to the severity's SLA (a new finding is in no plan task yet).
 */
export function createFinding(
  db: Db,
  actor: WorkflowUser,
  assessment: Pick<SelectAssessment, 'id' | 'slaDays' | 'remediationStartOn'>,
  input: NewFinding,
  meta: ChangeMeta = {},
): ChangeResult {
  const now = meta.now ?? new Date()
  const at = now.toISOString()
  let cvss = null
  if (input.cvssVector) {
    const scored = tryScoreCvssVector(input.cvssVector)
    if (!scored.ok)
      return {
        ok: false,
        kind: 'refused',
        message: scored.error,
        fieldErrors: { cvssVector: scored.error },
      }
    cvss = scored.result
  }
  return db.transaction((tx): ChangeResult => {
    const references = tx
      .select({ reference: findings.reference })
      .from(findings)
      .where(eq(findings.assessmentId, assessment.id))
      .all()
      .map((row) => row.reference)
    const reference = input.reference ?? nextFindingReference(references)
    const taken = tx
      .select({ id: findings.id })
      .from(findings)
      .where(
        and(
          eq(findings.assessmentId, assessment.id),
          eq(findings.reference, reference),
        ),
      )
      .get()
    if (taken)
      return {
        ok: false,
        kind: 'refused',
        message: 'Some fields need attention',
        fieldErrors: { reference: `${reference} is already used here` },
      }
    const dueOn =
      input.dueOn ??
      defaultDueOn({
        severity: input.severity,
        createdOn: toIsoDay(now),
        remediationStartOn: assessment.remediationStartOn,
        slaDays: assessment.slaDays,
        phases: [],
      })
    const finding = tx
      .insert(findings)
      .values({
        assessmentId: assessment.id,
        reference,
        title: input.title,
        description: input.description,
        remediation: input.remediation,
        affected: input.affected,
        auditorSeverity: input.severity,
        severity: input.severity,
        cvssVector: cvss?.vector ?? null,
        cvssVersion: cvss?.version ?? null,
        cvssScore: cvss?.score ?? null,
        cvssRating: cvss?.rating ?? null,
        scoreSource: cvss ? 'computed' : null,
        auditorCvssVector: cvss?.vector ?? null,
        auditorCvssScore: cvss?.score ?? null,
        dueOn,
        source: 'manual',
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get()
    tx.insert(findingEvents)
      .values({
        findingId: finding.id,
        assessmentId: assessment.id,
        actorId: actor.id,
        kind: 'created',
        toStatus: 'open',
        severity: finding.severity,
        createdAt: at,
      })
      .run()
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'finding.created',
      entityType: 'finding',
      entityId: finding.id,
      assessmentId: assessment.id,
      after: { reference, title: input.title, severity: input.severity },
      ipAddress: meta.ipAddress ?? null,
      requestId: meta.requestId ?? null,
      at,
    })
    return { ok: true, finding }
  })
}
