import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { contentDigest } from '~/domain/report-state'
import { loadReportTimeline } from '~/models/report-burndown.server'
import { loadReportState } from '~/models/report.server'
import { renderReportPdf } from '~/reports/render-report.server'
import { createTestDb } from './test-db'

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `clearance-${process.pid}.pdf`)
  fs.writeFileSync(file, bytes)
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], {
      encoding: 'utf8',
    })
  } finally {
    fs.rmSync(file)
  }
}

describe('The PDF report', () => {
  const { db } = createTestDb()
  const now = new Date('2026-12-03T10:00:00Z')
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  db.update(findings)
    .set({ title: 'Έλεγχος πρόσβασης и Проверка доступа 中文 leak' })
    .where(eq(findings.reference, 'P2-019'))
    .run()

  it('reads back the titles, the verdict, Greek and Cyrillic, and marks what the font lacks', async () => {
    const state = loadReportState(db, 1, now)
    const digest = contentDigest(state)
    const bytes = await renderReportPdf({
      state,
      contentDigest: digest,
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    // Layout may wrap long lines; compare with whitespace collapsed.
    const text = pdfText(bytes).replace(/\s+/g, ' ')

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(text).toContain(state.assessment.name)
    expect(text).toContain('Verdict: not ready')
    expect(text).toContain('Hardcoded credentials in Git')
    expect(text).toContain('Έλεγχος')
    expect(text).toContain('Проверка')
    expect(text).toContain('\uFFFD\uFFFD leak')
    expect(text).not.toContain('中文')
    expect(text).toContain(digest)
    expect(text).toMatch(/Page 1 of \d+/)
    expect(text).toContain('OWASP compliance')
    // The dashboard's forecast rule: one day of history is too little.
    expect(text).toContain('Forecast: No forecast yet')
    expect(text).toContain('Appendix: audit trail')
  }, 60_000) // the first render loads and subsets the fonts
})
