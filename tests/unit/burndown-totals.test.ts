import { describe, expect, it } from 'vitest'
import {
  buildBurndown,
  type HistoryFinding,
  type StatusEvent,
} from '~/domain/burndown'
import type { FindingStatus } from '~/domain/finding-status'
import { SEVERITIES, type Severity } from '~/domain/severity'

const WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
  info: 0,
}
const STATUSES: FindingStatus[] = [
  'in_progress',
  'fixed',
  'verified',
  'reopened',
  'risk_accepted',
  'false_positive',
]
const CLOSED = new Set<FindingStatus>([
  'verified',
  'false_positive',
  'risk_accepted',
])

/** A small deterministic generator, so a failure can be replayed. */
function sequence(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state % below
  }
}

function at(day: number, minute: number) {
  return new Date(Date.UTC(2026, 0, 1 + day, 0, minute)).toISOString()
}

/** The definition, recounted from scratch for every day. */
function recount(
  findings: HistoryFinding[],
  events: StatusEvent[],
  day: string,
) {
  const endOfDay = `${day}T23:59:59.999Z`
  let open = 0
  let weighted = 0
  for (const finding of findings) {
    if (finding.createdAt > endOfDay) continue
    const last = events
      .filter((event) => event.findingId === finding.id && event.at <= endOfDay)
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1)
    if (last && CLOSED.has(last.toStatus)) continue
    open += 1
    weighted += WEIGHTS[finding.severity]
  }
  return { open, weighted }
}

describe('buildBurndown', () => {
  it('keeps running totals equal to a recount of every day', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = sequence(seed)
      const findings: HistoryFinding[] = Array.from(
        { length: 40 },
        (_, id) => ({
          id,
          severity: SEVERITIES[next(SEVERITIES.length)] ?? 'info',
          createdAt: at(next(20), next(600)),
        }),
      )
      const events: StatusEvent[] = findings.flatMap((finding) =>
        Array.from({ length: next(5) }, () => ({
          findingId: finding.id,
          at: at(20 + next(40), next(600)),
          toStatus: STATUSES[next(STATUSES.length)] ?? 'fixed',
        })),
      )

      const points = buildBurndown(
        findings,
        events,
        '2026-01-01',
        '2026-03-15',
        WEIGHTS,
      )

      expect(points).toHaveLength(74)
      for (const point of points)
        expect({ open: point.open, weighted: point.weighted }).toEqual(
          recount(findings, events, point.day),
        )
    }
  })
})
