import { describe, expect, it } from 'vitest'
import { seedIfEmpty } from '#db/seed/seed.server'
import { contentDigest } from '~/domain/report-state'
import { previewImport } from '~/models/import.server'
import { loadReportState } from '~/models/report.server'
import { findingsToCsv } from '~/reports/csv.server'
import { assessmentToJson } from '~/reports/json-export'
import { createTestDb } from './test-db'

describe('Reading back our own exports', () => {
  const { db } = createTestDb()
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  const state = loadReportState(db, 1)

  it('finds every finding of a JSON export unchanged', () => {
    const json = assessmentToJson(state, contentDigest(state), 'now')
    const preview = previewImport(db, 1, 'json', json)
    if (!preview.ok) throw new Error(preview.message)
    expect(preview.plan.errors).toEqual([])
    expect(preview.plan.update).toEqual([])
    expect(preview.plan.skip).toHaveLength(state.findings.length)
  })

  it('finds every finding of a CSV export unchanged', () => {
    const preview = previewImport(db, 1, 'csv', findingsToCsv(state.findings))
    if (!preview.ok) throw new Error(preview.message)
    expect(preview.plan.errors).toEqual([])
    expect(preview.plan.update).toEqual([])
    expect(preview.plan.skip).toHaveLength(state.findings.length)
  })
})
