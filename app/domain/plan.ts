import { addDays, type IsoDay } from './dates'
import { isFindingClosed, type FindingStatus } from './finding-status'

/**
 * The remediation plan's rules, over plain data. A phase is stored as day
 * offsets from the assessment's remediation start, so its dates are derived
 * here and rescheduling the sprint is one change. A task's progress follows
 * the findings it remediates.
 */
export interface PhaseOffsets {
  startOffsetDays: number
  endOffsetDays: number | null
  isOngoing: boolean
}

export interface PhaseDates {
  startOn: IsoDay
  /** Inclusive last day; null for an ongoing phase. */
  endOn: IsoDay | null
}

export function phaseDates(
  remediationStartOn: IsoDay,
  phase: PhaseOffsets,
): PhaseDates {
  return {
    startOn: addDays(remediationStartOn, phase.startOffsetDays),
    endOn:
      phase.isOngoing || phase.endOffsetDays === null
        ? null
        : addDays(remediationStartOn, phase.endOffsetDays),
  }
}

/** A task's own due day, or else its phase's last day (none when ongoing). */
export function taskDueOn(
  task: { dueOn: IsoDay | null; isOngoing: boolean },
  phase: PhaseDates,
): IsoDay | null {
  if (task.dueOn) return task.dueOn
  return task.isOngoing ? null : phase.endOn
}

export interface LinkedFinding {
  status: FindingStatus
  riskAcceptedUntil: string | null
}

export type TaskProgress =
  /** Marked done, and every linked finding is closed. */
  | 'done'
  /** Every linked finding is closed, whatever the task's own status. */
  | 'complete_by_findings'
  /** Marked done while a linked finding is still open. */
  | 'done_but_open'
  | 'doing'
  | 'todo'

/**
 * How far a task really is. The findings are the evidence: a task whose
 * findings are all closed is complete even if nobody ticked it, and a task
 * ticked done while one of its findings is open is flagged, not trusted.
 */
export function taskProgress(
  task: { status: 'todo' | 'doing' | 'done' },
  findings: LinkedFinding[],
  now: Date,
): TaskProgress {
  const openCount = findings.filter(
    (finding) => !isFindingClosed(finding, now),
  ).length
  if (task.status === 'done') return openCount === 0 ? 'done' : 'done_but_open'
  if (findings.length > 0 && openCount === 0) return 'complete_by_findings'
  return task.status
}

export function isTaskComplete(progress: TaskProgress): boolean {
  return progress === 'done' || progress === 'complete_by_findings'
}

/**
 * Overdue when past its due day and not complete. Ongoing work is never
 * overdue. The no-overdue-tasks gate uses the same rule.
 */
export function isTaskOverdue(
  task: { isOngoing: boolean; dueOn: IsoDay | null },
  progress: TaskProgress,
  today: IsoDay,
): boolean {
  if (task.isOngoing || task.dueOn === null) return false
  return !isTaskComplete(progress) && task.dueOn < today
}

/** A phase is overdue once its end has passed with a task still overdue. */
export function isPhaseOverdue(
  phase: PhaseDates & { isOngoing: boolean },
  tasksOverdue: boolean[],
  today: IsoDay,
): boolean {
  if (phase.isOngoing || phase.endOn === null) return false
  return phase.endOn < today && tasksOverdue.some(Boolean)
}

/**
 * The due days a reschedule should carry along: each non-ongoing phase's
 * old last day mapped to its new one. Findings due on a phase's last day
 * follow that phase.
 */
export function shiftedPhaseEnds(
  oldStartOn: IsoDay,
  newStartOn: IsoDay,
  phases: PhaseOffsets[],
): Map<IsoDay, IsoDay> {
  const ends = new Map<IsoDay, IsoDay>()
  for (const phase of phases) {
    const before = phaseDates(oldStartOn, phase).endOn
    const after = phaseDates(newStartOn, phase).endOn
    if (before !== null && after !== null) ends.set(before, after)
  }
  return ends
}
