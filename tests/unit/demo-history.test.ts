import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { describeForecast } from '~/domain/forecast'
import { verifyAuditChain } from '~/models/audit.server'
import {
  countFindingFigures,
  countTasksByPhase,
} from '~/models/dashboard.server'
import { loadTimeline } from '~/models/timeline.server'
import { fillDemoHistory } from '../../scripts/demo-history'
import { createTestDb } from './test-db'

describe('Demo history for the seeded Phase 2 assessment', () => {
  const { db } = createTestDb()
  const now = new Date('2026-12-13T12:00:00Z')
  seedIfEmpty(db, now)
  const result = fillDemoHistory(db, 'phase-2-backend', now)
  const assessment = db.select().from(assessments).get()

  it('moves the start ten days back and keeps the audit chain intact', () => {
    expect(result.start).toBe('2026-12-03')
    expect(assessment?.remediationStartOn).toBe('2026-12-03')
    expect(verifyAuditChain(db).intact).toBe(true)
  })

  it('leaves statuses that match the history', () => {
    const figures = countFindingFigures(db, 1, now)
    const sum = (key: 'open' | 'verified' | 'fixed') =>
      figures.reduce((total, row) => total + row[key], 0)
    expect(sum('verified')).toBe(8)
    expect(sum('fixed')).toBe(2)
    expect(sum('open')).toBe(11)
    const p2005 = db
      .select({ status: findings.status })
      .from(findings)
      .where(eq(findings.reference, 'P2-005'))
      .get()
    expect(p2005?.status).toBe('verified')
    expect(countTasksByPhase(db, 1, now).map((phase) => phase.done)).toEqual([
      3, 4, 1, 0,
    ])
  })

  it('gives a burndown that falls to the open count and a forecast', () => {
    if (!assessment) throw new Error('no assessment')
    const timeline = loadTimeline(db, assessment, now)
    expect(timeline.points[0]?.open).toBe(19)
    expect(timeline.points.at(-1)?.open).toBe(11)
    expect(timeline.forecast.kind).toBe('projected')
    expect(describeForecast(timeline.forecast, timeline.window)).toMatch(
      /^At the pace of the last 7 days/,
    )
  })

  it('refuses to run a second time', () => {
    expect(() => fillDemoHistory(db, 'phase-2-backend', now)).toThrow(
      /already has status history/,
    )
  })
})
