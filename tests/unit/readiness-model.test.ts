import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { seedIfEmpty } from '#db/seed/seed.server'
import { loadReadiness } from '~/models/readiness.server'
import { createTestDb } from './test-db'

describe('Readiness of the seeded Phase 2 assessment', () => {
  const { db } = createTestDb()
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))

  it('is not ready, and the blocker gate names the four blockers', () => {
    const readiness = loadReadiness(db, 1, new Date('2026-12-03T10:00:00Z'))
    expect(readiness.ready).toBe(false)
    const blockers = readiness.gates.find(
      (gate) => gate.name === 'No open production blocker',
    )
    expect(
      blockers?.reasons.map((reason) =>
        reason.kind === 'finding' ? reason.reference : '',
      ),
    ).toEqual(['P2-001', 'P2-002', 'P2-003', 'P2-005'])
    // Week 1 is not yet overdue on the first day.
    expect(
      readiness.gates.find((gate) => gate.name === 'No overdue Week 1 task')
        ?.passed,
    ).toBe(true)
  })

  it('flags Week 1 tasks overdue once the week has passed', () => {
    const readiness = loadReadiness(db, 1, new Date('2026-12-10T10:00:00Z'))
    const overdue = readiness.gates.find(
      (gate) => gate.name === 'No overdue Week 1 task',
    )
    expect(overdue?.passed).toBe(false)
    expect(overdue?.reasons).toHaveLength(5)
  })

  it('becomes ready when every finding is verified and every checklist item ticked', () => {
    db.update(findings)
      .set({ status: 'verified' })
      .where(eq(findings.assessmentId, 1))
      .run()
    db.update(gates)
      .set({ checkedAt: '2026-12-04T00:00:00Z' })
      .where(eq(gates.type, 'checklist'))
      .run()
    expect(loadReadiness(db, 1, new Date('2026-12-04T10:00:00Z')).ready).toBe(
      true,
    )
  })
})
