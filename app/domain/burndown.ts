import { daysBetween, parseIsoDay, toIsoDay } from './dates'
import type { FindingStatus } from './finding-status'
import type { Severity } from './severity'

/**
 * Open findings per day.
 *
 * A finding counts as open at the end of a day when it existed by then and
 * its last status change up to then left it in an open status. Risk
 * acceptances count as closed here; their expiry is recorded as a reopen
 * event when it happens, which puts the finding back in the series.
 */
export interface HistoryFinding {
  id: number
  severity: Severity
  createdAt: string
}

export interface StatusEvent {
  findingId: number
  at: string
  toStatus: FindingStatus
}

export interface BurndownPoint {
  day: string
  open: number
  /** Open findings weighted by severity (critical counts more). */
  weighted: number
}

const DAY_MS = 86_400_000

const CLOSED_IN_HISTORY: ReadonlySet<FindingStatus> = new Set([
  'verified',
  'false_positive',
  'risk_accepted',
])

/** Every day from `fromDay` to `toDay`, both included (none if reversed). */
function eachDay(fromDay: string, toDay: string): string[] {
  const start = parseIsoDay(fromDay).getTime()
  return Array.from(
    { length: Math.max(0, daysBetween(fromDay, toDay) + 1) },
    (_, offset) => toIsoDay(new Date(start + offset * DAY_MS)),
  )
}

/**
 * The series replayed from the findings' creation and status events: the
 * definition of the rules above. Pages read the same series from stored
 * per-day changes (`burndownFromDeltas`); tests check the two agree.
 */
export function buildBurndown(
  findings: HistoryFinding[],
  events: StatusEvent[],
  fromDay: string,
  toDay: string,
  weights: Record<Severity, number>,
): BurndownPoint[] {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at))
  const status = new Map<number, FindingStatus>()
  const severity = new Map(
    findings.map((finding) => [finding.id, finding.severity]),
  )
  const created = [...findings].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  )
  // Running totals, adjusted as each finding opens or closes, so the cost
  // is days + events rather than days x findings: a portfolio of 500
  // assessments over three years made the per-day recount take seconds.
  let open = 0
  let weighted = 0
  const setStatus = (findingId: number, next: FindingStatus) => {
    const previous = status.get(findingId)
    const weight = weights[severity.get(findingId) ?? 'info']
    if (previous !== undefined && !CLOSED_IN_HISTORY.has(previous)) {
      open -= 1
      weighted -= weight
    }
    if (!CLOSED_IN_HISTORY.has(next)) {
      open += 1
      weighted += weight
    }
    status.set(findingId, next)
  }
  let createdIndex = 0
  let eventIndex = 0
  const points: BurndownPoint[] = []
  for (const day of eachDay(fromDay, toDay)) {
    const endOfDay = `${day}T23:59:59.999Z`
    while (
      createdIndex < created.length &&
      (created[createdIndex]?.createdAt ?? '') <= endOfDay
    ) {
      const finding = created[createdIndex]
      if (finding && !status.has(finding.id)) setStatus(finding.id, 'open')
      createdIndex++
    }
    while (
      eventIndex < sorted.length &&
      (sorted[eventIndex]?.at ?? '') <= endOfDay
    ) {
      const event = sorted[eventIndex]
      if (event && severity.has(event.findingId))
        setStatus(event.findingId, event.toStatus)
      eventIndex++
    }
    points.push({ day, open, weighted })
  }
  return points
}

/** How much the open count of one severity changed on one day. */
export interface OpenDelta {
  day: string
  severity: Severity
  delta: number
}

/**
 * The same series as `buildBurndown`, from per-day changes of the open
 * count (kept by the database as events are written) instead of a replay of
 * every event: the open count at the end of a day is the sum of the changes
 * up to it. `deltas` must be sorted by day; the ones before `fromDay` make
 * its starting level.
 */
export function burndownFromDeltas(
  deltas: OpenDelta[],
  fromDay: string,
  toDay: string,
  weights: Record<Severity, number>,
): BurndownPoint[] {
  let open = 0
  let weighted = 0
  let next = 0
  const points: BurndownPoint[] = []
  for (const day of eachDay(fromDay, toDay)) {
    while (next < deltas.length && (deltas[next]?.day ?? '') <= day) {
      const change = deltas[next]!
      open += change.delta
      weighted += change.delta * weights[change.severity]
      next++
    }
    points.push({ day, open, weighted })
  }
  return points
}
