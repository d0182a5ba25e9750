import { addDays } from '../../app/domain/dates'
import { scoreCvssVector } from '../../app/domain/cvss'
import {
  STANDARD_RULE_GATES,
  type StandardRuleGate,
} from '../../app/domain/standard-gates'
import type { Db } from '../client.server'
import { assessments } from '../schema/assessments'
import { findingEvents, findings } from '../schema/findings'
import { gates } from '../schema/gates'
import { planPhases, remediationTasks, taskFindings } from '../schema/plan'
import { PHASE2_FINDINGS } from './phase2-findings'

export const PHASE2_SLUG = 'phase-2-backend'

/** Default days to fix, per severity, when a finding is in no plan phase. */
export const DEFAULT_SLA_DAYS = {
  critical: 7,
  high: 30,
  medium: 90,
  low: 120,
  info: 180,
}

/** How much an open finding of each severity weighs in risk charts. */
export const DEFAULT_SEVERITY_WEIGHTS = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
  info: 0,
}

interface SeedPhase {
  name: string
  goal: string
  startOffsetDays: number
  endOffsetDays: number | null
  tasks: { title: string; findings: string[]; quickWin?: boolean }[]
}

// The audit's "Next steps", step for step. Offsets count days from the
// remediation start: Immediate is its first day, Week 1 its first seven,
// Weeks 2-3 the fourteen after.
const PHASE2_PLAN: SeedPhase[] = [
  {
    name: 'Immediate (Today)',
    goal: 'Read the summary, take the quick wins, schedule the sprint.',
    startOffsetDays: 0,
    endOffsetDays: 0,
    tasks: [
      { title: 'Read SECURITY_SUMMARY.md', findings: [] },
      {
        title: 'Execute "Quick Wins" section',
        findings: ['P2-012', 'P2-013', 'P2-019'],
        quickWin: true,
      },
      { title: 'Schedule remediation sprint', findings: [] },
    ],
  },
  {
    name: 'Week 1 (Critical Blockers)',
    goal: 'Remove the four production blockers.',
    startOffsetDays: 0,
    endOffsetDays: 6,
    tasks: [
      { title: 'Remove secrets from git history', findings: ['P2-001'] },
      {
        title: 'Implement AWS Secrets Manager',
        findings: ['P2-001', 'P2-004'],
      },
      { title: 'Add WebSocket authentication', findings: ['P2-005'] },
      { title: 'Audit SQL queries', findings: ['P2-002'] },
      { title: 'Implement rate limiting', findings: ['P2-003'] },
    ],
  },
  {
    name: 'Week 2-3 (High-Priority)',
    goal: 'Close the high-priority findings.',
    startOffsetDays: 7,
    endOffsetDays: 20,
    tasks: [
      { title: 'Fix CORS configuration', findings: ['P2-006'] },
      { title: 'Add security logging', findings: ['P2-009', 'P2-016'] },
      { title: 'Enable database SSL', findings: ['P2-008'] },
      { title: 'Enforce API key permissions', findings: ['P2-007'] },
    ],
  },
  {
    name: 'Ongoing',
    goal: 'Keep the service secure after release.',
    startOffsetDays: 0,
    endOffsetDays: null,
    tasks: [
      { title: 'Penetration testing', findings: [] },
      { title: 'Security code reviews', findings: [] },
      { title: 'SAST/DAST integration', findings: [] },
    ],
  },
]

// The audit's "testing checklist before production", as checklist gates.
const PHASE2_CHECKLIST = [
  ['Secrets scan clean', 'The whole git history scans clean for secrets.'],
  [
    'WebSocket authentication tested',
    'Unauthenticated and cross-origin WebSocket handshakes are refused.',
  ],
  [
    'REST authentication and authorization tested',
    'Every endpoint refuses missing, expired and out-of-scope credentials.',
  ],
  ['SQL injection tests pass', 'sqlmap finds nothing on any parameter.'],
  [
    'Rate limits tested',
    'Login, orders and inference answer 429 with Retry-After past the limit.',
  ],
  [
    'CORS and security headers checked',
    'Foreign origins get no CORS headers; CSP, HSTS, nosniff present.',
  ],
  [
    'TLS to the database verified',
    'Plain connections to PostgreSQL are refused; certificates verified.',
  ],
  [
    'Security logging verified',
    'Logins, denials and orders appear in the security log without secrets.',
  ],
] as const

/**
 * Loads the Phase 2 assessment. The remediation sprint starts on `startOn`
 * (the day of first start); nothing is assigned or progressed: the seed is
 * the audit's truth, with no invented history.
 */
