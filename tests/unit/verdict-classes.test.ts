import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { seedIfEmpty } from '#db/seed/seed.server'
import { FINDING_STATUSES } from '~/domain/finding-status'
import { SEVERITIES } from '~/domain/severity'
import { loadReadiness, loadVerdict } from '~/models/readiness.server'
import { createTestDb } from './test-db'

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('The verdict from finding classes', () => {
  const { db } = createTestDb()
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  const now = new Date('2026-12-05T10:00:00Z')
  const ids = db.select({ id: findings.id }).from(findings).all()
  db.update(gates).set({ enabled: true }).run()

  it('agrees with the full readiness on 200 random mixes of statuses, severities, blockers and acceptances', () => {
    const next = random(7)
    const pick = <T>(items: readonly T[]) =>
      items[Math.floor(next() * items.length)]!
    for (let round = 0; round < 200; round += 1) {
      for (const { id } of ids)
        db.update(findings)
          .set({
            status: pick(FINDING_STATUSES),
            severity: pick(SEVERITIES),
            isBlocker: next() < 0.2,
            riskAcceptedUntil: pick([
              null,
              '2026-12-01T00:00:00.000Z',
              '2027-01-01T00:00:00.000Z',
            ]),
            // Most rounds leave every finding in place, some archive one.
            archivedAt: next() < 0.05 ? '2026-12-02T00:00:00.000Z' : null,
          })
          .where(eq(findings.id, id))
          .run()
      const full = loadReadiness(db, 1, now)
      const classes = loadVerdict(db, 1, now)

      expect(classes.ready).toBe(full.ready)
      expect(classes.failing.map((gate) => gate.name)).toEqual(
        full.failing.map((gate) => gate.name),
      )
    }
  })

  it('becomes ready exactly when the full readiness does', () => {
    db.update(findings)
      .set({ status: 'verified', archivedAt: null, riskAcceptedUntil: null })
      .run()
    db.update(gates)
      .set({ enabled: false })
      .where(eq(gates.type, 'checklist'))
      .run()
    const later = new Date('2026-12-04T10:00:00Z')

    expect(loadReadiness(db, 1, later).ready).toBe(true)
    expect(loadVerdict(db, 1, later).ready).toBe(true)
  })
})
