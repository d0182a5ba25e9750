import { desc, eq, or } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { reportExports } from '#db/schema/reports'
import { toIsoDay } from '~/domain/dates'
import { contentDigest, sha256, signedStateDigest } from '~/domain/report-state'
import { findingsToCsv } from '~/reports/csv.server'
import { assessmentToJson } from '~/reports/json-export'
import { renderReportPdfOffThread } from '~/reports/pdf-renderer.server'
import { appendAudit } from './audit.server'
import { loadReportTimeline } from './report-burndown.server'
import { loadReportState } from './report.server'

export const EXPORT_FORMATS = ['pdf', 'csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

export interface ExportActor {
  userId: number | null
  label: string
  ipAddress?: string | null
  requestId?: string | null
  /** How the export was asked for: page, api, or shared link. */
  via: 'page' | 'api' | 'shared_link'
}

/** What an export is doing, for a progress display. */
export type ExportStage = 'rendering' | 'recording'

export interface ExportedFile {
  bytes: Uint8Array
  fileName: string
  contentType: string
  contentDigest: string
  fileSha256: string
}

/** A file name the server makes: slug and day only, never user text. */
export function exportFileName(slug: string, now: Date, ext: string): string {
  const safe = slug.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 80) || 'assessment'
  return `${safe}-${toIsoDay(now)}.${ext}`
}

/**
 * Builds the file, then records its SHA-256, the content digest and the
 * signed-state digest with the audit entry in one transaction, so every
 * file Clearance hands out can be vouched for later.
 */
export async function exportReport(
  db: Db,
  assessmentId: number,
  format: ExportFormat,
  actor: ExportActor,
  now = new Date(),
  onStage: (stage: ExportStage) => void = () => {},
): Promise<ExportedFile> {
  const state = loadReportState(db, assessmentId, now)
  const digest = contentDigest(state)
  const generatedAt = now.toISOString()
  if (format !== 'pdf') onStage('rendering')
  const bytes =
    format === 'pdf'
      ? await renderReportPdfOffThread(
          {
            state,
            contentDigest: digest,
            generatedAt,
            ...loadReportTimeline(db, assessmentId, now),
          },
          () => onStage('rendering'),
        )
      : new TextEncoder().encode(
          format === 'csv'
            ? findingsToCsv(state.findings)
            : assessmentToJson(state, digest, generatedAt),
        )
  onStage('recording')
  const fileSha256 = sha256(bytes)
  db.transaction((tx) => {
    const row = tx
      .insert(reportExports)
      .values({
        assessmentId,
        userId: actor.userId,
        format,
        fileSha256,
        contentDigest: digest,
        stateDigest: signedStateDigest(state),
        createdAt: generatedAt,
      })
      .returning({ id: reportExports.id })
      .get()
    appendAudit(tx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: 'report.exported',
      entityType: 'report_export',
      entityId: row.id,
      assessmentId,
      after: { format, fileSha256, contentDigest: digest, via: actor.via },
      ipAddress: actor.ipAddress ?? null,
      requestId: actor.requestId ?? null,
    })
  })
  return {
    bytes,
    fileName: exportFileName(state.assessment.slug, now, format),
    contentType: CONTENT_TYPES[format],
    contentDigest: digest,
    fileSha256,
  }
}

export interface Verification {
  /** What matched: the file's own bytes, or only the digest it carries. */
  match: 'file' | 'content_digest' | 'none'
  exports: {
    format: string
    exportedBy: string | null
    exportedAt: string
    assessmentSlug: string
    assessmentName: string
    contentDigest: string
  }[]
  /** Whether the assessment's content changed since that export. */
  changedSince: boolean | null
  currentDigest: string | null
}

/** Finds a digest (64 hex) among the bytes of a PDF or JSON we made. */
export function findEmbeddedDigest(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes).toString('latin1')
  const match =
    /content-digest:([0-9a-f]{64})/.exec(text) ??
    /"contentDigest":\s*"([0-9a-f]{64})"/.exec(text)
  return match?.[1] ?? null
}

/**
 * Answers whether Clearance produced a file (by its SHA-256) or a report
 * with this content digest, who exported it and when, and whether the
 * assessment has changed since.
 */
export function verifyReport(
  db: Db,
  input: { digest: string } | { bytes: Uint8Array },
  now = new Date(),
): Verification {
  const digest = 'digest' in input ? input.digest.trim().toLowerCase() : null
  const fileHash = 'bytes' in input ? sha256(input.bytes) : digest
  const embedded = 'bytes' in input ? findEmbeddedDigest(input.bytes) : digest
  const lookup = (condition: ReturnType<typeof eq>) =>
    db
      .select({
        format: reportExports.format,
        exportedBy: users.name,
        exportedAt: reportExports.createdAt,
        assessmentId: reportExports.assessmentId,
        assessmentSlug: assessments.slug,
        assessmentName: assessments.name,
        contentDigest: reportExports.contentDigest,
      })
      .from(reportExports)
      .innerJoin(assessments, eq(assessments.id, reportExports.assessmentId))
      .leftJoin(users, eq(users.id, reportExports.userId))
      .where(condition)
      .orderBy(desc(reportExports.id))
      .limit(20)
      .all()
  let match: Verification['match'] = 'none'
  let rows = fileHash
    ? lookup(
        digest
          ? (or(
              eq(reportExports.fileSha256, fileHash),
              eq(reportExports.contentDigest, fileHash),
            ) as ReturnType<typeof eq>)
          : eq(reportExports.fileSha256, fileHash),
      )
    : []
  if (rows.length > 0)
    match = rows[0]?.contentDigest === digest ? 'content_digest' : 'file'
  if (rows.length === 0 && embedded) {
    rows = lookup(eq(reportExports.contentDigest, embedded))
    if (rows.length > 0) match = 'content_digest'
  }
  const first = rows[0]
  const currentDigest = first
    ? contentDigest(loadReportState(db, first.assessmentId, now))
    : null
  return {
    match,
    exports: rows.map(({ assessmentId: _id, ...row }) => row),
    changedSince: first ? currentDigest !== first.contentDigest : null,
    currentDigest,
  }
}
