import { describe, expect, it } from 'vitest'
import {
  buildBurndown,
  type HistoryFinding,
  type StatusEvent,
} from '~/domain/burndown'
import {
  buildTimeline,
  describeForecast,
  forecastCompletion,
  targetWindow,
} from '~/domain/forecast'

const weights = { critical: 10, high: 5, medium: 2, low: 1, info: 0 }
const start = '2026-12-01'
const window = targetWindow(start, 2, 3)

// Twenty medium findings, all reported on the first morning.
const findings: HistoryFinding[] = Array.from({ length: 20 }, (_, index) => ({
  id: index + 1,
  severity: 'medium',
  createdAt: `${start}T08:00:00Z`,
}))

function verifiedOn(findingId: number, day: string): StatusEvent {
  return { findingId, at: `${day}T15:00:00Z`, toStatus: 'verified' }
}

function forecastFor(events: StatusEvent[], today: string) {
  const points = buildBurndown(findings, events, start, today, weights)
  const closures = events.filter((event) => event.toStatus === 'verified')
  return forecastCompletion(points, closures.length > 0, window, today)
}

describe('Forecast of the completion date', () => {
  it('refuses to guess when nothing has closed', () => {
    const forecast = forecastFor([], '2026-12-08')
    expect(forecast.kind).toBe('insufficient')
    expect(describeForecast(forecast, window)).toBe(
      'No forecast yet: no finding has closed yet.',
    )
  })

  it('refuses to guess in the first days of the sprint', () => {
    const forecast = forecastFor([verifiedOn(1, '2026-12-01')], '2026-12-03')
    expect(forecast.kind).toBe('insufficient')
    expect(describeForecast(forecast, window)).toContain(
      'a forecast needs at least 3',
    )
  })

  it('projects the steady pace of the last seven days', () => {
    // Two findings verified every day from day 2 to day 8: 14 closed.
    const events: StatusEvent[] = []
    let id = 1
    for (let day = 2; day <= 8; day++)
      for (let count = 0; count < 2; count++)
        events.push(verifiedOn(id++, `2026-12-0${day}`))
    const forecast = forecastFor(events, '2026-12-08')
    expect(forecast).toMatchObject({
      kind: 'projected',
      openNow: 6,
      windowDays: 7,
      pacePerDay: 2,
      projectedOn: '2026-12-11',
      standing: 'ahead',
    })
    expect(describeForecast(forecast, window)).toBe(
      'At the pace of the last 7 days (2.0 findings closed a day, net of reopens), the 6 open findings close by 2026-12-11: by the 2-week mark.',
    )
  })

  it('places a slow pace past the 3-week deadline', () => {
    const events = [verifiedOn(1, '2026-12-04'), verifiedOn(2, '2026-12-07')]
    const forecast = forecastFor(events, '2026-12-08')
    // 2 closed in 7 days: 18 left at 2/7 a day is 63 days.
    expect(forecast).toMatchObject({
      kind: 'projected',
      projectedOn: '2027-02-09',
      standing: 'late',
    })
  })

  it('places a middling pace within the window', () => {
    const events = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) =>
      verifiedOn(id, `2026-12-0${Math.min(8, 2 + Math.floor(id / 2))}`),
    )
    const forecast = forecastFor(events, '2026-12-08')
    // 10 closed in 7 days, 10 left: 7 more days; the 2-week mark is 12-14.
    expect(forecast).toMatchObject({
      kind: 'projected',
      projectedOn: '2026-12-15',
      standing: 'within',
    })
  })

  it('reports a stall when the last week closed nothing', () => {
    const events = [verifiedOn(1, '2026-12-02'), verifiedOn(2, '2026-12-02')]
    const forecast = forecastFor(events, '2026-12-12')
    expect(forecast).toEqual({ kind: 'stalled', openNow: 18, windowDays: 7 })
    expect(describeForecast(forecast, window)).toContain('Stalled')
  })

  it('counts a reopen against the pace', () => {
    const events: StatusEvent[] = [
      verifiedOn(1, '2026-12-03'),
      verifiedOn(2, '2026-12-04'),
      verifiedOn(3, '2026-12-05'),
      { findingId: 3, at: '2026-12-06T10:00:00Z', toStatus: 'reopened' },
    ]
    const forecast = forecastFor(events, '2026-12-06')
    // Five days in: a window of 5 days, 20 -> 18 open, a net 0.4 a day.
    expect(forecast).toMatchObject({
      kind: 'projected',
      openNow: 18,
      windowDays: 5,
      projectedOn: '2027-01-20',
    })
  })

  it('says there is nothing left when every finding is closed', () => {
    const events = findings.map((finding) =>
      verifiedOn(finding.id, '2026-12-04'),
    )
    expect(forecastFor(events, '2026-12-05')).toEqual({
      kind: 'done',
      openNow: 0,
    })
  })
})

describe('Timeline for the burndown chart', () => {
  it('draws ideal lines to zero at both marks and a forecast line from today', () => {
    const events = findings
      .slice(0, 10)
      .map((finding) => verifiedOn(finding.id, '2026-12-04'))
    const today = '2026-12-08'
    const points = buildBurndown(findings, events, start, today, weights)
    const forecast = forecastCompletion(points, true, window, today)
    const rows = buildTimeline(points, window, forecast, today)
    expect(rows[0]).toMatchObject({ day: start, open: 20 })
    expect(
      rows.find((row) => row.day === window.earlyMark)?.idealEarly,
    ).toEqual({ open: 0, weighted: 0 })
    expect(rows.at(-1)?.day).toBe(window.deadline)
    expect(rows.at(-1)?.idealDeadline.open).toBe(0)
    expect(rows.find((row) => row.day === '2026-12-09')?.open).toBeNull()
    expect(rows.find((row) => row.day === today)?.forecast?.open).toBe(10)
    expect(forecast.kind === 'projected' && forecast.projectedOn).toBe(
      '2026-12-15',
    )
    expect(rows.find((row) => row.day === '2026-12-15')?.forecast?.open).toBe(0)
    expect(rows.find((row) => row.day === '2026-12-16')?.forecast).toBeNull()
  })
})
