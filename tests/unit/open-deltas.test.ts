import fs from 'node:fs'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { findingEvents, findingOpenDeltas, findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import {
  buildBurndown,
  type HistoryFinding,
  type StatusEvent,
} from '~/domain/burndown'
import { addDays } from '~/domain/dates'
import { FINDING_STATUSES } from '~/domain/finding-status'
import { forecastCompletion, targetWindow } from '~/domain/forecast'
import { rebuildOpenDeltas } from '~/models/open-deltas.server'
import { loadTimeline } from '~/models/timeline.server'
import { createTestDb } from './test-db'

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

/**
 * The burndown and forecast pages read `finding_open_deltas`, which a
 * trigger keeps as events are written (drizzle/0002_open-deltas.sql). The
 * rules are defined by the replay of every event (`buildBurndown`); these
 * tests check the stored changes give the same series and forecast, on
 * histories written in order and out of order, and that the migration's
 * backfill of existing events gives the same rows as the trigger.
 */
describe('The burndown kept by the database', () => {
  const { db, sqlite } = createTestDb()
  seedIfEmpty(db, new Date('2026-11-01T09:00:00Z'))
  const assessment = db.select().from(assessments).get()!
  const ids = db
    .select({ id: findings.id, severity: findings.severity })
    .from(findings)
    .where(eq(findings.assessmentId, assessment.id))
    .all()
  const start = '2026-11-02'
  const shape = {
    ...assessment,
    remediationStartOn: start,
    targetWeeksMin: 2,
    targetWeeksMax: 3,
  }

  /** The replay: every created, status and archived event, oldest first. */
  function replay(today: string) {
    const rows = db
      .select()
      .from(findingEvents)
      .where(
        and(
          eq(findingEvents.assessmentId, assessment.id),
          inArray(findingEvents.kind, ['created', 'status', 'archived']),
        ),
      )
      .orderBy(asc(findingEvents.createdAt), asc(findingEvents.id))
      .all()
    const created: HistoryFinding[] = []
    const events: StatusEvent[] = []
    let closures = 0
    for (const row of rows) {
      if (row.kind === 'created')
        created.push({
          id: row.findingId,
          severity: row.severity,
          createdAt: row.createdAt,
        })
      else if (row.kind === 'archived')
        events.push({
          findingId: row.findingId,
          at: row.createdAt,
          toStatus: 'false_positive',
        })
      else if (row.toStatus) {
        events.push({
          findingId: row.findingId,
          at: row.createdAt,
          toStatus: row.toStatus,
        })
        if (
          ['verified', 'false_positive', 'risk_accepted'].includes(row.toStatus)
        )
          closures += 1
      }
    }
    const window = targetWindow(start, 2, 3)
    const points = buildBurndown(
      created,
      events,
      start,
      today,
      assessment.severityWeights,
    )
    return {
      points,
      forecast: forecastCompletion(points, closures > 0, window, today),
    }
  }

  /**
   * A fresh random history: each finding created on some day (some before
   * the start), then random status changes and archivals, these written in
   * a random order when `shuffled`, as an import or a generator may do.
   */
  function randomHistory(next: () => number, shuffled: boolean) {
    db.delete(findingEvents).run()
    db.delete(findingOpenDeltas).run()
    const rows: (typeof findingEvents.$inferInsert)[] = []
    const createdOn = new Map<number, number>()
    for (const { id, severity } of ids) {
      const offset = Math.floor(next() * 30) - 10
      createdOn.set(id, offset)
      rows.push({
        findingId: id,
        assessmentId: assessment.id,
        kind: 'created',
        severity,
        createdAt: `${addDays(start, offset)}T08:00:00.000Z`,
      })
    }
    const count = Math.floor(next() * 80)
    for (let index = 0; index < count; index += 1) {
      const finding = ids[Math.floor(next() * ids.length)]!
      // After the finding's creation, in whole hours so several events
      // often share one instant.
      const offset = createdOn.get(finding.id)! + Math.floor(next() * 30)
      const hour = String(9 + Math.floor(next() * 14)).padStart(2, '0')
      const archived = next() < 0.05
      rows.push({
        findingId: finding.id,
        assessmentId: assessment.id,
        kind: archived ? 'archived' : 'status',
        toStatus: archived
          ? null
          : FINDING_STATUSES[Math.floor(next() * FINDING_STATUSES.length)]!,
        severity: finding.severity,
        createdAt: `${addDays(start, offset)}T${hour}:00:00.000Z`,
      })
    }
    // A finding's `created` event is always written first (with the
    // finding); its other events may come in any order.
    if (shuffled)
      for (let index = rows.length - 1; index > ids.length; index -= 1) {
        const other = ids.length + Math.floor(next() * (index + 1 - ids.length))
        ;[rows[index], rows[other]] = [rows[other]!, rows[index]!]
      }
    for (const row of rows) db.insert(findingEvents).values(row).run()
  }

  it('gives the replay’s series and forecast on 120 random histories, in order and out of order', () => {
    const next = random(5)
    const kinds = new Set<string>()
    for (let round = 0; round < 120; round += 1) {
      randomHistory(next, round % 2 === 1)
      for (const offset of [-2, 0, 2, 5, 8, 15, 30, 50]) {
        const today = addDays(start, offset)
        const stored = loadTimeline(
          db,
          shape,
          new Date(`${today}T23:00:00.000Z`),
        )
        const replayed = replay(today)
        expect(stored.points).toEqual(replayed.points)
        expect(stored.forecast).toEqual(replayed.forecast)
        kinds.add(stored.forecast.kind)
      }
    }
    // The histories reach every kind of forecast but "done" (covered below),
    // so the agreement covers each of them.
    expect([...kinds].sort()).toEqual(['insufficient', 'projected', 'stalled'])
  })

  it('reaches zero open and a "done" forecast when every finding is closed', () => {
    randomHistory(random(9), false)
    for (const { id, severity } of ids)
      db.insert(findingEvents)
        .values({
          findingId: id,
          assessmentId: assessment.id,
          kind: 'status',
          toStatus: 'verified',
          severity,
          createdAt: `${addDays(start, 45)}T12:00:00.000Z`,
        })
        .run()
    const today = addDays(start, 46)
    const stored = loadTimeline(db, shape, new Date(`${today}T10:00:00.000Z`))
    expect(stored.points.at(-1)?.open).toBe(0)
    expect(stored.forecast.kind).toBe('done')
    expect(stored.points).toEqual(replay(today).points)
  })

  it('the migration’s backfill and the rebuild of one assessment write what the trigger wrote', () => {
    randomHistory(random(3), true)
    const rows = () =>
      db
        .select()
        .from(findingOpenDeltas)
        .all()
        .filter((row) => row.delta !== 0)
        .sort((a, b) =>
          `${a.day}${a.severity}`.localeCompare(`${b.day}${b.severity}`),
        )
    const byTrigger = rows()
    expect(byTrigger.length).toBeGreaterThan(10)

    const migration = fs.readFileSync('drizzle/0002_open-deltas.sql', 'utf8')
    const backfill = migration
      .split('--> statement-breakpoint')
      .find((statement) => statement.includes('lag('))!
    db.delete(findingOpenDeltas).run()
    sqlite.exec(backfill)
    expect(rows()).toEqual(byTrigger)

    db.delete(findingOpenDeltas).run()
    rebuildOpenDeltas(db, assessment.id)
    expect(rows()).toEqual(byTrigger)
  })
})