export function seedPhase2(
  db: Db,
  startOn: string,
  now: string,
  // Tests load extra copies under other slugs so each can change its own.
  copy: { slug: string; name: string } = {
    slug: PHASE2_SLUG,
    name: 'Security Assessment Phase 2 - Backend Service',
  },
): number {
  return db.transaction((tx) => {
    const [assessment] = tx
      .insert(assessments)
      .values({
        slug: copy.slug,
        name: copy.name,
        targetService: 'TradingView ML Visualization API backend',
        assessor: 'Senior Security Engineer',
        assessedOn: '2025-11-09',
        status: 'in_remediation',
        summary:
          '19 vulnerabilities: 4 critical, 7 high, 6 medium, 2 low. Four critical issues block production. Estimated time to production-ready: 2-3 weeks.',
        auditorVerdict: 'DO NOT DEPLOY TO PRODUCTION',
        targetWeeksMin: 2,
        targetWeeksMax: 3,
        remediationStartOn: startOn,
        nextReviewOn: addDays(startOn, 7),
        nextReviewNote: 'After Phase 1 remediation (1 week)',
        documents: [
          {
            title: 'Executive Summary',
            file: 'SECURITY_SUMMARY.md',
            audience: 'Management, Product Team, DevOps',
            summary:
              '2 pages: critical vulnerabilities requiring immediate attention, remediation timeline (2-3 weeks), quick wins that can be done today, testing checklist before production. Read this first.',
          },
          {
            title: 'Full Security Audit Report',
            file: 'phase2_security_audit.md',
            audience: 'Security Engineers, Senior Developers, Architects',
            summary:
              '43 pages: detailed analysis of 19 vulnerabilities, CVSS scores and exploit scenarios, step-by-step remediation with code examples, OWASP Top 10 compliance assessment, security best practices scorecard.',
          },
        ],
        contacts: [
          { label: 'Security Team', value: 'security-team@yourdomain.com' },
          {
            label: 'Questions',
            value: 'See full audit report for detailed technical guidance',
          },
        ],
        escalation: 'CTO',
        slaDays: DEFAULT_SLA_DAYS,
        severityWeights: DEFAULT_SEVERITY_WEIGHTS,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: assessments.id })
      .all()
    if (!assessment) throw new Error('Could not create the assessment')

    const phaseEnds = new Map<string, string>()
    for (const phase of PHASE2_PLAN) {
      if (phase.endOffsetDays === null) continue
      for (const task of phase.tasks)
        for (const reference of task.findings)
          if (!phaseEnds.has(reference))
            phaseEnds.set(reference, addDays(startOn, phase.endOffsetDays))
    }

    const findingIds = new Map<string, number>()
    for (const seed of PHASE2_FINDINGS) {
      const cvss = scoreCvssVector(seed.cvssVector)
      const [row] = tx
        .insert(findings)
        .values({
          assessmentId: assessment.id,
          reference: seed.reference,
          title: seed.title,
          description: seed.description,
          affected: seed.affected,
          impact: seed.impact,
          exploitScenario: seed.exploitScenario,
          remediation: seed.remediation,
          references: seed.references,
          auditorSeverity: seed.severity,
          severity: seed.severity,
          cvssVector: cvss.vector,
          cvssVersion: cvss.version,
          cvssScore: cvss.score,
          cvssRating: cvss.rating,
          scoreSource: 'computed',
          auditorCvssVector: cvss.vector,
          auditorCvssScore: cvss.score,
          cweId: seed.cweId,
          owaspTop10: seed.owaspTop10,
          owaspApiTop10: seed.owaspApiTop10,
          practice: seed.practice,
          isBlocker: seed.isBlocker,
          isQuickWin: seed.isQuickWin,
          status: 'open',
          dueOn:
            phaseEnds.get(seed.reference) ??
            addDays(startOn, DEFAULT_SLA_DAYS[seed.severity]),
          source: 'audit',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: findings.id })
        .all()
      if (!row) throw new Error(`Could not create ${seed.reference}`)
      findingIds.set(seed.reference, row.id)
      tx.insert(findingEvents)
        .values({
          findingId: row.id,
          assessmentId: assessment.id,
          kind: 'created',
          toStatus: 'open',
          severity: seed.severity,
          note: 'Reported in the Phase 2 assessment (2025-11-09).',
          createdAt: now,
        })
        .run()
    }

    const phaseIds: number[] = []
    for (const [phaseIndex, phase] of PHASE2_PLAN.entries()) {
      const [phaseRow] = tx
        .insert(planPhases)
        .values({
          assessmentId: assessment.id,
          name: phase.name,
          goal: phase.goal,
          position: phaseIndex,
          startOffsetDays: phase.startOffsetDays,
          endOffsetDays: phase.endOffsetDays,
          isOngoing: phase.endOffsetDays === null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: planPhases.id })
        .all()
      if (!phaseRow) throw new Error(`Could not create ${phase.name}`)
      phaseIds.push(phaseRow.id)
      for (const [taskIndex, task] of phase.tasks.entries()) {
        const [taskRow] = tx
          .insert(remediationTasks)
          .values({
            assessmentId: assessment.id,
            phaseId: phaseRow.id,
            position: taskIndex,
            title: task.title,
            isQuickWin: task.quickWin ?? false,
            isOngoing: phase.endOffsetDays === null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: remediationTasks.id })
          .all()
        if (!taskRow) throw new Error(`Could not create ${task.title}`)
        for (const reference of task.findings) {
          const findingId = findingIds.get(reference)
          if (findingId === undefined)
            throw new Error(`The plan names an unknown finding ${reference}`)
          tx.insert(taskFindings)
            .values({ taskId: taskRow.id, findingId })
            .run()
        }
      }
    }

    const week1PhaseId = phaseIds[1]
    const ruleGates: StandardRuleGate[] = [
      ...STANDARD_RULE_GATES,
      {
        name: 'No overdue Week 1 task',
        description: 'Every Week 1 task is done or not yet due.',
        ruleKind: 'no_overdue_tasks',
        params: week1PhaseId === undefined ? {} : { phaseId: week1PhaseId },
      },
    ]
    let position = 0
    for (const gate of ruleGates)
      tx.insert(gates)
        .values({
          assessmentId: assessment.id,
          type: 'rule',
          position: position++,
          createdAt: now,
          updatedAt: now,
          ...gate,
        })
        .run()
    for (const [name, description] of PHASE2_CHECKLIST)
      tx.insert(gates)
        .values({
          assessmentId: assessment.id,
          type: 'checklist',
          name,
          description,
          position: position++,
          createdAt: now,
          updatedAt: now,
        })
        .run()
    return assessment.id
  })
}
