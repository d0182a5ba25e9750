const DAY = 86_400_000

/** Day and time helpers over a fixed "today", so data is reproducible. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY)
}

export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}

export function iso(at: Date): string {
  return at.toISOString()
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY
}
