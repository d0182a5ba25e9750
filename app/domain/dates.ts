/**
 * Calendar days as `YYYY-MM-DD` strings in UTC. Plans and due dates are
 * whole days; keeping them as strings avoids time-zone drift and lets SQL
 * compare them as text.
 */
export type IsoDay = string

const DAY_MS = 86_400_000

export function toIsoDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10)
}

export function parseIsoDay(day: IsoDay): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a day: ${day}`)
  const date = new Date(`${day}T00:00:00.000Z`)
  if (Number.isNaN(date.getTime()) || toIsoDay(date) !== day)
    throw new Error(`Not a day: ${day}`)
  return date
}

export function isIsoDay(value: string): boolean {
  try {
    parseIsoDay(value)
    return true
  } catch {
    return false
  }
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return toIsoDay(new Date(parseIsoDay(day).getTime() + days * DAY_MS))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round(
    (parseIsoDay(to).getTime() - parseIsoDay(from).getTime()) / DAY_MS,
  )
}

/**
 * The days a person may type into a form. `isIsoDay` accepts year 0 and
 * 9999, and a plan moved that far runs its phases past year 9999, where a
 * day no longer has the `YYYY-MM-DD` form; no assessment needs dates
 * outside this century.
 */
export const EARLIEST_FORM_DAY: IsoDay = '2000-01-01'
export const LATEST_FORM_DAY: IsoDay = '2099-12-31'

export function isFormDay(value: string): boolean {
  return (
    isIsoDay(value) && value >= EARLIEST_FORM_DAY && value <= LATEST_FORM_DAY
  )
}
