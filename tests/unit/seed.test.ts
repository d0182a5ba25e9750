import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { planPhases, remediationTasks, taskFindings } from '#db/schema/plan'
import { users } from '#db/schema/accounts'
import { PHASE2_FINDINGS } from '#db/seed/phase2-findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { scoreCvssVector } from '~/domain/cvss'
import { severityForScore } from '~/domain/severity'
import { createTestDb } from './test-db'

const { db } = createTestDb()
const firstStart = new Date('2026-12-03T09:30:00Z')

beforeAll(() => {
  expect(seedIfEmpty(db, firstStart)).toBe(true)
})

function findingByTitle(title: string) {
  const row = db.select().from(findings).where(eq(findings.title, title)).get()
  if (!row) throw new Error(`missing ${title}`)
  return row
}

describe('The seeded Phase 2 assessment matches the audit overview', () => {
  it('holds 19 findings: 4 critical, 7 high, 6 medium, 2 low by auditor severity', () => {
    const rows = db
      .select({
        severity: findings.auditorSeverity,
        total: sql<number>`count(*)`,
      })
      .from(findings)
      .groupBy(findings.auditorSeverity)
      .all()
    expect(
      Object.fromEntries(rows.map((row) => [row.severity, row.total])),
    ).toEqual({
      critical: 4,
      high: 7,
      medium: 6,
      low: 2,
    })
  })

  it.each([
    ['Hardcoded credentials in Git', 'critical', 10.0],
    ['No WebSocket authentication', 'high', 9.1],
    ['Missing security headers', 'medium', 6.1],
    ['No API versioning', 'low', 2.1],
  ] as const)(
    '"%s" is %s with CVSS %d computed from its vector',
    (title, severity, score) => {
      const finding = findingByTitle(title)
      expect(finding.auditorSeverity).toBe(severity)
      expect(finding.severity).toBe(severity)
      expect(finding.cvssScore).toBe(score)
      expect(finding.scoreSource).toBe('computed')
      expect(scoreCvssVector(finding.cvssVector ?? '').score).toBe(score)
    },
  )

  it('flags exactly the four production blockers', () => {
    const blockers = db
      .select({ title: findings.title })
      .from(findings)
      .where(eq(findings.isBlocker, true))
      .all()
      .map((row) => row.title)
      .sort()
    expect(blockers).toEqual([
      'Hardcoded credentials in Git',
      'No WebSocket authentication',
      'No rate limiting on trading endpoints',
      'SQL injection pattern in query construction',
    ])
  })

  it('gives every finding a vector whose band fits its severity, except the WebSocket finding the auditor rated high', () => {
    const mismatches = PHASE2_FINDINGS.filter(
      (finding) =>
        severityForScore(scoreCvssVector(finding.cvssVector).score) !==
        finding.severity,
    ).map((finding) => finding.title)
    expect(mismatches).toEqual(['No WebSocket authentication'])
  })

  it('gives every finding a CWE, both OWASP categories and a practice', () => {
    const incomplete = db
      .select({ reference: findings.reference })
      .from(findings)
      .where(
        sql`${findings.cweId} is null or ${findings.owaspTop10} is null or ${findings.owaspApiTop10} is null or ${findings.practice} is null`,
      )
      .all()
    expect(incomplete).toEqual([])
  })

  it('starts the sprint on the day of first start, with the 2-3 week target and the review a week later', () => {
    const assessment = db.select().from(assessments).get()
    expect(assessment?.remediationStartOn).toBe('2026-12-03')
    expect(assessment?.targetWeeksMin).toBe(2)
    expect(assessment?.targetWeeksMax).toBe(3)
    expect(assessment?.nextReviewOn).toBe('2026-12-10')
    expect(assessment?.nextReviewNote).toBe(
      'After Phase 1 remediation (1 week)',
    )
    expect(assessment?.auditorVerdict).toBe('DO NOT DEPLOY TO PRODUCTION')
    expect(assessment?.assessedOn).toBe('2025-11-09')
    expect(assessment?.documents.map((document) => document.file)).toEqual([
      'SECURITY_SUMMARY.md',
      'phase2_security_audit.md',
    ])
  })

  it('holds the plan step for step, with each step linked to the findings it remediates', () => {
    const phases = db
      .select()
      .from(planPhases)
      .orderBy(planPhases.position)
      .all()
    expect(phases.map((phase) => phase.name)).toEqual([
      'Immediate (Today)',
      'Week 1 (Critical Blockers)',
      'Week 2-3 (High-Priority)',
      'Ongoing',
    ])
    const steps = (phaseId: number) =>
      db
        .select({ title: remediationTasks.title })
        .from(remediationTasks)
        .where(eq(remediationTasks.phaseId, phaseId))
        .orderBy(remediationTasks.position)
        .all()
        .map((row) => row.title)
    const [immediate, week1, week23, ongoing] = phases.map((phase) =>
      steps(phase.id),
    )
    expect(immediate).toEqual([
      'Read SECURITY_SUMMARY.md',
      'Execute "Quick Wins" section',
      'Schedule remediation sprint',
    ])
    expect(week1).toEqual([
      'Remove secrets from git history',
      'Implement AWS Secrets Manager',
      'Add WebSocket authentication',
      'Audit SQL queries',
      'Implement rate limiting',
    ])
    expect(week23).toEqual([
      'Fix CORS configuration',
      'Add security logging',
      'Enable database SSL',
      'Enforce API key permissions',
    ])
    expect(ongoing).toEqual([
      'Penetration testing',
      'Security code reviews',
      'SAST/DAST integration',
    ])

    const linked = (title: string) =>
      db
        .select({ reference: findings.reference })
        .from(taskFindings)
        .innerJoin(
          remediationTasks,
          eq(remediationTasks.id, taskFindings.taskId),
        )
        .innerJoin(findings, eq(findings.id, taskFindings.findingId))
        .where(eq(remediationTasks.title, title))
        .all()
        .map((row) => row.reference)
    expect(linked('Read SECURITY_SUMMARY.md')).toEqual([])
    expect(linked('Remove secrets from git history')).toEqual(['P2-001'])
    expect(linked('Add WebSocket authentication')).toEqual([
      findingByTitle('No WebSocket authentication').reference,
    ])
    expect(linked('Audit SQL queries')).toEqual([
      findingByTitle('SQL injection pattern in query construction').reference,
    ])
    expect(linked('Implement rate limiting')).toEqual([
      findingByTitle('No rate limiting on trading endpoints').reference,
    ])
  })

  it('seeds readiness gates, rule and checklist, all enabled', () => {
    const rows = db.select().from(gates).all()
    expect(
      rows.filter((gate) => gate.type === 'rule').length,
    ).toBeGreaterThanOrEqual(5)
    expect(
      rows.filter((gate) => gate.type === 'checklist').map((gate) => gate.name),
    ).toContain('TLS to the database verified')
    expect(rows.every((gate) => gate.enabled)).toBe(true)
  })

  it('creates no user account: there are no default credentials', () => {
    expect(db.select().from(users).all()).toEqual([])
  })

  it('does not seed twice', () => {
    expect(seedIfEmpty(db, new Date('2026-12-05T00:00:00Z'))).toBe(false)
    const total = db
      .select({ total: sql<number>`count(*)` })
      .from(findings)
      .where(and(eq(findings.assessmentId, 1)))
      .get()
    expect(total?.total).toBe(19)
  })

  it('keeps code examples free of anything shaped like a real credential', () => {
    const text = JSON.stringify(PHASE2_FINDINGS)
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/)
    expect(text).not.toMatch(/(password|secret)\s*=\s*["'][^"'$]{6,}["']/i)
  })
})
