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
