import type { GateParams, GateRuleKind } from '../../db/schema/gates'
import { isFindingClosed, type FindingStatus } from './finding-status'
import { isAtLeast, type Severity } from './severity'

/**
 * Readiness gates, evaluated from plain data. A rule gate passes when no
 * finding or task breaks its rule; a checklist gate passes once a named
 * person has ticked it. The verdict is "ready" only when every enabled gate
 * passes. Each failed gate says which findings or tasks hold it.
 */
export interface GateFinding {
  id: number
  reference: string
  title: string
  severity: Severity
  status: FindingStatus
  isBlocker: boolean
  riskAcceptedUntil: string | null
}

export interface GateTask {
  id: number
  title: string
  phaseId: number
  status: 'todo' | 'doing' | 'done'
  /** The task's own due day, or its phase's last day. */
  dueOn: string | null
  isOngoing: boolean
  /** Findings the task remediates, and how many of them are still open. */
  linkedFindings?: number
  openLinkedFindings?: number
}

/** Done, or every finding it remediates is closed (see domain/plan). */
function isTaskComplete(task: GateTask): boolean {
  if (task.status === 'done') return true
  return (task.linkedFindings ?? 0) > 0 && task.openLinkedFindings === 0
}

export interface GateDefinition {
  id: number
  name: string
  description: string
  type: 'rule' | 'checklist'
  ruleKind: GateRuleKind | null
  params: GateParams
  enabled: boolean
  checkedBy: string | null
  checkedAt: string | null
  checkNote: string | null
}

export type GateReason =
  | {
      kind: 'finding'
      id: number
      reference: string
      title: string
      detail: string
    }
  | { kind: 'task'; id: number; title: string; detail: string }
  | { kind: 'checklist'; detail: string }

export interface GateResult {
  id: number
  name: string
  description: string
  type: 'rule' | 'checklist'
  ruleKind: GateRuleKind | null
  params: GateParams
  enabled: boolean
  passed: boolean
  reasons: GateReason[]
  /** For checklist gates: who ticked it, when, and their note. */
  checkedBy: string | null
  checkedAt: string | null
  checkNote: string | null
}

export interface Readiness {
  ready: boolean
  evaluatedAt: string
  gates: GateResult[]
  failing: GateResult[]
}

const DEFAULT_RESOLVED_STATUSES: FindingStatus[] = [
  'verified',
  'risk_accepted',
  'false_positive',
]

function findingReason(finding: GateFinding, detail: string): GateReason {
  return {
    kind: 'finding',
    id: finding.id,
    reference: finding.reference,
    title: finding.title,
    detail,
  }
}

function describeStatus(finding: GateFinding): string {
  if (finding.status === 'risk_accepted') return 'risk acceptance expired'
  return finding.status.replace('_', ' ')
}

function evaluateRule(
  gate: GateDefinition,
  findings: GateFinding[],
  tasks: GateTask[],
  now: Date,
): GateReason[] {
  const isOpen = (finding: GateFinding) => !isFindingClosed(finding, now)
  switch (gate.ruleKind) {
    case 'no_open_at_or_above': {
      const threshold = gate.params.severity ?? 'critical'
      return findings
        .filter(
          (finding) =>
            isOpen(finding) && isAtLeast(finding.severity, threshold),
        )
        .map((finding) =>
          findingReason(
            finding,
            `${finding.severity} finding is ${describeStatus(finding)}`,
          ),
        )
    }
    case 'no_open_blockers':
      return findings
        .filter((finding) => finding.isBlocker && isOpen(finding))
        .map((finding) =>
          findingReason(
            finding,
            `production blocker is ${describeStatus(finding)}`,
          ),
        )
    case 'severity_resolved': {
      const severity = gate.params.severity ?? 'high'
      const allowed =
        (gate.params.statuses as FindingStatus[] | undefined) ??
        DEFAULT_RESOLVED_STATUSES
      return findings
        .filter(
          (finding) =>
            finding.severity === severity &&
            (isOpen(finding) || !allowed.includes(finding.status)),
        )
        .map((finding) =>
          findingReason(
            finding,
            `${severity} finding is ${describeStatus(finding)}`,
          ),
        )
    }
    case 'fixed_verified':
      return findings
        .filter((finding) => finding.status === 'fixed')
        .map((finding) =>
          findingReason(finding, 'fixed but not yet verified by a retest'),
        )
    case 'no_overdue_tasks': {
      const today = now.toISOString().slice(0, 10)
      return tasks
        .filter(
          (task) =>
            !task.isOngoing &&
            !isTaskComplete(task) &&
            task.dueOn !== null &&
            task.dueOn < today &&
            (gate.params.phaseId === undefined ||
              task.phaseId === gate.params.phaseId),
        )
        .map((task) => ({
          kind: 'task' as const,
          id: task.id,
          title: task.title,
          detail: `overdue since ${task.dueOn}`,
        }))
    }
    case null:
      return [{ kind: 'checklist', detail: 'This rule gate has no rule kind.' }]
  }
}

export function evaluateGate(
  gate: GateDefinition,
  findings: GateFinding[],
  tasks: GateTask[],
  now: Date,
): GateResult {
  const reasons: GateReason[] =
    gate.type === 'checklist'
      ? gate.checkedAt
        ? []
        : [
            {
              kind: 'checklist',
              detail: 'Not yet checked by the security team.',
            },
          ]
      : evaluateRule(gate, findings, tasks, now)
  return {
    id: gate.id,
    name: gate.name,
    description: gate.description,
    type: gate.type,
    ruleKind: gate.ruleKind,
    params: gate.params,
    enabled: gate.enabled,
    passed: reasons.length === 0,
    reasons,
    checkedBy: gate.checkedBy,
    checkedAt: gate.checkedAt,
    checkNote: gate.checkNote,
  }
}

/** Every gate's result and the verdict: ready when all enabled gates pass. */
export function evaluateReadiness(
  gates: GateDefinition[],
  findings: GateFinding[],
  tasks: GateTask[],
  now: Date,
): Readiness {
  const results = gates.map((gate) => evaluateGate(gate, findings, tasks, now))
  const failing = results.filter((result) => result.enabled && !result.passed)
  return {
    ready: failing.length === 0,
    evaluatedAt: now.toISOString(),
    gates: results,
    failing,
  }
}
