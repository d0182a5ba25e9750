import type { Stats } from './measure'

/**
 * The product's performance targets, as the issue states them. A target is
 * judged on every limit it sets: what the app adds over the raw SQL floor
 * (median minus floor median), its p95, or its own median.
 */
export interface Goal {
  overheadMs?: number
  p95Ms?: number
  medianMs?: number
}

/** Pages, API reads and the in-process model: at most 10 ms over the floor. */
export const OVERHEAD_GOAL: Goal = { overheadMs: 10, p95Ms: 100 }
export const STATUS_CHANGE_GOAL: Goal = { medianMs: 20, p95Ms: 100 }
export const THROUGHPUT_GOAL_SHARE = 0.5
export const BUNDLE_GOAL_KB = 250

export interface Verdict {
  met: boolean
  /** The limits that were missed, e.g. "overhead 14.2 > 10 ms". */
  misses: string[]
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))

export function describeGoal(goal: Goal): string {
  const parts: string[] = []
  if (goal.overheadMs !== undefined)
    parts.push(`overhead ≤ ${goal.overheadMs} ms`)
  if (goal.medianMs !== undefined) parts.push(`median ≤ ${goal.medianMs} ms`)
  if (goal.p95Ms !== undefined) parts.push(`p95 ≤ ${goal.p95Ms} ms`)
  return parts.join(', ')
}

export function judgeGoal(
  goal: Goal,
  app: Stats,
  floor: Stats | null,
): Verdict {
  const misses: string[] = []
  if (goal.overheadMs !== undefined) {
    if (!floor) misses.push('overhead unknown (no floor)')
    else {
      const overhead = app.median - floor.median
      if (overhead > goal.overheadMs)
        misses.push(`overhead ${ms(overhead)} > ${goal.overheadMs} ms`)
    }
  }
  if (goal.medianMs !== undefined && app.median > goal.medianMs)
    misses.push(`median ${ms(app.median)} > ${goal.medianMs} ms`)
  if (goal.p95Ms !== undefined && app.p95 > goal.p95Ms)
    misses.push(`p95 ${ms(app.p95)} > ${goal.p95Ms} ms`)
  return { met: misses.length === 0, misses }
}
