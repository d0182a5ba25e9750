import crypto from 'node:crypto'
import { and, count, eq, notLike } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { auditLog } from '#db/schema/audit'
import { findings } from '#db/schema/findings'
import { pdfQueueLength } from '~/reports/pdf-renderer.server'
import {
  exportReport,
  type ExportActor,
  type ExportStage,
  type ExportedFile,
} from './report-export.server'

/**
 * PDF exports that run in the background with a progress page: a large
 * sign-off report takes seconds to lay out, and the person who asked for
 * it should see where it stands rather than a browser spinner that looks
 * the same whether the server is working or stuck.
 *
 * Jobs live in this process's memory only (like the pending import
 * previews, see docs/decisions/003-rate-limits.md): a restart forgets
 * them, and the person asks again. The exported file itself is recorded
 * in the database with its digest the moment it is made, as every export
 * is.
 */
export type PdfJobStatus = 'queued' | ExportStage | 'done' | 'failed'

export interface PdfJob {
  id: string
  userId: number
  assessmentId: number
  status: PdfJobStatus
  createdAt: number
  startedAt: number | null
  finishedAt: number | null
  /** Size of the report, for the estimate and for the person waiting. */
  findings: number
  auditEntries: number
  estimateMs: number
  /** Renders ahead of this one when it was asked for. */
  queuedBehind: number
  file: ExportedFile | null
  error: string | null
}

/** A finished job's file is kept this long for its download. */
const KEEP_FINISHED_MS = 15 * 60_000
/** More waiting jobs than this and a new one is refused: the server is busy. */
const MAX_WAITING_JOBS = 10

const jobs = new Map<string, PdfJob>()

function forgetOldJobs(now: number) {
  for (const [id, job] of jobs)
    if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS)
      jobs.delete(id)
}

/**
 * The expected render time, from measurements of this renderer (about
 * 3 ms a finding row and 0.7 ms an audit line on one core, after a fixed
 * cost for the cover, summary and chart). Only shown as an estimate.
 */
export function estimatePdfMs(findingCount: number, auditCount: number) {
  return Math.round(600 + 3 * findingCount + 0.7 * auditCount)
}

function reportSize(db: Db, assessmentId: number) {
  const findingRow = db
    .select({ value: count() })
    .from(findings)
    .where(eq(findings.assessmentId, assessmentId))
    .get()
  const auditRow = db
    .select({ value: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.assessmentId, assessmentId),
        notLike(auditLog.action, 'report.%'),
      ),
    )
    .get()
  return { findings: findingRow?.value ?? 0, audit: auditRow?.value ?? 0 }
}

export type StartPdfJobResult =
  { ok: true; job: PdfJob } | { ok: false; reason: 'busy' }

/**
 * Starts a PDF export for this person, or hands back the one of theirs for
 * the same assessment that is still under way (a second click does not
 * queue a second render).
 */
export function startPdfJob(
  db: Db,
  assessmentId: number,
  actor: ExportActor & { userId: number },
  now = Date.now(),
): StartPdfJobResult {
  forgetOldJobs(now)
  const running = [...jobs.values()].find(
    (job) =>
      job.userId === actor.userId &&
      job.assessmentId === assessmentId &&
      job.finishedAt === null,
  )
  if (running) return { ok: true, job: running }
  const waiting = [...jobs.values()].filter((job) => job.finishedAt === null)
  if (waiting.length >= MAX_WAITING_JOBS) return { ok: false, reason: 'busy' }

  const size = reportSize(db, assessmentId)
  const job: PdfJob = {
    id: crypto.randomBytes(16).toString('hex'),
    userId: actor.userId,
    assessmentId,
    status: 'queued',
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    findings: size.findings,
    auditEntries: size.audit,
    estimateMs: estimatePdfMs(size.findings, size.audit),
    queuedBehind: pdfQueueLength(),
    file: null,
    error: null,
  }
  jobs.set(job.id, job)

  exportReport(db, assessmentId, 'pdf', actor, new Date(now), (stage) => {
    job.status = stage
    job.startedAt ??= Date.now()
  }).then(
    (file) => {
      job.file = file
      job.status = 'done'
      job.finishedAt = Date.now()
    },
    (error: unknown) => {
      job.error = error instanceof Error ? error.message : String(error)
      job.status = 'failed'
      job.finishedAt = Date.now()
    },
  )
  return { ok: true, job }
}

/** The job, if it exists and belongs to this person and assessment. */
export function findPdfJob(
  id: string,
  owner: { userId: number; assessmentId: number },
  now = Date.now(),
): PdfJob | null {
  forgetOldJobs(now)
  const job = jobs.get(id)
  if (!job) return null
  if (job.userId !== owner.userId || job.assessmentId !== owner.assessmentId)
    return null
  return job
}
