import type { Severity } from '~/domain/severity'
import type { Random } from '../random'
import type { Insert } from './bulk'
import { addDays, iso, isoDay } from './calendar'
import type { GeneratedFinding } from './findings'
import { CHECKLIST_GATES } from './vocabulary'

const PHASES = [
  { name: 'Week 1', start: 0, end: 6, ongoing: false },
  { name: 'Weeks 2-4', start: 7, end: 27, ongoing: false },
  { name: 'Weeks 5-12', start: 28, end: 83, ongoing: false },
  { name: 'Ongoing hardening', start: 0, end: null, ongoing: true },
] as const

const PHASE_FOR: Record<Severity, number> = {
  critical: 0,
  high: 0,
  medium: 1,
  low: 2,
  info: 3,
}

export interface PlanInput {
  assessmentId: number
  remediationStart: Date
  createdAt: string
  members: number[]
  findings: GeneratedFinding[]
  checkedBy: number | null
}

/** Plan phases, tasks linked to findings, gates and sign-off policy. */
export class PlanWriter {
  nextPhaseId = 1
  nextTaskId = 1
  nextGateId = 1
  taskFindings = 0

  constructor(
    private readonly random: Random,
    private readonly insert: Insert,
  ) {}

  write(input: PlanInput) {
    const phaseIds = PHASES.map((phase, position) => {
      const id = this.nextPhaseId++
      this.insert('plan_phases', {
        id,
        assessment_id: input.assessmentId,
        name: phase.name,
        goal: `Close what belongs to ${phase.name.toLowerCase()}.`,
        position,
        start_offset_days: phase.start,
        end_offset_days: phase.end,
        is_ongoing: phase.ongoing ? 1 : 0,
        created_at: input.createdAt,
        updated_at: input.createdAt,
      })
      return id
    })
    const byPhase: GeneratedFinding[][] = PHASES.map(() => [])
    for (const finding of input.findings)
      if (this.random.chance(0.75))
        byPhase[PHASE_FOR[finding.severity]]?.push(finding)
    byPhase.forEach((group, phaseIndex) => {
      let position = 0
      for (let start = 0; start < group.length;) {
        const size = this.random.int(1, 6)
        this.writeTask(
          input,
          phaseIds[phaseIndex] ?? 0,
          phaseIndex,
          position++,
          group.slice(start, start + size),
        )
        start += size
      }
    })
    this.writeGates(input, phaseIds[0] ?? 0)
  }

  private writeTask(
    input: PlanInput,
    phaseId: number,
    phaseIndex: number,
    position: number,
    findings: GeneratedFinding[],
  ) {
    const id = this.nextTaskId++
    const status = findings.every((finding) => finding.closed)
      ? 'done'
      : findings.some((finding) => finding.status !== 'open')
        ? 'doing'
        : 'todo'
    const first = findings[0]
    this.insert('remediation_tasks', {
      id,
      assessment_id: input.assessmentId,
      phase_id: phaseId,
      position,
      title: `Fix ${findings.length} ${first?.severity ?? ''} finding${findings.length === 1 ? '' : 's'} (group ${position + 1})`,
      owner_id: this.random.chance(0.9)
        ? this.random.pick(input.members)
        : null,
      status,
      due_on: this.random.chance(0.1)
        ? isoDay(addDays(input.remediationStart, this.random.int(3, 60)))
        : null,
      is_quick_win: this.random.chance(0.1) ? 1 : 0,
      is_ongoing: PHASES[phaseIndex]?.ongoing ? 1 : 0,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    for (const finding of findings) {
      this.insert('task_findings', { task_id: id, finding_id: finding.id })
      this.taskFindings += 1
    }
  }

  private writeGates(input: PlanInput, week1PhaseId: number) {
    const rules: [string, string, object][] = [
      [
        'No open critical finding',
        'no_open_at_or_above',
        { severity: 'critical' },
      ],
      ['No open production blocker', 'no_open_blockers', {}],
      [
        'Every high finding verified or risk-accepted',
        'severity_resolved',
        {
          severity: 'high',
          statuses: ['verified', 'risk_accepted', 'false_positive'],
        },
      ],
      ['Every fixed finding retested', 'fixed_verified', {}],
      ['No overdue Week 1 task', 'no_overdue_tasks', { phaseId: week1PhaseId }],
    ]
    let position = 0
    const base = {
      assessment_id: input.assessmentId,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    }
    for (const [name, ruleKind, params] of rules)
      this.insert('gates', {
        ...base,
        id: this.nextGateId++,
        type: 'rule',
        rule_kind: ruleKind,
        params: JSON.stringify(params),
        name,
        position: position++,
      })
    for (const name of CHECKLIST_GATES)
      this.insert('gates', {
        ...base,
        id: this.nextGateId++,
        type: 'checklist',
        params: '{}',
        name,
        position: position++,
        checked_by_id: input.checkedBy,
        checked_at:
          input.checkedBy === null
            ? null
            : iso(addDays(input.remediationStart, 80)),
        check_note:
          input.checkedBy === null ? null : 'Done and recorded in the ticket.',
      })
  }
}
