import type { SeverityNumbers } from '../../db/schema/assessments'
import { addDays, type IsoDay } from './dates'
import type { Severity } from './severity'

export interface PlannedPhase {
  /** The phase's order in the plan, then the task's order inside it. */
  phasePosition: number
  taskPosition: number
  endOffsetDays: number | null
}

/**
 * A finding's due date when nobody set one: the end of the plan phase of
 * the earliest task that covers it (the plan is the commitment), else the
 * assessment's SLA for its severity counted from the finding's creation.
 * Ongoing phases have no end, so they never set a due date.
 */
export function defaultDueOn(input: {
  severity: Severity
  createdOn: IsoDay
  remediationStartOn: IsoDay
  slaDays: SeverityNumbers
  phases: readonly PlannedPhase[]
}): IsoDay {
  const earliest = input.phases
    .filter((phase) => phase.endOffsetDays !== null)
    .sort(
      (a, b) =>
        a.phasePosition - b.phasePosition || a.taskPosition - b.taskPosition,
    )[0]
  if (earliest && earliest.endOffsetDays !== null)
    return addDays(input.remediationStartOn, earliest.endOffsetDays)
  return addDays(input.createdOn, input.slaDays[input.severity])
}

/**
 * The next reference in an assessment: the prefix its references share
 * (P2 for P2-001...) and one more than the highest number, zero-padded to
 * three digits. An assessment with no references starts at F-001.
 */
export function nextFindingReference(existing: readonly string[]): string {
  let prefix = 'F'
  let highest = 0
  let width = 3
  for (const reference of existing) {
    const match = /^(.+)-(\d+)$/.exec(reference)
    if (!match?.[1] || !match[2]) continue
    const number = Number(match[2])
    if (number >= highest) {
      highest = number
      prefix = match[1]
      width = Math.max(3, match[2].length)
    }
  }
  return `${prefix}-${String(highest + 1).padStart(width, '0')}`
}
