import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportExports } from '#db/schema/reports'
import { seedIfEmpty } from '#db/seed/seed.server'
import { contentDigest, type ReportState } from '~/domain/report-state'
import { loadReportTimeline } from '~/models/report-burndown.server'
import {
  findPdfJob,
  startPdfJob,
  type PdfJob,
} from '~/models/report-jobs.server'
import { loadReportState } from '~/models/report.server'
import { createUser, type SafeUser } from '~/models/user.server'
import {
  renderReportPdfOffThread,
  stopPdfRenderer,
} from '~/reports/pdf-renderer.server'
import { createTestDb } from './test-db'

function pdfText(bytes: Uint8Array): string {
  const file = path.join(os.tmpdir(), `clearance-jobs-${process.pid}.pdf`)
  fs.writeFileSync(file, bytes)
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
  } finally {
    fs.rmSync(file)
  }
}

const { db } = createTestDb()
const now = new Date('2026-12-03T10:00:00Z')
let lead: SafeUser
let other: SafeUser

beforeAll(async () => {
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  lead = await createUser(db, {
    email: 'lead@example.test',
    name: 'Lead',
    role: 'security',
    password: 'a-long-enough-test-password',
  })
  other = await createUser(db, {
    email: 'other@example.test',
    name: 'Other',
    role: 'security',
    password: 'another-long-test-password',
  })
})

afterAll(() => stopPdfRenderer())

/** The seeded report with its findings repeated to `count` rows. */
function largeState(count: number, auditCount: number): ReportState {
  const base = loadReportState(db, 1, now)
  return {
    ...base,
    findings: Array.from({ length: count }, (_, index) => ({
      ...base.findings[index % base.findings.length]!,
      reference: `BIG-${String(index + 1).padStart(4, '0')}`,
    })),
    audit: Array.from({ length: auditCount }, (_, index) => ({
      id: index + 1,
      at: '2026-12-01T08:00:00.000Z',
      actor: index === 7 ? 'Ωmega Тест 中' : 'Sam Security',
      action: 'finding.status_changed',
      entity: `finding ${index + 1}`,
      hash: 'ab'.repeat(32),
    })),
  }
}

async function waitUntilFinished(job: PdfJob): Promise<PdfJob> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (job.finishedAt !== null) return job
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`The export was still ${job.status} after 30 s.`)
}

describe('The off-thread PDF renderer', () => {
  it('lays out a report split into parts with every finding, every audit line and continuous page numbers', async () => {
    const state = largeState(130, 300)
    const bytes = await renderReportPdfOffThread({
      state,
      contentDigest: contentDigest(state),
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    const text = pdfText(bytes)

    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    for (const finding of state.findings)
      expect(text).toContain(finding.reference)
    expect(text).toContain('finding 1 ')
    expect(text).toContain('finding 300')
    // The monospaced appendix face lacks CJK as the body face does: the
    // character shows as U+FFFD, never silently dropped.
    expect(text).toContain('Ωmega Тест \uFFFD')
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)]
    const total = Number(pages[0]?.[2])
    expect(total).toBeGreaterThan(5)
    expect(pages.map((match) => Number(match[1]))).toEqual(
      Array.from({ length: total }, (_, index) => index + 1),
    )
    // The table's header row repeats on every sheet of findings.
    const headers = text.match(/Ref\s+Title\s+Severity/g) ?? []
    expect(headers.length).toBeGreaterThan(2)
  })

  it('keeps the calling thread free while it lays out a large report', async () => {
    const state = largeState(400, 0)
    let ticks = 0
    const timer = setInterval(() => (ticks += 1), 5)
    await renderReportPdfOffThread({
      state,
      contentDigest: contentDigest(state),
      generatedAt: now.toISOString(),
      ...loadReportTimeline(db, 1, now),
    })
    clearInterval(timer)

    // Laid out on this thread, the timer could not fire during layout.
    expect(ticks).toBeGreaterThan(20)
  })
})

describe('A background PDF export', () => {
  it('runs to done, records the export, and serves its file to the person who asked only', async () => {
    const before = db.select().from(reportExports).all().length
    const started = startPdfJob(db, 1, {
      userId: lead.id,
      label: lead.email,
      via: 'page',
    })
    if (!started.ok) throw new Error('The renderer refused the job.')
    expect(started.job.findings).toBe(19)

    const again = startPdfJob(db, 1, {
      userId: lead.id,
      label: lead.email,
      via: 'page',
    })
    expect(again.ok && again.job.id).toBe(started.job.id)

    const job = await waitUntilFinished(started.job)
    expect(job.status).toBe('done')
    expect(job.error).toBeNull()
    expect(Buffer.from(job.file!.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    const recorded = db
      .select()
      .from(reportExports)
      .where(eq(reportExports.fileSha256, job.file!.fileSha256))
      .all()
    expect(recorded).toHaveLength(1)
    expect(db.select().from(reportExports).all()).toHaveLength(before + 1)

    expect(findPdfJob(job.id, { userId: lead.id, assessmentId: 1 })).toBe(job)
    expect(findPdfJob(job.id, { userId: other.id, assessmentId: 1 })).toBe(null)
    expect(findPdfJob(job.id, { userId: lead.id, assessmentId: 2 })).toBe(null)
    expect(
      findPdfJob('0'.repeat(32), { userId: lead.id, assessmentId: 1 }),
    ).toBeNull()
  })

  it('forgets a finished job after a quarter of an hour', async () => {
    const started = startPdfJob(db, 1, {
      userId: other.id,
      label: other.email,
      via: 'page',
    })
    if (!started.ok) throw new Error('The renderer refused the job.')
    const job = await waitUntilFinished(started.job)

    const owner = { userId: other.id, assessmentId: 1 }
    expect(findPdfJob(job.id, owner, job.finishedAt! + 60_000)).toBe(job)
    expect(findPdfJob(job.id, owner, job.finishedAt! + 16 * 60_000)).toBeNull()
  })
})
