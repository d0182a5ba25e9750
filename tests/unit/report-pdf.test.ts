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

  it('prints every reason of a gate whose reasons run longer than a page', async () => {
    const state = loadReportState(db, 1, now)
    const reasons = Array.from(
      { length: 150 },
      (_, index) => `Finding X-${String(index + 1).padStart(4, '0')} is open`,
    )
    const [first, ...rest] = state.gates
    const bytes = await renderReportPdf({
      state: {
        ...state,
        gates: [{ ...first!, passed: false, reasons }, ...rest],
      },
      contentDigest: contentDigest(state),
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    const text = pdfText(bytes)

    // react-pdf leaves out an unbreakable box taller than a page.
    for (const reason of [reasons[0]!, reasons[99]!, reasons[149]!])
      expect(text).toContain(reason)
  }, 60_000)

  it('prints every evidence link of a finding that has more than fit on a page', async () => {
    const state = loadReportState(db, 1, now)
    const links = Array.from({ length: 60 }, (_, index) => ({
      kind: 'pr',
      value: `https://git.example.test/backend/pull/${1000 + index}`,
      addedBy: 'Erin Engineer',
      addedAt: '2026-12-02T10:00:00.000Z',
    }))
    const [first, ...rest] = state.findings
    const bytes = await renderReportPdf({
      state: { ...state, findings: [{ ...first!, evidence: links }, ...rest] },
      contentDigest: contentDigest(state),
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    const text = pdfText(bytes).replace(/\s+/g, '')

    for (const index of [0, 30, 59])
      expect(text).toContain(`pull/${1000 + index}`)
    expect(text).toContain(first!.title.replace(/\s+/g, ''))
  }, 60_000)

  it('prints the whole of a risk acceptance whose texts run longer than a page', async () => {
    const state = loadReportState(db, 1, now)
    const long = (word: string) =>
      Array.from({ length: 600 }, (_, index) => `${word}${index}`).join(' ')
    const bytes = await renderReportPdf({
      state: {
        ...state,
        riskAcceptances: [
          {
            reference: 'P2-007',
            status: 'approved',
            justification: long('because'),
            compensatingControls: long('control'),
            expiresOn: '2027-03-01',
            requestedBy: 'Erin Engineer',
            approvedBy: 'Sam Security',
            decidedAt: '2026-12-02',
          },
        ],
      },
      contentDigest: contentDigest(state),
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    const text = pdfText(bytes).replace(/\s+/g, ' ')

    expect(text).toContain('because0 because1')
    expect(text).toContain('because599')
    expect(text).toContain('control599')
    expect(text).toContain('approved by Sam Security')
  }, 60_000)
})
