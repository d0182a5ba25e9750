import { and, asc, eq, isNull, notLike, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { auditLog } from '#db/schema/audit'
import { evidence, findings, riskAcceptances } from '#db/schema/findings'
import { signOffRequirements, signOffs } from '#db/schema/reports'
import { isFindingClosed } from '~/domain/finding-status'
import { OWASP_API_TOP10_2023, OWASP_TOP10_2021 } from '~/domain/owasp'
import type {
  ReportComplianceRow,
  ReportEvidence,
  ReportState,
} from '~/domain/report-state'
import { openFindingCondition } from './finding-closed.server'
import { loadReadiness } from './readiness.server'
import { isSignatureStale, lastFindingChangeAt } from './sign-off.server'

const verifier = alias(users, 'verifier')
const requester = alias(users, 'requester')
const approver = alias(users, 'approver')

/**
 * Reads everything a report shows into one plain `ReportState`. `now`
 * decides which risk acceptances still close their finding, as everywhere.
 */
export function loadReportState(
  db: Db,
  assessmentId: number,
  now = new Date(),
): ReportState {
  const assessment = db
    .select()
    .from(assessments)
    .where(eq(assessments.id, assessmentId))
    .get()
  if (!assessment) throw new Error(`assessment ${assessmentId} not found`)
  const readiness = loadReadiness(db, assessmentId, now)
  const lastChange = lastFindingChangeAt(db, assessmentId)

  const findingRows = db
    .select({ finding: findings, verifiedBy: verifier.name })
    .from(findings)
    .leftJoin(verifier, eq(verifier.id, findings.verifiedById))
    .where(
      and(eq(findings.assessmentId, assessmentId), isNull(findings.archivedAt)),
    )
    .orderBy(asc(findings.reference))
    .all()
  const evidenceRows = db
    .select({
      findingId: evidence.findingId,
      kind: evidence.kind,
      value: evidence.value,
      addedBy: users.name,
      addedAt: evidence.createdAt,
    })
    .from(evidence)
    .innerJoin(findings, eq(findings.id, evidence.findingId))
    .innerJoin(users, eq(users.id, evidence.addedById))
    .where(eq(findings.assessmentId, assessmentId))
    .orderBy(asc(evidence.id))
    .all()
  const evidenceByFinding = new Map<number, ReportEvidence[]>()
  for (const { findingId, ...row } of evidenceRows) {
    const list = evidenceByFinding.get(findingId) ?? []
    list.push(row)
    evidenceByFinding.set(findingId, list)
  }

  return {
    assessment: {
      slug: assessment.slug,
      name: assessment.name,
      targetService: assessment.targetService,
      assessor: assessment.assessor,
      assessedOn: assessment.assessedOn,
      status: assessment.status,
      summary: assessment.summary,
      auditorVerdict: assessment.auditorVerdict,
    },
    verdict: {
      ready: readiness.ready,
      failingGates: readiness.failing.length,
    },
    gates: readiness.gates
      .filter((gate) => gate.enabled)
      .map((gate) => ({
        name: gate.name,
        type: gate.type,
        passed: gate.passed,
        reasons: gate.reasons.map((reason) =>
          reason.kind === 'finding'
            ? `${reason.reference} ${reason.title}: ${reason.detail}`
            : reason.kind === 'task'
              ? `${reason.title}: ${reason.detail}`
              : reason.detail,
        ),
      })),
    findings: findingRows.map(({ finding, verifiedBy }) => ({
      reference: finding.reference,
      title: finding.title,
      description: finding.description,
      remediation: finding.remediation,
      severity: finding.severity,
      cvssScore: finding.cvssScore,
      cvssVector: finding.cvssVector,
      scoreSource: finding.scoreSource,
      cweId: finding.cweId,
      owaspTop10: finding.owaspTop10,
      owaspApiTop10: finding.owaspApiTop10,
      status: finding.status,
      closed: isFindingClosed(finding, now),
      isBlocker: finding.isBlocker,
      verifiedBy: verifiedBy ?? null,
      verifiedAt: finding.verifiedAt,
      updatedAt: finding.updatedAt,
      evidence: evidenceByFinding.get(finding.id) ?? [],
    })),
    riskAcceptances: listRiskAcceptancesForReport(db, assessmentId),
    signOffs: listSignOffsForReport(db, assessmentId).map((signOff) => ({
      ...signOff,
      stale: isSignatureStale(signOff.signedAt, lastChange),
    })),
    compliance: countFindingsByOwasp(db, assessmentId, now),
    audit: listAuditForReport(db, assessmentId),
  }
}

function listRiskAcceptancesForReport(db: Db, assessmentId: number) {
  return db
    .select({
      reference: findings.reference,
      status: riskAcceptances.status,
      justification: riskAcceptances.justification,
      compensatingControls: riskAcceptances.compensatingControls,
      expiresOn: riskAcceptances.expiresOn,
      requestedBy: requester.name,
      approvedBy: approver.name,
      decidedAt: riskAcceptances.decidedAt,
    })
    .from(riskAcceptances)
    .innerJoin(findings, eq(findings.id, riskAcceptances.findingId))
    .innerJoin(requester, eq(requester.id, riskAcceptances.requestedById))
    .leftJoin(approver, eq(approver.id, riskAcceptances.decidedById))
    .where(eq(findings.assessmentId, assessmentId))
    .orderBy(asc(findings.reference), asc(riskAcceptances.id))
    .all()
}

function listSignOffsForReport(db: Db, assessmentId: number) {
  return db
    .select({
      name: signOffs.signerName,
      role: signOffs.signerRole,
      capacity: signOffRequirements.capacity,
      statement: signOffs.statement,
      gateException: signOffs.gateException,
      signedAt: signOffs.createdAt,
      stateDigest: signOffs.stateDigest,
    })
    .from(signOffs)
    .leftJoin(
      signOffRequirements,
      and(
        eq(signOffRequirements.assessmentId, signOffs.assessmentId),
        eq(signOffRequirements.userId, signOffs.userId),
      ),
    )
    .where(eq(signOffs.assessmentId, assessmentId))
    .orderBy(asc(signOffs.id))
    .all()
}

/** Findings and open findings per OWASP category, grouped in SQL. */
export function countFindingsByOwasp(
  db: Db,
  assessmentId: number,
  now = new Date(),
): ReportComplianceRow[] {
  const count = (
    column: typeof findings.owaspTop10 | typeof findings.owaspApiTop10,
  ) =>
    db
      .select({
        category: sql<string>`${column}`,
        findings: sql<number>`count(*)`,
        open: sql<number>`sum(case when ${openFindingCondition(now)} then 1 else 0 end)`,
      })
      .from(findings)
      .where(
        and(
          eq(findings.assessmentId, assessmentId),
          isNull(findings.archivedAt),
          sql`${column} is not null`,
        ),
      )
      .groupBy(column)
      .orderBy(column)
      .all()
  const names: Record<string, string> = {
    ...OWASP_TOP10_2021,
    ...OWASP_API_TOP10_2023,
  }
  return [...count(findings.owaspTop10), ...count(findings.owaspApiTop10)].map(
    (row) => ({
      category: row.category,
      name: names[row.category] ?? row.category,
      findings: Number(row.findings),
      open: Number(row.open ?? 0),
    }),
  )
}

/** The assessment's audit trail, without the report's own read events. */
function listAuditForReport(db: Db, assessmentId: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.assessmentId, assessmentId),
        notLike(auditLog.action, 'report.%'),
        notLike(auditLog.action, 'share_link.%'),
      ),
    )
    .orderBy(asc(auditLog.id))
    .all()
    .map(({ entityType, entityId, ...row }) => ({
      ...row,
      entity: entityId ? `${entityType} ${entityId}` : entityType,
    }))
}
