import type { BurndownPoint } from './burndown'
import { addDays, daysBetween, type IsoDay } from './dates'

/**
 * When will the open findings be closed? The forecast extrapolates the
 * recent pace: the net fall of the open count over the last days of history
 * (closures minus reopens and new findings), divided by those days. It
 * refuses to guess when the history is too short or nothing has closed yet,
 * and says "stalled" rather than projecting a date that never comes.
 */
export const PACE_WINDOW_DAYS = 7
export const MIN_HISTORY_DAYS = 3

/**
 * The target window counts whole days like the plan does: a 2-week target
 * starting on day 0 ends with day 13, inclusive.
 */
export interface TargetWindow {
  start: IsoDay
  /** The last day of the shorter target (2 weeks for Phase 2). */
  earlyMark: IsoDay
  /** The last day of the longer target: the deadline. */
  deadline: IsoDay
  weeksMin: number
  weeksMax: number
}

export function targetWindow(
  start: IsoDay,
  weeksMin: number,
  weeksMax: number,
): TargetWindow {
  return {
    start,
    earlyMark: addDays(start, weeksMin * 7 - 1),
    deadline: addDays(start, weeksMax * 7 - 1),
    weeksMin,
    weeksMax,
  }
}

export type ForecastStanding = 'ahead' | 'within' | 'late'

export type Forecast =
  | { kind: 'done'; openNow: 0 }
  | { kind: 'insufficient'; openNow: number; reason: string }
  | { kind: 'stalled'; openNow: number; windowDays: number }
  | {
      kind: 'projected'
      openNow: number
      windowDays: number
      pacePerDay: number
      projectedOn: IsoDay
      standing: ForecastStanding
    }

/**
 * `points` is the burndown from the start to `today` (one point a day);
 * `anyClosed` says whether any finding has ever been closed by a status
 * change (without one there is no pace to speak of).
 */
export function forecastCompletion(
  points: BurndownPoint[],
  anyClosed: boolean,
  window: TargetWindow,
  today: IsoDay,
): Forecast {
  const openNow = points.at(-1)?.open ?? 0
  if (openNow === 0 && points.length > 0) return { kind: 'done', openNow: 0 }
  const elapsed = daysBetween(window.start, today)
  if (elapsed < MIN_HISTORY_DAYS)
    return {
      kind: 'insufficient',
      openNow,
      reason:
        elapsed < 0
          ? 'remediation has not started yet'
          : `remediation started ${elapsed === 0 ? 'today' : `${plural(elapsed, 'day')} ago`}; a forecast needs at least ${MIN_HISTORY_DAYS} days of history`,
    }
  if (!anyClosed)
    return {
      kind: 'insufficient',
      openNow,
      reason: 'no finding has closed yet',
    }
  const windowDays = Math.min(PACE_WINDOW_DAYS, elapsed, points.length - 1)
  const before = points[points.length - 1 - windowDays]?.open ?? openNow
  const netClosed = before - openNow
  if (netClosed <= 0) return { kind: 'stalled', openNow, windowDays }
  const pacePerDay = netClosed / windowDays
  const projectedOn = addDays(today, Math.ceil(openNow / pacePerDay))
  const standing: ForecastStanding =
    projectedOn <= window.earlyMark
      ? 'ahead'
      : projectedOn <= window.deadline
        ? 'within'
        : 'late'
  return {
    kind: 'projected',
    openNow,
    windowDays,
    pacePerDay,
    projectedOn,
    standing,
  }
}

export function standingLabel(
  standing: ForecastStanding,
  window: TargetWindow,
): string {
  if (standing === 'ahead') return `by the ${window.weeksMin}-week mark`
  if (standing === 'within')
    return `within the ${window.weeksMin}-${window.weeksMax} week window`
  return `past the ${window.weeksMax}-week deadline`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The forecast in one sentence, with the method in it. */
export function describeForecast(
  forecast: Forecast,
  window: TargetWindow,
): string {
  switch (forecast.kind) {
    case 'done':
      return 'No finding is open: nothing left to forecast.'
    case 'insufficient':
      return `No forecast yet: ${forecast.reason}.`
    case 'stalled':
      return `Stalled: the open count has not fallen over the last ${plural(forecast.windowDays, 'day')}, so no completion date can be projected for the ${plural(forecast.openNow, 'open finding')}.`
    case 'projected':
      return `At the pace of the last ${plural(forecast.windowDays, 'day')} (${forecast.pacePerDay.toFixed(1)} findings closed a day, net of reopens), the ${plural(forecast.openNow, 'open finding')} close by ${forecast.projectedOn}: ${standingLabel(forecast.standing, window)}.`
  }
}

export interface TimelineRow {
  day: IsoDay
  /** Actual values, up to today; null after it. */
  open: number | null
  weighted: number | null
  /** Straight lines from the start value to zero at each mark. */
  idealEarly: { open: number; weighted: number }
  idealDeadline: { open: number; weighted: number }
  /** From today's value to zero on the projected day; null elsewhere. */
  forecast: { open: number; weighted: number } | null
}

function towardZero(value: number, step: number, steps: number): number {
  if (steps <= 0) return 0
  return Math.max(0, Math.round(value * (1 - step / steps) * 10) / 10)
}

/**
 * Rows for the burndown chart and its table: from the start to the later of
 * today and the deadline (and the projected day, up to three weeks past the
 * deadline), with the ideal lines and the forecast line.
 */
export function buildTimeline(
  points: BurndownPoint[],
  window: TargetWindow,
  forecast: Forecast,
  today: IsoDay,
): TimelineRow[] {
  const first = points[0]
  if (!first) return []
  const last = points.at(-1) ?? first
  const projected = forecast.kind === 'projected' ? forecast.projectedOn : null
  let end = today > window.deadline ? today : window.deadline
  if (projected && projected > end) {
    const cap = addDays(window.deadline, 21)
    end = projected < cap ? projected : cap
  }
  const earlySteps = daysBetween(window.start, window.earlyMark)
  const deadlineSteps = daysBetween(window.start, window.deadline)
  const forecastSteps = projected ? daysBetween(today, projected) : 0
  const rows: TimelineRow[] = []
  const total = daysBetween(window.start, end)
  for (let offset = 0; offset <= total; offset++) {
    const day = addDays(window.start, offset)
    const point = points[offset]
    const sinceToday = daysBetween(today, day)
    rows.push({
      day,
      open: day <= today ? (point?.open ?? null) : null,
      weighted: day <= today ? (point?.weighted ?? null) : null,
      idealEarly: {
        open: towardZero(first.open, offset, earlySteps),
        weighted: towardZero(first.weighted, offset, earlySteps),
      },
      idealDeadline: {
        open: towardZero(first.open, offset, deadlineSteps),
        weighted: towardZero(first.weighted, offset, deadlineSteps),
      },
      forecast:
        projected && sinceToday >= 0 && day <= projected
          ? {
              open: towardZero(last.open, sinceToday, forecastSteps),
              weighted: towardZero(last.weighted, sinceToday, forecastSteps),
            }
          : null,
    })
  }
  return rows
}
